// `b ^ (a >> k)`, `b ^ (a << k)` and `b ^ rotl/rotr(a, k)` (hash and cipher rounds, xorshift
// steps when b is a) run as one instruction and match V8 for every count, including counts at and
// beyond the width (taken mod the width) and either operand order.
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store } from '../core/index.js';
import { Op } from '../core/ops/gen/ir-ops.js';
import { WA, rng } from './helpers/v8-oracle.js';
import { wat } from './helpers/wat.js';

const FUSED = new Set<number>([Op.I64XorShrUI, Op.I64XorShlI, Op.I32XorRotlI, Op.I32XorShrUI, Op.I32XorShlI]);
const I64_COUNTS = [...Array(70).keys()];
const I32_COUNTS = [...Array(36).keys()];
const I64_SHIFTS = ['shr_u', 'shl'];
const I32_SHIFTS = ['shr_u', 'shl', 'rotl', 'rotr'];

/** name → [type, whether it must compile to a fused op] */
const FUNCS = new Map<string, ['i32' | 'i64', boolean]>();

function module(): Uint8Array {
  const fns: string[] = [];
  const add = (name: string, t: 'i32' | 'i64', fused: boolean, body: string): void => {
    FUNCS.set(name, [t, fused]);
    fns.push(`(func (export "${name}") (param ${t} ${t}) (result ${t}) ${body})`);
  };
  for (const [t, counts, shifts] of [['i64', I64_COUNTS, I64_SHIFTS], ['i32', I32_COUNTS, I32_SHIFTS]] as const) {
    for (const sh of shifts) {
      for (const k of counts) {
        const s = `(${t}.${sh} (local.get 0) (${t}.const ${k}))`;
        // an i32 shift by 0 (mod 32) is no instruction at all, so there is nothing to fold
        const fused = t === 'i64' || k % 32 !== 0;
        add(`${t}_${sh}_${k}_self`, t, fused, `(${t}.xor (local.get 0) ${s})`); // xorshift: b is a
        add(`${t}_${sh}_${k}_left`, t, fused, `(${t}.xor ${s} (local.get 1))`); // the shift first
        add(`${t}_${sh}_${k}_right`, t, fused, `(${t}.xor (local.get 1) ${s})`);
      }
      // not fusable: the other operand is a constant
      add(`${t}_${sh}_const`, t, false, `(${t}.xor (${t}.const 5) (${t}.${sh} (local.get 0) (${t}.const 7)))`);
    }
  }
  return wat(`(module ${fns.join('\n')})`);
}

describe('fused xor with a shifted operand', () => {
  const bytes = module();
  const names = [...FUNCS.keys()];

  it('compiles to one instruction exactly where it should', () => {
    const m = compile(bytes);
    const wrong = names.filter((n, i) => FUSED.has(m.funcs[i]!.code[0]!) !== FUNCS.get(n)![1]);
    expect(wrong).toEqual([]);
  });

  it('agrees with V8 on random and boundary values', () => {
    const v8 = new WA.Instance(new WA.Module(bytes)).exports as Record<string, (...x: unknown[]) => unknown>;
    const store = new Store();
    const ours = new Linker().instantiate(store, compile(bytes));
    const r = rng(64);
    const x64 = [0n, -1n, 1n, 1n << 63n, (1n << 63n) - 1n, 0xffffffffn, 1n << 32n];
    for (let i = 0; i < 24; i++) x64.push(BigInt.asIntN(64, (BigInt(r()) << 32n) | BigInt(r())));
    const x32 = [0, -1, 1, -0x80000000, 0x7fffffff];
    for (let i = 0; i < 24; i++) x32.push(r() | 0);
    const bad: string[] = [];
    for (const name of names) {
      const is64 = FUNCS.get(name)![0] === 'i64';
      const xs: unknown[] = is64 ? x64 : x32;
      for (const [i, x] of xs.entries()) {
        const y = xs[(i * 7 + 3) % xs.length];
        const want = v8[name]!(x, y);
        const got = store.invoke(ours.func(name), x, y)[0];
        if (got !== want) bad.push(`${name}(${x}, ${y}): wasmlet ${got}, V8 ${want}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
