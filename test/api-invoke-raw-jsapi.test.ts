/**
 * invokeRaw also takes a function exported through the drop-in WebAssembly API: it runs in the
 * default store and carries exact values (an f32 NaN payload survives, which a JS number cannot
 * promise); another store or a plain JS function is a TypeError that says why.
 */
import { describe, expect, it } from 'vitest';
import { getDefaultStore, invokeRaw, Store, WebAssembly as WA } from '../core/index.js';
import { wat } from './helpers/wat.js';

const bytes = wat(`(module
  (func (export "id") (param f32) (result f32) (local.get 0))
  (func (export "add") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1))))`);

describe('invokeRaw with JS API exports', () => {
  const inst = new WA.Instance(new WA.Module(bytes));
  const exp = inst.exports as Record<string, Function>;

  it('runs them in the default store with exact values', () => {
    // a signalling NaN with payload 1, as raw f32 bits
    expect(invokeRaw(getDefaultStore(), exp['id']!, [0x7f800001])).toEqual([0x7f800001]);
    expect(invokeRaw(getDefaultStore(), exp['add']!, [2n ** 63n - 1n, 1n])).toEqual([-(2n ** 63n)]);
  });

  it('refuses another store and functions the API did not export', () => {
    expect(() => invokeRaw(new Store(), exp['add']!, [1n, 2n])).toThrow(/runs in getDefaultStore\(\)/);
    expect(() => invokeRaw(getDefaultStore(), () => 1, [])).toThrow(/FuncInst or a function exported by a WebAssembly.Instance/);
  });
});
