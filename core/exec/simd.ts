/**
 * The SIMD executor: one function per SIMD IR op (core/ops/simd.ts), generated between the
 * markers below by scripts/gen-ops.mjs, and OPS, their table by IR number. The interpreter calls
 * them from its default case, so the scalar dispatch loop is unchanged (RATIONALE.md "SIMD"), and
 * each op is small enough for TurboFan to optimise on its own. Lanes are read and written through
 * the machine's typed-array views of its value stack at the operands' word offsets; an op whose
 * result lanes could overwrite operand lanes it has yet to read builds the result in locals or in
 * a 16-byte scratch first. No BigInt: i64 lanes are word pairs. Only the full entry point imports
 * this file (`installSimd`).
 */
import { TrapCode } from '../errors.js';
import { simdSupport, type SimdStep as Step } from '../simd-support.js';
import type { Machine } from './machine.js';
import type { Instance } from './objects.js';
import * as N from './numeric.js';
import { trap } from './trap.js';

// the result scratch of the cold ops, one 16-byte buffer under the lane views they use
const scratch = new ArrayBuffer(16);
const tI8 = new Int8Array(scratch);
const tU8 = new Uint8Array(scratch);
const tI16 = new Int16Array(scratch);
const tU16 = new Uint16Array(scratch);
const tI32 = new Int32Array(scratch);
// both operands of a shuffle side by side, so a lane index 0..31 is a byte offset
const pair = new ArrayBuffer(32);
const pU8 = new Uint8Array(pair);
const pI32 = new Int32Array(pair);

/** the high word of the unsigned 64-bit product of two 32-bit words (16-bit pieces stay exact) */
function mulhu(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const t = a1 * b0 + ((a0 * b0) >>> 16);
  const w = (t & 0xffff) + a0 * b1;
  return (a1 * b1 + (t >>> 16) + (w >>> 16)) | 0;
}
/** the high word of the signed 64-bit product */
function mulhs(a: number, b: number): number {
  return (mulhu(a, b) - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
}
// bit access for the fused multiply-adds
const fBuf = new Float64Array(1);
const fWords = new Int32Array(fBuf.buffer);

/**
 * f32 a * b + c with one rounding (relaxed_madd): the product is exact in f64; the f64 sum is
 * made round-to-odd (nudged off an even last bit toward the lost error), so rounding it to f32 is
 * the correctly rounded result (f64 has more than 24 + 2 bits)
 */
function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  if (s !== s || s === Infinity || s === -Infinity) return Math.fround(s);
  const bb = s - p;
  const t = p - (s - bb) + (c - bb);
  if (t === 0) return Math.fround(s);
  fBuf[0] = s;
  if ((fWords[0]! & 1) === 0) {
    if (t > 0 === s > 0) fWords[0] = fWords[0]! + 1;
    else if (fWords[0] === 0) {
      fWords[0] = -1;
      fWords[1] = fWords[1]! - 1;
    } else fWords[0] = fWords[0]! - 1;
  }
  return Math.fround(fBuf[0]!);
}

/** x as (sign, integer mantissa, exponent): |x| = m * 2^e */
function parts(x: number): [boolean, bigint, number] {
  fBuf[0] = x;
  const hi = fWords[1]!;
  const ex = (hi >>> 20) & 0x7ff;
  const m = (BigInt(hi & 0xfffff) << 32n) | BigInt(fWords[0]! >>> 0);
  return [hi < 0, ex === 0 ? m : m | (1n << 52n), ex === 0 ? -1074 : ex - 1075];
}
/** 2^x for x >= -1074 */
function pow2(x: number): number {
  if (x > 1023) return Infinity;
  if (x >= -1022) {
    fWords[0] = 0;
    fWords[1] = (x + 1023) << 20;
  } else {
    const k = x + 1074;
    fWords[0] = k < 32 ? 1 << k : 0;
    fWords[1] = k < 32 ? 0 : 1 << (k - 32);
  }
  return fBuf[0]!;
}
/**
 * f64 a * b + c with one rounding. When the product is exact in f64 (Veltkamp split: no error
 * term) that is a plain add; otherwise exact integer arithmetic (BigInt, only here) rounded to
 * nearest-even, subnormals included.
 */
function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  if (p !== p || p === Infinity || p === -Infinity || c !== c || c === Infinity || c === -Infinity || a === 0 || b === 0) return p + c;
  const ca = 134217729 * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = 134217729 * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  const e = ah * bh - p + ah * bl + al * bh + al * bl;
  if (e === 0 && Math.abs(p) > 1e-290) return p + c;
  const [sa, ma, ea] = parts(a);
  const [sb, mb, eb] = parts(b);
  const [sc, mc, ec] = parts(c);
  const ep = ea + eb;
  const k = Math.min(ep, ec);
  const prod = (sa !== sb ? -1n : 1n) * ((ma * mb) << BigInt(ep - k));
  const sum = prod + (sc ? -1n : 1n) * (mc << BigInt(ec - k));
  if (sum === 0n) return p + c;
  const neg = sum < 0n;
  let q = neg ? -sum : sum;
  const n = q.toString(2).length;
  const shift = Math.max(n - 53, -1074 - k);
  if (shift > 0) {
    const rem = q & ((1n << BigInt(shift)) - 1n);
    const half = 1n << BigInt(shift - 1);
    q >>= BigInt(shift);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  } else q <<= BigInt(-shift);
  const r = Number(q) * pow2(k + shift);
  return neg ? -r : r;
}

/** any NaN as the canonical one (Math.* may pass a signalling NaN's bits through) */
function quiet(r: number): number {
  return r === r ? r : NaN;
}

// @generated-cases-begin (scripts/gen-ops.mjs from core/ops/ir.ts)
/** V128Load */
function op344(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
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
  return pc + 5;
}
/** V128Load8x8S */
function op345(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const dv = mem.view;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) I16[d + i] = dv.getInt8(ea + i);
  return pc + 5;
}
/** V128Load8x8U */
function op346(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const dv = mem.view;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) I16[d + i] = dv.getUint8(ea + i);
  return pc + 5;
}
/** V128Load16x4S */
function op347(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const dv = mem.view;
  const d = fp2 + code[pc + 1];
  I32[d] = dv.getInt16(ea, true);
  I32[d + 1] = dv.getInt16(ea + 2, true);
  I32[d + 2] = dv.getInt16(ea + 4, true);
  I32[d + 3] = dv.getInt16(ea + 6, true);
  return pc + 5;
}
/** V128Load16x4U */
function op348(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const dv = mem.view;
  const d = fp2 + code[pc + 1];
  I32[d] = dv.getUint16(ea, true);
  I32[d + 1] = dv.getUint16(ea + 2, true);
  I32[d + 2] = dv.getUint16(ea + 4, true);
  I32[d + 3] = dv.getUint16(ea + 6, true);
  return pc + 5;
}
/** V128Load32x2S */
function op349(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const dv = mem.view;
  const q0 = dv.getInt32(ea, true);
  const q1 = q0 >> 31;
  const q2 = dv.getInt32(ea + 4, true);
  const q3 = q2 >> 31;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 5;
}
/** V128Load32x2U */
function op350(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const dv = mem.view;
  const q0 = dv.getInt32(ea, true);
  const q1 = 0;
  const q2 = dv.getInt32(ea + 4, true);
  const q3 = 0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 5;
}
/** V128Load8Splat */
function op351(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 1 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const dv = mem.view;
  const q0 = Math.imul(dv.getUint8(ea), 0x01010101);
  const q1 = q0;
  const q2 = q0;
  const q3 = q0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 5;
}
/** V128Load16Splat */
function op352(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
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
  return pc + 5;
}
/** V128Load32Splat */
function op353(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
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
  return pc + 5;
}
/** V128Load64Splat */
function op354(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const dv = mem.view;
  const q0 = dv.getInt32(ea, true);
  const q1 = dv.getInt32(ea + 4, true);
  const q2 = q0;
  const q3 = q1;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 5;
}
/** V128Store */
function op355(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 16 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const dv = mem.view;
  const b = fp2 + code[pc + 2];
  dv.setInt32(ea, I32[b], true);
  dv.setInt32(ea + 4, I32[b + 1], true);
  dv.setInt32(ea + 8, I32[b + 2], true);
  dv.setInt32(ea + 12, I32[b + 3], true);
  return pc + 5;
}
/** V128LoadAI */
function op356(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
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
  return pc + 5;
}
/** V128Load16SplatAI */
function op357(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
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
  return pc + 5;
}
/** V128Load32SplatAI */
function op358(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
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
  return pc + 5;
}
/** V128StoreAI */
function op359(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 1]] + code[pc + 3]) >>> 0;
  if (ea + 16 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const dv = mem.view;
  const b = fp2 + code[pc + 2];
  dv.setInt32(ea, I32[b], true);
  dv.setInt32(ea + 4, I32[b + 1], true);
  dv.setInt32(ea + 8, I32[b + 2], true);
  dv.setInt32(ea + 12, I32[b + 3], true);
  return pc + 5;
}
/** V128Load32Zero */
function op360(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 4 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const dv = mem.view;
  const q0 = dv.getInt32(ea, true);
  const q1 = 0;
  const q2 = 0;
  const q3 = 0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 5;
}
/** V128Load64Zero */
function op361(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const dv = mem.view;
  const q0 = dv.getInt32(ea, true);
  const q1 = dv.getInt32(ea + 4, true);
  const q2 = 0;
  const q3 = 0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 5;
}
/** V128Load8Lane */
function op362(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 5]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 4] >>> 0);
  if (ea + 1 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const b = fp2 + code[pc + 3];
  const q0 = I32[b];
  const q1 = I32[b + 1];
  const q2 = I32[b + 2];
  const q3 = I32[b + 3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  const u = mem.u8;
  const at = (d << 2) + code[pc + 6] * 1;
  for (let i = 0; i < 1; i++) U8[at + i] = u[ea + i];
  return pc + 7;
}
/** V128Store8Lane */
function op363(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 1 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const u = mem.u8;
  const at = ((fp2 + code[pc + 2]) << 2) + code[pc + 5] * 1;
  for (let i = 0; i < 1; i++) u[ea + i] = U8[at + i];
  return pc + 6;
}
/** V128Load16Lane */
function op364(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 5]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 4] >>> 0);
  if (ea + 2 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const b = fp2 + code[pc + 3];
  const q0 = I32[b];
  const q1 = I32[b + 1];
  const q2 = I32[b + 2];
  const q3 = I32[b + 3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  const u = mem.u8;
  const at = (d << 2) + code[pc + 6] * 2;
  for (let i = 0; i < 2; i++) U8[at + i] = u[ea + i];
  return pc + 7;
}
/** V128Store16Lane */
function op365(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 2 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const u = mem.u8;
  const at = ((fp2 + code[pc + 2]) << 2) + code[pc + 5] * 2;
  for (let i = 0; i < 2; i++) u[ea + i] = U8[at + i];
  return pc + 6;
}
/** V128Load32Lane */
function op366(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 5]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 4] >>> 0);
  if (ea + 4 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const b = fp2 + code[pc + 3];
  const q0 = I32[b];
  const q1 = I32[b + 1];
  const q2 = I32[b + 2];
  const q3 = I32[b + 3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  const u = mem.u8;
  const at = (d << 2) + code[pc + 6] * 4;
  for (let i = 0; i < 4; i++) U8[at + i] = u[ea + i];
  return pc + 7;
}
/** V128Store32Lane */
function op367(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 4 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const u = mem.u8;
  const at = ((fp2 + code[pc + 2]) << 2) + code[pc + 5] * 4;
  for (let i = 0; i < 4; i++) u[ea + i] = U8[at + i];
  return pc + 6;
}
/** V128Load64Lane */
function op368(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 5]];
  const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 4] >>> 0);
  if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const b = fp2 + code[pc + 3];
  const q0 = I32[b];
  const q1 = I32[b + 1];
  const q2 = I32[b + 2];
  const q3 = I32[b + 3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  const u = mem.u8;
  const at = (d << 2) + code[pc + 6] * 8;
  for (let i = 0; i < 8; i++) U8[at + i] = u[ea + i];
  return pc + 7;
}
/** V128Store64Lane */
function op369(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const mem = inst.memories[code[pc + 4]];
  const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
  if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
  const u = mem.u8;
  const at = ((fp2 + code[pc + 2]) << 2) + code[pc + 5] * 8;
  for (let i = 0; i < 8; i++) u[ea + i] = U8[at + i];
  return pc + 6;
}
/** V128Const */
function op370(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const q0 = code[pc + 2];
  const q1 = code[pc + 3];
  const q2 = code[pc + 4];
  const q3 = code[pc + 5];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 6;
}
/** I8x16Shuffle */
function op371(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const k0 = code[pc + 4];
  const k1 = code[pc + 5];
  const k2 = code[pc + 6];
  const k3 = code[pc + 7];
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let q3 = 0;
  if (((k0 | k1 | k2 | k3) & 0x10101010) === 0) {
    const a = (fp2 + code[pc + 2]) << 2;
    q0 = U8[a + (k0 & 255)] | (U8[a + ((k0 >>> 8) & 255)] << 8) | (U8[a + ((k0 >>> 16) & 255)] << 16) | (U8[a + (k0 >>> 24)] << 24);
    q1 = U8[a + (k1 & 255)] | (U8[a + ((k1 >>> 8) & 255)] << 8) | (U8[a + ((k1 >>> 16) & 255)] << 16) | (U8[a + (k1 >>> 24)] << 24);
    q2 = U8[a + (k2 & 255)] | (U8[a + ((k2 >>> 8) & 255)] << 8) | (U8[a + ((k2 >>> 16) & 255)] << 16) | (U8[a + (k2 >>> 24)] << 24);
    q3 = U8[a + (k3 & 255)] | (U8[a + ((k3 >>> 8) & 255)] << 8) | (U8[a + ((k3 >>> 16) & 255)] << 16) | (U8[a + (k3 >>> 24)] << 24);
  } else {
    const a = fp2 + code[pc + 2];
    const b = fp2 + code[pc + 3];
    pI32[0] = I32[a];
    pI32[4] = I32[b];
    pI32[1] = I32[a + 1];
    pI32[5] = I32[b + 1];
    pI32[2] = I32[a + 2];
    pI32[6] = I32[b + 2];
    pI32[3] = I32[a + 3];
    pI32[7] = I32[b + 3];
    q0 = pU8[(k0 & 255)] | (pU8[((k0 >>> 8) & 255)] << 8) | (pU8[((k0 >>> 16) & 255)] << 16) | (pU8[(k0 >>> 24)] << 24);
    q1 = pU8[(k1 & 255)] | (pU8[((k1 >>> 8) & 255)] << 8) | (pU8[((k1 >>> 16) & 255)] << 16) | (pU8[(k1 >>> 24)] << 24);
    q2 = pU8[(k2 & 255)] | (pU8[((k2 >>> 8) & 255)] << 8) | (pU8[((k2 >>> 16) & 255)] << 16) | (pU8[(k2 >>> 24)] << 24);
    q3 = pU8[(k3 & 255)] | (pU8[((k3 >>> 8) & 255)] << 8) | (pU8[((k3 >>> 16) & 255)] << 16) | (pU8[(k3 >>> 24)] << 24);
  }
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 8;
}
/** I8x16Swizzle */
function op372(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  for (let i = 0; i < 16; i++) {
    const s = U8[b + i];
    tU8[i] = s < 16 ? U8[a + s] : 0;
  }
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 4;
}
/** I8x16Splat */
function op373(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const q0 = Math.imul(I32[fp2 + code[pc + 2]] & 255, 0x01010101);
  const q1 = q0;
  const q2 = q0;
  const q3 = q0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I16x8Splat */
function op374(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const q0 = Math.imul(I32[fp2 + code[pc + 2]] & 0xffff, 0x10001);
  const q1 = q0;
  const q2 = q0;
  const q3 = q0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I32x4Splat */
function op375(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const q0 = I32[fp2 + code[pc + 2]];
  const q1 = q0;
  const q2 = q0;
  const q3 = q0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I64x2Splat */
function op376(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const q0 = I32[a];
  const q1 = I32[a + 1];
  const q2 = q0;
  const q3 = q1;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** F32x4Splat */
function op377(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const q0 = I32[fp2 + code[pc + 2]];
  const q1 = q0;
  const q2 = q0;
  const q3 = q0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** F64x2Splat */
function op378(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const q0 = I32[a];
  const q1 = I32[a + 1];
  const q2 = q0;
  const q3 = q1;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I8x16ExtractLaneS */
function op379(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const I32 = m.i32;
  I32[fp2 + code[pc + 1]] = I8[((fp2 + code[pc + 2]) << 2) + code[pc + 3]];
  return pc + 4;
}
/** I8x16ExtractLaneU */
function op380(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  I32[fp2 + code[pc + 1]] = U8[((fp2 + code[pc + 2]) << 2) + code[pc + 3]];
  return pc + 4;
}
/** I8x16ReplaceLane */
function op381(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const I32 = m.i32;
  const v = I32[fp2 + code[pc + 3]];
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  if (a !== d) {
    I32[d] = I32[a];
    I32[d + 1] = I32[a + 1];
    I32[d + 2] = I32[a + 2];
    I32[d + 3] = I32[a + 3];
  }
  I8[(d << 2) + code[pc + 4]] = v;
  return pc + 5;
}
/** I16x8ExtractLaneS */
function op382(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  I32[fp2 + code[pc + 1]] = I16[((fp2 + code[pc + 2]) << 1) + code[pc + 3]];
  return pc + 4;
}
/** I16x8ExtractLaneU */
function op383(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U16 = m.u16;
  const I32 = m.i32;
  I32[fp2 + code[pc + 1]] = U16[((fp2 + code[pc + 2]) << 1) + code[pc + 3]];
  return pc + 4;
}
/** I16x8ReplaceLane */
function op384(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const v = I32[fp2 + code[pc + 3]];
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  if (a !== d) {
    I32[d] = I32[a];
    I32[d + 1] = I32[a + 1];
    I32[d + 2] = I32[a + 2];
    I32[d + 3] = I32[a + 3];
  }
  I16[(d << 1) + code[pc + 4]] = v;
  return pc + 5;
}
/** I32x4ExtractLane */
function op385(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2] + code[pc + 3]];
  return pc + 4;
}
/** I32x4ReplaceLane */
function op386(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const v = I32[fp2 + code[pc + 3]];
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  if (a !== d) {
    I32[d] = I32[a];
    I32[d + 1] = I32[a + 1];
    I32[d + 2] = I32[a + 2];
    I32[d + 3] = I32[a + 3];
  }
  I32[d + code[pc + 4]] = v;
  return pc + 5;
}
/** I64x2ExtractLane */
function op387(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const s = fp2 + code[pc + 2] + 2 * code[pc + 3];
  const lo = I32[s];
  const hi = I32[s + 1];
  const d = fp2 + code[pc + 1];
  I32[d] = lo;
  I32[d + 1] = hi;
  return pc + 4;
}
/** I64x2ReplaceLane */
function op388(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const s = fp2 + code[pc + 3];
  const lo = I32[s];
  const hi = I32[s + 1];
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  if (a !== d) {
    I32[d] = I32[a];
    I32[d + 1] = I32[a + 1];
    I32[d + 2] = I32[a + 2];
    I32[d + 3] = I32[a + 3];
  }
  I32[d + 2 * code[pc + 4]] = lo;
  I32[d + 2 * code[pc + 4] + 1] = hi;
  return pc + 5;
}
/** F32x4ExtractLane */
function op389(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2] + code[pc + 3]];
  return pc + 4;
}
/** F32x4ReplaceLane */
function op390(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const v = I32[fp2 + code[pc + 3]];
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  if (a !== d) {
    I32[d] = I32[a];
    I32[d + 1] = I32[a + 1];
    I32[d + 2] = I32[a + 2];
    I32[d + 3] = I32[a + 3];
  }
  I32[d + code[pc + 4]] = v;
  return pc + 5;
}
/** F64x2ExtractLane */
function op391(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const s = fp2 + code[pc + 2] + 2 * code[pc + 3];
  const lo = I32[s];
  const hi = I32[s + 1];
  const d = fp2 + code[pc + 1];
  I32[d] = lo;
  I32[d + 1] = hi;
  return pc + 4;
}
/** F64x2ReplaceLane */
function op392(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const s = fp2 + code[pc + 3];
  const lo = I32[s];
  const hi = I32[s + 1];
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  if (a !== d) {
    I32[d] = I32[a];
    I32[d + 1] = I32[a + 1];
    I32[d + 2] = I32[a + 2];
    I32[d + 3] = I32[a + 3];
  }
  I32[d + 2 * code[pc + 4]] = lo;
  I32[d + 2 * code[pc + 4] + 1] = hi;
  return pc + 5;
}
/** I8x16Eq */
function op393(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = I8[a + i];
      const y = I8[b + i];
      I8[d + i] = x === y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I8x16Ne */
function op394(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = I8[a + i];
      const y = I8[b + i];
      I8[d + i] = x !== y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I8x16LtS */
function op395(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = I8[a + i];
      const y = I8[b + i];
      I8[d + i] = x < y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I8x16LtU */
function op396(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const U8 = m.u8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = U8[a + i];
      const y = U8[b + i];
      I8[d + i] = x < y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I8x16GtS */
function op397(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = I8[a + i];
      const y = I8[b + i];
      I8[d + i] = x > y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I8x16GtU */
function op398(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const U8 = m.u8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = U8[a + i];
      const y = U8[b + i];
      I8[d + i] = x > y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I8x16LeS */
function op399(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = I8[a + i];
      const y = I8[b + i];
      I8[d + i] = x <= y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I8x16LeU */
function op400(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const U8 = m.u8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = U8[a + i];
      const y = U8[b + i];
      I8[d + i] = x <= y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I8x16GeS */
function op401(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = I8[a + i];
      const y = I8[b + i];
      I8[d + i] = x >= y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I8x16GeU */
function op402(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const U8 = m.u8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = U8[a + i];
      const y = U8[b + i];
      I8[d + i] = x >= y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I16x8Eq */
function op403(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      const y = I16[b + i];
      I16[d + i] = x === y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I16x8Ne */
function op404(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      const y = I16[b + i];
      I16[d + i] = x !== y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I16x8LtS */
function op405(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      const y = I16[b + i];
      I16[d + i] = x < y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I16x8LtU */
function op406(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const U16 = m.u16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = U16[a + i];
      const y = U16[b + i];
      I16[d + i] = x < y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I16x8GtS */
function op407(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      const y = I16[b + i];
      I16[d + i] = x > y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I16x8GtU */
function op408(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const U16 = m.u16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = U16[a + i];
      const y = U16[b + i];
      I16[d + i] = x > y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I16x8LeS */
function op409(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      const y = I16[b + i];
      I16[d + i] = x <= y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I16x8LeU */
function op410(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const U16 = m.u16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = U16[a + i];
      const y = U16[b + i];
      I16[d + i] = x <= y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I16x8GeS */
function op411(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      const y = I16[b + i];
      I16[d + i] = x >= y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I16x8GeU */
function op412(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const U16 = m.u16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = U16[a + i];
      const y = U16[b + i];
      I16[d + i] = x >= y ? -1 : 0;
    }
  }
  return pc + 4;
}
/** I32x4Eq */
function op413(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = x === y ? -1 : 0;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = x === y ? -1 : 0;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = x === y ? -1 : 0;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = x === y ? -1 : 0;
  }
  return pc + 4;
}
/** I32x4Ne */
function op414(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = x !== y ? -1 : 0;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = x !== y ? -1 : 0;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = x !== y ? -1 : 0;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = x !== y ? -1 : 0;
  }
  return pc + 4;
}
/** I32x4LtS */
function op415(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = x < y ? -1 : 0;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = x < y ? -1 : 0;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = x < y ? -1 : 0;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = x < y ? -1 : 0;
  }
  return pc + 4;
}
/** I32x4LtU */
function op416(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const U32 = m.u32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = U32[a];
    const y = U32[b];
    I32[d] = x < y ? -1 : 0;
  }
  {
    const x = U32[a + 1];
    const y = U32[b + 1];
    I32[d + 1] = x < y ? -1 : 0;
  }
  {
    const x = U32[a + 2];
    const y = U32[b + 2];
    I32[d + 2] = x < y ? -1 : 0;
  }
  {
    const x = U32[a + 3];
    const y = U32[b + 3];
    I32[d + 3] = x < y ? -1 : 0;
  }
  return pc + 4;
}
/** I32x4GtS */
function op417(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = x > y ? -1 : 0;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = x > y ? -1 : 0;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = x > y ? -1 : 0;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = x > y ? -1 : 0;
  }
  return pc + 4;
}
/** I32x4GtU */
function op418(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const U32 = m.u32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = U32[a];
    const y = U32[b];
    I32[d] = x > y ? -1 : 0;
  }
  {
    const x = U32[a + 1];
    const y = U32[b + 1];
    I32[d + 1] = x > y ? -1 : 0;
  }
  {
    const x = U32[a + 2];
    const y = U32[b + 2];
    I32[d + 2] = x > y ? -1 : 0;
  }
  {
    const x = U32[a + 3];
    const y = U32[b + 3];
    I32[d + 3] = x > y ? -1 : 0;
  }
  return pc + 4;
}
/** I32x4LeS */
function op419(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = x <= y ? -1 : 0;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = x <= y ? -1 : 0;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = x <= y ? -1 : 0;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = x <= y ? -1 : 0;
  }
  return pc + 4;
}
/** I32x4LeU */
function op420(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const U32 = m.u32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = U32[a];
    const y = U32[b];
    I32[d] = x <= y ? -1 : 0;
  }
  {
    const x = U32[a + 1];
    const y = U32[b + 1];
    I32[d + 1] = x <= y ? -1 : 0;
  }
  {
    const x = U32[a + 2];
    const y = U32[b + 2];
    I32[d + 2] = x <= y ? -1 : 0;
  }
  {
    const x = U32[a + 3];
    const y = U32[b + 3];
    I32[d + 3] = x <= y ? -1 : 0;
  }
  return pc + 4;
}
/** I32x4GeS */
function op421(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = x >= y ? -1 : 0;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = x >= y ? -1 : 0;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = x >= y ? -1 : 0;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = x >= y ? -1 : 0;
  }
  return pc + 4;
}
/** I32x4GeU */
function op422(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const U32 = m.u32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = U32[a];
    const y = U32[b];
    I32[d] = x >= y ? -1 : 0;
  }
  {
    const x = U32[a + 1];
    const y = U32[b + 1];
    I32[d + 1] = x >= y ? -1 : 0;
  }
  {
    const x = U32[a + 2];
    const y = U32[b + 2];
    I32[d + 2] = x >= y ? -1 : 0;
  }
  {
    const x = U32[a + 3];
    const y = U32[b + 3];
    I32[d + 3] = x >= y ? -1 : 0;
  }
  return pc + 4;
}
/** F32x4Eq */
function op423(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    I32[d] = x === y ? -1 : 0;
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    I32[d + 1] = x === y ? -1 : 0;
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    I32[d + 2] = x === y ? -1 : 0;
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    I32[d + 3] = x === y ? -1 : 0;
  }
  return pc + 4;
}
/** F32x4Ne */
function op424(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    I32[d] = x !== y ? -1 : 0;
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    I32[d + 1] = x !== y ? -1 : 0;
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    I32[d + 2] = x !== y ? -1 : 0;
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    I32[d + 3] = x !== y ? -1 : 0;
  }
  return pc + 4;
}
/** F32x4Lt */
function op425(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    I32[d] = x < y ? -1 : 0;
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    I32[d + 1] = x < y ? -1 : 0;
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    I32[d + 2] = x < y ? -1 : 0;
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    I32[d + 3] = x < y ? -1 : 0;
  }
  return pc + 4;
}
/** F32x4Gt */
function op426(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    I32[d] = x > y ? -1 : 0;
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    I32[d + 1] = x > y ? -1 : 0;
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    I32[d + 2] = x > y ? -1 : 0;
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    I32[d + 3] = x > y ? -1 : 0;
  }
  return pc + 4;
}
/** F32x4Le */
function op427(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    I32[d] = x <= y ? -1 : 0;
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    I32[d + 1] = x <= y ? -1 : 0;
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    I32[d + 2] = x <= y ? -1 : 0;
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    I32[d + 3] = x <= y ? -1 : 0;
  }
  return pc + 4;
}
/** F32x4Ge */
function op428(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    I32[d] = x >= y ? -1 : 0;
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    I32[d + 1] = x >= y ? -1 : 0;
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    I32[d + 2] = x >= y ? -1 : 0;
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    I32[d + 3] = x >= y ? -1 : 0;
  }
  return pc + 4;
}
/** F64x2Eq */
function op429(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const d = fp2 + code[pc + 1];
  {
    const x = F64[a];
    const y = F64[b];
    const r = x === y ? -1 : 0;
    I32[d] = r;
    I32[d + 1] = r;
  }
  {
    const x = F64[a + 1];
    const y = F64[b + 1];
    const r = x === y ? -1 : 0;
    I32[d + 2] = r;
    I32[d + 3] = r;
  }
  return pc + 4;
}
/** F64x2Ne */
function op430(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const d = fp2 + code[pc + 1];
  {
    const x = F64[a];
    const y = F64[b];
    const r = x !== y ? -1 : 0;
    I32[d] = r;
    I32[d + 1] = r;
  }
  {
    const x = F64[a + 1];
    const y = F64[b + 1];
    const r = x !== y ? -1 : 0;
    I32[d + 2] = r;
    I32[d + 3] = r;
  }
  return pc + 4;
}
/** F64x2Lt */
function op431(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const d = fp2 + code[pc + 1];
  {
    const x = F64[a];
    const y = F64[b];
    const r = x < y ? -1 : 0;
    I32[d] = r;
    I32[d + 1] = r;
  }
  {
    const x = F64[a + 1];
    const y = F64[b + 1];
    const r = x < y ? -1 : 0;
    I32[d + 2] = r;
    I32[d + 3] = r;
  }
  return pc + 4;
}
/** F64x2Gt */
function op432(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const d = fp2 + code[pc + 1];
  {
    const x = F64[a];
    const y = F64[b];
    const r = x > y ? -1 : 0;
    I32[d] = r;
    I32[d + 1] = r;
  }
  {
    const x = F64[a + 1];
    const y = F64[b + 1];
    const r = x > y ? -1 : 0;
    I32[d + 2] = r;
    I32[d + 3] = r;
  }
  return pc + 4;
}
/** F64x2Le */
function op433(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const d = fp2 + code[pc + 1];
  {
    const x = F64[a];
    const y = F64[b];
    const r = x <= y ? -1 : 0;
    I32[d] = r;
    I32[d + 1] = r;
  }
  {
    const x = F64[a + 1];
    const y = F64[b + 1];
    const r = x <= y ? -1 : 0;
    I32[d + 2] = r;
    I32[d + 3] = r;
  }
  return pc + 4;
}
/** F64x2Ge */
function op434(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const d = fp2 + code[pc + 1];
  {
    const x = F64[a];
    const y = F64[b];
    const r = x >= y ? -1 : 0;
    I32[d] = r;
    I32[d + 1] = r;
  }
  {
    const x = F64[a + 1];
    const y = F64[b + 1];
    const r = x >= y ? -1 : 0;
    I32[d + 2] = r;
    I32[d + 3] = r;
  }
  return pc + 4;
}
/** I64x2Eq */
function op435(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const bl = I32[b];
    const bh = I32[b + 1];
    const rl = al === bl && ah === bh ? -1 : 0;
    const rh = rl;
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const bl = I32[b + 2];
    const bh = I32[b + 3];
    const rl = al === bl && ah === bh ? -1 : 0;
    const rh = rl;
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 4;
}
/** I64x2Ne */
function op436(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const bl = I32[b];
    const bh = I32[b + 1];
    const rl = (al !== bl || ah !== bh) ? -1 : 0;
    const rh = rl;
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const bl = I32[b + 2];
    const bh = I32[b + 3];
    const rl = (al !== bl || ah !== bh) ? -1 : 0;
    const rh = rl;
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 4;
}
/** I64x2LtS */
function op437(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const bl = I32[b];
    const bh = I32[b + 1];
    const rl = (ah < bh || (ah === bh && al >>> 0 < bl >>> 0)) ? -1 : 0;
    const rh = rl;
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const bl = I32[b + 2];
    const bh = I32[b + 3];
    const rl = (ah < bh || (ah === bh && al >>> 0 < bl >>> 0)) ? -1 : 0;
    const rh = rl;
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 4;
}
/** I64x2GtS */
function op438(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const bl = I32[b];
    const bh = I32[b + 1];
    const rl = (bh < ah || (bh === ah && bl >>> 0 < al >>> 0)) ? -1 : 0;
    const rh = rl;
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const bl = I32[b + 2];
    const bh = I32[b + 3];
    const rl = (bh < ah || (bh === ah && bl >>> 0 < al >>> 0)) ? -1 : 0;
    const rh = rl;
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 4;
}
/** I64x2LeS */
function op439(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const bl = I32[b];
    const bh = I32[b + 1];
    const rl = !(bh < ah || (bh === ah && bl >>> 0 < al >>> 0)) ? -1 : 0;
    const rh = rl;
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const bl = I32[b + 2];
    const bh = I32[b + 3];
    const rl = !(bh < ah || (bh === ah && bl >>> 0 < al >>> 0)) ? -1 : 0;
    const rh = rl;
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 4;
}
/** I64x2GeS */
function op440(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const bl = I32[b];
    const bh = I32[b + 1];
    const rl = !(ah < bh || (ah === bh && al >>> 0 < bl >>> 0)) ? -1 : 0;
    const rh = rl;
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const bl = I32[b + 2];
    const bh = I32[b + 3];
    const rl = !(ah < bh || (ah === bh && al >>> 0 < bl >>> 0)) ? -1 : 0;
    const rh = rl;
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 4;
}
/** V128Not */
function op441(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    I32[d] = ~x;
  }
  {
    const x = I32[a + 1];
    I32[d + 1] = ~x;
  }
  {
    const x = I32[a + 2];
    I32[d + 2] = ~x;
  }
  {
    const x = I32[a + 3];
    I32[d + 3] = ~x;
  }
  return pc + 3;
}
/** V128And */
function op442(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = x & y;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = x & y;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = x & y;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = x & y;
  }
  return pc + 4;
}
/** V128Andnot */
function op443(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = x & ~y;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = x & ~y;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = x & ~y;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = x & ~y;
  }
  return pc + 4;
}
/** V128Or */
function op444(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = x | y;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = x | y;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = x | y;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = x | y;
  }
  return pc + 4;
}
/** V128Xor */
function op445(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = x ^ y;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = x ^ y;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = x ^ y;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = x ^ y;
  }
  return pc + 4;
}
/** V128Bitselect */
function op446(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const c = fp2 + code[pc + 4];
  const d = fp2 + code[pc + 1];
  {
    const m = I32[c];
    I32[d] = (I32[a] & m) | (I32[b] & ~m);
  }
  {
    const m = I32[c + 1];
    I32[d + 1] = (I32[a + 1] & m) | (I32[b + 1] & ~m);
  }
  {
    const m = I32[c + 2];
    I32[d + 2] = (I32[a + 2] & m) | (I32[b + 2] & ~m);
  }
  {
    const m = I32[c + 3];
    I32[d + 3] = (I32[a + 3] & m) | (I32[b + 3] & ~m);
  }
  return pc + 5;
}
/** V128AnyTrue */
function op447(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  I32[fp2 + code[pc + 1]] = (I32[a] | I32[a + 1] | I32[a + 2] | I32[a + 3]) !== 0 ? 1 : 0;
  return pc + 3;
}
/** I8x16AllTrue */
function op448(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 2;
  let r = 1;
  for (let i = 0; i < 16; i++) if (I8[a + i] === 0) r = 0;
  I32[fp2 + code[pc + 1]] = r;
  return pc + 3;
}
/** I8x16Bitmask */
function op449(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 2;
  let r = 0;
  for (let i = 0; i < 16; i++) if (I8[a + i] < 0) r |= 1 << i;
  I32[fp2 + code[pc + 1]] = r;
  return pc + 3;
}
/** I16x8AllTrue */
function op450(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 1;
  let r = 1;
  for (let i = 0; i < 8; i++) if (I16[a + i] === 0) r = 0;
  I32[fp2 + code[pc + 1]] = r;
  return pc + 3;
}
/** I16x8Bitmask */
function op451(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 1;
  let r = 0;
  for (let i = 0; i < 8; i++) if (I16[a + i] < 0) r |= 1 << i;
  I32[fp2 + code[pc + 1]] = r;
  return pc + 3;
}
/** I32x4AllTrue */
function op452(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  let r = 1;
  for (let i = 0; i < 4; i++) if (I32[a + i] === 0) r = 0;
  I32[fp2 + code[pc + 1]] = r;
  return pc + 3;
}
/** I32x4Bitmask */
function op453(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  let r = 0;
  for (let i = 0; i < 4; i++) if (I32[a + i] < 0) r |= 1 << i;
  I32[fp2 + code[pc + 1]] = r;
  return pc + 3;
}
/** I64x2AllTrue */
function op454(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  I32[fp2 + code[pc + 1]] = (I32[a] | I32[a + 1]) !== 0 && (I32[a + 2] | I32[a + 3]) !== 0 ? 1 : 0;
  return pc + 3;
}
/** I64x2Bitmask */
function op455(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  I32[fp2 + code[pc + 1]] = (I32[a + 1] >>> 31) | ((I32[a + 3] >>> 31) << 1);
  return pc + 3;
}
/** I8x16Shl */
function op456(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const I32 = m.i32;
  const k = I32[fp2 + code[pc + 3]] & 7;
  const a = (fp2 + code[pc + 2]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    I8[d + i] = I8[a + i] << k;
  }
  return pc + 4;
}
/** I8x16ShrS */
function op457(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const I32 = m.i32;
  const k = I32[fp2 + code[pc + 3]] & 7;
  const a = (fp2 + code[pc + 2]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    I8[d + i] = I8[a + i] >> k;
  }
  return pc + 4;
}
/** I8x16ShrU */
function op458(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const U8 = m.u8;
  const I32 = m.i32;
  const k = I32[fp2 + code[pc + 3]] & 7;
  const a = (fp2 + code[pc + 2]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    I8[d + i] = U8[a + i] >>> k;
  }
  return pc + 4;
}
/** I8x16ShlI */
function op459(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const k = code[pc + 3] & 7;
  const a = (fp2 + code[pc + 2]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    I8[d + i] = I8[a + i] << k;
  }
  return pc + 4;
}
/** I8x16ShrSI */
function op460(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const k = code[pc + 3] & 7;
  const a = (fp2 + code[pc + 2]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    I8[d + i] = I8[a + i] >> k;
  }
  return pc + 4;
}
/** I8x16ShrUI */
function op461(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const U8 = m.u8;
  const k = code[pc + 3] & 7;
  const a = (fp2 + code[pc + 2]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    I8[d + i] = U8[a + i] >>> k;
  }
  return pc + 4;
}
/** I16x8Shl */
function op462(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const k = I32[fp2 + code[pc + 3]] & 15;
  const a = (fp2 + code[pc + 2]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    I16[d + i] = I16[a + i] << k;
  }
  return pc + 4;
}
/** I16x8ShrS */
function op463(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const k = I32[fp2 + code[pc + 3]] & 15;
  const a = (fp2 + code[pc + 2]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    I16[d + i] = I16[a + i] >> k;
  }
  return pc + 4;
}
/** I16x8ShrU */
function op464(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const U16 = m.u16;
  const I32 = m.i32;
  const k = I32[fp2 + code[pc + 3]] & 15;
  const a = (fp2 + code[pc + 2]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    I16[d + i] = U16[a + i] >>> k;
  }
  return pc + 4;
}
/** I16x8ShlI */
function op465(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const k = code[pc + 3] & 15;
  const a = (fp2 + code[pc + 2]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    I16[d + i] = I16[a + i] << k;
  }
  return pc + 4;
}
/** I16x8ShrSI */
function op466(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const k = code[pc + 3] & 15;
  const a = (fp2 + code[pc + 2]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    I16[d + i] = I16[a + i] >> k;
  }
  return pc + 4;
}
/** I16x8ShrUI */
function op467(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const U16 = m.u16;
  const k = code[pc + 3] & 15;
  const a = (fp2 + code[pc + 2]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    I16[d + i] = U16[a + i] >>> k;
  }
  return pc + 4;
}
/** I32x4Shl */
function op468(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const k = I32[fp2 + code[pc + 3]] & 31;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  I32[d] = I32[a] << k;
  I32[d + 1] = I32[a + 1] << k;
  I32[d + 2] = I32[a + 2] << k;
  I32[d + 3] = I32[a + 3] << k;
  return pc + 4;
}
/** I32x4ShrS */
function op469(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const k = I32[fp2 + code[pc + 3]] & 31;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  I32[d] = I32[a] >> k;
  I32[d + 1] = I32[a + 1] >> k;
  I32[d + 2] = I32[a + 2] >> k;
  I32[d + 3] = I32[a + 3] >> k;
  return pc + 4;
}
/** I32x4ShrU */
function op470(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const U32 = m.u32;
  const k = I32[fp2 + code[pc + 3]] & 31;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  I32[d] = U32[a] >>> k;
  I32[d + 1] = U32[a + 1] >>> k;
  I32[d + 2] = U32[a + 2] >>> k;
  I32[d + 3] = U32[a + 3] >>> k;
  return pc + 4;
}
/** I32x4ShlI */
function op471(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const k = code[pc + 3] & 31;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  I32[d] = I32[a] << k;
  I32[d + 1] = I32[a + 1] << k;
  I32[d + 2] = I32[a + 2] << k;
  I32[d + 3] = I32[a + 3] << k;
  return pc + 4;
}
/** I32x4ShrSI */
function op472(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const k = code[pc + 3] & 31;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  I32[d] = I32[a] >> k;
  I32[d + 1] = I32[a + 1] >> k;
  I32[d + 2] = I32[a + 2] >> k;
  I32[d + 3] = I32[a + 3] >> k;
  return pc + 4;
}
/** I32x4ShrUI */
function op473(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const U32 = m.u32;
  const k = code[pc + 3] & 31;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  I32[d] = U32[a] >>> k;
  I32[d + 1] = U32[a + 1] >>> k;
  I32[d + 2] = U32[a + 2] >>> k;
  I32[d + 3] = U32[a + 3] >>> k;
  return pc + 4;
}
/** I64x2Shl */
function op474(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const k = I32[fp2 + code[pc + 3]] & 63;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const rl = k === 0 ? al : k < 32 ? al << k : 0;
    const rh = k === 0 ? ah : k < 32 ? (ah << k) | (al >>> (32 - k)) : al << (k - 32);
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const rl = k === 0 ? al : k < 32 ? al << k : 0;
    const rh = k === 0 ? ah : k < 32 ? (ah << k) | (al >>> (32 - k)) : al << (k - 32);
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 4;
}
/** I64x2ShrS */
function op475(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const k = I32[fp2 + code[pc + 3]] & 63;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const rl = k === 0 ? al : k < 32 ? (al >>> k) | (ah << (32 - k)) : ah >> (k - 32);
    const rh = k < 32 ? ah >> k : ah >> 31;
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const rl = k === 0 ? al : k < 32 ? (al >>> k) | (ah << (32 - k)) : ah >> (k - 32);
    const rh = k < 32 ? ah >> k : ah >> 31;
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 4;
}
/** I64x2ShrU */
function op476(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const k = I32[fp2 + code[pc + 3]] & 63;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const rl = k === 0 ? al : k < 32 ? (al >>> k) | (ah << (32 - k)) : ah >>> (k - 32);
    const rh = k === 0 ? ah : k < 32 ? ah >>> k : 0;
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const rl = k === 0 ? al : k < 32 ? (al >>> k) | (ah << (32 - k)) : ah >>> (k - 32);
    const rh = k === 0 ? ah : k < 32 ? ah >>> k : 0;
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 4;
}
/** I8x16Abs */
function op477(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const a = (fp2 + code[pc + 2]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = I8[a + i];
      I8[d + i] = x < 0 ? -x : x;
    }
  }
  return pc + 3;
}
/** I8x16Neg */
function op478(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const a = (fp2 + code[pc + 2]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = I8[a + i];
      I8[d + i] = -x;
    }
  }
  return pc + 3;
}
/** I8x16Popcnt */
function op479(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const a = (fp2 + code[pc + 2]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = U8[a + i];
      U8[d + i] = N.i32Popcnt(x);
    }
  }
  return pc + 3;
}
/** I8x16NarrowI16x8S */
function op480(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  for (let i = 0; i < 16; i++) {
    const x = i < 8 ? I16[a + i] : I16[b + i - 8];
    tI8[i] = Math.min(127, Math.max(-128, x));
  }
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 4;
}
/** I8x16NarrowI16x8U */
function op481(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  for (let i = 0; i < 16; i++) {
    const x = i < 8 ? I16[a + i] : I16[b + i - 8];
    tU8[i] = Math.min(255, Math.max(0, x));
  }
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 4;
}
/** I8x16Add */
function op482(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = (((x & (~0x80808080 >>> 0)) + (y & (~0x80808080 >>> 0))) ^ ((x ^ y) & 0x80808080));
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = (((x & (~0x80808080 >>> 0)) + (y & (~0x80808080 >>> 0))) ^ ((x ^ y) & 0x80808080));
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = (((x & (~0x80808080 >>> 0)) + (y & (~0x80808080 >>> 0))) ^ ((x ^ y) & 0x80808080));
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = (((x & (~0x80808080 >>> 0)) + (y & (~0x80808080 >>> 0))) ^ ((x ^ y) & 0x80808080));
  }
  return pc + 4;
}
/** I8x16AddSatS */
function op483(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = I8[a + i];
      const y = I8[b + i];
      I8[d + i] = Math.min(127, Math.max(-128, x + y));
    }
  }
  return pc + 4;
}
/** I8x16AddSatU */
function op484(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = U8[a + i];
      const y = U8[b + i];
      U8[d + i] = Math.min(255, x + y);
    }
  }
  return pc + 4;
}
/** I8x16Sub */
function op485(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = (((x | 0x80808080) - (y & (~0x80808080 >>> 0))) ^ ((x ^ ~y) & 0x80808080));
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = (((x | 0x80808080) - (y & (~0x80808080 >>> 0))) ^ ((x ^ ~y) & 0x80808080));
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = (((x | 0x80808080) - (y & (~0x80808080 >>> 0))) ^ ((x ^ ~y) & 0x80808080));
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = (((x | 0x80808080) - (y & (~0x80808080 >>> 0))) ^ ((x ^ ~y) & 0x80808080));
  }
  return pc + 4;
}
/** I8x16SubSatS */
function op486(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = I8[a + i];
      const y = I8[b + i];
      I8[d + i] = Math.min(127, Math.max(-128, x - y));
    }
  }
  return pc + 4;
}
/** I8x16SubSatU */
function op487(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = U8[a + i];
      const y = U8[b + i];
      U8[d + i] = Math.max(0, x - y);
    }
  }
  return pc + 4;
}
/** I8x16MinS */
function op488(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = I8[a + i];
      const y = I8[b + i];
      I8[d + i] = x < y ? x : y;
    }
  }
  return pc + 4;
}
/** I8x16MinU */
function op489(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = U8[a + i];
      const y = U8[b + i];
      U8[d + i] = x < y ? x : y;
    }
  }
  return pc + 4;
}
/** I8x16MaxS */
function op490(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = I8[a + i];
      const y = I8[b + i];
      I8[d + i] = x > y ? x : y;
    }
  }
  return pc + 4;
}
/** I8x16MaxU */
function op491(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = U8[a + i];
      const y = U8[b + i];
      U8[d + i] = x > y ? x : y;
    }
  }
  return pc + 4;
}
/** I8x16AvgrU */
function op492(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const d = (fp2 + code[pc + 1]) << 2;
  for (let i = 0; i < 16; i++) {
    {
      const x = U8[a + i];
      const y = U8[b + i];
      U8[d + i] = (x + y + 1) >>> 1;
    }
  }
  return pc + 4;
}
/** I16x8ExtaddPairwiseI8x16S */
function op493(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 2;
  for (let i = 0; i < 8; i++) tI16[i] = I8[a + 2 * i] + I8[a + 2 * i + 1];
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 3;
}
/** I16x8ExtaddPairwiseI8x16U */
function op494(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 2;
  for (let i = 0; i < 8; i++) tI16[i] = U8[a + 2 * i] + U8[a + 2 * i + 1];
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 3;
}
/** I32x4ExtaddPairwiseI16x8S */
function op495(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 1;
  for (let i = 0; i < 4; i++) tI32[i] = I16[a + 2 * i] + I16[a + 2 * i + 1];
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 3;
}
/** I32x4ExtaddPairwiseI16x8U */
function op496(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U16 = m.u16;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 1;
  for (let i = 0; i < 4; i++) tI32[i] = U16[a + 2 * i] + U16[a + 2 * i + 1];
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 3;
}
/** I16x8Abs */
function op497(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      I16[d + i] = x < 0 ? -x : x;
    }
  }
  return pc + 3;
}
/** I16x8Neg */
function op498(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      I16[d + i] = -x;
    }
  }
  return pc + 3;
}
/** I16x8Q15mulrSatS */
function op499(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      const y = I16[b + i];
      I16[d + i] = Math.min(32767, Math.max(-32768, (x * y + 0x4000) >> 15));
    }
  }
  return pc + 4;
}
/** I16x8NarrowI32x4S */
function op500(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  for (let i = 0; i < 8; i++) {
    const x = i < 4 ? I32[a + i] : I32[b + i - 4];
    tI16[i] = Math.min(32767, Math.max(-32768, x));
  }
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 4;
}
/** I16x8NarrowI32x4U */
function op501(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  for (let i = 0; i < 8; i++) {
    const x = i < 4 ? I32[a + i] : I32[b + i - 4];
    tU16[i] = Math.min(65535, Math.max(0, x));
  }
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 4;
}
/** I16x8ExtendLowI8x16S */
function op502(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 2);
  for (let i = 0; i < 8; i++) tI16[i] = I8[a + i];
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 3;
}
/** I16x8ExtendHighI8x16S */
function op503(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 2) + 8;
  for (let i = 0; i < 8; i++) tI16[i] = I8[a + i];
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 3;
}
/** I16x8ExtendLowI8x16U */
function op504(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 2);
  for (let i = 0; i < 8; i++) tI16[i] = U8[a + i];
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 3;
}
/** I16x8ExtendHighI8x16U */
function op505(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 2) + 8;
  for (let i = 0; i < 8; i++) tI16[i] = U8[a + i];
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 3;
}
/** I16x8Add */
function op506(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = (((x & (~0x80008000 >>> 0)) + (y & (~0x80008000 >>> 0))) ^ ((x ^ y) & 0x80008000));
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = (((x & (~0x80008000 >>> 0)) + (y & (~0x80008000 >>> 0))) ^ ((x ^ y) & 0x80008000));
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = (((x & (~0x80008000 >>> 0)) + (y & (~0x80008000 >>> 0))) ^ ((x ^ y) & 0x80008000));
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = (((x & (~0x80008000 >>> 0)) + (y & (~0x80008000 >>> 0))) ^ ((x ^ y) & 0x80008000));
  }
  return pc + 4;
}
/** I16x8AddSatS */
function op507(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      const y = I16[b + i];
      I16[d + i] = Math.min(32767, Math.max(-32768, x + y));
    }
  }
  return pc + 4;
}
/** I16x8AddSatU */
function op508(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U16 = m.u16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = U16[a + i];
      const y = U16[b + i];
      U16[d + i] = Math.min(65535, x + y);
    }
  }
  return pc + 4;
}
/** I16x8Sub */
function op509(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = (((x | 0x80008000) - (y & (~0x80008000 >>> 0))) ^ ((x ^ ~y) & 0x80008000));
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = (((x | 0x80008000) - (y & (~0x80008000 >>> 0))) ^ ((x ^ ~y) & 0x80008000));
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = (((x | 0x80008000) - (y & (~0x80008000 >>> 0))) ^ ((x ^ ~y) & 0x80008000));
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = (((x | 0x80008000) - (y & (~0x80008000 >>> 0))) ^ ((x ^ ~y) & 0x80008000));
  }
  return pc + 4;
}
/** I16x8SubSatS */
function op510(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      const y = I16[b + i];
      I16[d + i] = Math.min(32767, Math.max(-32768, x - y));
    }
  }
  return pc + 4;
}
/** I16x8SubSatU */
function op511(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U16 = m.u16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = U16[a + i];
      const y = U16[b + i];
      U16[d + i] = Math.max(0, x - y);
    }
  }
  return pc + 4;
}
/** I16x8Mul */
function op512(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      const y = I16[b + i];
      I16[d + i] = Math.imul(x, y);
    }
  }
  return pc + 4;
}
/** I16x8MinS */
function op513(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      const y = I16[b + i];
      I16[d + i] = x < y ? x : y;
    }
  }
  return pc + 4;
}
/** I16x8MinU */
function op514(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U16 = m.u16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = U16[a + i];
      const y = U16[b + i];
      U16[d + i] = x < y ? x : y;
    }
  }
  return pc + 4;
}
/** I16x8MaxS */
function op515(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      const y = I16[b + i];
      I16[d + i] = x > y ? x : y;
    }
  }
  return pc + 4;
}
/** I16x8MaxU */
function op516(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U16 = m.u16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = U16[a + i];
      const y = U16[b + i];
      U16[d + i] = x > y ? x : y;
    }
  }
  return pc + 4;
}
/** I16x8AvgrU */
function op517(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U16 = m.u16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = U16[a + i];
      const y = U16[b + i];
      U16[d + i] = (x + y + 1) >>> 1;
    }
  }
  return pc + 4;
}
/** I16x8ExtmulLowI8x16S */
function op518(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 2);
  const b = ((fp2 + code[pc + 3]) << 2);
  for (let i = 0; i < 8; i++) tI16[i] = I8[a + i] * I8[b + i];
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 4;
}
/** I16x8ExtmulHighI8x16S */
function op519(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 2) + 8;
  const b = ((fp2 + code[pc + 3]) << 2) + 8;
  for (let i = 0; i < 8; i++) tI16[i] = I8[a + i] * I8[b + i];
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 4;
}
/** I16x8ExtmulLowI8x16U */
function op520(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 2);
  const b = ((fp2 + code[pc + 3]) << 2);
  for (let i = 0; i < 8; i++) tI16[i] = U8[a + i] * U8[b + i];
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 4;
}
/** I16x8ExtmulHighI8x16U */
function op521(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 2) + 8;
  const b = ((fp2 + code[pc + 3]) << 2) + 8;
  for (let i = 0; i < 8; i++) tI16[i] = U8[a + i] * U8[b + i];
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 4;
}
/** I32x4Abs */
function op522(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    I32[d] = x < 0 ? -x : x;
  }
  {
    const x = I32[a + 1];
    I32[d + 1] = x < 0 ? -x : x;
  }
  {
    const x = I32[a + 2];
    I32[d + 2] = x < 0 ? -x : x;
  }
  {
    const x = I32[a + 3];
    I32[d + 3] = x < 0 ? -x : x;
  }
  return pc + 3;
}
/** I32x4Neg */
function op523(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    I32[d] = -x;
  }
  {
    const x = I32[a + 1];
    I32[d + 1] = -x;
  }
  {
    const x = I32[a + 2];
    I32[d + 2] = -x;
  }
  {
    const x = I32[a + 3];
    I32[d + 3] = -x;
  }
  return pc + 3;
}
/** I32x4ExtendLowI16x8S */
function op524(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 1);
  const q0 = I16[a];
  const q1 = I16[a + 1];
  const q2 = I16[a + 2];
  const q3 = I16[a + 3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I32x4ExtendHighI16x8S */
function op525(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 1) + 4;
  const q0 = I16[a];
  const q1 = I16[a + 1];
  const q2 = I16[a + 2];
  const q3 = I16[a + 3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I32x4ExtendLowI16x8U */
function op526(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U16 = m.u16;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 1);
  const q0 = U16[a];
  const q1 = U16[a + 1];
  const q2 = U16[a + 2];
  const q3 = U16[a + 3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I32x4ExtendHighI16x8U */
function op527(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U16 = m.u16;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 1) + 4;
  const q0 = U16[a];
  const q1 = U16[a + 1];
  const q2 = U16[a + 2];
  const q3 = U16[a + 3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I32x4Add */
function op528(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = (x + y) | 0;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = (x + y) | 0;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = (x + y) | 0;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = (x + y) | 0;
  }
  return pc + 4;
}
/** I32x4Sub */
function op529(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = (x - y) | 0;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = (x - y) | 0;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = (x - y) | 0;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = (x - y) | 0;
  }
  return pc + 4;
}
/** I32x4Mul */
function op530(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = Math.imul(x, y);
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = Math.imul(x, y);
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = Math.imul(x, y);
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = Math.imul(x, y);
  }
  return pc + 4;
}
/** I32x4MinS */
function op531(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = x < y ? x : y;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = x < y ? x : y;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = x < y ? x : y;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = x < y ? x : y;
  }
  return pc + 4;
}
/** I32x4MinU */
function op532(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U32 = m.u32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = U32[a];
    const y = U32[b];
    U32[d] = x < y ? x : y;
  }
  {
    const x = U32[a + 1];
    const y = U32[b + 1];
    U32[d + 1] = x < y ? x : y;
  }
  {
    const x = U32[a + 2];
    const y = U32[b + 2];
    U32[d + 2] = x < y ? x : y;
  }
  {
    const x = U32[a + 3];
    const y = U32[b + 3];
    U32[d + 3] = x < y ? x : y;
  }
  return pc + 4;
}
/** I32x4MaxS */
function op533(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    const y = I32[b];
    I32[d] = x > y ? x : y;
  }
  {
    const x = I32[a + 1];
    const y = I32[b + 1];
    I32[d + 1] = x > y ? x : y;
  }
  {
    const x = I32[a + 2];
    const y = I32[b + 2];
    I32[d + 2] = x > y ? x : y;
  }
  {
    const x = I32[a + 3];
    const y = I32[b + 3];
    I32[d + 3] = x > y ? x : y;
  }
  return pc + 4;
}
/** I32x4MaxU */
function op534(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U32 = m.u32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = U32[a];
    const y = U32[b];
    U32[d] = x > y ? x : y;
  }
  {
    const x = U32[a + 1];
    const y = U32[b + 1];
    U32[d + 1] = x > y ? x : y;
  }
  {
    const x = U32[a + 2];
    const y = U32[b + 2];
    U32[d + 2] = x > y ? x : y;
  }
  {
    const x = U32[a + 3];
    const y = U32[b + 3];
    U32[d + 3] = x > y ? x : y;
  }
  return pc + 4;
}
/** I32x4DotI16x8S */
function op535(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const q0 = I16[a] * I16[b] + I16[a + 1] * I16[b + 1];
  const q1 = I16[a + 2] * I16[b + 2] + I16[a + 3] * I16[b + 3];
  const q2 = I16[a + 4] * I16[b + 4] + I16[a + 5] * I16[b + 5];
  const q3 = I16[a + 6] * I16[b + 6] + I16[a + 7] * I16[b + 7];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 4;
}
/** I32x4ExtmulLowI16x8S */
function op536(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 1);
  const b = ((fp2 + code[pc + 3]) << 1);
  const q0 = I16[a] * I16[b];
  const q1 = I16[a + 1] * I16[b + 1];
  const q2 = I16[a + 2] * I16[b + 2];
  const q3 = I16[a + 3] * I16[b + 3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 4;
}
/** I32x4ExtmulHighI16x8S */
function op537(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 1) + 4;
  const b = ((fp2 + code[pc + 3]) << 1) + 4;
  const q0 = I16[a] * I16[b];
  const q1 = I16[a + 1] * I16[b + 1];
  const q2 = I16[a + 2] * I16[b + 2];
  const q3 = I16[a + 3] * I16[b + 3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 4;
}
/** I32x4ExtmulLowI16x8U */
function op538(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U16 = m.u16;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 1);
  const b = ((fp2 + code[pc + 3]) << 1);
  const q0 = U16[a] * U16[b];
  const q1 = U16[a + 1] * U16[b + 1];
  const q2 = U16[a + 2] * U16[b + 2];
  const q3 = U16[a + 3] * U16[b + 3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 4;
}
/** I32x4ExtmulHighI16x8U */
function op539(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U16 = m.u16;
  const I32 = m.i32;
  const a = ((fp2 + code[pc + 2]) << 1) + 4;
  const b = ((fp2 + code[pc + 3]) << 1) + 4;
  const q0 = U16[a] * U16[b];
  const q1 = U16[a + 1] * U16[b + 1];
  const q2 = U16[a + 2] * U16[b + 2];
  const q3 = U16[a + 3] * U16[b + 3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 4;
}
/** I32x4MulExtLowI16x8S */
function op540(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const s = ((fp2 + code[pc + 3]) << 1);
  const q0 = Math.imul(I32[a], I16[s]);
  const q1 = Math.imul(I32[a + 1], I16[s + 1]);
  const q2 = Math.imul(I32[a + 2], I16[s + 2]);
  const q3 = Math.imul(I32[a + 3], I16[s + 3]);
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 4;
}
/** I32x4MulAddExtLowI16x8S */
function op541(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
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
  return pc + 5;
}
/** I32x4MulExtHighI16x8S */
function op542(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const s = ((fp2 + code[pc + 3]) << 1) + 4;
  const q0 = Math.imul(I32[a], I16[s]);
  const q1 = Math.imul(I32[a + 1], I16[s + 1]);
  const q2 = Math.imul(I32[a + 2], I16[s + 2]);
  const q3 = Math.imul(I32[a + 3], I16[s + 3]);
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 4;
}
/** I32x4MulAddExtHighI16x8S */
function op543(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const I32 = m.i32;
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
  return pc + 5;
}
/** I32x4MulAdd */
function op544(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const c = fp2 + code[pc + 4];
  const d = fp2 + code[pc + 1];
  I32[d] = (I32[c] + Math.imul(I32[a], I32[b])) | 0;
  I32[d + 1] = (I32[c + 1] + Math.imul(I32[a + 1], I32[b + 1])) | 0;
  I32[d + 2] = (I32[c + 2] + Math.imul(I32[a + 2], I32[b + 2])) | 0;
  I32[d + 3] = (I32[c + 3] + Math.imul(I32[a + 3], I32[b + 3])) | 0;
  return pc + 5;
}
/** I64x2Abs */
function op545(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const neg = ah < 0;
    const rl = neg ? -al | 0 : al;
    const rh = neg ? (al === 0 ? -ah | 0 : ~ah) : ah;
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const neg = ah < 0;
    const rl = neg ? -al | 0 : al;
    const rh = neg ? (al === 0 ? -ah | 0 : ~ah) : ah;
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 3;
}
/** I64x2Neg */
function op546(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const rl = -al | 0;
    const rh = al === 0 ? -ah | 0 : ~ah;
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const rl = -al | 0;
    const rh = al === 0 ? -ah | 0 : ~ah;
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 3;
}
/** I64x2ExtendLowI32x4S */
function op547(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const q0 = I32[a];
  const q2 = I32[a + 1];
  const q1 = q0 >> 31;
  const q3 = q2 >> 31;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I64x2ExtendHighI32x4S */
function op548(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2] + 2;
  const q0 = I32[a];
  const q2 = I32[a + 1];
  const q1 = q0 >> 31;
  const q3 = q2 >> 31;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I64x2ExtendLowI32x4U */
function op549(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const q0 = I32[a];
  const q2 = I32[a + 1];
  const q1 = 0;
  const q3 = 0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I64x2ExtendHighI32x4U */
function op550(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2] + 2;
  const q0 = I32[a];
  const q2 = I32[a + 1];
  const q1 = 0;
  const q3 = 0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I64x2Add */
function op551(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const bl = I32[b];
    const bh = I32[b + 1];
    const rl = (al + bl) | 0;
    const rh = (ah + bh + (rl >>> 0 < al >>> 0 ? 1 : 0)) | 0;
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const bl = I32[b + 2];
    const bh = I32[b + 3];
    const rl = (al + bl) | 0;
    const rh = (ah + bh + (rl >>> 0 < al >>> 0 ? 1 : 0)) | 0;
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 4;
}
/** I64x2Sub */
function op552(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const bl = I32[b];
    const bh = I32[b + 1];
    const rl = (al - bl) | 0;
    const rh = (ah - bh - (al >>> 0 < bl >>> 0 ? 1 : 0)) | 0;
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const bl = I32[b + 2];
    const bh = I32[b + 3];
    const rl = (al - bl) | 0;
    const rh = (ah - bh - (al >>> 0 < bl >>> 0 ? 1 : 0)) | 0;
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 4;
}
/** I64x2Mul */
function op553(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const al = I32[a];
    const ah = I32[a + 1];
    const bl = I32[b];
    const bh = I32[b + 1];
    const rl = Math.imul(al, bl);
    const rh = (mulhu(al, bl) + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
    I32[d] = rl;
    I32[d + 1] = rh;
  }
  {
    const al = I32[a + 2];
    const ah = I32[a + 3];
    const bl = I32[b + 2];
    const bh = I32[b + 3];
    const rl = Math.imul(al, bl);
    const rh = (mulhu(al, bl) + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
    I32[d + 2] = rl;
    I32[d + 3] = rh;
  }
  return pc + 4;
}
/** I64x2ExtmulLowI32x4S */
function op554(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const x0 = I32[a];
  const y0 = I32[b];
  const q0 = Math.imul(x0, y0);
  const q1 = mulhs(x0, y0);
  const x1 = I32[a + 1];
  const y1 = I32[b + 1];
  const q2 = Math.imul(x1, y1);
  const q3 = mulhs(x1, y1);
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 4;
}
/** I64x2ExtmulHighI32x4S */
function op555(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2] + 2;
  const b = fp2 + code[pc + 3] + 2;
  const x0 = I32[a];
  const y0 = I32[b];
  const q0 = Math.imul(x0, y0);
  const q1 = mulhs(x0, y0);
  const x1 = I32[a + 1];
  const y1 = I32[b + 1];
  const q2 = Math.imul(x1, y1);
  const q3 = mulhs(x1, y1);
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 4;
}
/** I64x2ExtmulLowI32x4U */
function op556(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const x0 = I32[a];
  const y0 = I32[b];
  const q0 = Math.imul(x0, y0);
  const q1 = mulhu(x0, y0);
  const x1 = I32[a + 1];
  const y1 = I32[b + 1];
  const q2 = Math.imul(x1, y1);
  const q3 = mulhu(x1, y1);
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 4;
}
/** I64x2ExtmulHighI32x4U */
function op557(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2] + 2;
  const b = fp2 + code[pc + 3] + 2;
  const x0 = I32[a];
  const y0 = I32[b];
  const q0 = Math.imul(x0, y0);
  const q1 = mulhu(x0, y0);
  const x1 = I32[a + 1];
  const y1 = I32[b + 1];
  const q2 = Math.imul(x1, y1);
  const q3 = mulhu(x1, y1);
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 4;
}
/** F32x4Abs */
function op558(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    I32[d] = x & 0x7fffffff;
  }
  {
    const x = I32[a + 1];
    I32[d + 1] = x & 0x7fffffff;
  }
  {
    const x = I32[a + 2];
    I32[d + 2] = x & 0x7fffffff;
  }
  {
    const x = I32[a + 3];
    I32[d + 3] = x & 0x7fffffff;
  }
  return pc + 3;
}
/** F32x4Neg */
function op559(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    I32[d] = x ^ -0x80000000;
  }
  {
    const x = I32[a + 1];
    I32[d + 1] = x ^ -0x80000000;
  }
  {
    const x = I32[a + 2];
    I32[d + 2] = x ^ -0x80000000;
  }
  {
    const x = I32[a + 3];
    I32[d + 3] = x ^ -0x80000000;
  }
  return pc + 3;
}
/** F64x2Abs */
function op560(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  if (a !== d) {
    I32[d] = I32[a];
    I32[d + 1] = I32[a + 1];
    I32[d + 2] = I32[a + 2];
    I32[d + 3] = I32[a + 3];
  }
  I32[d + 1] &= 0x7fffffff;
  I32[d + 3] &= 0x7fffffff;
  return pc + 3;
}
/** F64x2Neg */
function op561(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  if (a !== d) {
    I32[d] = I32[a];
    I32[d + 1] = I32[a + 1];
    I32[d + 2] = I32[a + 2];
    I32[d + 3] = I32[a + 3];
  }
  I32[d + 1] ^= -0x80000000;
  I32[d + 3] ^= -0x80000000;
  return pc + 3;
}
/** F32x4Ceil */
function op562(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    F32[d] = Math.ceil(x);
  }
  {
    const x = F32[a + 1];
    F32[d + 1] = Math.ceil(x);
  }
  {
    const x = F32[a + 2];
    F32[d + 2] = Math.ceil(x);
  }
  {
    const x = F32[a + 3];
    F32[d + 3] = Math.ceil(x);
  }
  return pc + 3;
}
/** F32x4Floor */
function op563(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    F32[d] = Math.floor(x);
  }
  {
    const x = F32[a + 1];
    F32[d + 1] = Math.floor(x);
  }
  {
    const x = F32[a + 2];
    F32[d + 2] = Math.floor(x);
  }
  {
    const x = F32[a + 3];
    F32[d + 3] = Math.floor(x);
  }
  return pc + 3;
}
/** F32x4Trunc */
function op564(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    F32[d] = Math.trunc(x);
  }
  {
    const x = F32[a + 1];
    F32[d + 1] = Math.trunc(x);
  }
  {
    const x = F32[a + 2];
    F32[d + 2] = Math.trunc(x);
  }
  {
    const x = F32[a + 3];
    F32[d + 3] = Math.trunc(x);
  }
  return pc + 3;
}
/** F32x4Nearest */
function op565(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    F32[d] = N.f32Nearest(x);
  }
  {
    const x = F32[a + 1];
    F32[d + 1] = N.f32Nearest(x);
  }
  {
    const x = F32[a + 2];
    F32[d + 2] = N.f32Nearest(x);
  }
  {
    const x = F32[a + 3];
    F32[d + 3] = N.f32Nearest(x);
  }
  return pc + 3;
}
/** F32x4Sqrt */
function op566(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    F32[d] = Math.sqrt(x);
  }
  {
    const x = F32[a + 1];
    F32[d + 1] = Math.sqrt(x);
  }
  {
    const x = F32[a + 2];
    F32[d + 2] = Math.sqrt(x);
  }
  {
    const x = F32[a + 3];
    F32[d + 3] = Math.sqrt(x);
  }
  return pc + 3;
}
/** F64x2Ceil */
function op567(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const d = (fp2 + code[pc + 1]) >> 1;
  {
    const x = F64[a];
    F64[d] = quiet(Math.ceil(x));
  }
  {
    const x = F64[a + 1];
    F64[d + 1] = quiet(Math.ceil(x));
  }
  return pc + 3;
}
/** F64x2Floor */
function op568(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const d = (fp2 + code[pc + 1]) >> 1;
  {
    const x = F64[a];
    F64[d] = quiet(Math.floor(x));
  }
  {
    const x = F64[a + 1];
    F64[d + 1] = quiet(Math.floor(x));
  }
  return pc + 3;
}
/** F64x2Trunc */
function op569(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const d = (fp2 + code[pc + 1]) >> 1;
  {
    const x = F64[a];
    F64[d] = quiet(Math.trunc(x));
  }
  {
    const x = F64[a + 1];
    F64[d + 1] = quiet(Math.trunc(x));
  }
  return pc + 3;
}
/** F64x2Nearest */
function op570(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const d = (fp2 + code[pc + 1]) >> 1;
  {
    const x = F64[a];
    F64[d] = quiet(N.f64Nearest(x));
  }
  {
    const x = F64[a + 1];
    F64[d + 1] = quiet(N.f64Nearest(x));
  }
  return pc + 3;
}
/** F64x2Sqrt */
function op571(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const d = (fp2 + code[pc + 1]) >> 1;
  {
    const x = F64[a];
    F64[d] = Math.sqrt(x);
  }
  {
    const x = F64[a + 1];
    F64[d + 1] = Math.sqrt(x);
  }
  return pc + 3;
}
/** F32x4Add */
function op572(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    F32[d] = x + y;
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    F32[d + 1] = x + y;
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    F32[d + 2] = x + y;
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    F32[d + 3] = x + y;
  }
  return pc + 4;
}
/** F64x2Add */
function op573(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const d = (fp2 + code[pc + 1]) >> 1;
  {
    const x = F64[a];
    const y = F64[b];
    F64[d] = x + y;
  }
  {
    const x = F64[a + 1];
    const y = F64[b + 1];
    F64[d + 1] = x + y;
  }
  return pc + 4;
}
/** F32x4Sub */
function op574(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    F32[d] = x - y;
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    F32[d + 1] = x - y;
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    F32[d + 2] = x - y;
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    F32[d + 3] = x - y;
  }
  return pc + 4;
}
/** F64x2Sub */
function op575(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const d = (fp2 + code[pc + 1]) >> 1;
  {
    const x = F64[a];
    const y = F64[b];
    F64[d] = x - y;
  }
  {
    const x = F64[a + 1];
    const y = F64[b + 1];
    F64[d + 1] = x - y;
  }
  return pc + 4;
}
/** F32x4Mul */
function op576(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    F32[d] = x * y;
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    F32[d + 1] = x * y;
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    F32[d + 2] = x * y;
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    F32[d + 3] = x * y;
  }
  return pc + 4;
}
/** F64x2Mul */
function op577(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const d = (fp2 + code[pc + 1]) >> 1;
  {
    const x = F64[a];
    const y = F64[b];
    F64[d] = x * y;
  }
  {
    const x = F64[a + 1];
    const y = F64[b + 1];
    F64[d + 1] = x * y;
  }
  return pc + 4;
}
/** F32x4Div */
function op578(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    F32[d] = x / y;
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    F32[d + 1] = x / y;
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    F32[d + 2] = x / y;
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    F32[d + 3] = x / y;
  }
  return pc + 4;
}
/** F64x2Div */
function op579(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const d = (fp2 + code[pc + 1]) >> 1;
  {
    const x = F64[a];
    const y = F64[b];
    F64[d] = x / y;
  }
  {
    const x = F64[a + 1];
    const y = F64[b + 1];
    F64[d + 1] = x / y;
  }
  return pc + 4;
}
/** F32x4Min */
function op580(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    F32[d] = N.f32Min(x, y);
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    F32[d + 1] = N.f32Min(x, y);
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    F32[d + 2] = N.f32Min(x, y);
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    F32[d + 3] = N.f32Min(x, y);
  }
  return pc + 4;
}
/** F32x4Max */
function op581(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    F32[d] = N.f32Max(x, y);
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    F32[d + 1] = N.f32Max(x, y);
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    F32[d + 2] = N.f32Max(x, y);
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    F32[d + 3] = N.f32Max(x, y);
  }
  return pc + 4;
}
/** F64x2Min */
function op582(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const d = (fp2 + code[pc + 1]) >> 1;
  {
    const x = F64[a];
    const y = F64[b];
    F64[d] = N.f64Min(x, y);
  }
  {
    const x = F64[a + 1];
    const y = F64[b + 1];
    F64[d + 1] = N.f64Min(x, y);
  }
  return pc + 4;
}
/** F64x2Max */
function op583(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const d = (fp2 + code[pc + 1]) >> 1;
  {
    const x = F64[a];
    const y = F64[b];
    F64[d] = N.f64Max(x, y);
  }
  {
    const x = F64[a + 1];
    const y = F64[b + 1];
    F64[d + 1] = N.f64Max(x, y);
  }
  return pc + 4;
}
/** F32x4Pmin */
function op584(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    I32[d] = y < x ? I32[b] : I32[a];
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    I32[d + 1] = y < x ? I32[b + 1] : I32[a + 1];
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    I32[d + 2] = y < x ? I32[b + 2] : I32[a + 2];
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    I32[d + 3] = y < x ? I32[b + 3] : I32[a + 3];
  }
  return pc + 4;
}
/** F32x4Pmax */
function op585(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    I32[d] = x < y ? I32[b] : I32[a];
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    I32[d + 1] = x < y ? I32[b + 1] : I32[a + 1];
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    I32[d + 2] = x < y ? I32[b + 2] : I32[a + 2];
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    I32[d + 3] = x < y ? I32[b + 3] : I32[a + 3];
  }
  return pc + 4;
}
/** F64x2Pmin */
function op586(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F64[(a >> 1) + 0];
    const y = F64[(b >> 1) + 0];
    const s = y < x ? b : a;
    const lo = I32[s + 0];
    const hi = I32[s + 1];
    I32[d + 0] = lo;
    I32[d + 1] = hi;
  }
  {
    const x = F64[(a >> 1) + 1];
    const y = F64[(b >> 1) + 1];
    const s = y < x ? b : a;
    const lo = I32[s + 2];
    const hi = I32[s + 3];
    I32[d + 2] = lo;
    I32[d + 3] = hi;
  }
  return pc + 4;
}
/** F64x2Pmax */
function op587(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F64[(a >> 1) + 0];
    const y = F64[(b >> 1) + 0];
    const s = x < y ? b : a;
    const lo = I32[s + 0];
    const hi = I32[s + 1];
    I32[d + 0] = lo;
    I32[d + 1] = hi;
  }
  {
    const x = F64[(a >> 1) + 1];
    const y = F64[(b >> 1) + 1];
    const s = x < y ? b : a;
    const lo = I32[s + 2];
    const hi = I32[s + 3];
    I32[d + 2] = lo;
    I32[d + 3] = hi;
  }
  return pc + 4;
}
/** F32x4DemoteF64x2Zero */
function op588(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const x = F64[a];
  const y = F64[a + 1];
  const d = fp2 + code[pc + 1];
  F32[d] = x;
  F32[d + 1] = y;
  I32[d + 2] = 0;
  I32[d + 3] = 0;
  return pc + 3;
}
/** F64x2PromoteLowF32x4 */
function op589(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const F64 = m.f64;
  const a = fp2 + code[pc + 2];
  const x = F32[a];
  const y = F32[a + 1];
  const d = (fp2 + code[pc + 1]) >> 1;
  F64[d] = x;
  F64[d + 1] = y;
  return pc + 3;
}
/** I32x4TruncSatF32x4S */
function op590(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    I32[d] = N.i32TruncSatF32S(x);
  }
  {
    const x = F32[a + 1];
    I32[d + 1] = N.i32TruncSatF32S(x);
  }
  {
    const x = F32[a + 2];
    I32[d + 2] = N.i32TruncSatF32S(x);
  }
  {
    const x = F32[a + 3];
    I32[d + 3] = N.i32TruncSatF32S(x);
  }
  return pc + 3;
}
/** I32x4TruncSatF32x4U */
function op591(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    I32[d] = N.i32TruncSatF32U(x);
  }
  {
    const x = F32[a + 1];
    I32[d + 1] = N.i32TruncSatF32U(x);
  }
  {
    const x = F32[a + 2];
    I32[d + 2] = N.i32TruncSatF32U(x);
  }
  {
    const x = F32[a + 3];
    I32[d + 3] = N.i32TruncSatF32U(x);
  }
  return pc + 3;
}
/** F32x4ConvertI32x4S */
function op592(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = I32[a];
    F32[d] = x;
  }
  {
    const x = I32[a + 1];
    F32[d + 1] = x;
  }
  {
    const x = I32[a + 2];
    F32[d + 2] = x;
  }
  {
    const x = I32[a + 3];
    F32[d + 3] = x;
  }
  return pc + 3;
}
/** F32x4ConvertI32x4U */
function op593(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U32 = m.u32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = U32[a];
    F32[d] = x;
  }
  {
    const x = U32[a + 1];
    F32[d + 1] = x;
  }
  {
    const x = U32[a + 2];
    F32[d + 2] = x;
  }
  {
    const x = U32[a + 3];
    F32[d + 3] = x;
  }
  return pc + 3;
}
/** I32x4TruncSatF64x2SZero */
function op594(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const q0 = N.i32TruncSatF64S(F64[a]);
  const q1 = N.i32TruncSatF64S(F64[a + 1]);
  const q2 = 0;
  const q3 = 0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I32x4TruncSatF64x2UZero */
function op595(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const q0 = N.i32TruncSatF64U(F64[a]);
  const q1 = N.i32TruncSatF64U(F64[a + 1]);
  const q2 = 0;
  const q3 = 0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** F64x2ConvertLowI32x4S */
function op596(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = fp2 + code[pc + 2];
  const x = I32[a];
  const y = I32[a + 1];
  const d = (fp2 + code[pc + 1]) >> 1;
  F64[d] = x;
  F64[d + 1] = y;
  return pc + 3;
}
/** F64x2ConvertLowI32x4U */
function op597(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U32 = m.u32;
  const F64 = m.f64;
  const a = fp2 + code[pc + 2];
  const x = U32[a];
  const y = U32[a + 1];
  const d = (fp2 + code[pc + 1]) >> 1;
  F64[d] = x;
  F64[d + 1] = y;
  return pc + 3;
}
/** I8x16RelaxedSwizzle */
function op598(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const U8 = m.u8;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  for (let i = 0; i < 16; i++) {
    const s = U8[b + i];
    tU8[i] = s & 0x80 ? 0 : U8[a + (s & 15)];
  }
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 4;
}
/** I32x4RelaxedTruncF32x4S */
function op599(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    I32[d] = (x >= -2147483648 && x < 2147483648 ? x | 0 : -2147483648);
  }
  {
    const x = F32[a + 1];
    I32[d + 1] = (x >= -2147483648 && x < 2147483648 ? x | 0 : -2147483648);
  }
  {
    const x = F32[a + 2];
    I32[d + 2] = (x >= -2147483648 && x < 2147483648 ? x | 0 : -2147483648);
  }
  {
    const x = F32[a + 3];
    I32[d + 3] = (x >= -2147483648 && x < 2147483648 ? x | 0 : -2147483648);
  }
  return pc + 3;
}
/** I32x4RelaxedTruncF32x4U */
function op600(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    I32[d] = N.i32TruncSatF32U(x);
  }
  {
    const x = F32[a + 1];
    I32[d + 1] = N.i32TruncSatF32U(x);
  }
  {
    const x = F32[a + 2];
    I32[d + 2] = N.i32TruncSatF32U(x);
  }
  {
    const x = F32[a + 3];
    I32[d + 3] = N.i32TruncSatF32U(x);
  }
  return pc + 3;
}
/** I32x4RelaxedTruncF64x2SZero */
function op601(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const x = F64[a];
  const y = F64[a + 1];
  const q0 = (x >= -2147483648 && x < 2147483648 ? x | 0 : -2147483648);
  const q1 = (y >= -2147483648 && y < 2147483648 ? y | 0 : -2147483648);
  const q2 = 0;
  const q3 = 0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** I32x4RelaxedTruncF64x2UZero */
function op602(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const q0 = N.i32TruncSatF64U(F64[a]);
  const q1 = N.i32TruncSatF64U(F64[a + 1]);
  const q2 = 0;
  const q3 = 0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** F32x4RelaxedMadd */
function op603(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const c = fp2 + code[pc + 4];
  const d = fp2 + code[pc + 1];
  F32[d] = fma32(F32[a], F32[b], F32[c]);
  F32[d + 1] = fma32(F32[a + 1], F32[b + 1], F32[c + 1]);
  F32[d + 2] = fma32(F32[a + 2], F32[b + 2], F32[c + 2]);
  F32[d + 3] = fma32(F32[a + 3], F32[b + 3], F32[c + 3]);
  return pc + 5;
}
/** F32x4RelaxedNmadd */
function op604(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const c = fp2 + code[pc + 4];
  const d = fp2 + code[pc + 1];
  F32[d] = fma32(-F32[a], F32[b], F32[c]);
  F32[d + 1] = fma32(-F32[a + 1], F32[b + 1], F32[c + 1]);
  F32[d + 2] = fma32(-F32[a + 2], F32[b + 2], F32[c + 2]);
  F32[d + 3] = fma32(-F32[a + 3], F32[b + 3], F32[c + 3]);
  return pc + 5;
}
/** F64x2RelaxedMadd */
function op605(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const c = (fp2 + code[pc + 4]) >> 1;
  const d = (fp2 + code[pc + 1]) >> 1;
  F64[d] = fma64(F64[a], F64[b], F64[c]);
  F64[d + 1] = fma64(F64[a + 1], F64[b + 1], F64[c + 1]);
  return pc + 5;
}
/** F64x2RelaxedNmadd */
function op606(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const F64 = m.f64;
  const a = (fp2 + code[pc + 2]) >> 1;
  const b = (fp2 + code[pc + 3]) >> 1;
  const c = (fp2 + code[pc + 4]) >> 1;
  const d = (fp2 + code[pc + 1]) >> 1;
  F64[d] = fma64(-F64[a], F64[b], F64[c]);
  F64[d + 1] = fma64(-F64[a + 1], F64[b + 1], F64[c + 1]);
  return pc + 5;
}
/** I8x16RelaxedLaneselect */
function op607(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const c = fp2 + code[pc + 4];
  const d = fp2 + code[pc + 1];
  {
    const s = Math.imul((I32[c] >> 7) & 0x01010101, 255);
    I32[d] = (I32[a] & s) | (I32[b] & ~s);
  }
  {
    const s = Math.imul((I32[c + 1] >> 7) & 0x01010101, 255);
    I32[d + 1] = (I32[a + 1] & s) | (I32[b + 1] & ~s);
  }
  {
    const s = Math.imul((I32[c + 2] >> 7) & 0x01010101, 255);
    I32[d + 2] = (I32[a + 2] & s) | (I32[b + 2] & ~s);
  }
  {
    const s = Math.imul((I32[c + 3] >> 7) & 0x01010101, 255);
    I32[d + 3] = (I32[a + 3] & s) | (I32[b + 3] & ~s);
  }
  return pc + 5;
}
/** I16x8RelaxedLaneselect */
function op608(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const c = fp2 + code[pc + 4];
  const d = fp2 + code[pc + 1];
  {
    const s = Math.imul((I32[c] >> 7) & 0x01010101, 255);
    I32[d] = (I32[a] & s) | (I32[b] & ~s);
  }
  {
    const s = Math.imul((I32[c + 1] >> 7) & 0x01010101, 255);
    I32[d + 1] = (I32[a + 1] & s) | (I32[b + 1] & ~s);
  }
  {
    const s = Math.imul((I32[c + 2] >> 7) & 0x01010101, 255);
    I32[d + 2] = (I32[a + 2] & s) | (I32[b + 2] & ~s);
  }
  {
    const s = Math.imul((I32[c + 3] >> 7) & 0x01010101, 255);
    I32[d + 3] = (I32[a + 3] & s) | (I32[b + 3] & ~s);
  }
  return pc + 5;
}
/** I32x4RelaxedLaneselect */
function op609(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const c = fp2 + code[pc + 4];
  const d = fp2 + code[pc + 1];
  {
    const s = I32[c] >> 31;
    I32[d] = (I32[a] & s) | (I32[b] & ~s);
  }
  {
    const s = I32[c + 1] >> 31;
    I32[d + 1] = (I32[a + 1] & s) | (I32[b + 1] & ~s);
  }
  {
    const s = I32[c + 2] >> 31;
    I32[d + 2] = (I32[a + 2] & s) | (I32[b + 2] & ~s);
  }
  {
    const s = I32[c + 3] >> 31;
    I32[d + 3] = (I32[a + 3] & s) | (I32[b + 3] & ~s);
  }
  return pc + 5;
}
/** I64x2RelaxedLaneselect */
function op610(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const c = fp2 + code[pc + 4];
  const d = fp2 + code[pc + 1];
  {
    const s = I32[c + 1] >> 31;
    I32[d] = (I32[a] & s) | (I32[b] & ~s);
  }
  {
    const s = I32[c + 1] >> 31;
    I32[d + 1] = (I32[a + 1] & s) | (I32[b + 1] & ~s);
  }
  {
    const s = I32[c + 3] >> 31;
    I32[d + 2] = (I32[a + 2] & s) | (I32[b + 2] & ~s);
  }
  {
    const s = I32[c + 3] >> 31;
    I32[d + 3] = (I32[a + 3] & s) | (I32[b + 3] & ~s);
  }
  return pc + 5;
}
/** F32x4RelaxedMin */
function op611(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    I32[d] = !(x < y) ? I32[b] : I32[a];
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    I32[d + 1] = !(x < y) ? I32[b + 1] : I32[a + 1];
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    I32[d + 2] = !(x < y) ? I32[b + 2] : I32[a + 2];
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    I32[d + 3] = !(x < y) ? I32[b + 3] : I32[a + 3];
  }
  return pc + 4;
}
/** F32x4RelaxedMax */
function op612(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F32 = m.f32;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F32[a];
    const y = F32[b];
    I32[d] = !(x > y) ? I32[b] : I32[a];
  }
  {
    const x = F32[a + 1];
    const y = F32[b + 1];
    I32[d + 1] = !(x > y) ? I32[b + 1] : I32[a + 1];
  }
  {
    const x = F32[a + 2];
    const y = F32[b + 2];
    I32[d + 2] = !(x > y) ? I32[b + 2] : I32[a + 2];
  }
  {
    const x = F32[a + 3];
    const y = F32[b + 3];
    I32[d + 3] = !(x > y) ? I32[b + 3] : I32[a + 3];
  }
  return pc + 4;
}
/** F64x2RelaxedMin */
function op613(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F64[(a >> 1) + 0];
    const y = F64[(b >> 1) + 0];
    const s = !(x < y) ? b : a;
    const lo = I32[s + 0];
    const hi = I32[s + 1];
    I32[d + 0] = lo;
    I32[d + 1] = hi;
  }
  {
    const x = F64[(a >> 1) + 1];
    const y = F64[(b >> 1) + 1];
    const s = !(x < y) ? b : a;
    const lo = I32[s + 2];
    const hi = I32[s + 3];
    I32[d + 2] = lo;
    I32[d + 3] = hi;
  }
  return pc + 4;
}
/** F64x2RelaxedMax */
function op614(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const F64 = m.f64;
  const a = fp2 + code[pc + 2];
  const b = fp2 + code[pc + 3];
  const d = fp2 + code[pc + 1];
  {
    const x = F64[(a >> 1) + 0];
    const y = F64[(b >> 1) + 0];
    const s = !(x > y) ? b : a;
    const lo = I32[s + 0];
    const hi = I32[s + 1];
    I32[d + 0] = lo;
    I32[d + 1] = hi;
  }
  {
    const x = F64[(a >> 1) + 1];
    const y = F64[(b >> 1) + 1];
    const s = !(x > y) ? b : a;
    const lo = I32[s + 2];
    const hi = I32[s + 3];
    I32[d + 2] = lo;
    I32[d + 3] = hi;
  }
  return pc + 4;
}
/** I16x8RelaxedQ15mulrS */
function op615(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I16 = m.i16;
  const a = (fp2 + code[pc + 2]) << 1;
  const b = (fp2 + code[pc + 3]) << 1;
  const d = (fp2 + code[pc + 1]) << 1;
  for (let i = 0; i < 8; i++) {
    {
      const x = I16[a + i];
      const y = I16[b + i];
      I16[d + i] = (x * y + 0x4000) >> 15;
    }
  }
  return pc + 4;
}
/** I16x8RelaxedDotI8x16I7x16S */
function op616(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const U8 = m.u8;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  for (let i = 0; i < 8; i++) tI16[i] = Math.min(32767, Math.max(-32768, I8[a + 2 * i] * U8[b + 2 * i] + I8[a + 2 * i + 1] * U8[b + 2 * i + 1]));
  const d = fp2 + code[pc + 1];
  I32[d] = tI32[0];
  I32[d + 1] = tI32[1];
  I32[d + 2] = tI32[2];
  I32[d + 3] = tI32[3];
  return pc + 4;
}
/** I32x4RelaxedDotI8x16I7x16AddS */
function op617(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I8 = m.i8;
  const U8 = m.u8;
  const I32 = m.i32;
  const a = (fp2 + code[pc + 2]) << 2;
  const b = (fp2 + code[pc + 3]) << 2;
  const c = fp2 + code[pc + 4];
  const q0 = (Math.min(32767, Math.max(-32768, I8[a + 2 * 0] * U8[b + 2 * 0] + I8[a + 2 * 0 + 1] * U8[b + 2 * 0 + 1])) + Math.min(32767, Math.max(-32768, I8[a + 2 * 1] * U8[b + 2 * 1] + I8[a + 2 * 1 + 1] * U8[b + 2 * 1 + 1])) + I32[c]) | 0;
  const q1 = (Math.min(32767, Math.max(-32768, I8[a + 2 * 2] * U8[b + 2 * 2] + I8[a + 2 * 2 + 1] * U8[b + 2 * 2 + 1])) + Math.min(32767, Math.max(-32768, I8[a + 2 * 3] * U8[b + 2 * 3] + I8[a + 2 * 3 + 1] * U8[b + 2 * 3 + 1])) + I32[c + 1]) | 0;
  const q2 = (Math.min(32767, Math.max(-32768, I8[a + 2 * 4] * U8[b + 2 * 4] + I8[a + 2 * 4 + 1] * U8[b + 2 * 4 + 1])) + Math.min(32767, Math.max(-32768, I8[a + 2 * 5] * U8[b + 2 * 5] + I8[a + 2 * 5 + 1] * U8[b + 2 * 5 + 1])) + I32[c + 2]) | 0;
  const q3 = (Math.min(32767, Math.max(-32768, I8[a + 2 * 6] * U8[b + 2 * 6] + I8[a + 2 * 6 + 1] * U8[b + 2 * 6 + 1])) + Math.min(32767, Math.max(-32768, I8[a + 2 * 7] * U8[b + 2 * 7] + I8[a + 2 * 7 + 1] * U8[b + 2 * 7 + 1])) + I32[c + 3]) | 0;
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 5;
}
/** Mov128 */
function op618(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const a = fp2 + code[pc + 2];
  const d = fp2 + code[pc + 1];
  if (a !== d) {
    I32[d] = I32[a];
    I32[d + 1] = I32[a + 1];
    I32[d + 2] = I32[a + 2];
    I32[d + 3] = I32[a + 3];
  }
  return pc + 3;
}
/** Select128 */
function op619(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const s = I32[fp2 + code[pc + 4]] !== 0 ? fp2 + code[pc + 2] : fp2 + code[pc + 3];
  const q0 = I32[s];
  const q1 = I32[s + 1];
  const q2 = I32[s + 2];
  const q3 = I32[s + 3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 5;
}
/** GlobalGet128 */
function op620(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const g = inst.globals[code[pc + 2]].i32;
  const q0 = g[0];
  const q1 = g[1];
  const q2 = g[2];
  const q3 = g[3];
  const d = fp2 + code[pc + 1];
  I32[d] = q0;
  I32[d + 1] = q1;
  I32[d + 2] = q2;
  I32[d + 3] = q3;
  return pc + 3;
}
/** GlobalSet128 */
function op621(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const fp2 = fp << 1;
  const I32 = m.i32;
  const g = inst.globals[code[pc + 1]].i32;
  const a = fp2 + code[pc + 2];
  g[0] = I32[a];
  g[1] = I32[a + 1];
  g[2] = I32[a + 2];
  g[3] = I32[a + 3];
  return pc + 3;
}
/** every SIMD op by IR number */
export const OPS: readonly (readonly [number, Step])[] = [
  [344, op344],
  [345, op345],
  [346, op346],
  [347, op347],
  [348, op348],
  [349, op349],
  [350, op350],
  [351, op351],
  [352, op352],
  [353, op353],
  [354, op354],
  [355, op355],
  [356, op356],
  [357, op357],
  [358, op358],
  [359, op359],
  [360, op360],
  [361, op361],
  [362, op362],
  [363, op363],
  [364, op364],
  [365, op365],
  [366, op366],
  [367, op367],
  [368, op368],
  [369, op369],
  [370, op370],
  [371, op371],
  [372, op372],
  [373, op373],
  [374, op374],
  [375, op375],
  [376, op376],
  [377, op377],
  [378, op378],
  [379, op379],
  [380, op380],
  [381, op381],
  [382, op382],
  [383, op383],
  [384, op384],
  [385, op385],
  [386, op386],
  [387, op387],
  [388, op388],
  [389, op389],
  [390, op390],
  [391, op391],
  [392, op392],
  [393, op393],
  [394, op394],
  [395, op395],
  [396, op396],
  [397, op397],
  [398, op398],
  [399, op399],
  [400, op400],
  [401, op401],
  [402, op402],
  [403, op403],
  [404, op404],
  [405, op405],
  [406, op406],
  [407, op407],
  [408, op408],
  [409, op409],
  [410, op410],
  [411, op411],
  [412, op412],
  [413, op413],
  [414, op414],
  [415, op415],
  [416, op416],
  [417, op417],
  [418, op418],
  [419, op419],
  [420, op420],
  [421, op421],
  [422, op422],
  [423, op423],
  [424, op424],
  [425, op425],
  [426, op426],
  [427, op427],
  [428, op428],
  [429, op429],
  [430, op430],
  [431, op431],
  [432, op432],
  [433, op433],
  [434, op434],
  [435, op435],
  [436, op436],
  [437, op437],
  [438, op438],
  [439, op439],
  [440, op440],
  [441, op441],
  [442, op442],
  [443, op443],
  [444, op444],
  [445, op445],
  [446, op446],
  [447, op447],
  [448, op448],
  [449, op449],
  [450, op450],
  [451, op451],
  [452, op452],
  [453, op453],
  [454, op454],
  [455, op455],
  [456, op456],
  [457, op457],
  [458, op458],
  [459, op459],
  [460, op460],
  [461, op461],
  [462, op462],
  [463, op463],
  [464, op464],
  [465, op465],
  [466, op466],
  [467, op467],
  [468, op468],
  [469, op469],
  [470, op470],
  [471, op471],
  [472, op472],
  [473, op473],
  [474, op474],
  [475, op475],
  [476, op476],
  [477, op477],
  [478, op478],
  [479, op479],
  [480, op480],
  [481, op481],
  [482, op482],
  [483, op483],
  [484, op484],
  [485, op485],
  [486, op486],
  [487, op487],
  [488, op488],
  [489, op489],
  [490, op490],
  [491, op491],
  [492, op492],
  [493, op493],
  [494, op494],
  [495, op495],
  [496, op496],
  [497, op497],
  [498, op498],
  [499, op499],
  [500, op500],
  [501, op501],
  [502, op502],
  [503, op503],
  [504, op504],
  [505, op505],
  [506, op506],
  [507, op507],
  [508, op508],
  [509, op509],
  [510, op510],
  [511, op511],
  [512, op512],
  [513, op513],
  [514, op514],
  [515, op515],
  [516, op516],
  [517, op517],
  [518, op518],
  [519, op519],
  [520, op520],
  [521, op521],
  [522, op522],
  [523, op523],
  [524, op524],
  [525, op525],
  [526, op526],
  [527, op527],
  [528, op528],
  [529, op529],
  [530, op530],
  [531, op531],
  [532, op532],
  [533, op533],
  [534, op534],
  [535, op535],
  [536, op536],
  [537, op537],
  [538, op538],
  [539, op539],
  [540, op540],
  [541, op541],
  [542, op542],
  [543, op543],
  [544, op544],
  [545, op545],
  [546, op546],
  [547, op547],
  [548, op548],
  [549, op549],
  [550, op550],
  [551, op551],
  [552, op552],
  [553, op553],
  [554, op554],
  [555, op555],
  [556, op556],
  [557, op557],
  [558, op558],
  [559, op559],
  [560, op560],
  [561, op561],
  [562, op562],
  [563, op563],
  [564, op564],
  [565, op565],
  [566, op566],
  [567, op567],
  [568, op568],
  [569, op569],
  [570, op570],
  [571, op571],
  [572, op572],
  [573, op573],
  [574, op574],
  [575, op575],
  [576, op576],
  [577, op577],
  [578, op578],
  [579, op579],
  [580, op580],
  [581, op581],
  [582, op582],
  [583, op583],
  [584, op584],
  [585, op585],
  [586, op586],
  [587, op587],
  [588, op588],
  [589, op589],
  [590, op590],
  [591, op591],
  [592, op592],
  [593, op593],
  [594, op594],
  [595, op595],
  [596, op596],
  [597, op597],
  [598, op598],
  [599, op599],
  [600, op600],
  [601, op601],
  [602, op602],
  [603, op603],
  [604, op604],
  [605, op605],
  [606, op606],
  [607, op607],
  [608, op608],
  [609, op609],
  [610, op610],
  [611, op611],
  [612, op612],
  [613, op613],
  [614, op614],
  [615, op615],
  [616, op616],
  [617, op617],
  [618, op618],
  [619, op619],
  [620, op620],
  [621, op621],
];
// @generated-cases-end

function bad(m: Machine, inst: Instance, code: Int32Array, pc: number): number {
  throw new Error(`wasmlet: internal error: bad IR opcode ${code[pc]} at ${pc}`);
}

/** Make this build run SIMD (core/index.ts calls it; core/index-2.0.ts does not). */
export function installSimd(): void {
  const ops: Step[] = new Array<Step>(OPS[OPS.length - 1]![0] + 1).fill(bad as Step);
  for (const [num, f] of OPS) ops[num] = f as Step;
  simdSupport.engine = { ops };
}
