// Saturating float -> int truncation (trunc_sat_*), checked against V8's WebAssembly.
import { describe, expect, it } from 'vitest';
import * as N from '../core/exec/numeric.js';
import { wasmOp, f64Inputs, f32Inputs } from './helpers/v8-oracle.js';

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
