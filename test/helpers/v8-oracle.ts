/**
 * V8 as a reference implementation for the numeric-*.test.ts files: a one-instruction module builder
 * run on the host's WebAssembly, a seeded random generator, f32/f64 bit-pattern conversions, and
 * the boundary input sets that several of those tests share.
 */

// --- the host's WebAssembly ----------------------------------------------------------------------

/** The part of the host's `WebAssembly` namespace the tests use (`lib` has no DOM types). */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object) => { exports: Record<string, unknown> };
  RuntimeError: new () => Error;
  validate(bytes: Uint8Array): boolean;
}
/** The host's (V8's) WebAssembly. */
export const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** A numeric value type. */
export type VT = 'i32' | 'i64' | 'f32' | 'f64';
/** The binary encoding of each value type. */
export const VT_CODE: Record<VT, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };

/**
 * A module exporting `f(params) -> result` whose body is `local.get 0..n-1; op; end`, instantiated
 * by V8; returns the exported function. `op` is the instruction's bytes (opcode and any immediates).
 */
export function wasmOp<F>(params: VT[], result: VT, op: number[]): F {
  const sec = (id: number, b: number[]): number[] => [id, b.length, ...b];
  const body = [0, ...params.flatMap((_, i) => [0x20, i]), ...op, 0x0b];
  const type = [1, 0x60, params.length, ...params.map((p) => VT_CODE[p]), 1, VT_CODE[result]];
  const bytes = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...sec(1, type), ...sec(3, [1, 0])];
  bytes.push(...sec(7, [1, 1, 0x66, 0, 0]), ...sec(10, [1, body.length, ...body]));
  return new WA.Instance(new WA.Module(new Uint8Array(bytes))).exports['f'] as F;
}

/** A seeded generator (mulberry32) of uniform unsigned 32-bit integers, so every run sees the same inputs. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

// --- float bit patterns --------------------------------------------------------------------------

const f64b = new Float64Array(1);
const u64b = new BigUint64Array(f64b.buffer);
const f32b = new Float32Array(1);
const u32b = new Uint32Array(f32b.buffer);
/** The f64 with the given bit pattern (taken modulo 2^64, so negative bigints work too). */
export function f64FromBits(b: bigint): number {
  u64b[0] = BigInt.asUintN(64, b);
  return f64b[0]!;
}
/** The bit pattern of an f64, as an unsigned bigint. */
export function f64Bits(x: number): bigint {
  f64b[0] = x;
  return u64b[0]!;
}
/** The f32 with the given (unsigned 32-bit) bit pattern. */
export function f32FromBits(b: number): number {
  u32b[0] = b;
  return f32b[0]!;
}
/** The bit pattern of `x` rounded to f32, as an unsigned number. */
export function f32Bits(x: number): number {
  f32b[0] = x;
  return u32b[0]!;
}

/** Bit-exact f64 comparison key; every NaN maps to one key (payloads are not compared). */
export function key64(x: number): string {
  return Number.isNaN(x) ? 'nan' : f64Bits(x).toString(16);
}
/** Bit-exact f32 comparison key; every NaN maps to one key (payloads are not compared). */
export function key32(x: number): string {
  return Number.isNaN(x) ? 'nan' : f32Bits(x).toString(16);
}

// --- shared input sets ---------------------------------------------------------------------------

/**
 * f64 specials for rounding and min/max: zeros, tiny and huge values, halves and integers around
 * 0..64 and 2^52, infinities and NaN, each with both signs and its ±1..3-ulp bit-neighbours.
 * Every 7th element starting at index 3 is one of the bases itself.
 */
export function f64Special(): number[] {
  const out: number[] = [];
  const bases = [0, 5e-324, 1e-300, 0.25, 0.49999999999999994, 0.5, 0.5000000000000001, 1, 1.5, 2.5, 3.5,
    2 ** 51 + 0.5, 2 ** 52 - 0.5, 2 ** 52, 2 ** 52 + 1, 2 ** 53, 1e300, Number.MAX_VALUE, Infinity, NaN];
  for (let k = 0; k < 64; k++) bases.push(k + 0.5, k);
  for (const b of bases) {
    for (const s of [1, -1]) {
      const bits = f64Bits(s * b);
      for (let d = -3n; d <= 3n; d++) out.push(f64FromBits(bits + d));
    }
  }
  return out;
}
/** The f32 counterpart of {@link f64Special} (bases around 2^23 instead of 2^52). */
export function f32Special(): number[] {
  const out: number[] = [];
  const bases = [0, 1e-45, 1e-30, 0.25, 0.5, 1, 1.5, 2.5, 3.5, 2 ** 22 + 0.5, 2 ** 23 - 0.5, 2 ** 23, 2 ** 23 + 1,
    2 ** 24, 2 ** 24 + 2, 3.4028234663852886e38, Infinity, NaN];
  for (let k = 0; k < 64; k++) bases.push(k + 0.5, k);
  for (const b of bases) {
    for (const s of [1, -1]) {
      const bits = f32Bits(s * b);
      for (let d = -3; d <= 3; d++) out.push(f32FromBits((bits + d) >>> 0));
    }
  }
  return out;
}

const P31 = 2 ** 31, P32 = 2 ** 32, P63 = 2 ** 63, P64 = 2 ** 64;
/** Float -> int truncation boundaries: fractions, the i32/u32/i64/u64 range ends, huge values, NaN. */
const BASES = [
  0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 1e-300, 5e-324, 2 ** 23, 2 ** 24, 2 ** 52, 2 ** 53, 2 ** 54,
  P31 - 1, P31 - 0.5, P31 - 0.1, P31, P31 + 0.5, P31 + 1, P31 + 2, 2147483647.9, 2147483648.9,
  P32 - 1, P32 - 0.5, P32, P32 + 1, 2 ** 40, P63 - 1024, P63, P63 + 2048, P64 - 2048, P64, P64 + 4096,
  2 ** 100, 1e300, Number.MAX_VALUE, Infinity, NaN,
];

/**
 * f64 inputs for float -> int truncation: the truncation boundaries and their bit-neighbours
 * (±1..3 ulp) with both signs, plus `randomCount` seeded random ones (any bit pattern, or an
 * exponent near the interesting ranges).
 */
export function f64Inputs(seed: number, randomCount: number): number[] {
  const out: number[] = [];
  for (const b of BASES) {
    for (const s of [1, -1]) {
      const bits = f64Bits(s * b);
      for (let d = -3n; d <= 3n; d++) out.push(f64FromBits(bits + d));
    }
  }
  const r = rng(seed);
  for (let i = 0; i < randomCount; i++) {
    const kind = i % 3;
    if (kind === 0) out.push(f64FromBits((BigInt(r()) << 32n) | BigInt(r()))); // any bit pattern
    else {
      // random mantissa with an exponent near the interesting ranges
      const e = kind === 1 ? (r() % 40) - 4 : (r() % 12) + 58;
      out.push((r() % 2 ? -1 : 1) * (1 + r() / P32 + r() / 2 ** 64) * 2 ** e);
    }
  }
  return out;
}
/** The f32 counterpart of {@link f64Inputs}: the boundaries rounded to f32 and their ±1..2-ulp neighbours. */
export function f32Inputs(seed: number, randomCount: number): number[] {
  const out: number[] = [];
  for (const x of f64Inputs(seed, 0)) {
    const bits = f32Bits(Math.fround(x));
    for (let d = -2; d <= 2; d++) out.push(f32FromBits((bits + d) >>> 0));
  }
  const r = rng(seed);
  for (let i = 0; i < randomCount; i++) {
    if (i % 2) out.push(f32FromBits(r()));
    else out.push(Math.fround((r() % 2 ? -1 : 1) * (1 + r() / P32) * 2 ** ((r() % 72) - 4)));
  }
  return out;
}
