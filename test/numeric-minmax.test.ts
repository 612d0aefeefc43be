// f32/f64 min and max (NaN-propagating, -0 < +0), checked against V8's WebAssembly.
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

/** Bit-exact comparison key; every NaN maps to one key (payloads are not compared). */
function key64(x: number): string {
  return Number.isNaN(x) ? 'nan' : f64Bits(x).toString(16);
}
function key32(x: number): string {
  return Number.isNaN(x) ? 'nan' : f32Bits(x).toString(16);
}
function f64Special(): number[] {
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
function f32Special(): number[] {
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
