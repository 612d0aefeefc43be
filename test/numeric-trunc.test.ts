// Trapping float -> int truncation (i32/i64 .trunc_f32/f64_s/u), checked against V8's WebAssembly.
import { describe, expect, it } from 'vitest';
import { TRAP_MESSAGES, TrapCode } from '../core/errors.js';
import { TrapSignal } from '../core/exec/trap.js';
import * as N from '../core/exec/numeric.js';
import { WA, wasmOp, f64Inputs, f32Inputs } from './helpers/v8-oracle.js';

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
