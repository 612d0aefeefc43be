/**
 * The executor: one dispatch loop over the IR of `ir.ts`. Wasm→Wasm calls push a frame on the
 * machine's explicit call stack instead of recursing in JS, so call depth is a limit we control.
 * Operands are frame-relative slot or word indices (see ir.ts); every case reads all of its inputs
 * before writing its output, because the translator may give an op the same slot for both.
 *
 * Traps are thrown as TrapSignal from anywhere below and converted exactly once, here, into a
 * public `Trap` with a Wasm backtrace.
 */
import { Trap, TrapCode, type BacktraceFrame } from '../errors.js';
import { FuncInst, Instance, type MemoryInst } from './objects.js';
import { ValType } from '../types.js';
import { canonSub, heapOf, HT, isNullable, isRefType, topOf } from '../reftypes.js';
import { Status, type Machine } from './machine.js';
import { FUEL_BYTES_PER_UNIT } from '../limits.js';
import * as N from './numeric.js';
import { trap, TrapSignal } from './trap.js';
import { exnOf, HOST_THREW, landing, newExn, setHostThrown, takeHostThrown, unwind, WasmException, type ExnInst } from './exceptions.js';
import { simdSupport } from '../simd-support.js';
import { G, GcArray, GcStruct, gcOp, isGcObject } from './gc.js';

/**
 * Run `entry` with its arguments already in the machine's slots starting at `fp0`. On Done its
 * results are in the slots starting at `fp0`; on another status the machine holds a Suspension
 * that `resume` continues.
 */
export function execute(m: Machine, entry: FuncInst, fp0: number): Status {
  // the compiled tier's entry, when it has taken this function over (core/compiled/)
  const j = entry.jit;
  if (j !== null) return j.entry(m, fp0) as Status;
  return interpret(m, entry, fp0);
}

/** `execute` on the interpreter, whatever tier the function has (the compiled tier's fallback). */
export function interpret(m: Machine, entry: FuncInst, fp0: number): Status {
  const cf = entry.compiled;
  if (cf === null) {
    const p = callHost(m, entry, fp0);
    if (p === undefined) return Status.Done;
    if (p === HOST_THREW) throw new WasmException(takeHostThrown());
    if (!m.allowAsync) throw new TypeError(ASYNC_ON_SYNC_PATH);
    m.suspended = { fn: entry, pc: -1, fp: fp0, depth: m.depth, entryDepth: m.depth, pending: { promise: p, callee: entry, fp: fp0 } };
    return Status.HostPending;
  }
  if (m.depth >= m.maxDepth || fp0 + cf.frameSize > m.slots) throw new Trap(TrapCode.CallStackExhausted);
  const I32 = m.i32;
  for (let i = fp0 + cf.paramSlots; i < fp0 + cf.localSlots; i++) {
    I32[i << 1] = 0;
    I32[(i << 1) + 1] = 0;
  }
  if (cf.hasRefLocals) for (let i = fp0 + cf.paramSlots; i < fp0 + cf.localSlots; i++) m.refs[i] = null;
  const c = m.counters;
  if (m.depth + 1 > c.peakDepth) c.peakDepth = m.depth + 1;
  if (fp0 + cf.frameSize > c.peakStackSlots) c.peakStackSlots = fp0 + cf.frameSize;
  return run(m, entry, 0, fp0, m.depth + 1, m.depth + 1);
}

/**
 * i64 division or remainder (word indices d, a, b) when both operands lie in [0, 2^52) and the
 * divisor is not 0: exact in doubles, no BigInt (signed and unsigned agree there). Returns false
 * to leave every other case, traps included, to the BigInt path.
 */
export function i64DivSmall(I32: Int32Array, d: number, a: number, b: number, div: boolean): boolean {
  const ahi = I32[a + 1]!;
  const bhi = I32[b + 1]!;
  const blo = I32[b]!;
  if (ahi >>> 20 !== 0 || bhi >>> 20 !== 0 || (blo | bhi) === 0) return false;
  const x = ahi * 4294967296 + (I32[a]! >>> 0);
  const y = bhi * 4294967296 + (blo >>> 0);
  // the rounded quotient may be one off; x, y < 2^52 keep q * y exact for the correction
  let q = Math.floor(x / y);
  let r = x - q * y;
  if (r < 0) {
    q--;
    r += y;
  } else if (r >= y) {
    q++;
    r -= y;
  }
  const v = div ? q : r;
  I32[d] = v % 4294967296;
  I32[d + 1] = Math.floor(v / 4294967296);
  return true;
}

/** Continue a suspended call (after adding fuel, or after its host promise settled). */
export function resume(m: Machine): Status {
  const s = m.suspended!;
  m.suspended = null;
  if (s.pc < 0) return Status.Done; // the entry itself was an async host function
  return run(m, s.fn, s.pc, s.fp, s.depth, s.entryDepth);
}

/**
 * Continue a call suspended at an async host call whose promise rejected with a Wasm exception:
 * the exception is raised at that call, so unwinding searches the suspended frame stack from
 * there (the call site is the instruction before the resumption pc, as for a caller's frame)
 * and execution continues at the handler. No handler: the exception leaves as a WasmException.
 */
export function resumeThrow(m: Machine, x: ExnInst): Status {
  const s = m.suspended!;
  m.suspended = null;
  if (s.pc < 0 || !unwind(m, x, s.fn, s.pc - 1, s.fp, s.depth, s.entryDepth)) throw new WasmException(x);
  return run(m, landing.fn!, landing.pc, landing.fp, landing.depth, s.entryDepth);
}

export const ASYNC_ON_SYNC_PATH = 'a host function returned a Promise on the synchronous call path; call through invokeAsync';

function run(m: Machine, entry: FuncInst, pc0: number, fp0: number, depth0: number, entryDepth: number): Status {
  const I32 = m.i32;
  const F32 = m.f32;
  const F64 = m.f64;
  const I64 = m.i64;
  const U64 = m.u64;
  const R = m.refs;
  const framePc = m.framePc;
  const frameFp = m.frameFp;
  const frameFn = m.frameFn;
  const maxDepth = m.maxDepth;
  const maxSlots = m.slots;
  const counters = m.counters;
  // depth counts live activations; the entry is one, its callers' frames start at entryDepth
  const baseDepth = entryDepth - 1;

  let fn: FuncInst = entry;
  let cf = entry.compiled!;
  let code = cf.code;
  let K = cf.consts;
  let pc = pc0;
  let fp = fp0;
  let fp2 = fp << 1;
  let depth = depth0;
  let fuel = counters.fuel;
  let inst = entry.instance!;
  let mem: MemoryInst = inst.mem;
  let dv = mem.view;
  let u8 = mem.u8;
  let memLen = mem.byteLength;
  // set while a host function runs: a throw out of it (a nested call's trap) has already left the
  // fuel it used in the counter, which the stale local must not overwrite
  let inHost = false;

  try {
    for (;;) {
      switch (code[pc]) {
        // @generated-cases-begin (scripts/gen-ops.mjs from core/ops/ir.ts)
        case 0: // Unreachable
          trap(TrapCode.Unreachable);
          break;
        case 2: // Br
          pc = code[pc + 1];
          break;
        case 3: // BrIf
          if (I32[fp2 + code[pc + 1]] !== 0) pc = code[pc + 2];
          else pc += 3;
          break;
        case 4: // BrUnless
          if (I32[fp2 + code[pc + 1]] === 0) pc = code[pc + 2];
          else pc += 3;
          break;
        case 5: { // BrTable
          const i = I32[fp2 + code[pc + 1]] >>> 0;
          const n = code[pc + 2];
          pc = code[pc + 3 + (i < n ? i : n)];
          break;
        }
        case 12: // Mov32
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]];
          pc += 3;
          break;
        case 13: { // Mov64
          const d = fp2 + code[pc + 1];
          const a = fp2 + code[pc + 2];
          I32[d] = I32[a];
          I32[d + 1] = I32[a + 1];
          pc += 3;
          break;
        }
        case 14: // MovRef
          R[fp + code[pc + 1]] = R[fp + code[pc + 2]];
          pc += 3;
          break;
        case 15: // Mov32x2 — two moves, in order
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]];
          I32[fp2 + code[pc + 3]] = I32[fp2 + code[pc + 4]];
          pc += 5;
          break;
        case 16: // Const32
          I32[fp2 + code[pc + 1]] = code[pc + 2];
          pc += 3;
          break;
        case 17: { // Const64
          const d = fp2 + code[pc + 1];
          I32[d] = code[pc + 2];
          I32[d + 1] = code[pc + 3];
          pc += 4;
          break;
        }
        case 18: // Select32
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 4]] !== 0 ? I32[fp2 + code[pc + 2]] : I32[fp2 + code[pc + 3]];
          pc += 5;
          break;
        case 19: { // Select64
          const s = I32[fp2 + code[pc + 4]] !== 0 ? fp2 + code[pc + 2] : fp2 + code[pc + 3];
          const d = fp2 + code[pc + 1];
          const lo = I32[s];
          const hi = I32[s + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += 5;
          break;
        }
        case 20: // SelectRef
          R[fp + code[pc + 1]] = I32[fp2 + code[pc + 4]] !== 0 ? R[fp + code[pc + 2]] : R[fp + code[pc + 3]];
          pc += 5;
          break;
        case 21: // GlobalGet32
          I32[fp2 + code[pc + 1]] = inst.globals[code[pc + 2]].i32[0];
          pc += 3;
          break;
        case 22: { // GlobalGet64
          const g = inst.globals[code[pc + 2]].i32;
          const d = fp2 + code[pc + 1];
          I32[d] = g[0];
          I32[d + 1] = g[1];
          pc += 3;
          break;
        }
        case 23: // GlobalGetRef
          R[fp + code[pc + 1]] = inst.globals[code[pc + 2]].ref;
          pc += 3;
          break;
        case 24: // GlobalSet32
          inst.globals[code[pc + 1]].i32[0] = I32[fp2 + code[pc + 2]];
          pc += 3;
          break;
        case 25: { // GlobalSet64
          const g = inst.globals[code[pc + 1]].i32;
          const a = fp2 + code[pc + 2];
          g[0] = I32[a];
          g[1] = I32[a + 1];
          pc += 3;
          break;
        }
        case 26: // GlobalSetRef
          inst.globals[code[pc + 1]].ref = R[fp + code[pc + 2]];
          pc += 3;
          break;
        case 27: { // Load32
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.OutOfBoundsMemory);
          I32[fp2 + code[pc + 1]] = dv.getInt32(ea, true);
          pc += 4;
          break;
        }
        case 28: { // Load64
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 8 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const d = fp2 + code[pc + 1];
          I32[d] = dv.getInt32(ea, true);
          I32[d + 1] = dv.getInt32(ea + 4, true);
          pc += 4;
          break;
        }
        case 29: { // I32Load8S
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.OutOfBoundsMemory);
          I32[fp2 + code[pc + 1]] = (u8[ea] << 24) >> 24;
          pc += 4;
          break;
        }
        case 30: { // I32Load8U
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.OutOfBoundsMemory);
          I32[fp2 + code[pc + 1]] = u8[ea];
          pc += 4;
          break;
        }
        case 31: { // I32Load16S
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.OutOfBoundsMemory);
          I32[fp2 + code[pc + 1]] = dv.getInt16(ea, true);
          pc += 4;
          break;
        }
        case 32: { // I32Load16U
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.OutOfBoundsMemory);
          I32[fp2 + code[pc + 1]] = dv.getUint16(ea, true);
          pc += 4;
          break;
        }
        case 33: { // I64Load8S
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const v = (u8[ea] << 24) >> 24;
          const d = fp2 + code[pc + 1];
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 4;
          break;
        }
        case 34: { // I64Load8U
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const d = fp2 + code[pc + 1];
          I32[d] = u8[ea];
          I32[d + 1] = 0;
          pc += 4;
          break;
        }
        case 35: { // I64Load16S
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const v = dv.getInt16(ea, true);
          const d = fp2 + code[pc + 1];
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 4;
          break;
        }
        case 36: { // I64Load16U
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const d = fp2 + code[pc + 1];
          I32[d] = dv.getUint16(ea, true);
          I32[d + 1] = 0;
          pc += 4;
          break;
        }
        case 37: { // I64Load32S
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const v = dv.getInt32(ea, true);
          const d = fp2 + code[pc + 1];
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 4;
          break;
        }
        case 38: { // I64Load32U
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const d = fp2 + code[pc + 1];
          I32[d] = dv.getInt32(ea, true);
          I32[d + 1] = 0;
          pc += 4;
          break;
        }
        case 39: { // Store32
          const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.OutOfBoundsMemory);
          dv.setInt32(ea, I32[fp2 + code[pc + 2]], true);
          pc += 4;
          break;
        }
        case 40: { // Store64
          const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 8 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const v = fp2 + code[pc + 2];
          dv.setInt32(ea, I32[v], true);
          dv.setInt32(ea + 4, I32[v + 1], true);
          pc += 4;
          break;
        }
        case 41: { // Store8
          const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.OutOfBoundsMemory);
          u8[ea] = I32[fp2 + code[pc + 2]];
          pc += 4;
          break;
        }
        case 42: { // Store16
          const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.OutOfBoundsMemory);
          dv.setInt16(ea, I32[fp2 + code[pc + 2]], true);
          pc += 4;
          break;
        }
        case 43: { // Load32AI
          const ea = (I32[fp2 + code[pc + 2]] + code[pc + 3]) >>> 0;
          if (ea + 4 > memLen) trap(TrapCode.OutOfBoundsMemory);
          I32[fp2 + code[pc + 1]] = dv.getInt32(ea, true);
          pc += 4;
          break;
        }
        case 44: { // Load64AI
          const ea = (I32[fp2 + code[pc + 2]] + code[pc + 3]) >>> 0;
          if (ea + 8 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const d = fp2 + code[pc + 1];
          I32[d] = dv.getInt32(ea, true);
          I32[d + 1] = dv.getInt32(ea + 4, true);
          pc += 4;
          break;
        }
        case 45: { // I32Load8SAI
          const ea = (I32[fp2 + code[pc + 2]] + code[pc + 3]) >>> 0;
          if (ea + 1 > memLen) trap(TrapCode.OutOfBoundsMemory);
          I32[fp2 + code[pc + 1]] = (u8[ea] << 24) >> 24;
          pc += 4;
          break;
        }
        case 46: { // I32Load8UAI
          const ea = (I32[fp2 + code[pc + 2]] + code[pc + 3]) >>> 0;
          if (ea + 1 > memLen) trap(TrapCode.OutOfBoundsMemory);
          I32[fp2 + code[pc + 1]] = u8[ea];
          pc += 4;
          break;
        }
        case 47: { // I32Load16SAI
          const ea = (I32[fp2 + code[pc + 2]] + code[pc + 3]) >>> 0;
          if (ea + 2 > memLen) trap(TrapCode.OutOfBoundsMemory);
          I32[fp2 + code[pc + 1]] = dv.getInt16(ea, true);
          pc += 4;
          break;
        }
        case 48: { // I32Load16UAI
          const ea = (I32[fp2 + code[pc + 2]] + code[pc + 3]) >>> 0;
          if (ea + 2 > memLen) trap(TrapCode.OutOfBoundsMemory);
          I32[fp2 + code[pc + 1]] = dv.getUint16(ea, true);
          pc += 4;
          break;
        }
        case 49: { // Store32AI
          const ea = (I32[fp2 + code[pc + 1]] + code[pc + 3]) >>> 0;
          if (ea + 4 > memLen) trap(TrapCode.OutOfBoundsMemory);
          dv.setInt32(ea, I32[fp2 + code[pc + 2]], true);
          pc += 4;
          break;
        }
        case 50: { // Store64AI
          const ea = (I32[fp2 + code[pc + 1]] + code[pc + 3]) >>> 0;
          if (ea + 8 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const v = fp2 + code[pc + 2];
          dv.setInt32(ea, I32[v], true);
          dv.setInt32(ea + 4, I32[v + 1], true);
          pc += 4;
          break;
        }
        case 51: { // Store8AI
          const ea = (I32[fp2 + code[pc + 1]] + code[pc + 3]) >>> 0;
          if (ea + 1 > memLen) trap(TrapCode.OutOfBoundsMemory);
          u8[ea] = I32[fp2 + code[pc + 2]];
          pc += 4;
          break;
        }
        case 52: { // Store16AI
          const ea = (I32[fp2 + code[pc + 1]] + code[pc + 3]) >>> 0;
          if (ea + 2 > memLen) trap(TrapCode.OutOfBoundsMemory);
          dv.setInt16(ea, I32[fp2 + code[pc + 2]], true);
          pc += 4;
          break;
        }
        case 53: { // Load32C
          const ea = code[pc + 2];
          if (ea + 4 > memLen) trap(TrapCode.OutOfBoundsMemory);
          I32[fp2 + code[pc + 1]] = dv.getInt32(ea, true);
          pc += 3;
          break;
        }
        case 54: { // Load64C
          const ea = code[pc + 2];
          if (ea + 8 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const d = fp2 + code[pc + 1];
          I32[d] = dv.getInt32(ea, true);
          I32[d + 1] = dv.getInt32(ea + 4, true);
          pc += 3;
          break;
        }
        case 55: { // Store32C
          const ea = code[pc + 1];
          if (ea + 4 > memLen) trap(TrapCode.OutOfBoundsMemory);
          dv.setInt32(ea, I32[fp2 + code[pc + 2]], true);
          pc += 3;
          break;
        }
        case 56: { // Store64C
          const ea = code[pc + 1];
          if (ea + 8 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const v = fp2 + code[pc + 2];
          dv.setInt32(ea, I32[v], true);
          dv.setInt32(ea + 4, I32[v + 1], true);
          pc += 3;
          break;
        }
        case 57: { // Load32AIT
          const x = (I32[fp2 + code[pc + 3]] + code[pc + 4]) | 0;
          I32[fp2 + code[pc + 2]] = x;
          const ea = x >>> 0;
          if (ea + 4 > memLen) trap(TrapCode.OutOfBoundsMemory);
          I32[fp2 + code[pc + 1]] = dv.getInt32(ea, true);
          pc += 5;
          break;
        }
        case 58: { // Load64AIT
          const x = (I32[fp2 + code[pc + 3]] + code[pc + 4]) | 0;
          I32[fp2 + code[pc + 2]] = x;
          const ea = x >>> 0;
          if (ea + 8 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const d = fp2 + code[pc + 1];
          I32[d] = dv.getInt32(ea, true);
          I32[d + 1] = dv.getInt32(ea + 4, true);
          pc += 5;
          break;
        }
        case 59: { // I32Load8UAIT
          const x = (I32[fp2 + code[pc + 3]] + code[pc + 4]) | 0;
          I32[fp2 + code[pc + 2]] = x;
          const ea = x >>> 0;
          if (ea + 1 > memLen) trap(TrapCode.OutOfBoundsMemory);
          I32[fp2 + code[pc + 1]] = u8[ea];
          pc += 5;
          break;
        }
        case 60: { // Load8UBrEqI
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const v = u8[ea];
          I32[fp2 + code[pc + 1]] = v;
          if (v === code[pc + 4]) pc = code[pc + 5];
          else pc += 6;
          break;
        }
        case 61: { // Load8UBrNeI
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const v = u8[ea];
          I32[fp2 + code[pc + 1]] = v;
          if (v !== code[pc + 4]) pc = code[pc + 5];
          else pc += 6;
          break;
        }
        case 62: { // Load8UAIBrEqI
          const ea = (I32[fp2 + code[pc + 2]] + code[pc + 3]) >>> 0;
          if (ea + 1 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const v = u8[ea];
          I32[fp2 + code[pc + 1]] = v;
          if (v === code[pc + 4]) pc = code[pc + 5];
          else pc += 6;
          break;
        }
        case 63: { // Load8UAIBrNeI
          const ea = (I32[fp2 + code[pc + 2]] + code[pc + 3]) >>> 0;
          if (ea + 1 > memLen) trap(TrapCode.OutOfBoundsMemory);
          const v = u8[ea];
          I32[fp2 + code[pc + 1]] = v;
          if (v !== code[pc + 4]) pc = code[pc + 5];
          else pc += 6;
          break;
        }
        case 64: // MemorySize
          I32[fp2 + code[pc + 1]] = memLen / 65536;
          pc += 2;
          break;
        case 78: // RefNull
          R[fp + code[pc + 1]] = null;
          pc += 2;
          break;
        case 79: // RefIsNull
          I32[fp2 + code[pc + 1]] = R[fp + code[pc + 2]] === null ? 1 : 0;
          pc += 3;
          break;
        case 80: // RefFunc
          R[fp + code[pc + 1]] = inst.funcs[code[pc + 2]];
          pc += 3;
          break;
        case 81: // I32Eqz
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] === 0 ? 1 : 0;
          pc += 3;
          break;
        case 82: // I32Eq
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] === I32[fp2 + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 83: // I32Ne
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] !== I32[fp2 + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 84: // I32LtS
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] < I32[fp2 + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 85: // I32LtU
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >>> 0 < I32[fp2 + code[pc + 3]] >>> 0 ? 1 : 0;
          pc += 4;
          break;
        case 86: // I32GtS
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] > I32[fp2 + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 87: // I32GtU
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >>> 0 > I32[fp2 + code[pc + 3]] >>> 0 ? 1 : 0;
          pc += 4;
          break;
        case 88: // I32LeS
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] <= I32[fp2 + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 89: // I32LeU
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >>> 0 <= I32[fp2 + code[pc + 3]] >>> 0 ? 1 : 0;
          pc += 4;
          break;
        case 90: // I32GeS
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >= I32[fp2 + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 91: // I32GeU
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >>> 0 >= I32[fp2 + code[pc + 3]] >>> 0 ? 1 : 0;
          pc += 4;
          break;
        case 92: // I32Clz
          I32[fp2 + code[pc + 1]] = Math.clz32(I32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 93: // I32Ctz
          I32[fp2 + code[pc + 1]] = N.i32Ctz(I32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 94: // I32Popcnt
          I32[fp2 + code[pc + 1]] = N.i32Popcnt(I32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 95: // I32Add
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] + I32[fp2 + code[pc + 3]];
          pc += 4;
          break;
        case 96: // I32Sub
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] - I32[fp2 + code[pc + 3]];
          pc += 4;
          break;
        case 97: // I32Mul
          I32[fp2 + code[pc + 1]] = Math.imul(I32[fp2 + code[pc + 2]], I32[fp2 + code[pc + 3]]);
          pc += 4;
          break;
        case 98: // I32DivS
          I32[fp2 + code[pc + 1]] = N.i32DivS(I32[fp2 + code[pc + 2]], I32[fp2 + code[pc + 3]]);
          pc += 4;
          break;
        case 99: // I32DivU
          I32[fp2 + code[pc + 1]] = N.i32DivU(I32[fp2 + code[pc + 2]], I32[fp2 + code[pc + 3]]);
          pc += 4;
          break;
        case 100: // I32RemS
          I32[fp2 + code[pc + 1]] = N.i32RemS(I32[fp2 + code[pc + 2]], I32[fp2 + code[pc + 3]]);
          pc += 4;
          break;
        case 101: // I32RemU
          I32[fp2 + code[pc + 1]] = N.i32RemU(I32[fp2 + code[pc + 2]], I32[fp2 + code[pc + 3]]);
          pc += 4;
          break;
        case 102: // I32And
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] & I32[fp2 + code[pc + 3]];
          pc += 4;
          break;
        case 103: // I32Or
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] | I32[fp2 + code[pc + 3]];
          pc += 4;
          break;
        case 104: // I32Xor
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] ^ I32[fp2 + code[pc + 3]];
          pc += 4;
          break;
        case 105: // I32Shl
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] << I32[fp2 + code[pc + 3]];
          pc += 4;
          break;
        case 106: // I32ShrS
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >> I32[fp2 + code[pc + 3]];
          pc += 4;
          break;
        case 107: // I32ShrU
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >>> I32[fp2 + code[pc + 3]];
          pc += 4;
          break;
        case 108: // I32Rotl
          I32[fp2 + code[pc + 1]] = N.i32Rotl(I32[fp2 + code[pc + 2]], I32[fp2 + code[pc + 3]]);
          pc += 4;
          break;
        case 109: // I32Rotr
          I32[fp2 + code[pc + 1]] = N.i32Rotr(I32[fp2 + code[pc + 2]], I32[fp2 + code[pc + 3]]);
          pc += 4;
          break;
        case 110: // I32EqI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] === code[pc + 3] ? 1 : 0;
          pc += 4;
          break;
        case 111: // I32NeI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] !== code[pc + 3] ? 1 : 0;
          pc += 4;
          break;
        case 112: // I32LtSI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] < code[pc + 3] ? 1 : 0;
          pc += 4;
          break;
        case 113: // I32LtUI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >>> 0 < code[pc + 3] >>> 0 ? 1 : 0;
          pc += 4;
          break;
        case 114: // I32GtSI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] > code[pc + 3] ? 1 : 0;
          pc += 4;
          break;
        case 115: // I32GtUI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >>> 0 > code[pc + 3] >>> 0 ? 1 : 0;
          pc += 4;
          break;
        case 116: // I32LeSI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] <= code[pc + 3] ? 1 : 0;
          pc += 4;
          break;
        case 117: // I32LeUI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >>> 0 <= code[pc + 3] >>> 0 ? 1 : 0;
          pc += 4;
          break;
        case 118: // I32GeSI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >= code[pc + 3] ? 1 : 0;
          pc += 4;
          break;
        case 119: // I32GeUI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >>> 0 >= code[pc + 3] >>> 0 ? 1 : 0;
          pc += 4;
          break;
        case 120: // I32AddI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] + code[pc + 3];
          pc += 4;
          break;
        case 121: // I32MulI
          I32[fp2 + code[pc + 1]] = Math.imul(I32[fp2 + code[pc + 2]], code[pc + 3]);
          pc += 4;
          break;
        case 122: // I32AndI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] & code[pc + 3];
          pc += 4;
          break;
        case 123: // I32OrI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] | code[pc + 3];
          pc += 4;
          break;
        case 124: // I32XorI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] ^ code[pc + 3];
          pc += 4;
          break;
        case 125: // I32ShlI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] << code[pc + 3];
          pc += 4;
          break;
        case 126: // I32ShrSI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >> code[pc + 3];
          pc += 4;
          break;
        case 127: // I32ShrUI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >>> code[pc + 3];
          pc += 4;
          break;
        case 128: { // I32RotlI
          const x = I32[fp2 + code[pc + 2]];
          const k = code[pc + 3] & 31;
          I32[fp2 + code[pc + 1]] = (x << k) | (x >>> ((32 - k) & 31));
          pc += 4;
          break;
        }
        case 129: { // I32RotrI
          const x = I32[fp2 + code[pc + 2]];
          const k = code[pc + 3] & 31;
          I32[fp2 + code[pc + 1]] = (x >>> k) | (x << ((32 - k) & 31));
          pc += 4;
          break;
        }
        case 130: { // BrEq
          const a = I32[fp2 + code[pc + 1]];
          const b = I32[fp2 + code[pc + 2]];
          if (a === b) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 131: { // BrEqI
          const a = I32[fp2 + code[pc + 1]];
          const b = code[pc + 2];
          if (a === b) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 132: { // BrNe
          const a = I32[fp2 + code[pc + 1]];
          const b = I32[fp2 + code[pc + 2]];
          if (a !== b) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 133: { // BrNeI
          const a = I32[fp2 + code[pc + 1]];
          const b = code[pc + 2];
          if (a !== b) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 134: { // BrLtS
          const a = I32[fp2 + code[pc + 1]];
          const b = I32[fp2 + code[pc + 2]];
          if (a < b) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 135: { // BrLtSI
          const a = I32[fp2 + code[pc + 1]];
          const b = code[pc + 2];
          if (a < b) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 136: { // BrLtU
          const a = I32[fp2 + code[pc + 1]];
          const b = I32[fp2 + code[pc + 2]];
          if (a >>> 0 < b >>> 0) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 137: { // BrLtUI
          const a = I32[fp2 + code[pc + 1]];
          const b = code[pc + 2];
          if (a >>> 0 < b >>> 0) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 138: { // BrGtS
          const a = I32[fp2 + code[pc + 1]];
          const b = I32[fp2 + code[pc + 2]];
          if (a > b) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 139: { // BrGtSI
          const a = I32[fp2 + code[pc + 1]];
          const b = code[pc + 2];
          if (a > b) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 140: { // BrGtU
          const a = I32[fp2 + code[pc + 1]];
          const b = I32[fp2 + code[pc + 2]];
          if (a >>> 0 > b >>> 0) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 141: { // BrGtUI
          const a = I32[fp2 + code[pc + 1]];
          const b = code[pc + 2];
          if (a >>> 0 > b >>> 0) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 142: { // BrLeS
          const a = I32[fp2 + code[pc + 1]];
          const b = I32[fp2 + code[pc + 2]];
          if (a <= b) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 143: { // BrLeSI
          const a = I32[fp2 + code[pc + 1]];
          const b = code[pc + 2];
          if (a <= b) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 144: { // BrLeU
          const a = I32[fp2 + code[pc + 1]];
          const b = I32[fp2 + code[pc + 2]];
          if (a >>> 0 <= b >>> 0) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 145: { // BrLeUI
          const a = I32[fp2 + code[pc + 1]];
          const b = code[pc + 2];
          if (a >>> 0 <= b >>> 0) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 146: { // BrGeS
          const a = I32[fp2 + code[pc + 1]];
          const b = I32[fp2 + code[pc + 2]];
          if (a >= b) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 147: { // BrGeSI
          const a = I32[fp2 + code[pc + 1]];
          const b = code[pc + 2];
          if (a >= b) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 148: { // BrGeU
          const a = I32[fp2 + code[pc + 1]];
          const b = I32[fp2 + code[pc + 2]];
          if (a >>> 0 >= b >>> 0) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 149: { // BrGeUI
          const a = I32[fp2 + code[pc + 1]];
          const b = code[pc + 2];
          if (a >>> 0 >= b >>> 0) pc = code[pc + 3];
          else pc += 4;
          break;
        }
        case 150: { // I32AddI2 — the sum goes to d and d2
          const v = (I32[fp2 + code[pc + 2]] + code[pc + 3]) | 0;
          I32[fp2 + code[pc + 1]] = v;
          I32[fp2 + code[pc + 4]] = v;
          pc += 5;
          break;
        }
        case 151: { // I32MovAddI — d2 = a, then d = a + i
          const v = I32[fp2 + code[pc + 2]];
          I32[fp2 + code[pc + 4]] = v;
          I32[fp2 + code[pc + 1]] = (v + code[pc + 3]) | 0;
          pc += 5;
          break;
        }
        case 152: // I32Add3
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] + I32[fp2 + code[pc + 3]] + I32[fp2 + code[pc + 4]];
          pc += 5;
          break;
        case 153: // I32AddAddI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] + I32[fp2 + code[pc + 3]] + code[pc + 4];
          pc += 5;
          break;
        case 154: // I32AndXor
          I32[fp2 + code[pc + 1]] = (I32[fp2 + code[pc + 2]] & I32[fp2 + code[pc + 3]]) ^ I32[fp2 + code[pc + 4]];
          pc += 5;
          break;
        case 155: // I32XorAnd
          I32[fp2 + code[pc + 1]] = (I32[fp2 + code[pc + 2]] ^ I32[fp2 + code[pc + 3]]) & I32[fp2 + code[pc + 4]];
          pc += 5;
          break;
        case 156: // I32AndAdd
          I32[fp2 + code[pc + 1]] = (I32[fp2 + code[pc + 2]] & I32[fp2 + code[pc + 3]]) + I32[fp2 + code[pc + 4]];
          pc += 5;
          break;
        case 157: // I32XorAdd
          I32[fp2 + code[pc + 1]] = (I32[fp2 + code[pc + 2]] ^ I32[fp2 + code[pc + 3]]) + I32[fp2 + code[pc + 4]];
          pc += 5;
          break;
        case 158: { // I32XorRotlI
          const x = I32[fp2 + code[pc + 3]];
          const k = code[pc + 4];
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] ^ ((x << k) | (x >>> ((32 - k) & 31)));
          pc += 5;
          break;
        }
        case 159: // I32XorShrUI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] ^ (I32[fp2 + code[pc + 3]] >>> code[pc + 4]);
          pc += 5;
          break;
        case 160: // I32XorShlI
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] ^ (I32[fp2 + code[pc + 3]] << code[pc + 4]);
          pc += 5;
          break;
        case 161: { // I64Eqz
          const a = fp2 + code[pc + 2];
          I32[fp2 + code[pc + 1]] = (I32[a] | I32[a + 1]) === 0 ? 1 : 0;
          pc += 3;
          break;
        }
        case 162:
        case 163:
        case 164:
        case 165:
        case 166:
        case 167:
        case 168:
        case 169:
        case 170:
        case 171:
        case 172:
        case 173:
        case 174:
        case 175:
        case 176:
        case 177:
        case 178:
        case 179:
        case 180:
        case 181: { // I64Eq, I64Ne, I64LtS, I64LtU, I64GtS, I64GtU, I64LeS, I64LeU, I64GeS, I64GeU, I64EqI, I64NeI, I64LtSI, I64LtUI, I64GtSI, I64GtUI, I64LeSI, I64LeUI, I64GeSI, I64GeUI
          let op = code[pc];
          const imm = op >= 172;
          if (imm) op -= 172 - 162;
          const a = fp2 + code[pc + 2];
          const alo = I32[a] >>> 0;
          const ahi = I32[a + 1];
          let blo;
          let bhi;
          if (imm) {
            blo = code[pc + 3] >>> 0;
            bhi = code[pc + 4];
          } else {
            const b = fp2 + code[pc + 3];
            blo = I32[b] >>> 0;
            bhi = I32[b + 1];
          }
          let r;
          switch (op) {
            case 162:
            r = alo === blo && ahi === bhi;
            break;
            case 163:
            r = alo !== blo || ahi !== bhi;
            break;
            case 164:
            r = ahi < bhi || (ahi === bhi && alo < blo);
            break;
            case 165:
            r = ahi >>> 0 < bhi >>> 0 || (ahi === bhi && alo < blo);
            break;
            case 166:
            r = ahi > bhi || (ahi === bhi && alo > blo);
            break;
            case 167:
            r = ahi >>> 0 > bhi >>> 0 || (ahi === bhi && alo > blo);
            break;
            case 168:
            r = ahi < bhi || (ahi === bhi && alo <= blo);
            break;
            case 169:
            r = ahi >>> 0 < bhi >>> 0 || (ahi === bhi && alo <= blo);
            break;
            case 170:
            r = ahi > bhi || (ahi === bhi && alo >= blo);
            break;
            default:
            r = ahi >>> 0 > bhi >>> 0 || (ahi === bhi && alo >= blo);
          }
          I32[fp2 + code[pc + 1]] = r ? 1 : 0;
          pc += imm ? 5 : 4;
          break;
        }
        case 182: { // I64Clz
          const a = fp2 + code[pc + 2];
          const d = fp2 + code[pc + 1];
          I32[d] = N.i64ClzHalves(I32[a], I32[a + 1]);
          I32[d + 1] = 0;
          pc += 3;
          break;
        }
        case 183: { // I64Ctz
          const a = fp2 + code[pc + 2];
          const d = fp2 + code[pc + 1];
          I32[d] = N.i64CtzHalves(I32[a], I32[a + 1]);
          I32[d + 1] = 0;
          pc += 3;
          break;
        }
        case 184: { // I64Popcnt
          const a = fp2 + code[pc + 2];
          const d = fp2 + code[pc + 1];
          I32[d] = N.i64PopcntHalves(I32[a], I32[a + 1]);
          I32[d + 1] = 0;
          pc += 3;
          break;
        }
        case 185:
        case 186: { // I64Add, I64AddI
          const imm = code[pc] === 186;
          const a = fp2 + code[pc + 2];
          const alo = I32[a];
          const ahi = I32[a + 1];
          let blo;
          let bhi;
          if (imm) {
            blo = code[pc + 3];
            bhi = code[pc + 4];
          } else {
            const b = fp2 + code[pc + 3];
            blo = I32[b];
            bhi = I32[b + 1];
          }
          const lo = (alo + blo) | 0;
          const hi = (ahi + bhi + (lo >>> 0 < alo >>> 0 ? 1 : 0)) | 0;
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += imm ? 5 : 4;
          break;
        }
        case 187: { // I64Sub
          const a = fp2 + code[pc + 2];
          const alo = I32[a];
          const ahi = I32[a + 1];
          let blo;
          let bhi;
          const b = fp2 + code[pc + 3];
          blo = I32[b];
          bhi = I32[b + 1];
          const lo = (alo - blo) | 0;
          const hi = (ahi - bhi - (alo >>> 0 < blo >>> 0 ? 1 : 0)) | 0;
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += 4;
          break;
        }
        case 188:
        case 189: { // I64Mul, I64MulI
          const imm = code[pc] === 189;
          const a = fp2 + code[pc + 2];
          const alo = I32[a];
          const ahi = I32[a + 1];
          let blo;
          let bhi;
          if (imm) {
            blo = code[pc + 3];
            bhi = code[pc + 4];
          } else {
            const b = fp2 + code[pc + 3];
            blo = I32[b];
            bhi = I32[b + 1];
          }
          const a0 = alo & 0xffff;
          const a1 = alo >>> 16;
          const b0 = blo & 0xffff;
          const b1 = blo >>> 16;
          const p00 = Math.imul(a0, b0);
          const mid = (Math.imul(a1, b0) + (p00 >>> 16)) | 0;
          const mid2 = (Math.imul(a0, b1) + (mid & 0xffff)) | 0;
          const lo = Math.imul(alo, blo);
          const hi = (Math.imul(a1, b1) + (mid >>> 16) + (mid2 >>> 16) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += imm ? 5 : 4;
          break;
        }
        case 190: // I64DivS
          if (!i64DivSmall(I32, (fp + code[pc + 1]) << 1, (fp + code[pc + 2]) << 1, (fp + code[pc + 3]) << 1, true)) I64[fp + code[pc + 1]] = N.i64DivS(I64[fp + code[pc + 2]], I64[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 191: // I64DivU
          if (!i64DivSmall(I32, (fp + code[pc + 1]) << 1, (fp + code[pc + 2]) << 1, (fp + code[pc + 3]) << 1, true)) I64[fp + code[pc + 1]] = N.i64DivU(I64[fp + code[pc + 2]], I64[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 192: // I64RemS
          if (!i64DivSmall(I32, (fp + code[pc + 1]) << 1, (fp + code[pc + 2]) << 1, (fp + code[pc + 3]) << 1, false)) I64[fp + code[pc + 1]] = N.i64RemS(I64[fp + code[pc + 2]], I64[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 193: // I64RemU
          if (!i64DivSmall(I32, (fp + code[pc + 1]) << 1, (fp + code[pc + 2]) << 1, (fp + code[pc + 3]) << 1, false)) I64[fp + code[pc + 1]] = N.i64RemU(I64[fp + code[pc + 2]], I64[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 194:
        case 195: { // I64And, I64AndI
          const imm = code[pc] === 195;
          const a = fp2 + code[pc + 2];
          const alo = I32[a];
          const ahi = I32[a + 1];
          let blo;
          let bhi;
          if (imm) {
            blo = code[pc + 3];
            bhi = code[pc + 4];
          } else {
            const b = fp2 + code[pc + 3];
            blo = I32[b];
            bhi = I32[b + 1];
          }
          const lo = alo & blo;
          const hi = ahi & bhi;
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += imm ? 5 : 4;
          break;
        }
        case 196:
        case 197: { // I64Or, I64OrI
          const imm = code[pc] === 197;
          const a = fp2 + code[pc + 2];
          const alo = I32[a];
          const ahi = I32[a + 1];
          let blo;
          let bhi;
          if (imm) {
            blo = code[pc + 3];
            bhi = code[pc + 4];
          } else {
            const b = fp2 + code[pc + 3];
            blo = I32[b];
            bhi = I32[b + 1];
          }
          const lo = alo | blo;
          const hi = ahi | bhi;
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += imm ? 5 : 4;
          break;
        }
        case 198:
        case 199: { // I64Xor, I64XorI
          const imm = code[pc] === 199;
          const a = fp2 + code[pc + 2];
          const alo = I32[a];
          const ahi = I32[a + 1];
          let blo;
          let bhi;
          if (imm) {
            blo = code[pc + 3];
            bhi = code[pc + 4];
          } else {
            const b = fp2 + code[pc + 3];
            blo = I32[b];
            bhi = I32[b + 1];
          }
          const lo = alo ^ blo;
          const hi = ahi ^ bhi;
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += imm ? 5 : 4;
          break;
        }
        case 200:
        case 201: { // I64Shl, I64ShlI
          const imm = code[pc] === 201;
          const a = fp2 + code[pc + 2];
          const alo = I32[a];
          const ahi = I32[a + 1];
          let blo;
          if (imm) {
            blo = code[pc + 3];
          } else {
            blo = I32[fp2 + code[pc + 3]];
          }
          const k = blo & 63;
          let lo;
          let hi;
          if (k === 0) {
            lo = alo;
            hi = ahi;
          } else if (k < 32) {
            hi = (ahi << k) | (alo >>> (32 - k));
            lo = alo << k;
          } else {
            hi = alo << (k - 32);
            lo = 0;
          }
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += imm ? 5 : 4;
          break;
        }
        case 202:
        case 203: { // I64ShrS, I64ShrSI
          const imm = code[pc] === 203;
          const a = fp2 + code[pc + 2];
          const alo = I32[a];
          const ahi = I32[a + 1];
          let blo;
          if (imm) {
            blo = code[pc + 3];
          } else {
            blo = I32[fp2 + code[pc + 3]];
          }
          const k = blo & 63;
          let lo;
          let hi;
          if (k === 0) {
            lo = alo;
            hi = ahi;
          } else if (k < 32) {
            lo = (alo >>> k) | (ahi << (32 - k));
            hi = ahi >> k;
          } else {
            lo = ahi >> (k - 32);
            hi = ahi >> 31;
          }
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += imm ? 5 : 4;
          break;
        }
        case 204:
        case 205: { // I64ShrU, I64ShrUI
          const imm = code[pc] === 205;
          const a = fp2 + code[pc + 2];
          const alo = I32[a];
          const ahi = I32[a + 1];
          let blo;
          if (imm) {
            blo = code[pc + 3];
          } else {
            blo = I32[fp2 + code[pc + 3]];
          }
          const k = blo & 63;
          let lo;
          let hi;
          if (k === 0) {
            lo = alo;
            hi = ahi;
          } else if (k < 32) {
            lo = (alo >>> k) | (ahi << (32 - k));
            hi = ahi >>> k;
          } else {
            lo = ahi >>> (k - 32);
            hi = 0;
          }
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += imm ? 5 : 4;
          break;
        }
        case 206:
        case 207: { // I64Rotl, I64RotlI
          const imm = code[pc] === 207;
          const a = fp2 + code[pc + 2];
          const alo = I32[a];
          const ahi = I32[a + 1];
          let blo;
          if (imm) {
            blo = code[pc + 3];
          } else {
            blo = I32[fp2 + code[pc + 3]];
          }
          let k = blo & 63;
          let xlo = alo;
          let xhi = ahi;
          if (k >= 32) {
            xlo = ahi;
            xhi = alo;
            k -= 32;
          }
          let lo = xlo;
          let hi = xhi;
          if (k !== 0) {
            lo = (xlo << k) | (xhi >>> (32 - k));
            hi = (xhi << k) | (xlo >>> (32 - k));
          }
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += imm ? 5 : 4;
          break;
        }
        case 208:
        case 209: { // I64Rotr, I64RotrI
          const imm = code[pc] === 209;
          const a = fp2 + code[pc + 2];
          const alo = I32[a];
          const ahi = I32[a + 1];
          let blo;
          if (imm) {
            blo = code[pc + 3];
          } else {
            blo = I32[fp2 + code[pc + 3]];
          }
          let k = (64 - (blo & 63)) & 63;
          let xlo = alo;
          let xhi = ahi;
          if (k >= 32) {
            xlo = ahi;
            xhi = alo;
            k -= 32;
          }
          let lo = xlo;
          let hi = xhi;
          if (k !== 0) {
            lo = (xlo << k) | (xhi >>> (32 - k));
            hi = (xhi << k) | (xlo >>> (32 - k));
          }
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += imm ? 5 : 4;
          break;
        }
        case 210: { // I64XorShrUI
          const a = fp2 + code[pc + 3];
          const alo = I32[a];
          const ahi = I32[a + 1];
          const k = code[pc + 4];
          let lo;
          let hi;
          if (k === 0) {
            lo = alo;
            hi = ahi;
          } else if (k < 32) {
            lo = (alo >>> k) | (ahi << (32 - k));
            hi = ahi >>> k;
          } else {
            lo = ahi >>> (k - 32);
            hi = 0;
          }
          const b = fp2 + code[pc + 2];
          const d = fp2 + code[pc + 1];
          I32[d] = I32[b] ^ lo;
          I32[d + 1] = I32[b + 1] ^ hi;
          pc += 5;
          break;
        }
        case 211: { // I64XorShlI
          const a = fp2 + code[pc + 3];
          const alo = I32[a];
          const ahi = I32[a + 1];
          const k = code[pc + 4];
          let lo;
          let hi;
          if (k === 0) {
            lo = alo;
            hi = ahi;
          } else if (k < 32) {
            hi = (ahi << k) | (alo >>> (32 - k));
            lo = alo << k;
          } else {
            hi = alo << (k - 32);
            lo = 0;
          }
          const b = fp2 + code[pc + 2];
          const d = fp2 + code[pc + 1];
          I32[d] = I32[b] ^ lo;
          I32[d + 1] = I32[b + 1] ^ hi;
          pc += 5;
          break;
        }
        case 212: { // I64XorShrUIMulI
          const a = fp2 + code[pc + 3];
          const ahi0 = I32[a + 1];
          const k = code[pc + 4];
          let slo;
          let shi;
          if (k === 0) {
            slo = I32[a];
            shi = ahi0;
          } else if (k < 32) {
            slo = (I32[a] >>> k) | (ahi0 << (32 - k));
            shi = ahi0 >>> k;
          } else {
            slo = ahi0 >>> (k - 32);
            shi = 0;
          }
          const b = fp2 + code[pc + 2];
          const alo = I32[b] ^ slo;
          const ahi = I32[b + 1] ^ shi;
          const blo = code[pc + 5];
          const bhi = code[pc + 6];
          const a0 = alo & 0xffff;
          const a1 = alo >>> 16;
          const b0 = blo & 0xffff;
          const b1 = blo >>> 16;
          const p00 = Math.imul(a0, b0);
          const mid = (Math.imul(a1, b0) + (p00 >>> 16)) | 0;
          const mid2 = (Math.imul(a0, b1) + (mid & 0xffff)) | 0;
          const lo = Math.imul(alo, blo);
          const hi = (Math.imul(a1, b1) + (mid >>> 16) + (mid2 >>> 16) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += 7;
          break;
        }
        case 213: // F32Eq
          I32[fp2 + code[pc + 1]] = F32[fp2 + code[pc + 2]] === F32[fp2 + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 214: // F32Ne
          I32[fp2 + code[pc + 1]] = F32[fp2 + code[pc + 2]] !== F32[fp2 + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 215: // F32Lt
          I32[fp2 + code[pc + 1]] = F32[fp2 + code[pc + 2]] < F32[fp2 + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 216: // F32Gt
          I32[fp2 + code[pc + 1]] = F32[fp2 + code[pc + 2]] > F32[fp2 + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 217: // F32Le
          I32[fp2 + code[pc + 1]] = F32[fp2 + code[pc + 2]] <= F32[fp2 + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 218: // F32Ge
          I32[fp2 + code[pc + 1]] = F32[fp2 + code[pc + 2]] >= F32[fp2 + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 219: // F32Abs
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] & 0x7fffffff;
          pc += 3;
          break;
        case 220: // F32Neg
          I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] ^ -0x80000000;
          pc += 3;
          break;
        case 221: // F32Ceil
          F32[fp2 + code[pc + 1]] = Math.ceil(F32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 222: // F32Floor
          F32[fp2 + code[pc + 1]] = Math.floor(F32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 223: // F32Trunc
          F32[fp2 + code[pc + 1]] = Math.trunc(F32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 224: // F32Nearest
          F32[fp2 + code[pc + 1]] = N.f32Nearest(F32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 225: // F32Sqrt
          F32[fp2 + code[pc + 1]] = Math.sqrt(F32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 226: // F32Add
          F32[fp2 + code[pc + 1]] = F32[fp2 + code[pc + 2]] + F32[fp2 + code[pc + 3]];
          pc += 4;
          break;
        case 227: // F32Sub
          F32[fp2 + code[pc + 1]] = F32[fp2 + code[pc + 2]] - F32[fp2 + code[pc + 3]];
          pc += 4;
          break;
        case 228: // F32Mul
          F32[fp2 + code[pc + 1]] = F32[fp2 + code[pc + 2]] * F32[fp2 + code[pc + 3]];
          pc += 4;
          break;
        case 229: // F32Div
          F32[fp2 + code[pc + 1]] = F32[fp2 + code[pc + 2]] / F32[fp2 + code[pc + 3]];
          pc += 4;
          break;
        case 230: // F32Min
          F32[fp2 + code[pc + 1]] = N.f32Min(F32[fp2 + code[pc + 2]], F32[fp2 + code[pc + 3]]);
          pc += 4;
          break;
        case 231: // F32Max
          F32[fp2 + code[pc + 1]] = N.f32Max(F32[fp2 + code[pc + 2]], F32[fp2 + code[pc + 3]]);
          pc += 4;
          break;
        case 232: // F32Copysign
          I32[fp2 + code[pc + 1]] = (I32[fp2 + code[pc + 2]] & 0x7fffffff) | (I32[fp2 + code[pc + 3]] & -0x80000000);
          pc += 4;
          break;
        case 233: // F64Eq
          I32[fp2 + code[pc + 1]] = F64[fp + code[pc + 2]] === F64[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 234: // F64Ne
          I32[fp2 + code[pc + 1]] = F64[fp + code[pc + 2]] !== F64[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 235: // F64Lt
          I32[fp2 + code[pc + 1]] = F64[fp + code[pc + 2]] < F64[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 236: // F64Gt
          I32[fp2 + code[pc + 1]] = F64[fp + code[pc + 2]] > F64[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 237: // F64Le
          I32[fp2 + code[pc + 1]] = F64[fp + code[pc + 2]] <= F64[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 238: // F64Ge
          I32[fp2 + code[pc + 1]] = F64[fp + code[pc + 2]] >= F64[fp + code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 239: { // F64Abs
          const a = fp2 + code[pc + 2];
          const lo = I32[a];
          const hi = I32[a + 1] & 0x7fffffff;
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += 3;
          break;
        }
        case 240: { // F64Neg
          const a = fp2 + code[pc + 2];
          const lo = I32[a];
          const hi = I32[a + 1] ^ -0x80000000;
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += 3;
          break;
        }
        case 241: { // F64Ceil
          const r = Math.ceil(F64[fp + code[pc + 2]]);
          F64[fp + code[pc + 1]] = r === r ? r : NaN;
          pc += 3;
          break;
        }
        case 242: { // F64Floor
          const r = Math.floor(F64[fp + code[pc + 2]]);
          F64[fp + code[pc + 1]] = r === r ? r : NaN;
          pc += 3;
          break;
        }
        case 243: { // F64Trunc
          const r = Math.trunc(F64[fp + code[pc + 2]]);
          F64[fp + code[pc + 1]] = r === r ? r : NaN;
          pc += 3;
          break;
        }
        case 244: { // F64Nearest
          const r = N.f64Nearest(F64[fp + code[pc + 2]]);
          F64[fp + code[pc + 1]] = r === r ? r : NaN;
          pc += 3;
          break;
        }
        case 245: // F64Sqrt
          F64[fp + code[pc + 1]] = Math.sqrt(F64[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 246: // F64Add
          F64[fp + code[pc + 1]] = F64[fp + code[pc + 2]] + F64[fp + code[pc + 3]];
          pc += 4;
          break;
        case 247: // F64Sub
          F64[fp + code[pc + 1]] = F64[fp + code[pc + 2]] - F64[fp + code[pc + 3]];
          pc += 4;
          break;
        case 248: // F64Mul
          F64[fp + code[pc + 1]] = F64[fp + code[pc + 2]] * F64[fp + code[pc + 3]];
          pc += 4;
          break;
        case 249: // F64Div
          F64[fp + code[pc + 1]] = F64[fp + code[pc + 2]] / F64[fp + code[pc + 3]];
          pc += 4;
          break;
        case 250: // F64Min
          F64[fp + code[pc + 1]] = N.f64Min(F64[fp + code[pc + 2]], F64[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 251: // F64Max
          F64[fp + code[pc + 1]] = N.f64Max(F64[fp + code[pc + 2]], F64[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 252: { // F64Copysign
          const a = fp2 + code[pc + 2];
          const b = fp2 + code[pc + 3];
          const lo = I32[a];
          const hi = (I32[a + 1] & 0x7fffffff) | (I32[b + 1] & -0x80000000);
          const d = fp2 + code[pc + 1];
          I32[d] = lo;
          I32[d + 1] = hi;
          pc += 4;
          break;
        }
        case 253: // F64AddK
          F64[fp + code[pc + 1]] = F64[fp + code[pc + 2]] + K[code[pc + 3]];
          pc += 4;
          break;
        case 254: // F64SubK
          F64[fp + code[pc + 1]] = F64[fp + code[pc + 2]] - K[code[pc + 3]];
          pc += 4;
          break;
        case 255: // F64MulK
          F64[fp + code[pc + 1]] = F64[fp + code[pc + 2]] * K[code[pc + 3]];
          pc += 4;
          break;
        case 256: // F64DivK
          F64[fp + code[pc + 1]] = F64[fp + code[pc + 2]] / K[code[pc + 3]];
          pc += 4;
          break;
        case 257: // F64KSub
          F64[fp + code[pc + 1]] = K[code[pc + 3]] - F64[fp + code[pc + 2]];
          pc += 4;
          break;
        case 258: // F64KDiv
          F64[fp + code[pc + 1]] = K[code[pc + 3]] / F64[fp + code[pc + 2]];
          pc += 4;
          break;
        case 259: // F64EqK
          I32[fp2 + code[pc + 1]] = F64[fp + code[pc + 2]] === K[code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 260: // F64NeK
          I32[fp2 + code[pc + 1]] = F64[fp + code[pc + 2]] !== K[code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 261: // F64LtK
          I32[fp2 + code[pc + 1]] = F64[fp + code[pc + 2]] < K[code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 262: // F64GtK
          I32[fp2 + code[pc + 1]] = F64[fp + code[pc + 2]] > K[code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 263: // F64LeK
          I32[fp2 + code[pc + 1]] = F64[fp + code[pc + 2]] <= K[code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 264: // F64GeK
          I32[fp2 + code[pc + 1]] = F64[fp + code[pc + 2]] >= K[code[pc + 3]] ? 1 : 0;
          pc += 4;
          break;
        case 265: // F64MulAdd
          F64[fp + code[pc + 1]] = F64[fp + code[pc + 2]] * F64[fp + code[pc + 3]] + F64[fp + code[pc + 4]];
          pc += 5;
          break;
        case 266: // F64MulSub
          F64[fp + code[pc + 1]] = F64[fp + code[pc + 2]] * F64[fp + code[pc + 3]] - F64[fp + code[pc + 4]];
          pc += 5;
          break;
        case 267: // F64MulRSub
          F64[fp + code[pc + 1]] = F64[fp + code[pc + 4]] - F64[fp + code[pc + 2]] * F64[fp + code[pc + 3]];
          pc += 5;
          break;
        case 268: // F64Mul3
          F64[fp + code[pc + 1]] = F64[fp + code[pc + 2]] * F64[fp + code[pc + 3]] * F64[fp + code[pc + 4]];
          pc += 5;
          break;
        case 269: // F64MulKAdd
          F64[fp + code[pc + 1]] = F64[fp + code[pc + 2]] * K[code[pc + 3]] + F64[fp + code[pc + 4]];
          pc += 5;
          break;
        case 270: // I32TruncF32S
          I32[fp2 + code[pc + 1]] = N.i32TruncF32S(F32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 271: // I32TruncF32U
          I32[fp2 + code[pc + 1]] = N.i32TruncF32U(F32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 272: // I32TruncF64S
          I32[fp2 + code[pc + 1]] = N.i32TruncF64S(F64[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 273: // I32TruncF64U
          I32[fp2 + code[pc + 1]] = N.i32TruncF64U(F64[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 274: { // I64ExtendI32S
          const v = I32[fp2 + code[pc + 2]];
          const d = fp2 + code[pc + 1];
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 3;
          break;
        }
        case 275: { // I64ExtendI32U
          const v = I32[fp2 + code[pc + 2]];
          const d = fp2 + code[pc + 1];
          I32[d] = v;
          I32[d + 1] = 0;
          pc += 3;
          break;
        }
        case 276: // I64TruncF32S
          I64[fp + code[pc + 1]] = N.i64TruncF32S(F32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 277: // I64TruncF32U
          I64[fp + code[pc + 1]] = N.i64TruncF32U(F32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 278: // I64TruncF64S
          I64[fp + code[pc + 1]] = N.i64TruncF64S(F64[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 279: // I64TruncF64U
          I64[fp + code[pc + 1]] = N.i64TruncF64U(F64[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 280: // F32ConvertI32S
          F32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]];
          pc += 3;
          break;
        case 281: // F32ConvertI32U
          F32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2]] >>> 0;
          pc += 3;
          break;
        case 282: // F32ConvertI64S
          F32[fp2 + code[pc + 1]] = N.f32ConvertI64S(I64[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 283: // F32ConvertI64U
          F32[fp2 + code[pc + 1]] = N.f32ConvertI64U(I64[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 284: // F32DemoteF64
          F32[fp2 + code[pc + 1]] = F64[fp + code[pc + 2]];
          pc += 3;
          break;
        case 285: // F64ConvertI32S
          F64[fp + code[pc + 1]] = I32[fp2 + code[pc + 2]];
          pc += 3;
          break;
        case 286: // F64ConvertI32U
          F64[fp + code[pc + 1]] = I32[fp2 + code[pc + 2]] >>> 0;
          pc += 3;
          break;
        case 287: // F64ConvertI64S
          F64[fp + code[pc + 1]] = Number(I64[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 288: // F64ConvertI64U
          F64[fp + code[pc + 1]] = Number(U64[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 289: // F64PromoteF32
          F64[fp + code[pc + 1]] = F32[fp2 + code[pc + 2]];
          pc += 3;
          break;
        case 290: // I32Extend8S
          I32[fp2 + code[pc + 1]] = (I32[fp2 + code[pc + 2]] << 24) >> 24;
          pc += 3;
          break;
        case 291: // I32Extend16S
          I32[fp2 + code[pc + 1]] = (I32[fp2 + code[pc + 2]] << 16) >> 16;
          pc += 3;
          break;
        case 292: { // I64Extend8S
          const v = (I32[fp2 + code[pc + 2]] << 24) >> 24;
          const d = fp2 + code[pc + 1];
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 3;
          break;
        }
        case 293: { // I64Extend16S
          const v = (I32[fp2 + code[pc + 2]] << 16) >> 16;
          const d = fp2 + code[pc + 1];
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 3;
          break;
        }
        case 294: { // I64Extend32S
          const v = I32[fp2 + code[pc + 2]];
          const d = fp2 + code[pc + 1];
          I32[d] = v;
          I32[d + 1] = v >> 31;
          pc += 3;
          break;
        }
        case 295: // I32TruncSatF32S
          I32[fp2 + code[pc + 1]] = N.i32TruncSatF32S(F32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 296: // I32TruncSatF32U
          I32[fp2 + code[pc + 1]] = N.i32TruncSatF32U(F32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 297: // I32TruncSatF64S
          I32[fp2 + code[pc + 1]] = N.i32TruncSatF64S(F64[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 298: // I32TruncSatF64U
          I32[fp2 + code[pc + 1]] = N.i32TruncSatF64U(F64[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 299: // I64TruncSatF32S
          I64[fp + code[pc + 1]] = N.i64TruncSatF32S(F32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 300: // I64TruncSatF32U
          I64[fp + code[pc + 1]] = N.i64TruncSatF32U(F32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 301: // I64TruncSatF64S
          I64[fp + code[pc + 1]] = N.i64TruncSatF64S(F64[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 302: // I64TruncSatF64U
          I64[fp + code[pc + 1]] = N.i64TruncSatF64U(F64[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 311: { // Wrap64Sat
          const a = fp2 + code[pc + 2];
          I32[fp2 + code[pc + 1]] = I32[a + 1] !== 0 ? -1 : I32[a];
          pc += 3;
          break;
        }
        case 312: { // I64ExtendGrow
          const v = I32[fp2 + code[pc + 2]];
          const d = fp2 + code[pc + 1];
          I32[d] = v;
          I32[d + 1] = v === -1 ? -1 : 0;
          pc += 3;
          break;
        }
        case 317: { // RefAsNonNull
          const v = R[fp + code[pc + 2]];
          if (v === null) trap(TrapCode.NullReference);
          R[fp + code[pc + 1]] = v;
          pc += 3;
          break;
        }
        case 318: // RefEq
          I32[fp2 + code[pc + 1]] = G.refEq(R[fp + code[pc + 2]], R[fp + code[pc + 3]]);
          pc += 4;
          break;
        case 319: // RefI31
          R[fp + code[pc + 1]] = G.i31(I32[fp2 + code[pc + 2]]);
          pc += 3;
          break;
        case 320: // I31GetS
          I32[fp2 + code[pc + 1]] = G.i31get(R[fp + code[pc + 2]], true);
          pc += 3;
          break;
        case 321: // I31GetU
          I32[fp2 + code[pc + 1]] = G.i31get(R[fp + code[pc + 2]], false);
          pc += 3;
          break;
        case 322: // ArrayLen
          I32[fp2 + code[pc + 1]] = G.arrayLen(R[fp + code[pc + 2]]);
          pc += 3;
          break;
        case 323: // RefTest
          I32[fp2 + code[pc + 1]] = G.test(inst, R[fp + code[pc + 2]], code[pc + 3], code[pc + 4]) ? 1 : 0;
          pc += 5;
          break;
        case 324: { // RefCast
          const v = R[fp + code[pc + 2]];
          if (!G.test(inst, v, code[pc + 3], code[pc + 4])) trap(TrapCode.CastFailure);
          R[fp + code[pc + 1]] = v;
          pc += 5;
          break;
        }
        case 344: { // V128Load
          const mem = inst.memories[code[pc + 4]];
          const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 16 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
          const dv = mem.view;
          const q0 = dv.getInt32(ea, true);
          const q1 = dv.getInt32(ea + 4, true);
          const q2 = dv.getInt32(ea + 8, true);
          const q3 = dv.getInt32(ea + 12, true);
          const d = fp2 + code[pc + 1];
          I32[d] = q0;
          I32[d + 1] = q1;
          I32[d + 2] = q2;
          I32[d + 3] = q3;
          pc += 5;
          break;
        }
        case 356: { // V128LoadAI
          const mem = inst.memories[code[pc + 4]];
          const ea = (I32[fp2 + code[pc + 2]] + code[pc + 3]) >>> 0;
          if (ea + 16 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
          const dv = mem.view;
          const q0 = dv.getInt32(ea, true);
          const q1 = dv.getInt32(ea + 4, true);
          const q2 = dv.getInt32(ea + 8, true);
          const q3 = dv.getInt32(ea + 12, true);
          const d = fp2 + code[pc + 1];
          I32[d] = q0;
          I32[d + 1] = q1;
          I32[d + 2] = q2;
          I32[d + 3] = q3;
          pc += 5;
          break;
        }
        case 357: { // V128Load16SplatAI
          const mem = inst.memories[code[pc + 4]];
          const ea = (I32[fp2 + code[pc + 2]] + code[pc + 3]) >>> 0;
          if (ea + 2 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
          const dv = mem.view;
          const q0 = Math.imul(dv.getUint16(ea, true), 0x10001);
          const q1 = q0;
          const q2 = q0;
          const q3 = q0;
          const d = fp2 + code[pc + 1];
          I32[d] = q0;
          I32[d + 1] = q1;
          I32[d + 2] = q2;
          I32[d + 3] = q3;
          pc += 5;
          break;
        }
        case 358: { // V128Load32SplatAI
          const mem = inst.memories[code[pc + 4]];
          const ea = (I32[fp2 + code[pc + 2]] + code[pc + 3]) >>> 0;
          if (ea + 4 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
          const dv = mem.view;
          const q0 = dv.getInt32(ea, true);
          const q1 = q0;
          const q2 = q0;
          const q3 = q0;
          const d = fp2 + code[pc + 1];
          I32[d] = q0;
          I32[d + 1] = q1;
          I32[d + 2] = q2;
          I32[d + 3] = q3;
          pc += 5;
          break;
        }
        case 471: { // I32x4ShlI
          const k = code[pc + 3] & 31;
          const a = fp2 + code[pc + 2];
          const d = fp2 + code[pc + 1];
          I32[d] = I32[a] << k;
          I32[d + 1] = I32[a + 1] << k;
          I32[d + 2] = I32[a + 2] << k;
          I32[d + 3] = I32[a + 3] << k;
          pc += 4;
          break;
        }
        case 472: { // I32x4ShrSI
          const k = code[pc + 3] & 31;
          const a = fp2 + code[pc + 2];
          const d = fp2 + code[pc + 1];
          I32[d] = I32[a] >> k;
          I32[d + 1] = I32[a + 1] >> k;
          I32[d + 2] = I32[a + 2] >> k;
          I32[d + 3] = I32[a + 3] >> k;
          pc += 4;
          break;
        }
        case 541: { // I32x4MulAddExtLowI16x8S
          const I16 = m.i16;
          const a = fp2 + code[pc + 2];
          const s = ((fp2 + code[pc + 3]) << 1);
          const c = fp2 + code[pc + 4];
          const q0 = (I32[c] + Math.imul(I32[a], I16[s])) | 0;
          const q1 = (I32[c + 1] + Math.imul(I32[a + 1], I16[s + 1])) | 0;
          const q2 = (I32[c + 2] + Math.imul(I32[a + 2], I16[s + 2])) | 0;
          const q3 = (I32[c + 3] + Math.imul(I32[a + 3], I16[s + 3])) | 0;
          const d = fp2 + code[pc + 1];
          I32[d] = q0;
          I32[d + 1] = q1;
          I32[d + 2] = q2;
          I32[d + 3] = q3;
          pc += 5;
          break;
        }
        case 543: { // I32x4MulAddExtHighI16x8S
          const I16 = m.i16;
          const a = fp2 + code[pc + 2];
          const s = ((fp2 + code[pc + 3]) << 1) + 4;
          const c = fp2 + code[pc + 4];
          const q0 = (I32[c] + Math.imul(I32[a], I16[s])) | 0;
          const q1 = (I32[c + 1] + Math.imul(I32[a + 1], I16[s + 1])) | 0;
          const q2 = (I32[c + 2] + Math.imul(I32[a + 2], I16[s + 2])) | 0;
          const q3 = (I32[c + 3] + Math.imul(I32[a + 3], I16[s + 3])) | 0;
          const d = fp2 + code[pc + 1];
          I32[d] = q0;
          I32[d + 1] = q1;
          I32[d + 2] = q2;
          I32[d + 3] = q3;
          pc += 5;
          break;
        }
        case 544: { // I32x4MulAdd
          const a = fp2 + code[pc + 2];
          const b = fp2 + code[pc + 3];
          const c = fp2 + code[pc + 4];
          const d = fp2 + code[pc + 1];
          I32[d] = (I32[c] + Math.imul(I32[a], I32[b])) | 0;
          I32[d + 1] = (I32[c + 1] + Math.imul(I32[a + 1], I32[b + 1])) | 0;
          I32[d + 2] = (I32[c + 2] + Math.imul(I32[a + 2], I32[b + 2])) | 0;
          I32[d + 3] = (I32[c + 3] + Math.imul(I32[a + 3], I32[b + 3])) | 0;
          pc += 5;
          break;
        }
        // @generated-cases-end
        // hand-written: control flow, calls, memory growth, bulk operations. They come after the
        // generated cases on purpose: case order shapes TurboFan's code layout (RATIONALE.md)
        case 1 /* Fuel */: {
          const n = code[pc + 1]!;
          if (fuel < n) {
            // suspend before the block runs: resuming re-executes this op
            counters.fuel = fuel;
            m.suspended = { fn, pc, fp, depth, entryDepth };
            return Status.OutOfFuel;
          }
          fuel -= n;
          pc += 2;
          break;
        }
        case 7 /* Return32 */:
          I32[fp2] = I32[fp2 + code[pc + 1]!]!;
        // falls through
        case 6 /* Return */:
          if (depth === entryDepth) {
            counters.fuel = fuel;
            return Status.Done;
          }
          depth--;
          pc = framePc[depth]!;
          fp = frameFp[depth]!;
          fp2 = fp << 1;
          fn = frameFn[depth]!;
          cf = fn.compiled!;
          code = cf.code;
          K = cf.consts;
          if (fn.instance !== inst) {
            inst = fn.instance!;
            mem = inst.mem;
            dv = mem.view;
            u8 = mem.u8;
            memLen = mem.byteLength;
          } else if (memLen !== mem.byteLength) {
            dv = mem.view;
            u8 = mem.u8;
            memLen = mem.byteLength;
          }
          break;
        case 8 /* Return64 */: {
          const a = fp2 + code[pc + 1]!;
          const lo = I32[a]!;
          const hi = I32[a + 1]!;
          I32[fp2] = lo;
          I32[fp2 + 1] = hi;
          if (depth === entryDepth) {
            counters.fuel = fuel;
            return Status.Done;
          }
          depth--;
          pc = framePc[depth]!;
          fp = frameFp[depth]!;
          fp2 = fp << 1;
          fn = frameFn[depth]!;
          cf = fn.compiled!;
          code = cf.code;
          K = cf.consts;
          if (fn.instance !== inst) {
            inst = fn.instance!;
            mem = inst.mem;
            dv = mem.view;
            u8 = mem.u8;
            memLen = mem.byteLength;
          } else if (memLen !== mem.byteLength) {
            dv = mem.view;
            u8 = mem.u8;
            memLen = mem.byteLength;
          }
          break;
        }
        case 9 /* ReturnRef */:
          R[fp] = R[fp + code[pc + 1]!];
          if (depth === entryDepth) {
            counters.fuel = fuel;
            return Status.Done;
          }
          depth--;
          pc = framePc[depth]!;
          fp = frameFp[depth]!;
          fp2 = fp << 1;
          fn = frameFn[depth]!;
          cf = fn.compiled!;
          code = cf.code;
          K = cf.consts;
          if (fn.instance !== inst) {
            inst = fn.instance!;
            mem = inst.mem;
            dv = mem.view;
            u8 = mem.u8;
            memLen = mem.byteLength;
          } else if (memLen !== mem.byteLength) {
            dv = mem.view;
            u8 = mem.u8;
            memLen = mem.byteLength;
          }
          break;
        case 10 /* Call */:
        case 11 /* CallIndirect */:
        case 315 /* CallRef */: {
          let callee: FuncInst;
          let nfp: number;
          // pc stays on the call until the callee is entered, so a trap here points at the call
          let ret: number;
          if (code[pc] === 10 /* Call */) {
            callee = inst.funcs[code[pc + 1]!]!;
            nfp = fp + code[pc + 2]!;
            ret = pc + 3;
          } else if (code[pc] === 315 /* CallRef */) {
            const f = R[fp + code[pc + 1]!] as FuncInst | null;
            if (f === null) trap(TrapCode.NullFunctionReference);
            callee = f;
            nfp = fp + code[pc + 2]!;
            ret = pc + 3;
          } else {
            const table = inst.tables[code[pc + 2]!]!;
            const i = I32[fp2 + code[pc + 3]!]! >>> 0;
            if (i >= table.elements.length) trap(TrapCode.UndefinedElement);
            const f = table.elements[i] as FuncInst | null;
            if (f === null) trap(TrapCode.UninitializedElement);
            // 3.0: the function's type may be a declared subtype of the expected one
            if (f.typeId !== inst.typeIds[code[pc + 1]!] && !canonSub(f.typeId, inst.typeIds[code[pc + 1]!]!)) trap(TrapCode.IndirectCallTypeMismatch);
            callee = f;
            nfp = fp + code[pc + 4]!;
            ret = pc + 5;
          }
          const ccf = callee.compiled;
          if (ccf === null) {
            m.depth = depth;
            m.sp = fp + cf.frameSize;
            counters.fuel = fuel;
            inHost = true;
            const p = callHost(m, callee, nfp);
            inHost = false;
            fuel = counters.fuel;
            if (p === HOST_THREW) {
              // the host threw a Wasm exception: unwind from this call as if it were a throw
              const x = takeHostThrown();
              if (!unwind(m, x, fn, pc, fp, depth, entryDepth)) throw new WasmException(x);
              depth = landing.depth;
              fn = landing.fn!;
              pc = landing.pc;
              fp = landing.fp;
              fp2 = fp << 1;
              cf = fn.compiled!;
              code = cf.code;
              K = cf.consts;
              inst = fn.instance!;
              mem = inst.mem;
              dv = mem.view;
              u8 = mem.u8;
              memLen = mem.byteLength;
              break;
            }
            pc = ret;
            if (p !== undefined) {
              if (!m.allowAsync) throw new TypeError(ASYNC_ON_SYNC_PATH);
              m.suspended = { fn, pc, fp, depth, entryDepth, pending: { promise: p, callee, fp: nfp } };
              return Status.HostPending;
            }
            if (memLen !== mem.byteLength || dv !== mem.view) {
              dv = mem.view;
              u8 = mem.u8;
              memLen = mem.byteLength;
            }
            break;
          }
          if (depth >= maxDepth || nfp + ccf.frameSize > maxSlots) trap(TrapCode.CallStackExhausted);
          if (depth >= counters.peakDepth) counters.peakDepth = depth + 1;
          if (nfp + ccf.frameSize > counters.peakStackSlots) counters.peakStackSlots = nfp + ccf.frameSize;
          framePc[depth] = ret;
          frameFp[depth] = fp;
          frameFn[depth] = fn;
          depth++;
          fn = callee;
          cf = ccf;
          code = ccf.code;
          K = ccf.consts;
          // metered code opens with its entry block's Fuel op: charge it here and skip a dispatch
          // (when fuel is short, the op itself runs and suspends as usual)
          if (code[0] === 1 /* Fuel */ && fuel >= code[1]!) {
            fuel -= code[1]!;
            pc = 2;
          } else pc = 0;
          fp = nfp;
          fp2 = fp << 1;
          for (let i = fp + ccf.paramSlots, e = fp + ccf.localSlots; i < e; i++) {
            I32[i << 1] = 0;
            I32[(i << 1) + 1] = 0;
          }
          if (ccf.hasRefLocals) for (let i = fp + ccf.paramSlots, e = fp + ccf.localSlots; i < e; i++) R[i] = null;
          if (callee.instance !== inst) {
            inst = callee.instance!;
            mem = inst.mem;
            dv = mem.view;
            u8 = mem.u8;
            memLen = mem.byteLength;
          }
          break;
        }
        case 303 /* ReturnCall */:
        case 304 /* ReturnCallIndirect */:
        case 316 /* ReturnCallRef */: {
          // the arguments are already at slots 0.. of this frame; the callee takes the frame over,
          // so depth stays and an unbounded chain of tail calls runs in constant stack
          let callee: FuncInst;
          let ret: number;
          if (code[pc] === 303 /* ReturnCall */) {
            callee = inst.funcs[code[pc + 1]!]!;
            ret = pc + 2;
          } else if (code[pc] === 316 /* ReturnCallRef */) {
            const f = R[fp + code[pc + 1]!] as FuncInst | null;
            if (f === null) trap(TrapCode.NullFunctionReference);
            callee = f;
            ret = pc + 2;
          } else {
            const table = inst.tables[code[pc + 2]!]!;
            const i = I32[fp2 + code[pc + 3]!]! >>> 0;
            if (i >= table.elements.length) trap(TrapCode.UndefinedElement);
            const f = table.elements[i] as FuncInst | null;
            if (f === null) trap(TrapCode.UninitializedElement);
            // 3.0: the function's type may be a declared subtype of the expected one
            if (f.typeId !== inst.typeIds[code[pc + 1]!] && !canonSub(f.typeId, inst.typeIds[code[pc + 1]!]!)) trap(TrapCode.IndirectCallTypeMismatch);
            callee = f;
            ret = pc + 4;
          }
          const ccf = callee.compiled;
          if (ccf === null) {
            // a host function: an ordinary call with its frame at ours; the Return after this op
            // then returns its results, which it left at slot 0
            m.depth = depth;
            m.sp = fp + cf.frameSize;
            counters.fuel = fuel;
            inHost = true;
            const p = callHost(m, callee, fp);
            inHost = false;
            fuel = counters.fuel;
            if (p === HOST_THREW) {
              const x = takeHostThrown();
              if (!unwind(m, x, fn, pc, fp, depth, entryDepth)) throw new WasmException(x);
              depth = landing.depth;
              fn = landing.fn!;
              pc = landing.pc;
              fp = landing.fp;
              fp2 = fp << 1;
              cf = fn.compiled!;
              code = cf.code;
              K = cf.consts;
              inst = fn.instance!;
              mem = inst.mem;
              dv = mem.view;
              u8 = mem.u8;
              memLen = mem.byteLength;
              break;
            }
            pc = ret;
            if (p !== undefined) {
              if (!m.allowAsync) throw new TypeError(ASYNC_ON_SYNC_PATH);
              m.suspended = { fn, pc, fp, depth, entryDepth, pending: { promise: p, callee, fp } };
              return Status.HostPending;
            }
            break;
          }
          if (fp + ccf.frameSize > maxSlots) trap(TrapCode.CallStackExhausted);
          if (fp + ccf.frameSize > counters.peakStackSlots) counters.peakStackSlots = fp + ccf.frameSize;
          fn = callee;
          cf = ccf;
          code = ccf.code;
          K = ccf.consts;
          if (code[0] === 1 /* Fuel */ && fuel >= code[1]!) {
            fuel -= code[1]!;
            pc = 2;
          } else pc = 0;
          for (let i = fp + ccf.paramSlots, e = fp + ccf.localSlots; i < e; i++) {
            I32[i << 1] = 0;
            I32[(i << 1) + 1] = 0;
          }
          if (ccf.hasRefLocals) for (let i = fp + ccf.paramSlots, e = fp + ccf.localSlots; i < e; i++) R[i] = null;
          if (callee.instance !== inst) {
            inst = callee.instance!;
            mem = inst.mem;
            dv = mem.view;
            u8 = mem.u8;
            memLen = mem.byteLength;
          }
          break;
        }
        case 305 /* LoadM32 */:
        case 306 /* LoadM64 */:
        case 307 /* StoreM32 */:
        case 308 /* StoreM64 */:
        case 309 /* MemorySizeM */:
        case 310 /* MemoryGrowM */:
          pc = memOp(m, inst, code, pc, fp);
          // memory 0 may be the same memory under another index (imported twice) and have grown
          dv = mem.view;
          u8 = mem.u8;
          memLen = mem.byteLength;
          break;
        case 65 /* MemoryGrow */: {
          const r = mem.grow(I32[fp2 + code[pc + 2]!]! >>> 0);
          dv = mem.view;
          u8 = mem.u8;
          memLen = mem.byteLength;
          I32[fp2 + code[pc + 1]!] = r;
          pc += 3;
          break;
        }
        case 66 /* MemoryInit */:
        case 67 /* DataDrop */:
        case 68 /* MemoryCopy */:
        case 69 /* MemoryFill */:
        case 70 /* TableGet */:
        case 71 /* TableSet */:
        case 72 /* TableSize */:
        case 73 /* TableGrow */:
        case 74 /* TableFill */:
        case 75 /* TableCopy */:
        case 76 /* TableInit */:
        case 77 /* ElemDrop */:
        {
          counters.fuel = fuel;
          const next = bulkOp(m, inst, cf.metered, code, pc, fp);
          fuel = counters.fuel;
          if (next < 0) {
            m.suspended = { fn, pc, fp, depth, entryDepth };
            return Status.OutOfFuel;
          }
          pc = next;
          break;
        }
        case 325 /* StructNew */:
        case 326 /* StructNewDefault */:
        case 327 /* StructGet */:
        case 328 /* StructGetS */:
        case 329 /* StructGetU */:
        case 330 /* StructSet */:
        case 331 /* ArrayNew */:
        case 332 /* ArrayNewDefault */:
        case 333 /* ArrayNewFixed */:
        case 334 /* ArrayNewData */:
        case 335 /* ArrayNewElem */:
        case 336 /* ArrayGet */:
        case 337 /* ArrayGetS */:
        case 338 /* ArrayGetU */:
        case 339 /* ArraySet */:
        case 340 /* ArrayFill */:
        case 341 /* ArrayCopy */:
        case 342 /* ArrayInitData */:
        case 343 /* ArrayInitElem */: {
          // GC allocation and field access (core/exec/gc.ts); allocations charge fuel by size
          counters.fuel = fuel;
          const next = gcOp(m, inst, cf.metered, code, pc, fp);
          fuel = counters.fuel;
          if (next < 0) {
            m.suspended = { fn, pc, fp, depth, entryDepth };
            return Status.OutOfFuel;
          }
          pc = next;
          break;
        }
        case 313 /* Throw */:
        case 314 /* ThrowRef */: {
          // unwind the explicit frame stack to the innermost matching try_table of this run;
          // none: the exception leaves the run as a WasmException (callers' runs continue it)
          let x: ExnInst;
          if (code[pc] === 313 /* Throw */) x = newExn(m, inst.tags[code[pc + 1]!]!, fp + code[pc + 2]!);
          else {
            const r = R[fp + code[pc + 1]!];
            if (r === null || r === undefined) throw new TrapSignal(TrapCode.NullReference, 'throw_ref of a null exnref');
            x = r as ExnInst;
          }
          if (!unwind(m, x, fn, pc, fp, depth, entryDepth)) throw new WasmException(x);
          depth = landing.depth;
          fn = landing.fn!;
          pc = landing.pc;
          fp = landing.fp;
          fp2 = fp << 1;
          cf = fn.compiled!;
          code = cf.code;
          K = cf.consts;
          inst = fn.instance!;
          mem = inst.mem;
          dv = mem.view;
          u8 = mem.u8;
          memLen = mem.byteLength;
          break;
        }
        default: {
          // SIMD ops: one function each in core/exec/simd.ts, registered by the full build
          // (core/simd-support.ts)
          const simd = simdSupport.engine;
          if (simd === null) throw new Error(`wasmlet: internal error: bad IR opcode ${code[pc]} at ${pc}`);
          pc = simd.ops[code[pc]]!(m, inst, code, pc, fp);
          break;
        }
      }
    }
  } catch (e) {
    if (!inHost) counters.fuel = fuel;
    const bt = backtrace(m, entryDepth, depth, fn, pc);
    m.depth = baseDepth;
    throw toTrap(e, bt);
  }
}

/** The Wasm backtrace of a suspended call (for traps raised while it is suspended). */
export function suspendedBacktrace(m: Machine): BacktraceFrame[] {
  const s = m.suspended;
  if (!s || s.pc < 0) return [];
  return backtrace(m, s.entryDepth, s.depth, s.fn, s.pc);
}

export function toTrap(e: unknown, bt: BacktraceFrame[]): unknown {
  if (e instanceof TrapSignal) return new Trap(e.code, bt, e.detail);
  if (e instanceof RangeError && /call stack/i.test(e.message)) return new Trap(TrapCode.CallStackExhausted, bt);
  return e;
}

function wasmOffset(f: FuncInst, pc: number): number {
  const map = f.compiled?.pcMap;
  if (!map || map.length === 0) return 0;
  let off = map[1]!;
  for (let i = 0; i < map.length; i += 2) {
    if (map[i]! > pc) break;
    off = map[i + 1]!;
  }
  return off;
}

function frameInfo(f: FuncInst, pc: number): BacktraceFrame {
  const names = f.instance?.module.info.funcNames;
  return { funcIndex: f.index, funcName: names?.get(f.index), offset: wasmOffset(f, pc) };
}

export function backtrace(m: Machine, entryDepth: number, depth: number, fn: FuncInst, pc: number): BacktraceFrame[] {
  const out: BacktraceFrame[] = [frameInfo(fn, pc)];
  for (let d = depth - 1; d >= entryDepth && out.length < 64; d--) {
    const f = m.frameFn[d];
    if (f) out.push(frameInfo(f, m.framePc[d]! - 1));
  }
  return out;
}

// ---- host calls and value conversion -------------------------------------------------------

/** The JS API's rule: a v128 has no JS value, so it cannot cross into or out of JS. */
export const V128_AT_JS_BOUNDARY = 'v128 values cannot cross the JS boundary (use invokeRaw: a 16-byte Uint8Array)';

/** Read the value in `slot` as the JS value a host function receives. */
export function readJs(m: Machine, slot: number, t: ValType): unknown {
  switch (t) {
    case ValType.I32:
      return m.i32[slot << 1];
    case ValType.I64:
      return m.i64[slot];
    case ValType.F32:
      return m.f32[slot << 1];
    case ValType.F64:
      return m.f64[slot];
    case ValType.V128:
      throw new TypeError(V128_AT_JS_BOUNDARY);
    default: {
      const v = m.refs[slot];
      // a GC object reaching the host stays a root of the heap's reachability count
      if (v instanceof GcStruct || v instanceof GcArray) m.counters.gc.escape(v);
      return v;
    }
  }
}

/** Write a JS value (already of the right kind) into `slot`. */
export function writeJs(m: Machine, slot: number, t: ValType, v: unknown): void {
  switch (t) {
    case ValType.I32:
      m.i32[slot << 1] = v as number;
      break;
    case ValType.I64:
      m.i64[slot] = v as bigint;
      break;
    case ValType.F32:
      m.f32[slot << 1] = v as number;
      break;
    case ValType.F64:
      m.f64[slot] = v as number;
      break;
    case ValType.V128:
      throw new TypeError(V128_AT_JS_BOUNDARY);
    default:
      m.refs[slot] = v;
  }
}

/** JS → Wasm value coercion of the JS API (ToInt32, ToBigInt64, ToNumber). */
export function coerce(t: ValType, v: unknown): unknown {
  switch (t) {
    case ValType.I32:
      return Number(v) | 0;
    case ValType.I64:
      return BigInt.asIntN(64, typeof v === 'bigint' ? v : BigInt(v as string));
    case ValType.F32:
    case ValType.F64:
      return Number(v);
    default:
      // function references (funcref and typed ones): a function, or null where the type allows
      if (isRefType(t) && topOf(heapOf(t)) === HT.func && !isGcObject(v)) {
        if (v === null ? !isNullable(t) : !(v instanceof FuncInst)) throw new TypeError('host function returned a non-function for a function reference result');
      }
      return v === undefined ? undefined : v;
  }
}

/** Call a host function; returns its Promise (results not yet written) if it returned one. */
export function callHost(m: Machine, f: FuncInst, fp: number): PromiseLike<unknown> | undefined {
  const t = f.type;
  const p = t.params;
  const np = p.length;
  const saveSp = m.sp;
  if (m.sp < fp + Math.max(np, t.results.length)) m.sp = fp + Math.max(np, t.results.length);
  const h = f.host!;
  let r: unknown;
  try {
    // up to five arguments are passed directly: no argument array per host call
    switch (np) {
      case 0:
        r = h();
        break;
      case 1:
        r = h(readJs(m, fp, p[0]!));
        break;
      case 2:
        r = h(readJs(m, fp, p[0]!), readJs(m, fp + 1, p[1]!));
        break;
      case 3:
        r = h(readJs(m, fp, p[0]!), readJs(m, fp + 1, p[1]!), readJs(m, fp + 2, p[2]!));
        break;
      case 4:
        r = h(readJs(m, fp, p[0]!), readJs(m, fp + 1, p[1]!), readJs(m, fp + 2, p[2]!), readJs(m, fp + 3, p[3]!));
        break;
      case 5:
        r = h(readJs(m, fp, p[0]!), readJs(m, fp + 1, p[1]!), readJs(m, fp + 2, p[2]!), readJs(m, fp + 3, p[3]!), readJs(m, fp + 4, p[4]!));
        break;
      default: {
        const args = new Array<unknown>(np);
        for (let i = 0; i < np; i++) args[i] = readJs(m, fp + i, p[i]!);
        r = h(...args);
      }
    }
  } catch (e) {
    // a Wasm exception thrown by the host goes to the caller's handlers, not up the JS stack
    const x = exnOf(e);
    if (x === undefined) throw e;
    setHostThrown(x);
    return HOST_THREW;
  } finally {
    m.sp = saveSp;
  }
  if (r !== null && typeof r === 'object' && typeof (r as { then?: unknown }).then === 'function') {
    return r as PromiseLike<unknown>;
  }
  writeHostResults(m, f, fp, r);
  return undefined;
}

/** Store a host function's return value as its Wasm results, with the JS API's coercions. */
export function writeHostResults(m: Machine, f: FuncInst, fp: number, r: unknown): void {
  const t = f.type;
  const nr = t.results.length;
  if (nr === 0) return;
  if (nr === 1) {
    writeJs(m, fp, t.results[0]!, coerce(t.results[0]!, r));
    return;
  }
  if (r === null || typeof r !== 'object' || !(Symbol.iterator in (r as object))) {
    throw new TypeError('host function with multiple results must return an iterable');
  }
  const vals = [...(r as Iterable<unknown>)];
  if (vals.length !== nr) throw new TypeError(`host function returned ${vals.length} values, expected ${nr}`);
  for (let i = 0; i < nr; i++) writeJs(m, fp + i, t.results[i]!, coerce(t.results[i]!, vals[i]));
}

// ---- memories other than 0 (multi-memory; kept out of the hot loop) --------------------------

/** width in bytes of each memory-0 access op, which LoadM/StoreM name in their `k` operand */
function accessWidth(k: number): number {
  switch (k) {
    case 27 /* Load32 */:
    case 39 /* Store32 */:
    case 37 /* I64Load32S */:
    case 38 /* I64Load32U */:
      return 4;
    case 28 /* Load64 */:
    case 40 /* Store64 */:
      return 8;
    case 31 /* I32Load16S */:
    case 32 /* I32Load16U */:
    case 35 /* I64Load16S */:
    case 36 /* I64Load16U */:
    case 42 /* Store16 */:
      return 2;
    default:
      return 1;
  }
}

export function memOp(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const I32 = m.i32;
  const fp2 = fp << 1;
  const op = code[pc]!;
  if (op === 309 /* MemorySizeM */) {
    const mem = inst.memories[code[pc + 2]!]!;
    I32[fp2 + code[pc + 1]!] = mem.byteLength / mem.pageSize;
    return pc + 3;
  }
  if (op === 310 /* MemoryGrowM */) {
    I32[fp2 + code[pc + 1]!] = inst.memories[code[pc + 3]!]!.grow(I32[fp2 + code[pc + 2]!]! >>> 0);
    return pc + 4;
  }
  const mem = inst.memories[code[pc + 5]!]!;
  const k = code[pc + 4]!;
  const ea = (I32[fp2 + code[pc + 1 + (op === 305 /* LoadM32 */ || op === 306 /* LoadM64 */ ? 1 : 0)]!]! >>> 0) + (code[pc + 3]! >>> 0);
  if (ea + accessWidth(k) > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const dv = mem.view;
  if (op === 305 /* LoadM32 */ || op === 306 /* LoadM64 */) {
    const d = fp2 + code[pc + 1]!;
    let lo: number;
    let hi = 0;
    switch (k) {
      case 27 /* Load32 */:
        lo = dv.getInt32(ea, true);
        break;
      case 28 /* Load64 */:
        lo = dv.getInt32(ea, true);
        hi = dv.getInt32(ea + 4, true);
        break;
      case 29 /* I32Load8S */:
      case 33 /* I64Load8S */:
        lo = dv.getInt8(ea);
        hi = lo >> 31;
        break;
      case 30 /* I32Load8U */:
      case 34 /* I64Load8U */:
        lo = dv.getUint8(ea);
        break;
      case 31 /* I32Load16S */:
      case 35 /* I64Load16S */:
        lo = dv.getInt16(ea, true);
        hi = lo >> 31;
        break;
      case 32 /* I32Load16U */:
      case 36 /* I64Load16U */:
        lo = dv.getUint16(ea, true);
        break;
      case 37 /* I64Load32S */:
        lo = dv.getInt32(ea, true);
        hi = lo >> 31;
        break;
      default: // I64Load32U
        lo = dv.getInt32(ea, true);
    }
    I32[d] = lo;
    if (op === 306 /* LoadM64 */) I32[d + 1] = hi;
    return pc + 6;
  }
  const v = fp2 + code[pc + 2]!;
  switch (k) {
    case 39 /* Store32 */:
      dv.setInt32(ea, I32[v]!, true);
      break;
    case 40 /* Store64 */:
      dv.setInt32(ea, I32[v]!, true);
      dv.setInt32(ea + 4, I32[v + 1]!, true);
      break;
    case 42 /* Store16 */:
      dv.setInt16(ea, I32[v]!, true);
      break;
    default: // Store8
      dv.setInt8(ea, I32[v]!);
  }
  return pc + 6;
}

// ---- bulk memory and table operations (rare: kept out of the hot loop) ----------------------

export function bulkOp(m: Machine, inst: Instance, metered: boolean, code: Int32Array, pc: number, fp: number): number {
  const I32 = m.i32;
  const R = m.refs;
  const fp2 = fp << 1;
  const u = (k: number) => I32[fp2 + code[pc + k]!]! >>> 0;
  if (metered) {
    // per-byte (per-element) cost, charged before any effect so out-of-fuel can resume here
    const op = code[pc];
    const n =
      op === 66 /* MemoryInit */ ? u(4) : op === 68 /* MemoryCopy */ || op === 69 /* MemoryFill */ ? u(3) : op === 76 /* TableInit */ || op === 75 /* TableCopy */ ? u(5) : op === 74 /* TableFill */ || op === 73 /* TableGrow */ ? u(4) : 0;
    const cost = op === 76 /* TableInit */ || op === 75 /* TableCopy */ || op === 74 /* TableFill */ || op === 73 /* TableGrow */ ? n : Math.ceil(n / FUEL_BYTES_PER_UNIT);
    const c = m.counters;
    if (c.fuel < cost) return -1;
    c.fuel -= cost;
  }
  switch (code[pc]) {
    case 66 /* MemoryInit */: {
      const seg = inst.datas[code[pc + 1]!];
      const mem = inst.memories[code[pc + 5]!]!;
      const d = u(2);
      const s = u(3);
      const n = u(4);
      const len = seg ? seg.length : 0;
      if (s + n > len || d + n > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      if (n > 0) mem.u8.set(seg!.subarray(s, s + n), d);
      return pc + 6;
    }
    case 67 /* DataDrop */:
      inst.datas[code[pc + 1]!] = null;
      return pc + 2;
    case 68 /* MemoryCopy */: {
      const d = u(1);
      const s = u(2);
      const n = u(3);
      const dst = inst.memories[code[pc + 4]!]!;
      const src = inst.memories[code[pc + 5]!]!;
      if (s + n > src.byteLength || d + n > dst.byteLength) trap(TrapCode.OutOfBoundsMemory);
      if (dst === src) dst.u8.copyWithin(d, s, s + n);
      else dst.u8.set(src.u8.subarray(s, s + n), d);
      return pc + 6;
    }
    case 69 /* MemoryFill */: {
      const mem = inst.memories[code[pc + 4]!]!;
      const d = u(1);
      const v = I32[fp2 + code[pc + 2]!]! & 0xff;
      const n = u(3);
      if (d + n > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      mem.u8.fill(v, d, d + n);
      return pc + 5;
    }
    case 70 /* TableGet */: {
      const t = inst.tables[code[pc + 2]!]!;
      const i = u(3);
      if (i >= t.elements.length) trap(TrapCode.OutOfBoundsTable);
      R[fp + code[pc + 1]!] = t.elements[i];
      return pc + 4;
    }
    case 71 /* TableSet */: {
      const t = inst.tables[code[pc + 1]!]!;
      const i = u(2);
      if (i >= t.elements.length) trap(TrapCode.OutOfBoundsTable);
      t.elements[i] = R[fp + code[pc + 3]!];
      return pc + 4;
    }
    case 72 /* TableSize */:
      I32[fp2 + code[pc + 1]!] = inst.tables[code[pc + 2]!]!.elements.length;
      return pc + 3;
    case 73 /* TableGrow */: {
      const t = inst.tables[code[pc + 2]!]!;
      I32[fp2 + code[pc + 1]!] = t.grow(u(4), R[fp + code[pc + 3]!]);
      return pc + 5;
    }
    case 74 /* TableFill */: {
      const t = inst.tables[code[pc + 1]!]!;
      const i = u(2);
      const v = R[fp + code[pc + 3]!];
      const n = u(4);
      if (i + n > t.elements.length) trap(TrapCode.OutOfBoundsTable);
      t.elements.fill(v, i, i + n);
      return pc + 5;
    }
    case 75 /* TableCopy */: {
      const dt = inst.tables[code[pc + 1]!]!;
      const st = inst.tables[code[pc + 2]!]!;
      const d = u(3);
      const s = u(4);
      const n = u(5);
      if (s + n > st.elements.length || d + n > dt.elements.length) trap(TrapCode.OutOfBoundsTable);
      if (dt === st) dt.elements.copyWithin(d, s, s + n);
      else for (let k = 0; k < n; k++) dt.elements[d + k] = st.elements[s + k];
      return pc + 6;
    }
    case 76 /* TableInit */: {
      const t = inst.tables[code[pc + 1]!]!;
      const seg = inst.elems[code[pc + 2]!];
      const d = u(3);
      const s = u(4);
      const n = u(5);
      const len = seg ? seg.length : 0;
      if (s + n > len || d + n > t.elements.length) trap(TrapCode.OutOfBoundsTable);
      for (let k = 0; k < n; k++) t.elements[d + k] = seg![s + k];
      return pc + 6;
    }
    case 77 /* ElemDrop */:
      inst.elems[code[pc + 1]!] = null;
      return pc + 2;
  }
  throw new Error('wasmlet: internal error: bad bulk opcode');
}
