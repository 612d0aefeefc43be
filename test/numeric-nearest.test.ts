// f32.nearest / f64.nearest (round half to even, sign of zero kept), checked against V8's WebAssembly.
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
