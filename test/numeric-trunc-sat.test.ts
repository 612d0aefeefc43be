// Saturating float -> int truncation (trunc_sat_*), checked against V8's WebAssembly.
import { describe, expect, it } from 'vitest';
import * as N from '../core/exec/numeric.js';

// --- V8 oracle (same helper in each numeric-*.test.ts; only those files may be added) ---------
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object) => { exports: Record<string, unknown> };
  RuntimeError: new () => Error;
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
type VT = 'i32' | 'i64' | 'f32' | 'f64';
const VT_CODE: Record<VT, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };
/** A module exporting `f(params) -> result` whose body is `local.get 0..n-1; op; end`. */
function wasmOp<F>(params: VT[], result: VT, op: number[]): F {
  const sec = (id: number, b: number[]): number[] => [id, b.length, ...b];
  const body = [0, ...params.flatMap((_, i) => [0x20, i]), ...op, 0x0b];
  const type = [1, 0x60, params.length, ...params.map((p) => VT_CODE[p]), 1, VT_CODE[result]];
  const bytes = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...sec(1, type), ...sec(3, [1, 0])];
  bytes.push(...sec(7, [1, 1, 0x66, 0, 0]), ...sec(10, [1, body.length, ...body]));
  return new WA.Instance(new WA.Module(new Uint8Array(bytes))).exports['f'] as F;
}
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}
// ------------------------------------------------------------------------------------------------

const f64b = new Float64Array(1);
const u64b = new BigUint64Array(f64b.buffer);
const f32b = new Float32Array(1);
const u32b = new Uint32Array(f32b.buffer);
function f64FromBits(b: bigint): number {
  u64b[0] = BigInt.asUintN(64, b);
  return f64b[0]!;
}
function f64Bits(x: number): bigint {
  f64b[0] = x;
  return u64b[0]!;
}
function f32FromBits(b: number): number {
  u32b[0] = b;
  return f32b[0]!;
}
function f32Bits(x: number): number {
  f32b[0] = x;
  return u32b[0]!;
}

const P31 = 2 ** 31, P32 = 2 ** 32, P63 = 2 ** 63, P64 = 2 ** 64;
const BASES = [
  0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 1e-300, 5e-324, 2 ** 23, 2 ** 24, 2 ** 52, 2 ** 53, 2 ** 54,
  P31 - 1, P31 - 0.5, P31 - 0.1, P31, P31 + 0.5, P31 + 1, P31 + 2, 2147483647.9, 2147483648.9,
  P32 - 1, P32 - 0.5, P32, P32 + 1, 2 ** 40, P63 - 1024, P63, P63 + 2048, P64 - 2048, P64, P64 + 4096,
  2 ** 100, 1e300, Number.MAX_VALUE, Infinity, NaN,
];

/** Boundary values, their bit-neighbours (±1..3 ulp) with both signs, plus seeded random ones. */
function f64Inputs(seed: number, randomCount: number): number[] {
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
function f32Inputs(seed: number, randomCount: number): number[] {
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

const RANDOM = 30000;
type Case = [name: string, from: 'f32' | 'f64', to: 'i32' | 'i64', sub: number, fn: (x: number) => number | bigint];
const CASES: Case[] = [
  ['i32.trunc_sat_f32_s', 'f32', 'i32', 0, N.i32TruncSatF32S],
  ['i32.trunc_sat_f32_u', 'f32', 'i32', 1, N.i32TruncSatF32U],
  ['i32.trunc_sat_f64_s', 'f64', 'i32', 2, N.i32TruncSatF64S],
  ['i32.trunc_sat_f64_u', 'f64', 'i32', 3, N.i32TruncSatF64U],
  ['i64.trunc_sat_f32_s', 'f32', 'i64', 4, N.i64TruncSatF32S],
  ['i64.trunc_sat_f32_u', 'f32', 'i64', 5, N.i64TruncSatF32U],
  ['i64.trunc_sat_f64_s', 'f64', 'i64', 6, N.i64TruncSatF64S],
  ['i64.trunc_sat_f64_u', 'f64', 'i64', 7, N.i64TruncSatF64U],
];

describe('saturating truncation matches V8', () => {
  for (const [name, from, to, sub, fn] of CASES) {
    it(`${name}: boundaries + ${RANDOM} random inputs`, () => {
      const oracle = wasmOp<(x: number) => number | bigint>([from], to, [0xfc, sub]);
      const inputs = from === 'f32' ? f32Inputs(0x100 + sub, RANDOM) : f64Inputs(0x100 + sub, RANDOM);
      const bad: string[] = [];
      for (const x of inputs) {
        const want = oracle(x);
        const got = fn(x); // never throws
        if (got !== want || typeof got !== typeof want) bad.push(`${x}: want ${want}, got ${got}`);
      }
      expect(bad.slice(0, 10)).toEqual([]);
    });
  }
});

describe('saturating truncation: boundaries', () => {
  const MIN64 = -0x8000000000000000n, MAX64 = 0x7fffffffffffffffn;
  it('NaN -> 0, clamps at both ends, unsigned results as signed bits', () => {
    expect(N.i32TruncSatF64S(NaN)).toBe(0);
    expect(N.i32TruncSatF64S(-Infinity)).toBe(-2147483648);
    expect(N.i32TruncSatF64S(2147483648)).toBe(2147483647);
    expect(N.i32TruncSatF64S(-2147483648.9)).toBe(-2147483648);
    expect(N.i32TruncSatF64S(-2147483649)).toBe(-2147483648);
    expect(N.i32TruncSatF32U(NaN)).toBe(0);
    expect(N.i32TruncSatF32U(-Infinity)).toBe(0);
    expect(N.i32TruncSatF32U(4294967296)).toBe(-1);
    expect(N.i32TruncSatF64U(4294967295.5)).toBe(-1);
    expect(N.i32TruncSatF64U(2147483648)).toBe(-2147483648);
    expect(N.i64TruncSatF32S(NaN)).toBe(0n);
    expect(N.i64TruncSatF32S(2 ** 63)).toBe(MAX64);
    expect(N.i64TruncSatF32S(-(2 ** 63))).toBe(MIN64);
    expect(N.i64TruncSatF64S(-Infinity)).toBe(MIN64);
    expect(N.i64TruncSatF64U(2 ** 64)).toBe(-1n);
    expect(N.i64TruncSatF64U(2 ** 63)).toBe(MIN64);
    expect(N.i64TruncSatF64U(-0.5)).toBe(0n);
    expect(N.i64TruncSatF32U(-Infinity)).toBe(0n);
    expect(N.i64TruncSatF64U(NaN)).toBe(0n);
  });
});
