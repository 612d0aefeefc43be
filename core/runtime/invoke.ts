/**
 * Argument and result transfer for calls into Wasm. Two conventions:
 * - raw: exact values — i32 as number, i64 as bigint, f32 as its u32 bits (number), f64 as its
 *   u64 bits (bigint), references as the engine's reference values (FuncInst, extern value, null);
 * - js: the JS API's values — f32/f64 as numbers, i64 as bigint, with JS API coercions.
 */
import { GcArray, GcStruct } from '../exec/gc.js';
import { Trap, TrapCode } from '../errors.js';
import { coerce, execute, readJs, writeJs } from '../exec/interpreter.js';
import { Status, type Machine } from '../exec/machine.js';
import { ValType } from '../types.js';
import type { FuncInst } from '../exec/objects.js';
import { slotWidth } from '../limits.js';

/** A raw v128 value: 16 bytes, lane bytes little-endian as in memory. */
export function v128Bytes(v: unknown): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length !== 16) throw new TypeError('a v128 value must be a 16-byte Uint8Array');
  return v;
}

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
    case ValType.V128:
      new Uint8Array(m.i32.buffer, slot * 8, 16).set(v128Bytes(v));
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
    case ValType.V128:
      return new Uint8Array(m.i32.buffer.slice(slot * 8, slot * 8 + 16));
    default: {
      const v = m.refs[slot];
      // a GC object reaching the host stays a root of the heap's reachability count
      if (v instanceof GcStruct || v instanceof GcArray) m.counters.gc.escape(v);
      return v;
    }
  }
}

export function writeArgs(m: Machine, f: FuncInst, fp: number, args: readonly unknown[], raw: boolean): void {
  const t = f.type;
  if (args.length !== t.params.length && raw) throw new TypeError(`expected ${t.params.length} arguments, got ${args.length}`);
  // each value at the prefix sum of the widths before it (a v128 takes two slots)
  for (let i = 0, slot = fp; i < t.params.length; slot += slotWidth(t.params[i]!), i++) {
    const pt = t.params[i]!;
    if (raw) writeRaw(m, slot, pt, args[i]);
    else writeJs(m, slot, pt, coerce(pt, args[i]));
  }
}

/** slots a list of values takes */
export function slotsOf(ts: readonly ValType[]): number {
  let n = 0;
  for (const t of ts) n += slotWidth(t);
  return n;
}

export function readResults(m: Machine, f: FuncInst, fp: number, raw: boolean): unknown[] {
  let slot = fp;
  return f.type.results.map((rt) => {
    const v = raw ? readRaw(m, slot, rt) : readJs(m, slot, rt);
    slot += slotWidth(rt);
    return v;
  });
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
  /** GC objects allocated in the store before the call */
  readonly gcObjects: number;
  start(): Status;
}

/** Place the arguments on `m` and prepare the call; `start()` runs it. */
export function beginCall(store: CallAccounting, m: Machine, f: FuncInst, args: readonly unknown[], raw: boolean): ActiveCall {
  const fp = m.sp;
  const need = Math.max(slotsOf(f.type.params), slotsOf(f.type.results), 1);
  if (f.usesRefs) store.needRefs();
  if (fp + need > m.slots || m.depth >= m.maxDepth) throw new Trap(TrapCode.CallStackExhausted);
  writeArgs(m, f, fp, args, raw);
  return {
    fp,
    saveDepth: m.depth,
    fuelBefore: store.getFuel(),
    topLevel: m.depth === 0,
    gcObjects: m.counters.gc.objects,
    start: () => execute(m, f, fp),
  };
}

export function endCall(store: CallAccounting, m: Machine, call: ActiveCall): void {
  m.sp = call.fp;
  m.depth = call.saveDepth;
  m.suspended = null;
  if (call.topLevel) {
    store.account(call.fuelBefore);
    // the finished call's reference slots would keep its GC objects alive (for the JS GC and the
    // heap's reachability count): clear them when it allocated any (results are read by now)
    if (m.counters.gc.objects !== call.gcObjects) m.refs.fill(null, call.fp, Math.min(m.refs.length, m.counters.peakStackSlots));
  }
}
