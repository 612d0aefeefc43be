// `x + 0`, `0 + x`, `x - 0`, `x | 0`, `x ^ 0` and i32 shifts/rotates by a multiple of 32 compile to
// no instruction at all, and still give x wherever it lives (local, slot, constant, tee'd local).
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store } from '../core/index.js';
import { WA } from './helpers/v8-oracle.js';
import { wat } from './helpers/wat.js';

const SRC = `(module
  (func (export "addL") (param i32 i32) (result i32) (i32.add (local.get 0) (i32.const 0)))
  (func (export "addR") (param i32 i32) (result i32) (i32.add (i32.const 0) (local.get 0)))
  (func (export "addSlotR") (param i32 i32) (result i32) (i32.add (i32.const 0) (i32.mul (local.get 0) (local.get 1))))
  (func (export "sub") (param i32 i32) (result i32) (i32.sub (i32.mul (local.get 0) (local.get 1)) (i32.const 0)))
  (func (export "or") (param i32 i32) (result i32) (i32.or (local.get 1) (i32.const 0)))
  (func (export "xorR") (param i32 i32) (result i32) (i32.xor (i32.const 0) (local.get 1)))
  (func (export "shl32") (param i32 i32) (result i32) (i32.shl (local.get 0) (i32.const 32)))
  (func (export "rotr64") (param i32 i32) (result i32) (i32.rotr (local.get 1) (i32.const 64)))
  (func (export "consts") (param i32 i32) (result i32) (i32.add (i32.const 7) (i32.const 0)))
  ;; the folded value is a local that is overwritten before the sum is used
  (func (export "clobber") (param i32 i32) (result i32)
    (i32.add (local.get 0) (i32.const 0))
    (local.set 0 (i32.const 99))
    (local.get 0)
    (i32.sub))
  ;; retargeting into a local after a fold
  (func (export "retarget") (param i32 i32) (result i32) (local i32)
    (local.set 2 (i32.add (i32.mul (local.get 0) (local.get 1)) (i32.const 0)))
    (i32.add (local.get 2) (local.get 1))))`;

describe('identity folding', () => {
  const bytes = wat(SRC);

  it('emits nothing for the identity operation itself', () => {
    const m = compile(bytes);
    // addL is `return local 0`: one Return32 instruction (2 words)
    expect(m.funcs[0]!.code.length).toBe(2);
  });

  it('computes what V8 computes', () => {
    const v8 = new WA.Instance(new WA.Module(bytes)).exports as Record<string, (a: number, b: number) => number>;
    const store = new Store();
    const ours = new Linker().instantiate(store, compile(bytes));
    for (const name of ['addL', 'addR', 'addSlotR', 'sub', 'or', 'xorR', 'shl32', 'rotr64', 'consts', 'clobber', 'retarget']) {
      for (const [a, b] of [[5, 3], [-1, 7], [0x7fffffff, 2]] as const) {
        expect(`${name}(${a}, ${b}) = ${store.invoke(ours.func(name), a, b)[0]}`).toBe(`${name}(${a}, ${b}) = ${v8[name]!(a, b)}`);
      }
    }
  });
});
