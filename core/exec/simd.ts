/**
 * The SIMD executor: the cases of every SIMD IR op (core/ops/simd.ts), generated between the
 * markers below by scripts/gen-ops.mjs. The interpreter reaches `step` from its default case, one
 * call per SIMD instruction, so the scalar dispatch loop is unchanged (RATIONALE.md "SIMD"). Lanes
 * are read through typed-array views of the machine's value stack at the operands' word offsets;
 * results go through a 16-byte scratch and are copied out last, so any operand may share its
 * slots with the result. Only the full entry point imports this file (`installSimd`).
 */
import { TrapCode } from '../errors.js';
import { simdSupport } from '../simd-support.js';
import type { Machine } from './machine.js';
import type { Instance } from './objects.js';
import * as N from './numeric.js';
import { trap } from './trap.js';

// the result scratch, one 16-byte buffer under every lane view (tC8 clamps to 0..255)
const scratch = new ArrayBuffer(16);
const tI8 = new Int8Array(scratch);
const tU8 = new Uint8Array(scratch);
const tC8 = new Uint8ClampedArray(scratch);
const tI16 = new Int16Array(scratch);
const tU16 = new Uint16Array(scratch);
const tI32 = new Int32Array(scratch);
const tU32 = new Uint32Array(scratch);
const tF32 = new Float32Array(scratch);
const tF64 = new Float64Array(scratch);
const tI64 = new BigInt64Array(scratch);
const tU64 = new BigUint64Array(scratch);
void tU32;
void tU64;

/** lane views of one machine's value stack, made once per stack buffer */
interface Views {
  readonly buf: ArrayBufferLike;
  readonly I8: Int8Array;
  readonly U8: Uint8Array;
  readonly I16: Int16Array;
  readonly U16: Uint16Array;
  readonly U32: Uint32Array;
}
let last: Views | null = null;
function views(m: Machine): Views {
  const buf = m.i32.buffer;
  if (last !== null && last.buf === buf) return last;
  last = { buf, I8: new Int8Array(buf), U8: new Uint8Array(buf), I16: new Int16Array(buf), U16: new Uint16Array(buf), U32: new Uint32Array(buf) };
  return last;
}

/** Run the SIMD op at `pc` in the frame at `fp`; returns the next pc. */
export function step(m: Machine, inst: Instance, code: Int32Array, pc: number, fp: number): number {
  const I32 = m.i32;
  const F32 = m.f32;
  const F64 = m.f64;
  const I64 = m.i64;
  const U64 = m.u64;
  const { I8, U8, I16, U16, U32 } = views(m);
  const fp2 = fp << 1;
  void fp2;
  switch (code[pc]) {
    // @generated-cases-begin (scripts/gen-ops.mjs from core/ops/ir.ts)
    case 344: { // V128Load
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 16 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      for (let i = 0; i < 16; i++) tU8[i] = u[ea + i];
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 345: { // V128Load8x8S
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      for (let i = 0; i < 8; i++) tI16[i] = (u[ea + i] << 24) >> 24;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 346: { // V128Load8x8U
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      for (let i = 0; i < 8; i++) tI16[i] = u[ea + i];
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 347: { // V128Load16x4S
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      for (let i = 0; i < 4; i++) tI32[i] = ((u[ea + 2 * i] | (u[ea + 2 * i + 1] << 8)) << 16) >> 16;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 348: { // V128Load16x4U
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      for (let i = 0; i < 4; i++) tI32[i] = u[ea + 2 * i] | (u[ea + 2 * i + 1] << 8);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 349: { // V128Load32x2S
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      for (let i = 0; i < 2; i++) {
        const v = (u[ea + 4 * i] | (u[ea + 4 * i + 1] << 8) | (u[ea + 4 * i + 2] << 16) | (u[ea + 4 * i + 3] << 24));
        tI32[2 * i] = v;
        tI32[2 * i + 1] = v >> 31;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 350: { // V128Load32x2U
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      for (let i = 0; i < 2; i++) {
        tI32[2 * i] = (u[ea + 4 * i] | (u[ea + 4 * i + 1] << 8) | (u[ea + 4 * i + 2] << 16) | (u[ea + 4 * i + 3] << 24));
        tI32[2 * i + 1] = 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 351: { // V128Load8Splat
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 1 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      tU8.fill(u[ea]!);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 352: { // V128Load16Splat
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 2 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      tU16.fill(u[ea]! | (u[ea + 1]! << 8));
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 353: { // V128Load32Splat
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 4 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      tI32.fill((u[ea] | (u[ea + 1] << 8) | (u[ea + 2] << 16) | (u[ea + 3] << 24)));
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 354: { // V128Load64Splat
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      const lo = (u[ea] | (u[ea + 1] << 8) | (u[ea + 2] << 16) | (u[ea + 3] << 24));
      const hi = (u[ea + 4] | (u[ea + 4 + 1] << 8) | (u[ea + 4 + 2] << 16) | (u[ea + 4 + 3] << 24));
      tI32[0] = lo;
      tI32[1] = hi;
      tI32[2] = lo;
      tI32[3] = hi;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 355: { // V128Store
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 16 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      const b = (fp2 + code[pc + 2]) << 2;
      for (let i = 0; i < 16; i++) u[ea + i] = U8[b + i]!;
      pc += 5;
      break;
    }
    case 356: { // V128Load32Zero
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 4 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      tI32[0] = (u[ea] | (u[ea + 1] << 8) | (u[ea + 2] << 16) | (u[ea + 3] << 24));
      tI32[1] = 0;
      tI32[2] = 0;
      tI32[3] = 0;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 357: { // V128Load64Zero
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      tI32[0] = (u[ea] | (u[ea + 1] << 8) | (u[ea + 2] << 16) | (u[ea + 3] << 24));
      tI32[1] = (u[ea + 4] | (u[ea + 4 + 1] << 8) | (u[ea + 4 + 2] << 16) | (u[ea + 4 + 3] << 24));
      tI32[2] = 0;
      tI32[3] = 0;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 358: { // V128Load8Lane
      const mem = inst.memories[code[pc + 5]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 4] >>> 0);
      if (ea + 1 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) tI32[i] = I32[b + i]!;
      const at = code[pc + 6] * 1;
      for (let i = 0; i < 1; i++) tU8[at + i] = u[ea + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 7;
      break;
    }
    case 359: { // V128Store8Lane
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 1 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      const at = ((fp2 + code[pc + 2]) << 2) + code[pc + 5] * 1;
      for (let i = 0; i < 1; i++) u[ea + i] = U8[at + i]!;
      pc += 6;
      break;
    }
    case 360: { // V128Load16Lane
      const mem = inst.memories[code[pc + 5]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 4] >>> 0);
      if (ea + 2 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) tI32[i] = I32[b + i]!;
      const at = code[pc + 6] * 2;
      for (let i = 0; i < 2; i++) tU8[at + i] = u[ea + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 7;
      break;
    }
    case 361: { // V128Store16Lane
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 2 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      const at = ((fp2 + code[pc + 2]) << 2) + code[pc + 5] * 2;
      for (let i = 0; i < 2; i++) u[ea + i] = U8[at + i]!;
      pc += 6;
      break;
    }
    case 362: { // V128Load32Lane
      const mem = inst.memories[code[pc + 5]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 4] >>> 0);
      if (ea + 4 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) tI32[i] = I32[b + i]!;
      const at = code[pc + 6] * 4;
      for (let i = 0; i < 4; i++) tU8[at + i] = u[ea + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 7;
      break;
    }
    case 363: { // V128Store32Lane
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 4 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      const at = ((fp2 + code[pc + 2]) << 2) + code[pc + 5] * 4;
      for (let i = 0; i < 4; i++) u[ea + i] = U8[at + i]!;
      pc += 6;
      break;
    }
    case 364: { // V128Load64Lane
      const mem = inst.memories[code[pc + 5]]!;
      const ea = (I32[fp2 + code[pc + 2]] >>> 0) + (code[pc + 4] >>> 0);
      if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) tI32[i] = I32[b + i]!;
      const at = code[pc + 6] * 8;
      for (let i = 0; i < 8; i++) tU8[at + i] = u[ea + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 7;
      break;
    }
    case 365: { // V128Store64Lane
      const mem = inst.memories[code[pc + 4]]!;
      const ea = (I32[fp2 + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
      if (ea + 8 > mem.byteLength) trap(TrapCode.OutOfBoundsMemory);
      const u = mem.u8;
      const at = ((fp2 + code[pc + 2]) << 2) + code[pc + 5] * 8;
      for (let i = 0; i < 8; i++) u[ea + i] = U8[at + i]!;
      pc += 6;
      break;
    }
    case 366: { // V128Const
      tI32[0] = code[pc + 2];
      tI32[1] = code[pc + 3];
      tI32[2] = code[pc + 4];
      tI32[3] = code[pc + 5];
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 6;
      break;
    }
    case 367: { // I8x16Shuffle
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const s = (code[pc + 4 + (i >> 2)]! >>> ((i & 3) * 8)) & 255;
        tU8[i] = s < 16 ? U8[a + s]! : U8[b + s - 16]!;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 8;
      break;
    }
    case 368: { // I8x16Swizzle
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const s = U8[b + i]!;
        tU8[i] = s < 16 ? U8[a + s]! : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 369: { // I8x16Splat
      tI8.fill(I32[fp2 + code[pc + 2]]);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 370: { // I16x8Splat
      tI16.fill(I32[fp2 + code[pc + 2]]);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 371: { // I32x4Splat
      tI32.fill(I32[fp2 + code[pc + 2]]);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 372: { // I64x2Splat
      const a = fp2 + code[pc + 2];
      const lo = I32[a]!;
      const hi = I32[a + 1]!;
      tI32[0] = lo;
      tI32[1] = hi;
      tI32[2] = lo;
      tI32[3] = hi;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 373: { // F32x4Splat
      tI32.fill(I32[fp2 + code[pc + 2]]);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 374: { // F64x2Splat
      const a = fp2 + code[pc + 2];
      const lo = I32[a]!;
      const hi = I32[a + 1]!;
      tI32[0] = lo;
      tI32[1] = hi;
      tI32[2] = lo;
      tI32[3] = hi;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 375: // I8x16ExtractLaneS
      I32[fp2 + code[pc + 1]] = I8[((fp2 + code[pc + 2]) << 2) + code[pc + 3]]!;
      pc += 4;
      break;
    case 376: // I8x16ExtractLaneU
      I32[fp2 + code[pc + 1]] = U8[((fp2 + code[pc + 2]) << 2) + code[pc + 3]]!;
      pc += 4;
      break;
    case 377: { // I8x16ReplaceLane
      const v = I32[fp2 + code[pc + 3]];
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) tI32[i] = I32[a + i]!;
      tI8[code[pc + 4]] = v;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 378: // I16x8ExtractLaneS
      I32[fp2 + code[pc + 1]] = I16[((fp2 + code[pc + 2]) << 1) + code[pc + 3]]!;
      pc += 4;
      break;
    case 379: // I16x8ExtractLaneU
      I32[fp2 + code[pc + 1]] = U16[((fp2 + code[pc + 2]) << 1) + code[pc + 3]]!;
      pc += 4;
      break;
    case 380: { // I16x8ReplaceLane
      const v = I32[fp2 + code[pc + 3]];
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) tI32[i] = I32[a + i]!;
      tI16[code[pc + 4]] = v;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 381: // I32x4ExtractLane
      I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2] + code[pc + 3]]!;
      pc += 4;
      break;
    case 382: { // I32x4ReplaceLane
      const v = I32[fp2 + code[pc + 3]];
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) tI32[i] = I32[a + i]!;
      tI32[code[pc + 4]] = v;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 383: { // I64x2ExtractLane
      const s = fp2 + code[pc + 2] + 2 * code[pc + 3];
      const lo = I32[s]!;
      const hi = I32[s + 1]!;
      const d = fp2 + code[pc + 1];
      I32[d] = lo;
      I32[d + 1] = hi;
      pc += 4;
      break;
    }
    case 384: { // I64x2ReplaceLane
      const s = fp2 + code[pc + 3];
      const lo = I32[s]!;
      const hi = I32[s + 1]!;
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) tI32[i] = I32[a + i]!;
      tI32[2 * code[pc + 4]] = lo;
      tI32[2 * code[pc + 4] + 1] = hi;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 385: // F32x4ExtractLane
      I32[fp2 + code[pc + 1]] = I32[fp2 + code[pc + 2] + code[pc + 3]]!;
      pc += 4;
      break;
    case 386: { // F32x4ReplaceLane
      const v = I32[fp2 + code[pc + 3]];
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) tI32[i] = I32[a + i]!;
      tI32[code[pc + 4]] = v;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 387: { // F64x2ExtractLane
      const s = fp2 + code[pc + 2] + 2 * code[pc + 3];
      const lo = I32[s]!;
      const hi = I32[s + 1]!;
      const d = fp2 + code[pc + 1];
      I32[d] = lo;
      I32[d + 1] = hi;
      pc += 4;
      break;
    }
    case 388: { // F64x2ReplaceLane
      const s = fp2 + code[pc + 3];
      const lo = I32[s]!;
      const hi = I32[s + 1]!;
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) tI32[i] = I32[a + i]!;
      tI32[2 * code[pc + 4]] = lo;
      tI32[2 * code[pc + 4] + 1] = hi;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 389: { // I8x16Eq
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        const y = I8[b + i];
        tI8[i] = x === y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 390: { // I8x16Ne
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        const y = I8[b + i];
        tI8[i] = x !== y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 391: { // I8x16LtS
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        const y = I8[b + i];
        tI8[i] = x < y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 392: { // I8x16LtU
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = U8[a + i];
        const y = U8[b + i];
        tI8[i] = x < y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 393: { // I8x16GtS
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        const y = I8[b + i];
        tI8[i] = x > y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 394: { // I8x16GtU
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = U8[a + i];
        const y = U8[b + i];
        tI8[i] = x > y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 395: { // I8x16LeS
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        const y = I8[b + i];
        tI8[i] = x <= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 396: { // I8x16LeU
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = U8[a + i];
        const y = U8[b + i];
        tI8[i] = x <= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 397: { // I8x16GeS
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        const y = I8[b + i];
        tI8[i] = x >= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 398: { // I8x16GeU
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = U8[a + i];
        const y = U8[b + i];
        tI8[i] = x >= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 399: { // I16x8Eq
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = x === y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 400: { // I16x8Ne
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = x !== y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 401: { // I16x8LtS
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = x < y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 402: { // I16x8LtU
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = U16[a + i];
        const y = U16[b + i];
        tI16[i] = x < y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 403: { // I16x8GtS
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = x > y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 404: { // I16x8GtU
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = U16[a + i];
        const y = U16[b + i];
        tI16[i] = x > y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 405: { // I16x8LeS
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = x <= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 406: { // I16x8LeU
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = U16[a + i];
        const y = U16[b + i];
        tI16[i] = x <= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 407: { // I16x8GeS
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = x >= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 408: { // I16x8GeU
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = U16[a + i];
        const y = U16[b + i];
        tI16[i] = x >= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 409: { // I32x4Eq
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x === y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 410: { // I32x4Ne
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x !== y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 411: { // I32x4LtS
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x < y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 412: { // I32x4LtU
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = U32[a + i];
        const y = U32[b + i];
        tI32[i] = x < y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 413: { // I32x4GtS
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x > y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 414: { // I32x4GtU
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = U32[a + i];
        const y = U32[b + i];
        tI32[i] = x > y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 415: { // I32x4LeS
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x <= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 416: { // I32x4LeU
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = U32[a + i];
        const y = U32[b + i];
        tI32[i] = x <= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 417: { // I32x4GeS
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x >= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 418: { // I32x4GeU
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = U32[a + i];
        const y = U32[b + i];
        tI32[i] = x >= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 419: { // F32x4Eq
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        const y = F32[b + i];
        tI32[i] = x === y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 420: { // F32x4Ne
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        const y = F32[b + i];
        tI32[i] = x !== y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 421: { // F32x4Lt
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        const y = F32[b + i];
        tI32[i] = x < y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 422: { // F32x4Gt
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        const y = F32[b + i];
        tI32[i] = x > y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 423: { // F32x4Le
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        const y = F32[b + i];
        tI32[i] = x <= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 424: { // F32x4Ge
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        const y = F32[b + i];
        tI32[i] = x >= y ? -1 : 0;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 425: { // F64x2Eq
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        const y = F64[b + i];
        const r = x === y ? -1 : 0;
        tI32[2 * i] = r;
        tI32[2 * i + 1] = r;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 426: { // F64x2Ne
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        const y = F64[b + i];
        const r = x !== y ? -1 : 0;
        tI32[2 * i] = r;
        tI32[2 * i + 1] = r;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 427: { // F64x2Lt
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        const y = F64[b + i];
        const r = x < y ? -1 : 0;
        tI32[2 * i] = r;
        tI32[2 * i + 1] = r;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 428: { // F64x2Gt
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        const y = F64[b + i];
        const r = x > y ? -1 : 0;
        tI32[2 * i] = r;
        tI32[2 * i + 1] = r;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 429: { // F64x2Le
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        const y = F64[b + i];
        const r = x <= y ? -1 : 0;
        tI32[2 * i] = r;
        tI32[2 * i + 1] = r;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 430: { // F64x2Ge
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        const y = F64[b + i];
        const r = x >= y ? -1 : 0;
        tI32[2 * i] = r;
        tI32[2 * i + 1] = r;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 431: { // I64x2Eq
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = I64[a + i];
        const y = I64[b + i];
        tI64[i] = x === y ? -1n : 0n;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 432: { // I64x2Ne
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = I64[a + i];
        const y = I64[b + i];
        tI64[i] = x !== y ? -1n : 0n;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 433: { // I64x2LtS
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = I64[a + i];
        const y = I64[b + i];
        tI64[i] = x < y ? -1n : 0n;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 434: { // I64x2GtS
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = I64[a + i];
        const y = I64[b + i];
        tI64[i] = x > y ? -1n : 0n;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 435: { // I64x2LeS
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = I64[a + i];
        const y = I64[b + i];
        tI64[i] = x <= y ? -1n : 0n;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 436: { // I64x2GeS
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = I64[a + i];
        const y = I64[b + i];
        tI64[i] = x >= y ? -1n : 0n;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 437: { // V128Not
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        tI32[i] = ~x;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 438: { // V128And
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x & y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 439: { // V128Andnot
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x & ~y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 440: { // V128Or
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x | y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 441: { // V128Xor
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x ^ y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 442: { // V128Bitselect
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      const c = fp2 + code[pc + 4];
      for (let i = 0; i < 4; i++) {
        const m = I32[c + i]!;
        tI32[i] = (I32[a + i]! & m) | (I32[b + i]! & ~m);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 443: { // V128AnyTrue
      const a = fp2 + code[pc + 2];
      I32[fp2 + code[pc + 1]] = (I32[a]! | I32[a + 1]! | I32[a + 2]! | I32[a + 3]!) !== 0 ? 1 : 0;
      pc += 3;
      break;
    }
    case 444: { // I8x16AllTrue
      const a = (fp2 + code[pc + 2]) << 2;
      let r = 1;
      for (let i = 0; i < 16; i++) if (I8[a + i] === 0) r = 0;
      I32[fp2 + code[pc + 1]] = r;
      pc += 3;
      break;
    }
    case 445: { // I8x16Bitmask
      const a = (fp2 + code[pc + 2]) << 2;
      let r = 0;
      for (let i = 0; i < 16; i++) if (I8[a + i]! < 0) r |= 1 << i;
      I32[fp2 + code[pc + 1]] = r;
      pc += 3;
      break;
    }
    case 446: { // I16x8AllTrue
      const a = (fp2 + code[pc + 2]) << 1;
      let r = 1;
      for (let i = 0; i < 8; i++) if (I16[a + i] === 0) r = 0;
      I32[fp2 + code[pc + 1]] = r;
      pc += 3;
      break;
    }
    case 447: { // I16x8Bitmask
      const a = (fp2 + code[pc + 2]) << 1;
      let r = 0;
      for (let i = 0; i < 8; i++) if (I16[a + i]! < 0) r |= 1 << i;
      I32[fp2 + code[pc + 1]] = r;
      pc += 3;
      break;
    }
    case 448: { // I32x4AllTrue
      const a = fp2 + code[pc + 2];
      let r = 1;
      for (let i = 0; i < 4; i++) if (I32[a + i] === 0) r = 0;
      I32[fp2 + code[pc + 1]] = r;
      pc += 3;
      break;
    }
    case 449: { // I32x4Bitmask
      const a = fp2 + code[pc + 2];
      let r = 0;
      for (let i = 0; i < 4; i++) if (I32[a + i]! < 0) r |= 1 << i;
      I32[fp2 + code[pc + 1]] = r;
      pc += 3;
      break;
    }
    case 450: { // I64x2AllTrue
      const a = (fp2 + code[pc + 2]) >> 1;
      let r = 1;
      for (let i = 0; i < 2; i++) if (I64[a + i] === 0n) r = 0;
      I32[fp2 + code[pc + 1]] = r;
      pc += 3;
      break;
    }
    case 451: { // I64x2Bitmask
      const a = (fp2 + code[pc + 2]) >> 1;
      let r = 0;
      for (let i = 0; i < 2; i++) if (I64[a + i]! < 0n) r |= 1 << i;
      I32[fp2 + code[pc + 1]] = r;
      pc += 3;
      break;
    }
    case 452: { // I8x16Shl
      const k = I32[fp2 + code[pc + 3]] & 7;
      const a = (fp2 + code[pc + 2]) << 2;
      for (let i = 0; i < 16; i++) tI8[i] = I8[a + i]! << k;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 453: { // I8x16ShrS
      const k = I32[fp2 + code[pc + 3]] & 7;
      const a = (fp2 + code[pc + 2]) << 2;
      for (let i = 0; i < 16; i++) tI8[i] = I8[a + i]! >> k;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 454: { // I8x16ShrU
      const k = I32[fp2 + code[pc + 3]] & 7;
      const a = (fp2 + code[pc + 2]) << 2;
      for (let i = 0; i < 16; i++) tI8[i] = U8[a + i]! >>> k;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 455: { // I16x8Shl
      const k = I32[fp2 + code[pc + 3]] & 15;
      const a = (fp2 + code[pc + 2]) << 1;
      for (let i = 0; i < 8; i++) tI16[i] = I16[a + i]! << k;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 456: { // I16x8ShrS
      const k = I32[fp2 + code[pc + 3]] & 15;
      const a = (fp2 + code[pc + 2]) << 1;
      for (let i = 0; i < 8; i++) tI16[i] = I16[a + i]! >> k;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 457: { // I16x8ShrU
      const k = I32[fp2 + code[pc + 3]] & 15;
      const a = (fp2 + code[pc + 2]) << 1;
      for (let i = 0; i < 8; i++) tI16[i] = U16[a + i]! >>> k;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 458: { // I32x4Shl
      const k = I32[fp2 + code[pc + 3]] & 31;
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) tI32[i] = I32[a + i]! << k;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 459: { // I32x4ShrS
      const k = I32[fp2 + code[pc + 3]] & 31;
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) tI32[i] = I32[a + i]! >> k;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 460: { // I32x4ShrU
      const k = I32[fp2 + code[pc + 3]] & 31;
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) tI32[i] = U32[a + i]! >>> k;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 461: { // I64x2Shl
      const k = BigInt(I32[fp2 + code[pc + 3]] & 63);
      const a = (fp2 + code[pc + 2]) >> 1;
      for (let i = 0; i < 2; i++) tI64[i] = BigInt.asIntN(64, I64[a + i]! << k);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 462: { // I64x2ShrS
      const k = BigInt(I32[fp2 + code[pc + 3]] & 63);
      const a = (fp2 + code[pc + 2]) >> 1;
      for (let i = 0; i < 2; i++) tI64[i] = BigInt.asIntN(64, I64[a + i]! >> k);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 463: { // I64x2ShrU
      const k = BigInt(I32[fp2 + code[pc + 3]] & 63);
      const a = (fp2 + code[pc + 2]) >> 1;
      for (let i = 0; i < 2; i++) tI64[i] = BigInt.asIntN(64, U64[a + i]! >> k);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 464: { // I8x16Abs
      const a = (fp2 + code[pc + 2]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        tI8[i] = x < 0 ? -x : x;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 465: { // I8x16Neg
      const a = (fp2 + code[pc + 2]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        tI8[i] = -x;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 466: { // I8x16Popcnt
      const a = (fp2 + code[pc + 2]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = U8[a + i];
        tU8[i] = N.i32Popcnt(x);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 467: { // I8x16NarrowI16x8S
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 16; i++) {
        const x = i < 8 ? I16[a + i]! : I16[b + i - 8]!;
        tI8[i] = Math.min(127, Math.max(-128, x));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 468: { // I8x16NarrowI16x8U
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 16; i++) {
        const x = i < 8 ? I16[a + i]! : I16[b + i - 8]!;
        tU8[i] = Math.min(255, Math.max(0, x));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 469: { // I8x16Add
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        const y = I8[b + i];
        tI8[i] = x + y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 470: { // I8x16AddSatS
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        const y = I8[b + i];
        tI8[i] = Math.min(127, Math.max(-128, x + y));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 471: { // I8x16AddSatU
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = U8[a + i];
        const y = U8[b + i];
        tC8[i] = x + y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 472: { // I8x16Sub
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        const y = I8[b + i];
        tI8[i] = x - y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 473: { // I8x16SubSatS
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        const y = I8[b + i];
        tI8[i] = Math.min(127, Math.max(-128, x - y));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 474: { // I8x16SubSatU
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = U8[a + i];
        const y = U8[b + i];
        tC8[i] = x - y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 475: { // I8x16MinS
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        const y = I8[b + i];
        tI8[i] = x < y ? x : y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 476: { // I8x16MinU
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = U8[a + i];
        const y = U8[b + i];
        tU8[i] = x < y ? x : y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 477: { // I8x16MaxS
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = I8[a + i];
        const y = I8[b + i];
        tI8[i] = x > y ? x : y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 478: { // I8x16MaxU
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = U8[a + i];
        const y = U8[b + i];
        tU8[i] = x > y ? x : y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 479: { // I8x16AvgrU
      const a = (fp2 + code[pc + 2]) << 2;
      const b = (fp2 + code[pc + 3]) << 2;
      for (let i = 0; i < 16; i++) {
        const x = U8[a + i];
        const y = U8[b + i];
        tU8[i] = (x + y + 1) >>> 1;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 480: { // I16x8ExtaddPairwiseI8x16S
      const a = (fp2 + code[pc + 2]) << 2;
      for (let i = 0; i < 8; i++) tI16[i] = I8[a + 2 * i]! + I8[a + 2 * i + 1]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 481: { // I16x8ExtaddPairwiseI8x16U
      const a = (fp2 + code[pc + 2]) << 2;
      for (let i = 0; i < 8; i++) tI16[i] = U8[a + 2 * i]! + U8[a + 2 * i + 1]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 482: { // I32x4ExtaddPairwiseI16x8S
      const a = (fp2 + code[pc + 2]) << 1;
      for (let i = 0; i < 4; i++) tI32[i] = I16[a + 2 * i]! + I16[a + 2 * i + 1]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 483: { // I32x4ExtaddPairwiseI16x8U
      const a = (fp2 + code[pc + 2]) << 1;
      for (let i = 0; i < 4; i++) tI32[i] = U16[a + 2 * i]! + U16[a + 2 * i + 1]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 484: { // I16x8Abs
      const a = (fp2 + code[pc + 2]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        tI16[i] = x < 0 ? -x : x;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 485: { // I16x8Neg
      const a = (fp2 + code[pc + 2]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        tI16[i] = -x;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 486: { // I16x8Q15mulrSatS
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = Math.min(32767, Math.max(-32768, (x * y + 0x4000) >> 15));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 487: { // I16x8NarrowI32x4S
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 8; i++) {
        const x = i < 4 ? I32[a + i]! : I32[b + i - 4]!;
        tI16[i] = Math.min(32767, Math.max(-32768, x));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 488: { // I16x8NarrowI32x4U
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 8; i++) {
        const x = i < 4 ? I32[a + i]! : I32[b + i - 4]!;
        tU16[i] = Math.min(65535, Math.max(0, x));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 489: { // I16x8ExtendLowI8x16S
      const a = ((fp2 + code[pc + 2]) << 2);
      for (let i = 0; i < 8; i++) tI16[i] = I8[a + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 490: { // I16x8ExtendHighI8x16S
      const a = ((fp2 + code[pc + 2]) << 2) + 8;
      for (let i = 0; i < 8; i++) tI16[i] = I8[a + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 491: { // I16x8ExtendLowI8x16U
      const a = ((fp2 + code[pc + 2]) << 2);
      for (let i = 0; i < 8; i++) tI16[i] = U8[a + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 492: { // I16x8ExtendHighI8x16U
      const a = ((fp2 + code[pc + 2]) << 2) + 8;
      for (let i = 0; i < 8; i++) tI16[i] = U8[a + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 493: { // I16x8Add
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = x + y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 494: { // I16x8AddSatS
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = Math.min(32767, Math.max(-32768, x + y));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 495: { // I16x8AddSatU
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = U16[a + i];
        const y = U16[b + i];
        tU16[i] = Math.min(65535, Math.max(0, x + y));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 496: { // I16x8Sub
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = x - y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 497: { // I16x8SubSatS
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = Math.min(32767, Math.max(-32768, x - y));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 498: { // I16x8SubSatU
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = U16[a + i];
        const y = U16[b + i];
        tU16[i] = Math.min(65535, Math.max(0, x - y));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 499: { // I16x8Mul
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = Math.imul(x, y);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 500: { // I16x8MinS
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = x < y ? x : y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 501: { // I16x8MinU
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = U16[a + i];
        const y = U16[b + i];
        tU16[i] = x < y ? x : y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 502: { // I16x8MaxS
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = I16[a + i];
        const y = I16[b + i];
        tI16[i] = x > y ? x : y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 503: { // I16x8MaxU
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = U16[a + i];
        const y = U16[b + i];
        tU16[i] = x > y ? x : y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 504: { // I16x8AvgrU
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 8; i++) {
        const x = U16[a + i];
        const y = U16[b + i];
        tU16[i] = (x + y + 1) >>> 1;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 505: { // I16x8ExtmulLowI8x16S
      const a = ((fp2 + code[pc + 2]) << 2);
      const b = ((fp2 + code[pc + 3]) << 2);
      for (let i = 0; i < 8; i++) tI16[i] = I8[a + i]! * I8[b + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 506: { // I16x8ExtmulHighI8x16S
      const a = ((fp2 + code[pc + 2]) << 2) + 8;
      const b = ((fp2 + code[pc + 3]) << 2) + 8;
      for (let i = 0; i < 8; i++) tI16[i] = I8[a + i]! * I8[b + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 507: { // I16x8ExtmulLowI8x16U
      const a = ((fp2 + code[pc + 2]) << 2);
      const b = ((fp2 + code[pc + 3]) << 2);
      for (let i = 0; i < 8; i++) tI16[i] = U8[a + i]! * U8[b + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 508: { // I16x8ExtmulHighI8x16U
      const a = ((fp2 + code[pc + 2]) << 2) + 8;
      const b = ((fp2 + code[pc + 3]) << 2) + 8;
      for (let i = 0; i < 8; i++) tI16[i] = U8[a + i]! * U8[b + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 509: { // I32x4Abs
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        tI32[i] = x < 0 ? -x : x;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 510: { // I32x4Neg
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        tI32[i] = -x;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 511: { // I32x4ExtendLowI16x8S
      const a = ((fp2 + code[pc + 2]) << 1);
      for (let i = 0; i < 4; i++) tI32[i] = I16[a + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 512: { // I32x4ExtendHighI16x8S
      const a = ((fp2 + code[pc + 2]) << 1) + 4;
      for (let i = 0; i < 4; i++) tI32[i] = I16[a + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 513: { // I32x4ExtendLowI16x8U
      const a = ((fp2 + code[pc + 2]) << 1);
      for (let i = 0; i < 4; i++) tI32[i] = U16[a + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 514: { // I32x4ExtendHighI16x8U
      const a = ((fp2 + code[pc + 2]) << 1) + 4;
      for (let i = 0; i < 4; i++) tI32[i] = U16[a + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 515: { // I32x4Add
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x + y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 516: { // I32x4Sub
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x - y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 517: { // I32x4Mul
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = Math.imul(x, y);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 518: { // I32x4MinS
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x < y ? x : y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 519: { // I32x4MinU
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = U32[a + i];
        const y = U32[b + i];
        tU32[i] = x < y ? x : y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 520: { // I32x4MaxS
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        const y = I32[b + i];
        tI32[i] = x > y ? x : y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 521: { // I32x4MaxU
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = U32[a + i];
        const y = U32[b + i];
        tU32[i] = x > y ? x : y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 522: { // I32x4DotI16x8S
      const a = (fp2 + code[pc + 2]) << 1;
      const b = (fp2 + code[pc + 3]) << 1;
      for (let i = 0; i < 4; i++) tI32[i] = I16[a + 2 * i]! * I16[b + 2 * i]! + I16[a + 2 * i + 1]! * I16[b + 2 * i + 1]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 523: { // I32x4ExtmulLowI16x8S
      const a = ((fp2 + code[pc + 2]) << 1);
      const b = ((fp2 + code[pc + 3]) << 1);
      for (let i = 0; i < 4; i++) tI32[i] = I16[a + i]! * I16[b + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 524: { // I32x4ExtmulHighI16x8S
      const a = ((fp2 + code[pc + 2]) << 1) + 4;
      const b = ((fp2 + code[pc + 3]) << 1) + 4;
      for (let i = 0; i < 4; i++) tI32[i] = I16[a + i]! * I16[b + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 525: { // I32x4ExtmulLowI16x8U
      const a = ((fp2 + code[pc + 2]) << 1);
      const b = ((fp2 + code[pc + 3]) << 1);
      for (let i = 0; i < 4; i++) tI32[i] = U16[a + i]! * U16[b + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 526: { // I32x4ExtmulHighI16x8U
      const a = ((fp2 + code[pc + 2]) << 1) + 4;
      const b = ((fp2 + code[pc + 3]) << 1) + 4;
      for (let i = 0; i < 4; i++) tI32[i] = U16[a + i]! * U16[b + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 527: { // I64x2Abs
      const a = (fp2 + code[pc + 2]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = I64[a + i];
        tI64[i] = x < 0n ? -x : x;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 528: { // I64x2Neg
      const a = (fp2 + code[pc + 2]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = I64[a + i];
        tI64[i] = -x;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 529: { // I64x2ExtendLowI32x4S
      const a = (fp2 + code[pc + 2]);
      for (let i = 0; i < 2; i++) tI64[i] = BigInt(I32[a + i]!);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 530: { // I64x2ExtendHighI32x4S
      const a = (fp2 + code[pc + 2]) + 2;
      for (let i = 0; i < 2; i++) tI64[i] = BigInt(I32[a + i]!);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 531: { // I64x2ExtendLowI32x4U
      const a = (fp2 + code[pc + 2]);
      for (let i = 0; i < 2; i++) tI64[i] = BigInt(U32[a + i]!);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 532: { // I64x2ExtendHighI32x4U
      const a = (fp2 + code[pc + 2]) + 2;
      for (let i = 0; i < 2; i++) tI64[i] = BigInt(U32[a + i]!);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 533: { // I64x2Add
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = I64[a + i];
        const y = I64[b + i];
        tI64[i] = x + y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 534: { // I64x2Sub
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = I64[a + i];
        const y = I64[b + i];
        tI64[i] = x - y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 535: { // I64x2Mul
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = I64[a + i];
        const y = I64[b + i];
        tI64[i] = x * y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 536: { // I64x2ExtmulLowI32x4S
      const a = (fp2 + code[pc + 2]);
      const b = (fp2 + code[pc + 3]);
      for (let i = 0; i < 2; i++) tI64[i] = BigInt(I32[a + i]!) * BigInt(I32[b + i]!);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 537: { // I64x2ExtmulHighI32x4S
      const a = (fp2 + code[pc + 2]) + 2;
      const b = (fp2 + code[pc + 3]) + 2;
      for (let i = 0; i < 2; i++) tI64[i] = BigInt(I32[a + i]!) * BigInt(I32[b + i]!);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 538: { // I64x2ExtmulLowI32x4U
      const a = (fp2 + code[pc + 2]);
      const b = (fp2 + code[pc + 3]);
      for (let i = 0; i < 2; i++) tI64[i] = BigInt(U32[a + i]!) * BigInt(U32[b + i]!);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 539: { // I64x2ExtmulHighI32x4U
      const a = (fp2 + code[pc + 2]) + 2;
      const b = (fp2 + code[pc + 3]) + 2;
      for (let i = 0; i < 2; i++) tI64[i] = BigInt(U32[a + i]!) * BigInt(U32[b + i]!);
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 540: { // F32x4Abs
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        tI32[i] = x & 0x7fffffff;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 541: { // F32x4Neg
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        tI32[i] = x ^ -0x80000000;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 542: { // F64x2Abs
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) tI32[i] = I32[a + i]!;
      tI32[1] &= 0x7fffffff;
      tI32[3] &= 0x7fffffff;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 543: { // F64x2Neg
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) tI32[i] = I32[a + i]!;
      tI32[1] ^= -0x80000000;
      tI32[3] ^= -0x80000000;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 544: { // F32x4Ceil
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        tF32[i] = Math.ceil(x);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 545: { // F32x4Floor
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        tF32[i] = Math.floor(x);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 546: { // F32x4Trunc
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        tF32[i] = Math.trunc(x);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 547: { // F32x4Nearest
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        tF32[i] = N.f32Nearest(x);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 548: { // F32x4Sqrt
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        tF32[i] = Math.sqrt(x);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 549: { // F64x2Ceil
      const a = (fp2 + code[pc + 2]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        tF64[i] = ((r) => (r === r ? r : NaN))(Math.ceil(x));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 550: { // F64x2Floor
      const a = (fp2 + code[pc + 2]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        tF64[i] = ((r) => (r === r ? r : NaN))(Math.floor(x));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 551: { // F64x2Trunc
      const a = (fp2 + code[pc + 2]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        tF64[i] = ((r) => (r === r ? r : NaN))(Math.trunc(x));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 552: { // F64x2Nearest
      const a = (fp2 + code[pc + 2]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        tF64[i] = ((r) => (r === r ? r : NaN))(N.f64Nearest(x));
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 553: { // F64x2Sqrt
      const a = (fp2 + code[pc + 2]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        tF64[i] = Math.sqrt(x);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 554: { // F32x4Add
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        const y = F32[b + i];
        tF32[i] = x + y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 555: { // F64x2Add
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        const y = F64[b + i];
        tF64[i] = x + y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 556: { // F32x4Sub
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        const y = F32[b + i];
        tF32[i] = x - y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 557: { // F64x2Sub
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        const y = F64[b + i];
        tF64[i] = x - y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 558: { // F32x4Mul
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        const y = F32[b + i];
        tF32[i] = x * y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 559: { // F64x2Mul
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        const y = F64[b + i];
        tF64[i] = x * y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 560: { // F32x4Div
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        const y = F32[b + i];
        tF32[i] = x / y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 561: { // F64x2Div
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        const y = F64[b + i];
        tF64[i] = x / y;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 562: { // F32x4Min
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        const y = F32[b + i];
        tF32[i] = N.f32Min(x, y);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 563: { // F32x4Max
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        const y = F32[b + i];
        tF32[i] = N.f32Max(x, y);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 564: { // F64x2Min
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        const y = F64[b + i];
        tF64[i] = N.f64Min(x, y);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 565: { // F64x2Max
      const a = (fp2 + code[pc + 2]) >> 1;
      const b = (fp2 + code[pc + 3]) >> 1;
      for (let i = 0; i < 2; i++) {
        const x = F64[a + i];
        const y = F64[b + i];
        tF64[i] = N.f64Max(x, y);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 566: { // F32x4Pmin
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i]!;
        const y = F32[b + i]!;
        tI32[i] = y < x ? I32[b + i]! : I32[a + i]!;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 567: { // F32x4Pmax
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i]!;
        const y = F32[b + i]!;
        tI32[i] = x < y ? I32[b + i]! : I32[a + i]!;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 568: { // F64x2Pmin
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 2; i++) {
        const x = F64[(a >> 1) + i]!;
        const y = F64[(b >> 1) + i]!;
        const s = y < x ? b : a;
        tI32[2 * i] = I32[s + 2 * i]!;
        tI32[2 * i + 1] = I32[s + 2 * i + 1]!;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 569: { // F64x2Pmax
      const a = fp2 + code[pc + 2];
      const b = fp2 + code[pc + 3];
      for (let i = 0; i < 2; i++) {
        const x = F64[(a >> 1) + i]!;
        const y = F64[(b >> 1) + i]!;
        const s = x < y ? b : a;
        tI32[2 * i] = I32[s + 2 * i]!;
        tI32[2 * i + 1] = I32[s + 2 * i + 1]!;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 4;
      break;
    }
    case 570: { // F32x4DemoteF64x2Zero
      const a = (fp2 + code[pc + 2]) >> 1;
      tF32[0] = F64[a]!;
      tF32[1] = F64[a + 1]!;
      tI32[2] = 0;
      tI32[3] = 0;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 571: { // F64x2PromoteLowF32x4
      const a = fp2 + code[pc + 2];
      tF64[0] = F32[a]!;
      tF64[1] = F32[a + 1]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 572: { // I32x4TruncSatF32x4S
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        tI32[i] = N.i32TruncSatF32S(x);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 573: { // I32x4TruncSatF32x4U
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = F32[a + i];
        tI32[i] = N.i32TruncSatF32U(x);
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 574: { // F32x4ConvertI32x4S
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = I32[a + i];
        tF32[i] = x;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 575: { // F32x4ConvertI32x4U
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) {
        const x = U32[a + i];
        tF32[i] = x;
      }
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 576: { // I32x4TruncSatF64x2SZero
      const a = (fp2 + code[pc + 2]) >> 1;
      tI32[0] = N.i32TruncSatF64S(F64[a]!);
      tI32[1] = N.i32TruncSatF64S(F64[a + 1]!);
      tI32[2] = 0;
      tI32[3] = 0;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 577: { // I32x4TruncSatF64x2UZero
      const a = (fp2 + code[pc + 2]) >> 1;
      tI32[0] = N.i32TruncSatF64U(F64[a]!);
      tI32[1] = N.i32TruncSatF64U(F64[a + 1]!);
      tI32[2] = 0;
      tI32[3] = 0;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 578: { // F64x2ConvertLowI32x4S
      const a = fp2 + code[pc + 2];
      tF64[0] = I32[a]!;
      tF64[1] = I32[a + 1]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 579: { // F64x2ConvertLowI32x4U
      const a = fp2 + code[pc + 2];
      tF64[0] = U32[a]!;
      tF64[1] = U32[a + 1]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 580: { // Mov128
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) tI32[i] = I32[a + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 581: { // Select128
      const s = I32[fp2 + code[pc + 4]] !== 0 ? fp2 + code[pc + 2] : fp2 + code[pc + 3];
      for (let i = 0; i < 4; i++) tI32[i] = I32[s + i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 5;
      break;
    }
    case 582: { // GlobalGet128
      const g = inst.globals[code[pc + 2]]!.i32;
      for (let i = 0; i < 4; i++) tI32[i] = g[i]!;
      const d = fp2 + code[pc + 1];
      I32[d] = tI32[0];
      I32[d + 1] = tI32[1];
      I32[d + 2] = tI32[2];
      I32[d + 3] = tI32[3];
      pc += 3;
      break;
    }
    case 583: { // GlobalSet128
      const g = inst.globals[code[pc + 1]]!.i32;
      const a = fp2 + code[pc + 2];
      for (let i = 0; i < 4; i++) g[i] = I32[a + i]!;
      pc += 3;
      break;
    }
    // @generated-cases-end
    default:
      throw new Error(`wasmlet: internal error: bad IR opcode ${code[pc]} at ${pc}`);
  }
  return pc;
}

/** Make this build run SIMD (core/index.ts calls it; core/index-2.0.ts does not). */
export function installSimd(): void {
  simdSupport.engine = { step: step as (m: object, inst: object, code: Int32Array, pc: number, fp: number) => number };
}
