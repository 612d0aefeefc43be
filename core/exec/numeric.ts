/**
 * Numeric helpers for the interpreter loop: Wasm semantics for the operators that JS does not
 * provide directly (nearest, trapping/saturating truncation, correctly rounded i64 -> float
 * conversion, bit counting, division with traps).
 *
 * Value conventions (match the executor's typed-array storage):
 * - i32: int32 JS number; unsigned results are returned as the same bits (`| 0`).
 * - i64: signed 64-bit bigint (as read from a BigInt64Array); unsigned results are returned as the
 *   signed bigint with the same bits.
 * - f32/f64: JS numbers; f32 inputs are already exact f32 values, f32 results are stored through a
 *   Float32Array (so returning an exactly representable f32 value, or Math.fround of it, is exact).
 *
 * Every function is small and monomorphic so V8 can inline it into the dispatch loop.
 */
import { TrapCode } from '../errors.js';
import { trap } from './trap.js';

const TWO52 = 4503599627370496; // 2^52
const TWO31 = 2147483648; // 2^31
const TWO32 = 4294967296; // 2^32
const TWO63 = 9223372036854775808; // 2^63 (exact double)
const TWO64 = 18446744073709551616; // 2^64 (exact double)

const I64_MIN = -0x8000000000000000n;
const I64_MAX = 0x7fffffffffffffffn;
const U64_MOD = 0x10000000000000000n;
const TWO53N = 0x20000000000000n;

// ---------------------------------------------------------------------------------------------
// min / max
// ---------------------------------------------------------------------------------------------
// Math.min/Math.max already implement Wasm semantics: NaN if either operand is NaN, and
// min(-0, +0) = -0, max(-0, +0) = +0 (ECMA-262 Number::lessThan + explicit signed-zero rule).
// For f32 the operands are exact f32 values and the result is one of them, so no rounding occurs.

export function f32Min(a: number, b: number): number {
  return Math.min(a, b);
}
export function f32Max(a: number, b: number): number {
  return Math.max(a, b);
}
export function f64Min(a: number, b: number): number {
  return Math.min(a, b);
}
export function f64Max(a: number, b: number): number {
  return Math.max(a, b);
}

// ---------------------------------------------------------------------------------------------
// nearest (round half to even)
// ---------------------------------------------------------------------------------------------
// For 0 < |x| < 2^52, (|x| + 2^52) - 2^52 lands in [2^52, 2^53) where the ulp is 1, so the
// addition rounds |x| to an integer with the FPU's ties-to-even mode; the subtraction is exact.
// Values with |x| >= 2^52 are already integers. The negative branch negates the result so that
// e.g. -0.5 -> -0. ±0 and NaN fall through unchanged. An f32 input is an exact double and its
// rounded result is an integer with at most 24 significant bits, so the same code is exact for f32.

export function f32Nearest(x: number): number {
  if (x > 0) return x < TWO52 ? x + TWO52 - TWO52 : x;
  if (x < 0) return x > -TWO52 ? -(TWO52 - x - TWO52) : x;
  return x;
}
export function f64Nearest(x: number): number {
  if (x > 0) return x < TWO52 ? x + TWO52 - TWO52 : x;
  if (x < 0) return x > -TWO52 ? -(TWO52 - x - TWO52) : x;
  return x;
}

// ---------------------------------------------------------------------------------------------
// trapping truncation
// ---------------------------------------------------------------------------------------------
// The range checks are written on the untruncated value: trunc(x) is in [lo, hi] iff
// lo - 1 < x < hi + 1. All bounds used are exact doubles (and exact f32 where relevant), and the
// comparisons are false for NaN, so NaN reaches the InvalidConversion branch. ToInt32 (`| 0`)
// truncates toward zero and then wraps, which is exactly the signed/unsigned bit pattern wanted.

export function i32TruncF32S(x: number): number {
  if (x > -2147483649 && x < TWO31) return x | 0;
  return x !== x ? trap(TrapCode.InvalidConversion) : trap(TrapCode.IntegerOverflow);
}
export function i32TruncF32U(x: number): number {
  if (x > -1 && x < TWO32) return x | 0;
  return x !== x ? trap(TrapCode.InvalidConversion) : trap(TrapCode.IntegerOverflow);
}
export function i32TruncF64S(x: number): number {
  if (x > -2147483649 && x < TWO31) return x | 0;
  return x !== x ? trap(TrapCode.InvalidConversion) : trap(TrapCode.IntegerOverflow);
}
export function i32TruncF64U(x: number): number {
  if (x > -1 && x < TWO32) return x | 0;
  return x !== x ? trap(TrapCode.InvalidConversion) : trap(TrapCode.IntegerOverflow);
}
// -2^63 is exactly representable (f32 and f64) and the next float below it is far away, so the
// signed lower bound is `x >= -2^63`. BigInt(Math.trunc(x)) is exact for any integral double.
export function i64TruncF32S(x: number): bigint {
  if (x >= -TWO63 && x < TWO63) return BigInt(Math.trunc(x));
  return x !== x ? trap(TrapCode.InvalidConversion) : trap(TrapCode.IntegerOverflow);
}
export function i64TruncF32U(x: number): bigint {
  if (x > -1 && x < TWO64) return BigInt.asIntN(64, BigInt(Math.trunc(x)));
  return x !== x ? trap(TrapCode.InvalidConversion) : trap(TrapCode.IntegerOverflow);
}
export function i64TruncF64S(x: number): bigint {
  if (x >= -TWO63 && x < TWO63) return BigInt(Math.trunc(x));
  return x !== x ? trap(TrapCode.InvalidConversion) : trap(TrapCode.IntegerOverflow);
}
export function i64TruncF64U(x: number): bigint {
  if (x > -1 && x < TWO64) return BigInt.asIntN(64, BigInt(Math.trunc(x)));
  return x !== x ? trap(TrapCode.InvalidConversion) : trap(TrapCode.IntegerOverflow);
}

// ---------------------------------------------------------------------------------------------
// saturating truncation
// ---------------------------------------------------------------------------------------------

export function i32TruncSatF32S(x: number): number {
  if (x > -2147483649 && x < TWO31) return x | 0;
  return x !== x ? 0 : x < 0 ? -2147483648 : 2147483647;
}
export function i32TruncSatF32U(x: number): number {
  if (x > -1 && x < TWO32) return x | 0;
  return x >= TWO32 ? -1 : 0; // NaN and x <= -1 -> 0
}
export function i32TruncSatF64S(x: number): number {
  if (x > -2147483649 && x < TWO31) return x | 0;
  return x !== x ? 0 : x < 0 ? -2147483648 : 2147483647;
}
export function i32TruncSatF64U(x: number): number {
  if (x > -1 && x < TWO32) return x | 0;
  return x >= TWO32 ? -1 : 0;
}
export function i64TruncSatF32S(x: number): bigint {
  if (x >= -TWO63 && x < TWO63) return BigInt(Math.trunc(x));
  return x !== x ? 0n : x < 0 ? I64_MIN : I64_MAX;
}
export function i64TruncSatF32U(x: number): bigint {
  if (x > -1 && x < TWO64) return BigInt.asIntN(64, BigInt(Math.trunc(x)));
  return x >= TWO64 ? -1n : 0n;
}
export function i64TruncSatF64S(x: number): bigint {
  if (x >= -TWO63 && x < TWO63) return BigInt(Math.trunc(x));
  return x !== x ? 0n : x < 0 ? I64_MIN : I64_MAX;
}
export function i64TruncSatF64U(x: number): bigint {
  if (x > -1 && x < TWO64) return BigInt.asIntN(64, BigInt(Math.trunc(x)));
  return x >= TWO64 ? -1n : 0n;
}

// ---------------------------------------------------------------------------------------------
// integer -> float conversion
// ---------------------------------------------------------------------------------------------
// i32 values are exact doubles, so one rounding (Math.fround) is correct for f32, and f64 is exact.

export function f32ConvertI32S(x: number): number {
  return Math.fround(x);
}
export function f32ConvertI32U(x: number): number {
  return Math.fround(x >>> 0);
}
export function f64ConvertI32S(x: number): number {
  return x;
}
export function f64ConvertI32U(x: number): number {
  return x >>> 0;
}

// Number(bigint) is specified (and implemented by V8) as round-to-nearest-even of the exact
// value, so i64 -> f64 is a single correct rounding.
export function f64ConvertI64S(x: bigint): number {
  return Number(x);
}
export function f64ConvertI64U(x: bigint): number {
  return x >= 0n ? Number(x) : Number(x + U64_MOD);
}

// i64 -> f32: Math.fround(Number(x)) rounds twice (to 53 bits, then to 24) and can land exactly on
// an f32 midpoint that x itself was not on, e.g. 0x0020000020000001 = 2^53 + 2^29 + 1 ->
// double 2^53 + 2^29 (a tie) -> f32 2^53, while the correct result is 2^53 + 2^30.
// Magnitudes up to 2^53 convert to double exactly, so one rounding suffices. Above that, drop the
// low 11 bits into a sticky bit: v >> 11 < 2^53 is exact as a double and has >= 43 significant
// bits, so the sticky bit sits far below f32's round bit and Math.fround sees the same
// above/below/at-midpoint relation as for v; the scale by 2048 is exact.
function u64MagToF32(v: bigint): number {
  const hi = v >> 11n;
  return Math.fround(Number((v & 0x7ffn) === 0n ? hi : hi | 1n) * 2048);
}
export function f32ConvertI64S(x: bigint): number {
  if (x >= -TWO53N && x <= TWO53N) return Math.fround(Number(x));
  return x < 0n ? -u64MagToF32(-x) : u64MagToF32(x);
}
export function f32ConvertI64U(x: bigint): number {
  if (x >= 0n) return x <= TWO53N ? Math.fround(Number(x)) : u64MagToF32(x);
  return u64MagToF32(x + U64_MOD);
}

// ---------------------------------------------------------------------------------------------
// bit counting / rotation
// ---------------------------------------------------------------------------------------------

export function i32Popcnt(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
export function i32Ctz(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}
/** Shift counts are taken mod 32 by JS shift operators; k = 0 gives x | x = x. */
export function i32Rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
export function i32Rotr(x: number, k: number): number {
  return (x >>> k) | (x << (32 - k));
}
export function i64ClzHalves(lo: number, hi: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}
export function i64CtzHalves(lo: number, hi: number): number {
  return lo !== 0 ? 31 - Math.clz32(lo & -lo) : hi !== 0 ? 63 - Math.clz32(hi & -hi) : 64;
}
export function i64PopcntHalves(lo: number, hi: number): number {
  return i32Popcnt(lo) + i32Popcnt(hi);
}

export function i64Rotl(x: bigint, k: bigint): bigint {
  const n = k & 63n;
  const u = BigInt.asUintN(64, x);
  return BigInt.asIntN(64, (u << n) | (u >> (64n - n)));
}
export function i64Rotr(x: bigint, k: bigint): bigint {
  const n = k & 63n;
  const u = BigInt.asUintN(64, x);
  return BigInt.asIntN(64, (u >> n) | (u << (64n - n)));
}

// ---------------------------------------------------------------------------------------------
// division
// ---------------------------------------------------------------------------------------------
// i32: the double quotient of two values below 2^32 in magnitude is never rounded across an
// integer (its ulp is < 2^-20 / |b| while a non-integral quotient is >= 1/|b| from any integer), so
// ToInt32 of it is the truncated quotient. `%` on doubles is exact; `| 0` turns -0 into 0.
// bigint `/` and `%` truncate toward zero like Wasm, and `%` takes the dividend's sign.

export function i32DivS(a: number, b: number): number {
  if (b === 0) trap(TrapCode.IntegerDivideByZero);
  if (b === -1 && a === -2147483648) trap(TrapCode.IntegerOverflow);
  return (a / b) | 0;
}
export function i32DivU(a: number, b: number): number {
  if (b === 0) trap(TrapCode.IntegerDivideByZero);
  return ((a >>> 0) / (b >>> 0)) | 0;
}
export function i32RemS(a: number, b: number): number {
  if (b === 0) trap(TrapCode.IntegerDivideByZero);
  return a % b | 0;
}
export function i32RemU(a: number, b: number): number {
  if (b === 0) trap(TrapCode.IntegerDivideByZero);
  return (a >>> 0) % (b >>> 0) | 0;
}

export function i64DivS(a: bigint, b: bigint): bigint {
  if (b === 0n) trap(TrapCode.IntegerDivideByZero);
  if (b === -1n && a === I64_MIN) trap(TrapCode.IntegerOverflow);
  return a / b;
}
export function i64DivU(a: bigint, b: bigint): bigint {
  if (b === 0n) trap(TrapCode.IntegerDivideByZero);
  if (a >= 0n && b >= 0n) return a / b;
  return BigInt.asIntN(64, BigInt.asUintN(64, a) / BigInt.asUintN(64, b));
}
export function i64RemS(a: bigint, b: bigint): bigint {
  if (b === 0n) trap(TrapCode.IntegerDivideByZero);
  return a % b; // I64_MIN % -1n === 0n (bigints do not overflow)
}
export function i64RemU(a: bigint, b: bigint): bigint {
  if (b === 0n) trap(TrapCode.IntegerDivideByZero);
  if (a >= 0n && b >= 0n) return a % b;
  return BigInt.asIntN(64, BigInt.asUintN(64, a) % BigInt.asUintN(64, b));
}
