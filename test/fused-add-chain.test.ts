// An i32 add/and/xor whose result feeds the next add/and/xor ((a + b) + c, (a & b) ^ c, ...),
// the i64 finalizer step (b ^ (a >> k)) * c, and an f64 multiply by a constant
// feeding an add (a * k + c) run as one instruction each and compute what V8 computes.
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store } from '../core/index.js';
import { Op } from '../core/ops/gen/ir-ops.js';
import { WA, rng } from './helpers/v8-oracle.js';
import { wat } from './helpers/wat.js';

const SRC = `(module
  (func (export "add3") (param i32 i32 i32) (result i32) (i32.add (i32.add (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "add3r") (param i32 i32 i32) (result i32) (i32.add (local.get 2) (i32.add (local.get 0) (local.get 1))))
  (func (export "addi") (param i32 i32 i32) (result i32) (i32.add (i32.add (local.get 0) (local.get 1)) (i32.const -123456)))
  (func (export "addia") (param i32 i32 i32) (result i32) (i32.add (i32.add (local.get 0) (i32.const 99)) (local.get 2)))
  (func (export "andxor") (param i32 i32 i32) (result i32) (i32.xor (i32.and (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "xorand") (param i32 i32 i32) (result i32) (i32.and (local.get 2) (i32.xor (local.get 0) (local.get 1))))
  (func (export "andadd") (param i32 i32 i32) (result i32) (i32.add (i32.and (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "xoradd") (param i32 i32 i32) (result i32) (i32.add (local.get 2) (i32.xor (local.get 0) (local.get 1))))
  (func (export "subi") (param i32 i32 i32) (result i32) (i32.sub (i32.add (local.get 0) (local.get 1)) (i32.const 7)))
  (func (export "mulk") (param f64 f64 f64) (result f64) (f64.add (f64.mul (local.get 0) (f64.const 0.1)) (local.get 1)))
  (func (export "mulkr") (param f64 f64 f64) (result f64) (f64.add (local.get 1) (f64.mul (f64.const -3.5) (local.get 0))))
  (func (export "fmix") (param i64 i64) (result i64) (i64.mul (i64.xor (local.get 1) (i64.shr_u (local.get 0) (i64.const 33))) (i64.const 0xff51afd7ed558ccd))))`;
const FUSED = new Set<number>([Op.I32Add3, Op.I32AddAddI, Op.F64MulKAdd, Op.I32AndXor, Op.I32XorAnd, Op.I32AndAdd, Op.I32XorAdd, Op.I64XorShrUIMulI]);

describe('fused add chains', () => {
  const bytes = wat(SRC);

  it('compile to one instruction each', () => {
    const m = compile(bytes);
    // i32.sub x, c becomes an add of -c, which the peephole rules then fuse like any add
    expect(m.funcs.map((f) => FUSED.has(f.code[0]!))).toEqual([true, true, true, true, true, true, true, true, true, true, true, true]);
  });

  it('agree with V8', () => {
    const v8 = new WA.Instance(new WA.Module(bytes)).exports as Record<string, (...a: number[]) => number>;
    const store = new Store();
    const ours = new Linker().instantiate(store, compile(bytes));
    const r = rng(9);
    const ints = [0, 1, -1, 0x7fffffff, -0x80000000];
    for (let i = 0; i < 30; i++) ints.push(r() | 0);
    for (const name of ['add3', 'add3r', 'addi', 'addia', 'andxor', 'xorand', 'andadd', 'xoradd', 'subi']) {
      for (let i = 0; i < ints.length; i++) {
        const args = [ints[i]!, ints[(i * 3 + 1) % ints.length]!, ints[(i * 5 + 2) % ints.length]!];
        expect(store.invoke(ours.func(name), ...args)[0]).toBe(v8[name]!(...args));
      }
    }
    const fs = [0, -0, 1e308, -1e-300, 0.3, Infinity, -Infinity, 12345.678];
    for (const name of ['mulk', 'mulkr']) {
      for (const a of fs) for (const b of fs) expect(Object.is(store.invoke(ours.func(name), a, b, 0)[0], v8[name]!(a, b, 0))).toBe(true);
    }
    const big = [0n, -1n, 1n << 63n, 0x0123456789abcdefn, -0x7edcba9876543211n, 0xffffffffn, 1n << 32n];
    const fmix = v8['fmix'] as unknown as (a: bigint, b: bigint) => bigint;
    for (const a of big) for (const b of big) expect(store.invoke(ours.func('fmix'), a, b)[0]).toBe(fmix(a, b));
  });
});
