// Bit counting and rotation (i32 popcnt/ctz/rotl/rotr, i64 clz/ctz/popcnt on halves, i64 rotl/rotr),
// checked against V8's WebAssembly.
import { describe, expect, it } from 'vitest';
import * as N from '../core/exec/numeric.js';
import { wasmOp, rng } from './helpers/v8-oracle.js';

const RANDOM = 50000;

/** Boundary-ish i32 values (single bits, low/high masks) plus seeded random values of varied density. */
function i32Inputs(seed: number): number[] {
  const out = [0, -1, 1, 0x7fffffff, -0x80000000, 0x55555555, -0x55555556];
  for (let i = 0; i < 32; i++) out.push(1 << i, ~(1 << i), (1 << i) - 1, -(1 << i));
  const r = rng(seed);
  for (let i = 0; i < RANDOM; i++) {
    const k = i % 4;
    out.push(k === 0 ? r() | 0 : k === 1 ? r() & r() & r() : k === 2 ? r() | r() | r() : (r() << r() % 32) | 0);
  }
  return out;
}
function i64Inputs(seed: number): bigint[] {
  const a = i32Inputs(seed);
  const b = i32Inputs(seed + 1);
  const out: bigint[] = [];
  for (let i = 0; i < a.length; i++) {
    const lo = a[i]!;
    const hi = i % 3 === 0 ? 0 : i % 3 === 1 ? b[i]! : lo; // also hi = 0 so clz/popcnt see the low half only
    out.push(BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo >>> 0)), BigInt.asIntN(64, BigInt(lo >>> 0) << 32n));
  }
  return out;
}

describe('i32 bit ops match V8', () => {
  const unary: [string, number, (x: number) => number][] = [
    ['i32.ctz', 0x68, N.i32Ctz],
    ['i32.popcnt', 0x69, N.i32Popcnt],
  ];
  for (const [name, op, fn] of unary) {
    it(`${name}: ${RANDOM}+ inputs`, () => {
      const oracle = wasmOp<(x: number) => number>(['i32'], 'i32', [op]);
      const bad: string[] = [];
      for (const x of i32Inputs(op)) if (fn(x) !== oracle(x)) bad.push(`${name}(${x}): got ${fn(x)}, v8 ${oracle(x)}`);
      expect(bad.slice(0, 10)).toEqual([]);
    });
  }
  const binary: [string, number, (x: number, k: number) => number][] = [
    ['i32.rotl', 0x77, N.i32Rotl],
    ['i32.rotr', 0x78, N.i32Rotr],
  ];
  for (const [name, op, fn] of binary) {
    it(`${name}: ${RANDOM}+ inputs, every count in -40..72 and random counts`, () => {
      const oracle = wasmOp<(x: number, k: number) => number>(['i32', 'i32'], 'i32', [op]);
      const r = rng(op);
      const bad: string[] = [];
      const xs = i32Inputs(op);
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i]!;
        const k = i % 2 ? (i % 113) - 40 : r() | 0;
        const got = fn(x, k);
        if (got !== oracle(x, k)) bad.push(`${name}(${x}, ${k}): got ${got}, v8 ${oracle(x, k)}`);
      }
      expect(bad.slice(0, 10)).toEqual([]);
    });
  }
});

describe('i64 bit ops match V8', () => {
  const halves: [string, number, (lo: number, hi: number) => number][] = [
    ['i64.clz', 0x79, N.i64ClzHalves],
    ['i64.ctz', 0x7a, N.i64CtzHalves],
    ['i64.popcnt', 0x7b, N.i64PopcntHalves],
  ];
  for (const [name, op, fn] of halves) {
    it(`${name} on (lo, hi) halves: ${2 * RANDOM}+ inputs`, () => {
      const oracle = wasmOp<(x: bigint) => bigint>(['i64'], 'i64', [op]);
      const bad: string[] = [];
      for (const x of i64Inputs(op)) {
        const got = fn(Number(BigInt.asIntN(32, x)), Number(BigInt.asIntN(32, x >> 32n)));
        if (got !== Number(oracle(x))) bad.push(`${name}(${x}): got ${got}, v8 ${oracle(x)}`);
      }
      expect(bad.slice(0, 10)).toEqual([]);
    });
  }
  it('clz/ctz/popcnt edge values', () => {
    expect([N.i64ClzHalves(0, 0), N.i64CtzHalves(0, 0), N.i64PopcntHalves(0, 0)]).toEqual([64, 64, 0]);
    expect([N.i64ClzHalves(-1, -1), N.i64CtzHalves(-1, -1), N.i64PopcntHalves(-1, -1)]).toEqual([0, 0, 64]);
    expect([N.i64ClzHalves(1, 0), N.i64CtzHalves(0, -0x80000000)]).toEqual([63, 63]);
    expect([N.i32Ctz(0), N.i32Ctz(-0x80000000), N.i32Popcnt(-1)]).toEqual([32, 31, 32]);
  });
  const rot: [string, number, (x: bigint, k: bigint) => bigint][] = [
    ['i64.rotl', 0x89, N.i64Rotl],
    ['i64.rotr', 0x8a, N.i64Rotr],
  ];
  for (const [name, op, fn] of rot) {
    it(`${name}: ${2 * RANDOM}+ inputs, counts in -70..130 and random 64-bit counts`, () => {
      const oracle = wasmOp<(x: bigint, k: bigint) => bigint>(['i64', 'i64'], 'i64', [op]);
      const r = rng(op);
      const bad: string[] = [];
      const xs = i64Inputs(op);
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i]!;
        const k = i % 2 ? BigInt((i % 201) - 70) : BigInt.asIntN(64, (BigInt(r()) << 32n) | BigInt(r()));
        const got = fn(x, k);
        const want = oracle(x, k);
        if (got !== want) bad.push(`${name}(${x}, ${k}): got ${got}, v8 ${want}`);
      }
      expect(bad.slice(0, 10)).toEqual([]);
    });
  }
});
