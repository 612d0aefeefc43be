// Integer division and remainder (i32/i64 div_s/div_u/rem_s/rem_u) with their traps, checked
// against V8's WebAssembly.
import { describe, expect, it } from 'vitest';
import { TRAP_MESSAGES, TrapCode } from '../core/errors.js';
import { TrapSignal } from '../core/exec/trap.js';
import * as N from '../core/exec/numeric.js';
import { WA, wasmOp, rng } from './helpers/v8-oracle.js';

const RANDOM = 50000;

/** Outcome as a comparable string: the value, or the trap's spec message. */
function mine(f: () => number | bigint): string {
  try {
    return String(f());
  } catch (e) {
    if (e instanceof TrapSignal) return `trap: ${TRAP_MESSAGES[e.code]}`;
    throw e;
  }
}
/** V8 says "divide by zero"/"remainder by zero" and "divide result unrepresentable". */
function v8(f: () => number | bigint): string {
  try {
    return String(f());
  } catch (e) {
    if (!(e instanceof WA.RuntimeError)) throw e;
    if (/by zero/.test(e.message)) return `trap: ${TRAP_MESSAGES[TrapCode.IntegerDivideByZero]}`;
    if (/unrepresentable/.test(e.message)) return `trap: ${TRAP_MESSAGES[TrapCode.IntegerOverflow]}`;
    return `trap: v8 ${e.message}`;
  }
}

function i32Pairs(seed: number): [number, number][] {
  const edge = [0, 1, -1, 2, -2, 3, 7, -7, 0x7fffffff, -0x80000000, 0x7ffffffe, -0x7fffffff, 0x10000, -0x10000];
  const out: [number, number][] = [];
  for (const a of edge) for (const b of edge) out.push([a, b]);
  const r = rng(seed);
  for (let i = 0; i < RANDOM; i++) {
    const a = r() | 0;
    const k = i % 4;
    const b = k === 0 ? r() | 0 : k === 1 ? (r() | 0) >> r() % 32 : k === 2 ? (r() % 17) - 8 : (a >> r() % 8) + ((r() % 3) - 1);
    out.push([a, b]);
  }
  return out;
}
function i64Pairs(seed: number): [bigint, bigint][] {
  const MIN = -0x8000000000000000n, MAX = 0x7fffffffffffffffn;
  const edge = [0n, 1n, -1n, 2n, -2n, 3n, -7n, MAX, MIN, MAX - 1n, MIN + 1n, 0x100000000n, -0x100000000n, 0xffffffffn];
  const out: [bigint, bigint][] = [];
  for (const a of edge) for (const b of edge) out.push([a, b]);
  const r = rng(seed);
  const rand = (): bigint => BigInt.asIntN(64, (BigInt(r()) << 32n) | BigInt(r()));
  for (let i = 0; i < RANDOM; i++) {
    const a = rand();
    const k = i % 4;
    const b = k === 0 ? rand() : k === 1 ? rand() >> BigInt(r() % 64) : k === 2 ? BigInt((r() % 17) - 8) : (a >> BigInt(r() % 8)) + BigInt((r() % 3) - 1);
    out.push([a, b]);
  }
  return out;
}

describe('i32 division matches V8 (values and traps)', () => {
  const CASES: [string, number, (a: number, b: number) => number][] = [
    ['i32.div_s', 0x6d, N.i32DivS],
    ['i32.div_u', 0x6e, N.i32DivU],
    ['i32.rem_s', 0x6f, N.i32RemS],
    ['i32.rem_u', 0x70, N.i32RemU],
  ];
  for (const [name, op, fn] of CASES) {
    it(`${name}: edge pairs + ${RANDOM} random pairs`, () => {
      const oracle = wasmOp<(a: number, b: number) => number>(['i32', 'i32'], 'i32', [op]);
      const bad: string[] = [];
      for (const [a, b] of i32Pairs(op)) {
        const got = mine(() => fn(a, b));
        const want = v8(() => oracle(a, b));
        if (got !== want) bad.push(`${name}(${a}, ${b}): got ${got}, v8 ${want}`);
        else if (!got.startsWith('trap') && Object.is(fn(a, b), -0)) bad.push(`${name}(${a}, ${b}): -0`);
      }
      expect(bad.slice(0, 10)).toEqual([]);
    });
  }
});

describe('i64 division matches V8 (values and traps)', () => {
  const CASES: [string, number, (a: bigint, b: bigint) => bigint][] = [
    ['i64.div_s', 0x7f, N.i64DivS],
    ['i64.div_u', 0x80, N.i64DivU],
    ['i64.rem_s', 0x81, N.i64RemS],
    ['i64.rem_u', 0x82, N.i64RemU],
  ];
  for (const [name, op, fn] of CASES) {
    it(`${name}: edge pairs + ${RANDOM} random pairs`, () => {
      const oracle = wasmOp<(a: bigint, b: bigint) => bigint>(['i64', 'i64'], 'i64', [op]);
      const bad: string[] = [];
      for (const [a, b] of i64Pairs(op)) {
        const got = mine(() => fn(a, b));
        const want = v8(() => oracle(a, b));
        if (got !== want) bad.push(`${name}(${a}, ${b}): got ${got}, v8 ${want}`);
      }
      expect(bad.slice(0, 10)).toEqual([]);
    });
  }
});

describe('division trap rules', () => {
  const MIN = -0x8000000000000000n;
  it('divide by zero, MIN / -1 overflows, MIN % -1 = 0', () => {
    expect(mine(() => N.i32DivS(1, 0))).toBe('trap: integer divide by zero');
    expect(mine(() => N.i32DivU(1, 0))).toBe('trap: integer divide by zero');
    expect(mine(() => N.i32RemS(1, 0))).toBe('trap: integer divide by zero');
    expect(mine(() => N.i32RemU(1, 0))).toBe('trap: integer divide by zero');
    expect(mine(() => N.i32DivS(-0x80000000, -1))).toBe('trap: integer overflow');
    expect(N.i32RemS(-0x80000000, -1)).toBe(0);
    expect(Object.is(N.i32RemS(-4, 2), 0)).toBe(true); // not -0
    expect(N.i32DivU(-1, 2)).toBe(0x7fffffff);
    expect(N.i32DivU(-1, 1)).toBe(-1);
    expect(N.i32RemU(-1, 0x10)).toBe(15);
    expect(mine(() => N.i64DivS(1n, 0n))).toBe('trap: integer divide by zero');
    expect(mine(() => N.i64DivU(MIN, 0n))).toBe('trap: integer divide by zero');
    expect(mine(() => N.i64RemS(0n, 0n))).toBe('trap: integer divide by zero');
    expect(mine(() => N.i64RemU(-1n, 0n))).toBe('trap: integer divide by zero');
    expect(mine(() => N.i64DivS(MIN, -1n))).toBe('trap: integer overflow');
    expect(N.i64RemS(MIN, -1n)).toBe(0n);
    expect(N.i64DivU(-1n, 1n)).toBe(-1n);
    expect(N.i64DivU(-1n, 2n)).toBe(0x7fffffffffffffffn);
    expect(N.i64DivU(MIN, -1n)).toBe(0n);
    expect(N.i64RemU(MIN, -1n)).toBe(MIN);
    expect(N.i64RemU(-1n, 10n)).toBe(5n); // 18446744073709551615 % 10
  });
});
