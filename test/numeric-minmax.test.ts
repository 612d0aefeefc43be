// f32/f64 min and max (NaN-propagating, -0 < +0), checked against V8's WebAssembly.
import { describe, expect, it } from 'vitest';
import * as N from '../core/exec/numeric.js';
import { wasmOp, rng, f64FromBits, f32FromBits, key64, key32, f64Special, f32Special } from './helpers/v8-oracle.js';

describe('min / max', () => {
  it('signed zeros and NaN', () => {
    for (const [min, max] of [[N.f32Min, N.f32Max], [N.f64Min, N.f64Max]] as const) {
      expect(Object.is(min(-0, 0), -0)).toBe(true);
      expect(Object.is(min(0, -0), -0)).toBe(true);
      expect(Object.is(max(-0, 0), 0)).toBe(true);
      expect(Object.is(max(0, -0), 0)).toBe(true);
      expect(min(NaN, 1)).toBeNaN();
      expect(min(1, NaN)).toBeNaN();
      expect(max(NaN, -Infinity)).toBeNaN();
      expect(max(Infinity, NaN)).toBeNaN();
      expect(min(-Infinity, Infinity)).toBe(-Infinity);
      expect(max(-Infinity, Infinity)).toBe(Infinity);
    }
  });

  const RANDOM = 30000;
  type Case = [name: string, t: 'f32' | 'f64', op: number, fn: (a: number, b: number) => number];
  const CASES: Case[] = [
    ['f32.min', 'f32', 0x96, N.f32Min],
    ['f32.max', 'f32', 0x97, N.f32Max],
    ['f64.min', 'f64', 0xa4, N.f64Min],
    ['f64.max', 'f64', 0xa5, N.f64Max],
  ];
  for (const [name, t, op, fn] of CASES) {
    it(`${name}: all pairs of specials + ${RANDOM} random pairs vs V8`, () => {
      const oracle = wasmOp<(a: number, b: number) => number>([t, t], t, [op]);
      const key = t === 'f32' ? key32 : key64;
      const r = rng(op);
      const rand = (): number =>
        t === 'f32' ? f32FromBits(r()) : f64FromBits((BigInt(r()) << 32n) | BigInt(r()));
      const specials = (t === 'f32' ? f32Special() : f64Special()).filter((_, i) => i % 7 === 3); // the bases
      const pairs: [number, number][] = [];
      for (const a of specials) for (const b of specials) pairs.push([a, b]);
      for (let i = 0; i < RANDOM; i++) {
        const a = rand();
        pairs.push(i % 2 ? [a, rand()] : [a, -a]); // same magnitude, opposite sign
      }
      const bad: string[] = [];
      for (const [a, b] of pairs) {
        const got = fn(a, b);
        const want = oracle(a, b);
        if (key(got) !== key(want)) bad.push(`${name}(${a}, ${b}): got ${got}, v8 ${want}`);
      }
      expect(bad.slice(0, 10)).toEqual([]);
    });
  }
});
