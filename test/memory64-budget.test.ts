/**
 * A 64-bit memory keeps the store's memory budget: growth beyond it fails with -1 (as i64), the
 * same as a 32-bit memory, although the module declares no maximum at all.
 */
import { describe, expect, it } from 'vitest';
import { compile, instantiate, invokeRaw, Store } from '../core/index.js';
import { wat } from './helpers/wat.js';

const mod = compile(
  wat(
    `(module
      (memory (export "m") i64 1)
      (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
      (func (export "size") (result i64) (memory.size))
      (func (export "last") (param i64) (result i32) (i32.load8_u (local.get 0))))`,
    { memory64: true },
  ),
);

describe('memory64 and the memory budget', () => {
  it('grows within the budget and fails beyond it', () => {
    const store = new Store({ maxMemoryBytes: 3 * 65536 });
    const inst = instantiate(store, mod, []);
    const call = (n: string, ...a: bigint[]) => invokeRaw(store, inst.func(n), a)[0];
    expect(call('grow', 2n)).toBe(1n);
    expect(call('size')).toBe(3n);
    expect(call('grow', 1n)).toBe(-1n);
    // a delta of 2^32 pages or more fails too, never wraps to a small one
    expect(call('grow', 1n << 32n)).toBe(-1n);
    expect(call('grow', -1n)).toBe(-1n);
    expect(call('size')).toBe(3n);
    expect(call('last', 3n * 65536n - 1n)).toBe(0);
    expect(() => call('last', 3n * 65536n)).toThrow(/out of bounds memory access/);
  });

  it('refuses an initial size over the budget at instantiation', () => {
    const big = compile(wat(`(module (memory i64 4))`, { memory64: true }));
    expect(() => instantiate(new Store({ maxMemoryBytes: 3 * 65536 }), big, [])).toThrow(/memory budget/);
  });
});
