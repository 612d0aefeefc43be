// Integer -> float conversion (f32/f64 .convert_i32/i64_s/u): correctly rounded, checked against V8
// and against an independent bigint rounding reference.
import { describe, expect, it } from 'vitest';
import * as N from '../core/exec/numeric.js';
import { wasmOp, rng, f64Bits } from './helpers/v8-oracle.js';

/** Bit pattern as a string so -0/+0 differ and NaN (never produced here) would be visible. */
function bits(x: number): string {
  return f64Bits(x).toString(16);
}

/** Round the integer v to `p` significant bits, ties to even, computed exactly on bigints. */
function refRound(v: bigint, p: number): number {
  const neg = v < 0n;
  let m = neg ? -v : v;
  const len = m.toString(2).length;
  let scale = 1;
  if (m !== 0n && len > p) {
    const s = BigInt(len - p);
    const q = m >> s;
    const rem = m - (q << s);
    const half = 1n << (s - 1n);
    m = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
    scale = 2 ** (len - p);
  }
  const r = Number(m) * scale; // m <= 2^p: exact, and the scale is a power of two
  return neg ? -r : r;
}

/**
 * Signed 64-bit inputs: boundaries, plus for every bit length 1..64 values placed exactly on,
 * just around, and a sticky bit away from the f32 and f64 rounding midpoints, plus random ones.
 */
function i64Inputs(seed: number, randomCount: number): bigint[] {
  const set = new Set<bigint>();
  const add = (v: bigint): void => {
    set.add(BigInt.asIntN(64, v));
    set.add(BigInt.asIntN(64, -v));
  };
  for (const b of [0n, 1n, 2n ** 24n, 2n ** 31n, 2n ** 32n, 2n ** 53n, 2n ** 63n, 2n ** 64n]) {
    for (let d = -3n; d <= 3n; d++) add(b + d);
  }
  add(0x0020000020000001n); // the spec test's double-rounding case
  add(0x7fffff4000000001n);
  add(0xffffff4000000001n);
  const r = rng(seed);
  const rand64 = (): bigint => (BigInt(r()) << 32n) | BigInt(r());
  for (let len = 2n; len <= 64n; len++) {
    for (const p of [24n, 53n]) {
      if (len <= p) continue;
      const s = len - p; // number of bits below the target precision
      for (let k = 0; k < 8; k++) {
        const top = (1n << (p - 1n)) | (rand64() & ((1n << (p - 1n)) - 1n)); // p bits, leading 1
        const mid = (top << s) | (1n << (s - 1n)); // exactly half-way
        add(mid);
        add(mid - 1n);
        add(mid + 1n);
        for (let j = 0n; j < s - 1n; j++) {
          add(mid + (1n << j));
          add(mid - (1n << j));
        }
        add(top << s);
        add((top << s) + (rand64() & ((1n << s) - 1n)));
      }
    }
  }
  for (let i = 0; i < randomCount; i++) {
    const v = rand64();
    add(i % 2 ? v : v >> BigInt(r() % 64)); // random bit lengths too
  }
  return [...set];
}

describe('i64 -> float conversion is correctly rounded', () => {
  it('0x0020000020000001 -> f32 rounds up (naive Math.fround(Number(x)) does not)', () => {
    const x = 0x0020000020000001n; // 2^53 + 2^29 + 1
    expect(N.f32ConvertI64S(x)).toBe(9007200328482816); // 2^53 + 2^30
    expect(N.f32ConvertI64U(x)).toBe(9007200328482816);
    expect(Math.fround(Number(x))).toBe(9007199254740992); // double rounding -> 2^53
    expect(N.f32ConvertI64S(-x)).toBe(-9007200328482816);
    expect(N.f32ConvertI64U(-1n)).toBe(2 ** 64);
    expect(N.f32ConvertI64S(-0x8000000000000000n)).toBe(-(2 ** 63));
    expect(N.f32ConvertI64U(-0x8000000000000000n)).toBe(2 ** 63);
    expect(N.f64ConvertI64U(-1n)).toBe(2 ** 64);
    expect(N.f64ConvertI64U(-0x400n)).toBe(2 ** 64); // tie between 2^64 - 2^11 (odd) and 2^64 (even)
    expect(N.f64ConvertI64U(-0xc00n)).toBe(2 ** 64 - 4096); // tie, rounds down to even
  });

  type Case = [name: string, to: 'f32' | 'f64', op: number, fn: (x: bigint) => number, unsigned: boolean];
  const CASES: Case[] = [
    ['f32.convert_i64_s', 'f32', 0xb4, N.f32ConvertI64S, false],
    ['f32.convert_i64_u', 'f32', 0xb5, N.f32ConvertI64U, true],
    ['f64.convert_i64_s', 'f64', 0xb9, N.f64ConvertI64S, false],
    ['f64.convert_i64_u', 'f64', 0xba, N.f64ConvertI64U, true],
  ];
  const RANDOM = 30000;
  for (const [name, to, op, fn, unsigned] of CASES) {
    it(`${name}: rounding-boundary cases + ${RANDOM} random inputs vs V8 and a bigint reference`, () => {
      const oracle = wasmOp<(x: bigint) => number>(['i64'], to, [op]);
      const inputs = i64Inputs(op, RANDOM);
      const bad: string[] = [];
      let naiveWrong = 0;
      for (const x of inputs) {
        const got = fn(x);
        const want = oracle(x);
        const ref = refRound(unsigned ? BigInt.asUintN(64, x) : x, to === 'f32' ? 24 : 53);
        if (bits(got) !== bits(want) || bits(got) !== bits(ref)) {
          bad.push(`${x}: got ${got}, v8 ${want}, ref ${ref}`);
        }
        if (to === 'f32' && Math.fround(Number(unsigned ? BigInt.asUintN(64, x) : x)) !== ref) naiveWrong++;
      }
      expect(bad.slice(0, 10)).toEqual([]);
      // the inputs do exercise the double-rounding hazard
      if (to === 'f32') expect(naiveWrong).toBeGreaterThan(100);
    });
  }
});

describe('i32 -> float conversion', () => {
  type Case = [name: string, to: 'f32' | 'f64', op: number, fn: (x: number) => number];
  const CASES: Case[] = [
    ['f32.convert_i32_s', 'f32', 0xb2, N.f32ConvertI32S],
    ['f32.convert_i32_u', 'f32', 0xb3, N.f32ConvertI32U],
    ['f64.convert_i32_s', 'f64', 0xb7, N.f64ConvertI32S],
    ['f64.convert_i32_u', 'f64', 0xb8, N.f64ConvertI32U],
  ];
  const RANDOM = 30000;
  for (const [name, to, op, fn] of CASES) {
    it(`${name}: boundaries + ${RANDOM} random inputs vs V8`, () => {
      const oracle = wasmOp<(x: number) => number>(['i32'], to, [op]);
      const r = rng(op);
      const inputs: number[] = [];
      for (const b of [0, 1, 2 ** 24, 2 ** 25, 2 ** 30, 2 ** 31]) {
        for (let d = -3; d <= 3; d++) inputs.push((b + d) | 0, -(b + d) | 0);
      }
      for (let i = 0; i < RANDOM; i++) inputs.push(i % 2 ? r() | 0 : (r() >>> r() % 32) | (i & 2 ? 0x80000000 : 0));
      const bad: string[] = [];
      for (const x of inputs) {
        const got = fn(x);
        const want = oracle(x);
        if (bits(got) !== bits(want)) bad.push(`${x}: got ${got}, v8 ${want}`);
      }
      expect(bad.slice(0, 10)).toEqual([]);
    });
  }
});
