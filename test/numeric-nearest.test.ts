// f32.nearest / f64.nearest (round half to even, sign of zero kept), checked against V8's WebAssembly.
import { describe, expect, it } from 'vitest';
import * as N from '../core/exec/numeric.js';
import { wasmOp, rng, f64FromBits, f32FromBits, key64, key32, f64Special, f32Special } from './helpers/v8-oracle.js';

describe('nearest', () => {
  it('examples', () => {
    const cases: [number, number][] = [
      [0.5, 0], [1.5, 2], [2.5, 2], [-0.5, -0], [-1.5, -2], [-2.5, -2], [-0, -0], [0, 0], [0.49999999999999994, 0],
      [-0.49999999999999994, -0], [4503599627370495.5, 4503599627370496], [-4503599627370495.5, -4503599627370496],
      [2 ** 52 + 1, 2 ** 52 + 1], [Infinity, Infinity], [-Infinity, -Infinity], [-0.1, -0], [-0.7, -1],
    ];
    for (const [x, want] of cases) {
      expect(Object.is(N.f64Nearest(x), want), `f64Nearest(${x})`).toBe(true);
      if (Math.fround(x) === x) expect(Object.is(N.f32Nearest(x), want), `f32Nearest(${x})`).toBe(true);
    }
    expect(N.f64Nearest(NaN)).toBeNaN();
    expect(N.f32Nearest(NaN)).toBeNaN();
    expect(N.f32Nearest(8388607.5)).toBe(8388608); // 2^23 - 0.5: largest non-integral f32 tie
    expect(N.f32Nearest(8388606.5)).toBe(8388606);
  });

  const RANDOM = 100000;
  it(`f64.nearest: specials + ${RANDOM} random inputs vs V8`, () => {
    const oracle = wasmOp<(x: number) => number>(['f64'], 'f64', [0x9e]);
    const r = rng(0x9e);
    const inputs = f64Special();
    for (let i = 0; i < RANDOM; i++) {
      if (i % 3 === 0) inputs.push(f64FromBits((BigInt(r()) << 32n) | BigInt(r())));
      else if (i % 3 === 1) inputs.push((r() % 2 ? -1 : 1) * (1 + r() / 2 ** 32 + r() / 2 ** 64) * 2 ** ((r() % 58) - 3));
      else inputs.push((r() % 2 ? -0.5 : 0.5) + (r() % 2 ? -1 : 1) * (r() % 2 ** (r() % 32)) * 2 ** (r() % 22)); // ties
    }
    const bad: string[] = [];
    for (const x of inputs) {
      const got = N.f64Nearest(x);
      const want = oracle(x);
      if (key64(got) !== key64(want)) bad.push(`${x}: got ${got}, v8 ${want}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('f32.nearest: specials + a strided sweep of all 2^32 f32 bit patterns + random ties vs V8', () => {
    const oracle = wasmOp<(x: number) => number>(['f32'], 'f32', [0x90]);
    const r = rng(0x90);
    const inputs = f32Special();
    for (let b = 0; b < 2 ** 32; b += 4093) inputs.push(f32FromBits(b)); // ~1.05M patterns, all exponents
    for (let i = 0; i < RANDOM; i++) {
      inputs.push(Math.fround((r() % 2 ? -0.5 : 0.5) + (r() % 2 ? -1 : 1) * (r() % 2 ** 22))); // ties below 2^23
    }
    const bad: string[] = [];
    const store = new Float32Array(1);
    for (const x of inputs) {
      store[0] = N.f32Nearest(x); // results go through a Float32Array in the interpreter
      const got = store[0];
      const want = oracle(x);
      if (key32(got) !== key32(want)) bad.push(`${x}: got ${got}, v8 ${want}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });
});
