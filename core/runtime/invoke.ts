/**
 * Argument and result transfer for calls into Wasm. Two conventions:
 * - raw: exact values — i32 as number, i64 as bigint, f32 as its u32 bits (number), f64 as its
 *   u64 bits (bigint), references as the engine's reference values (FuncInst, extern value, null);
 * - js: the JS API's values — f32/f64 as numbers, i64 as bigint, with JS API coercions.
 */
import { Trap, TrapCode } from '../errors.js';
import { coerce, execute, readJs, writeJs } from '../exec/interpreter.js';
import { Status, type Machine } from '../exec/machine.js';
import { ValType } from '../types.js';
import type { FuncInst } from '../exec/objects.js';

export function writeRaw(m: Machine, slot: number, t: ValType, v: unknown): void {
  switch (t) {
    case ValType.I32:
    case ValType.F32:
      m.i32[slot << 1] = v as number;
      break;
    case ValType.I64:
    case ValType.F64:
      m.i64[slot] = BigInt.asIntN(64, v as bigint);
      break;
    default:
      m.refs[slot] = v;
  }
}

export function readRaw(m: Machine, slot: number, t: ValType): unknown {
  switch (t) {
    case ValType.I32:
      return m.i32[slot << 1];
    case ValType.F32:
      return m.i32[slot << 1]! >>> 0;
    case ValType.I64:
      return m.i64[slot];
    case ValType.F64:
      return m.u64[slot];
    default:
      return m.refs[slot];
  }
}

export function writeArgs(m: Machine, f: FuncInst, fp: number, args: readonly unknown[], raw: boolean): void {
  const t = f.type;
  if (args.length !== t.params.length && raw) throw new TypeError(`expected ${t.params.length} arguments, got ${args.length}`);
  for (let i = 0; i < t.params.length; i++) {
    const pt = t.params[i]!;
    if (raw) writeRaw(m, fp + i, pt, args[i]);
    else writeJs(m, fp + i, pt, coerce(pt, args[i]));
  }
}

export function readResults(m: Machine, f: FuncInst, fp: number, raw: boolean): unknown[] {
  return f.type.results.map((rt, i) => (raw ? readRaw(m, fp + i, rt) : readJs(m, fp + i, rt)));
}

/** What a call needs from its store (Store implements it; kept here so invoke.ts need not import it). */
export interface CallAccounting {
  /** allocate the machine's reference array (the callee takes or returns references) */
  needRefs(): void;
  getFuel(): number;
  /** charge a finished top-level call's fuel to the budget report */
  account(fuelBefore: number): void;
}

export interface ActiveCall {
  readonly fp: number;
  readonly saveDepth: number;
  readonly fuelBefore: number;
  readonly topLevel: boolean;
  start(): Status;
}

/** Place the arguments on `m` and prepare the call; `start()` runs it. */
export function beginCall(store: CallAccounting, m: Machine, f: FuncInst, args: readonly unknown[], raw: boolean): ActiveCall {
  const fp = m.sp;
  const need = Math.max(f.type.params.length, f.type.results.length, 1);
  if (f.usesRefs) store.needRefs();
  if (fp + need > m.slots || m.depth >= m.maxDepth) throw new Trap(TrapCode.CallStackExhausted);
  writeArgs(m, f, fp, args, raw);
  return {
    fp,
    saveDepth: m.depth,
    fuelBefore: store.getFuel(),
    topLevel: m.depth === 0,
    start: () => execute(m, f, fp),
  };
}

export function endCall(store: CallAccounting, m: Machine, call: ActiveCall): void {
  m.sp = call.fp;
  m.depth = call.saveDepth;
  m.suspended = null;
  if (call.topLevel) store.account(call.fuelBefore);
}
