/**
 * Calling into Wasm from the host. Two conventions:
 * - raw: exact values — i32 as number, i64 as bigint, f32 as its u32 bits (number), f64 as its
 *   u64 bits (bigint), references as the engine's reference values (FuncInst, extern value, null);
 * - js: the JS API's values — f32/f64 as numbers, i64 as bigint, with JS API coercions.
 */
import { Trap, TrapCode } from '../errors.js';
import { coerce, execute, readJs, writeJs } from '../exec/interpreter.js';
import { ValType } from '../types.js';
import type { FuncInst } from './objects.js';
import type { Store } from './store.js';

function run(store: Store, f: FuncInst, write: (fp: number) => void, read: (fp: number) => unknown[]): unknown[] {
  const m = store.machine;
  const fp = m.sp;
  const saveDepth = m.depth;
  const need = Math.max(f.type.params.length, f.type.results.length, 1);
  if (fp + need > m.slots || m.depth >= m.maxDepth) throw new Trap(TrapCode.CallStackExhausted);
  write(fp);
  try {
    execute(m, f, fp);
    return read(fp);
  } finally {
    m.sp = fp;
    m.depth = saveDepth;
  }
}

export function writeRaw(store: Store, slot: number, t: ValType, v: unknown): void {
  const m = store.machine;
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

export function readRaw(store: Store, slot: number, t: ValType): unknown {
  const m = store.machine;
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

/** Call with exact (raw) values; returns the results as raw values. */
export function invokeRaw(store: Store, f: FuncInst, args: readonly unknown[]): unknown[] {
  const t = f.type;
  if (args.length !== t.params.length) throw new TypeError(`expected ${t.params.length} arguments, got ${args.length}`);
  return run(
    store,
    f,
    (fp) => {
      for (let i = 0; i < args.length; i++) writeRaw(store, fp + i, t.params[i]!, args[i]);
    },
    (fp) => t.results.map((rt, i) => readRaw(store, fp + i, rt)),
  );
}

/** Call with JS values (JS API coercions); returns the results as JS values. */
export function invokeJs(store: Store, f: FuncInst, args: readonly unknown[]): unknown[] {
  const t = f.type;
  const vals = t.params.map((pt, i) => coerce(pt, args[i]));
  return run(
    store,
    f,
    (fp) => {
      for (let i = 0; i < vals.length; i++) writeJs(store.machine, fp + i, t.params[i]!, vals[i]);
    },
    (fp) => t.results.map((rt, i) => readJs(store.machine, fp + i, rt)),
  );
}
