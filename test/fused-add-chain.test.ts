// An i32.add whose sum feeds the next add (a + b + c, a + b + i, a + i + c) and an f64 multiply by a constant
// feeding an add (a * k + c) run as one instruction each and compute what V8 computes.
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store } from '../core/index.js';
import { Op } from '../core/exec/ir.js';
import { WA, rng } from './helpers/v8-oracle.js';
import { wat } from './helpers/wat.js';

const SRC = `(module
  (func (export "add3") (param i32 i32 i32) (result i32) (i32.add (i32.add (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "add3r") (param i32 i32 i32) (result i32) (i32.add (local.get 2) (i32.add (local.get 0) (local.get 1))))
  (func (export "addi") (param i32 i32 i32) (result i32) (i32.add (i32.add (local.get 0) (local.get 1)) (i32.const -123456)))
  (func (export "addia") (param i32 i32 i32) (result i32) (i32.add (i32.add (local.get 0) (i32.const 99)) (local.get 2)))
  (func (export "subi") (param i32 i32 i32) (result i32) (i32.sub (i32.add (local.get 0) (local.get 1)) (i32.const 7)))
  (func (export "mulk") (param f64 f64 f64) (result f64) (f64.add (f64.mul (local.get 0) (f64.const 0.1)) (local.get 1)))
  (func (export "mulkr") (param f64 f64 f64) (result f64) (f64.add (local.get 1) (f64.mul (f64.const -3.5) (local.get 0)))))`;
const FUSED = new Set<number>([Op.I32Add3, Op.I32AddAddI, Op.F64MulKAdd]);

describe('fused add chains', () => {
  const bytes = wat(SRC);

  it('compile to one instruction each', () => {
    const m = compile(bytes);
    // i32.sub x, c becomes an add of -c on a path of its own, not fused with the add before it
    expect(m.funcs.map((f) => FUSED.has(f.code[0]!))).toEqual([true, true, true, true, false, true, true]);
  });

  it('agree with V8', () => {
    const v8 = new WA.Instance(new WA.Module(bytes)).exports as Record<string, (...a: number[]) => number>;
    const store = new Store();
    const ours = new Linker().instantiate(store, compile(bytes));
    const r = rng(9);
    const ints = [0, 1, -1, 0x7fffffff, -0x80000000];
    for (let i = 0; i < 30; i++) ints.push(r() | 0);
    for (const name of ['add3', 'add3r', 'addi', 'addia', 'subi']) {
      for (let i = 0; i < ints.length; i++) {
        const args = [ints[i]!, ints[(i * 3 + 1) % ints.length]!, ints[(i * 5 + 2) % ints.length]!];
        expect(store.invoke(ours.func(name), ...args)[0]).toBe(v8[name]!(...args));
      }
    }
    const fs = [0, -0, 1e308, -1e-300, 0.3, Infinity, -Infinity, 12345.678];
    for (const name of ['mulk', 'mulkr']) {
      for (const a of fs) for (const b of fs) expect(Object.is(store.invoke(ours.func(name), a, b, 0)[0], v8[name]!(a, b, 0))).toBe(true);
    }
  });
});
