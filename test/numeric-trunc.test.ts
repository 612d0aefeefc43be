// Trapping float -> int truncation (i32/i64 .trunc_f32/f64_s/u), checked against V8's WebAssembly.
import { describe, expect, it } from 'vitest';
import { TRAP_MESSAGES, TrapCode } from '../core/errors.js';
import { TrapSignal } from '../core/exec/trap.js';
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

type Outcome = { trap: TrapCode | 'v8' } | { value: number | bigint };
function v8(f: () => number | bigint): Outcome {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof WA.RuntimeError) return { trap: 'v8' };
    throw e;
  }
}
function mine(f: () => number | bigint): Outcome {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof TrapSignal) return { trap: e.code };
    throw e;
  }
}

const RANDOM = 30000;
type Case = [name: string, from: 'f32' | 'f64', to: 'i32' | 'i64', op: number, fn: (x: number) => number | bigint];
const CASES: Case[] = [
  ['i32.trunc_f32_s', 'f32', 'i32', 0xa8, N.i32TruncF32S],
  ['i32.trunc_f32_u', 'f32', 'i32', 0xa9, N.i32TruncF32U],
  ['i32.trunc_f64_s', 'f64', 'i32', 0xaa, N.i32TruncF64S],
  ['i32.trunc_f64_u', 'f64', 'i32', 0xab, N.i32TruncF64U],
  ['i64.trunc_f32_s', 'f32', 'i64', 0xae, N.i64TruncF32S],
  ['i64.trunc_f32_u', 'f32', 'i64', 0xaf, N.i64TruncF32U],
  ['i64.trunc_f64_s', 'f64', 'i64', 0xb0, N.i64TruncF64S],
  ['i64.trunc_f64_u', 'f64', 'i64', 0xb1, N.i64TruncF64U],
];

describe('trapping truncation matches V8', () => {
  for (const [name, from, to, op, fn] of CASES) {
    it(`${name}: boundaries + ${RANDOM} random inputs`, () => {
      const oracle = wasmOp<(x: number) => number | bigint>([from], to, [op]);
      const inputs = from === 'f32' ? f32Inputs(op, RANDOM) : f64Inputs(op, RANDOM);
      const bad: string[] = [];
      let traps = 0;
      for (const x of inputs) {
        const want = v8(() => oracle(x));
        const got = mine(() => fn(x));
        if ('trap' in want) {
          traps++;
          const code = Number.isNaN(x) ? TrapCode.InvalidConversion : TrapCode.IntegerOverflow;
          if (!('trap' in got) || got.trap !== code) bad.push(`${x}: want trap ${code}, got ${JSON.stringify(got, big)}`);
        } else if (!('value' in got) || got.value !== want.value || typeof got.value !== typeof want.value) {
          bad.push(`${x}: want ${want.value}, got ${JSON.stringify(got, big)}`);
        }
      }
      expect(bad.slice(0, 10)).toEqual([]);
      expect(traps).toBeGreaterThan(100); // the inputs do reach both sides of the range
      expect(inputs.length - traps).toBeGreaterThan(100);
    });
  }
});
function big(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? `${v}n` : v;
}

describe('trapping truncation: exact range boundaries', () => {
  function trapOf(f: () => unknown): string | undefined {
    try {
      f();
      return undefined;
    } catch (e) {
      return e instanceof TrapSignal ? TRAP_MESSAGES[e.code] : String(e);
    }
  }
  it('i32.trunc_f64_s', () => {
    expect(N.i32TruncF64S(-2147483648.9)).toBe(-2147483648);
    expect(N.i32TruncF64S(2147483647.9)).toBe(2147483647);
    expect(N.i32TruncF64S(-0.9)).toBe(0);
    expect(trapOf(() => N.i32TruncF64S(-2147483649.0))).toBe('integer overflow');
    expect(trapOf(() => N.i32TruncF64S(2147483648.0))).toBe('integer overflow');
    expect(trapOf(() => N.i32TruncF64S(Infinity))).toBe('integer overflow');
    expect(trapOf(() => N.i32TruncF64S(NaN))).toBe('invalid conversion to integer');
  });
  it('i32.trunc_f32_s / u', () => {
    expect(N.i32TruncF32S(-2147483648)).toBe(-2147483648);
    expect(trapOf(() => N.i32TruncF32S(Math.fround(-2147483904)))).toBe('integer overflow');
    expect(trapOf(() => N.i32TruncF32S(2147483648))).toBe('integer overflow');
    expect(N.i32TruncF32U(4294967040)).toBe(-256); // largest f32 below 2^32
    expect(N.i32TruncF32U(Math.fround(-0.9))).toBe(0);
    expect(trapOf(() => N.i32TruncF32U(-1))).toBe('integer overflow');
    expect(trapOf(() => N.i32TruncF32U(4294967296))).toBe('integer overflow');
    expect(trapOf(() => N.i32TruncF32U(-Infinity))).toBe('integer overflow');
    expect(trapOf(() => N.i32TruncF32U(NaN))).toBe('invalid conversion to integer');
  });
  it('i32.trunc_f64_u', () => {
    expect(N.i32TruncF64U(4294967295.9)).toBe(-1);
    expect(N.i32TruncF64U(-0.99999)).toBe(0);
    expect(trapOf(() => N.i32TruncF64U(4294967296))).toBe('integer overflow');
    expect(trapOf(() => N.i32TruncF64U(-1))).toBe('integer overflow');
  });
  it('i64 variants', () => {
    expect(N.i64TruncF32S(-(2 ** 63))).toBe(-0x8000000000000000n);
    expect(trapOf(() => N.i64TruncF32S(2 ** 63))).toBe('integer overflow');
    expect(N.i64TruncF64S(-(2 ** 63))).toBe(-0x8000000000000000n);
    expect(N.i64TruncF64S(2 ** 63 - 1024)).toBe(0x7ffffffffffffc00n);
    expect(trapOf(() => N.i64TruncF64S(-(2 ** 63) - 2048))).toBe('integer overflow');
    expect(trapOf(() => N.i64TruncF64S(2 ** 63))).toBe('integer overflow');
    expect(N.i64TruncF64U(2 ** 64 - 2048)).toBe(-2048n);
    expect(N.i64TruncF32U(Math.fround(2 ** 64 - 2 ** 40))).toBe(-(2n ** 40n));
    expect(N.i64TruncF64U(-0.9)).toBe(0n);
    expect(trapOf(() => N.i64TruncF64U(2 ** 64))).toBe('integer overflow');
    expect(trapOf(() => N.i64TruncF32U(-1))).toBe('integer overflow');
    expect(trapOf(() => N.i64TruncF64U(NaN))).toBe('invalid conversion to integer');
  });
});
