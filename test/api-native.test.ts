/** The native API: host functions with declared signatures and exact-value (raw) calls. */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store } from '../core/index.js';
import { wat } from './helpers/wat.js';

const mod = compile(
  wat(`(module
    (import "env" "scale" (func $scale (param f64) (result f64)))
    (func (export "id32") (param f32) (result f32) local.get 0)
    (func (export "id64") (param f64) (result f64) local.get 0)
    (func (export "neg32") (param f32) (result f32) local.get 0 f32.neg)
    (func (export "mix") (param i64 i32) (result i64 i32) local.get 0 i64.const 1 i64.add local.get 1 i32.const 1 i32.sub)
    (func (export "scaled") (param f64) (result f64) local.get 0 call $scale))`),
);

describe('native API', () => {
  const store = new Store();
  const calls: number[] = [];
  const inst = new Linker()
    .func('env', 'scale', { params: ['f64'], results: ['f64'] }, (x: number) => {
      calls.push(x);
      return x * 10;
    })
    .instantiate(store, mod);

  it('passes f32 signalling-NaN payloads through unchanged', () => {
    const snan = 0x7fa00001;
    expect(store.invokeRaw(inst.func('id32'), [snan])).toEqual([snan]);
    expect(store.invokeRaw(inst.func('neg32'), [snan])).toEqual([(snan | 0x80000000) >>> 0]);
  });

  it('passes f64 NaN payloads through unchanged', () => {
    const snan = 0x7ff4000000000001n;
    expect(store.invokeRaw(inst.func('id64'), [snan])).toEqual([snan]);
  });

  it('returns multiple values with i64 as bigint', () => {
    expect(store.invokeRaw(inst.func('mix'), [0x7fffffffffffffffn, -2147483648])).toEqual([-0x8000000000000000n, 2147483647]);
    expect(store.invoke(inst.func('mix'), 5n, 7)).toEqual([6n, 6]);
  });

  it('calls host functions with declared signatures', () => {
    expect(store.invoke(inst.func('scaled'), 1.5)).toEqual([15]);
    expect(calls).toEqual([1.5]);
  });

  it('names the missing import when linking fails', () => {
    expect(() => new Linker().instantiate(store, mod)).toThrow(/unknown import "env" "scale"/);
  });
});
