/**
 * i64 addresses and offsets far beyond 2^53 trap exactly: no precision is lost on the way to the
 * bounds check (2^64 - 1, 2^53 + 1, and a small address with an offset near 2^64 all trap; the
 * last byte of the memory does not).
 */
import { describe, expect, it } from 'vitest';
import { compile, instantiate, invokeRaw, Store } from '../core/index.js';
import { wat } from './helpers/wat.js';

const mod = compile(
  wat(
    `(module
      (memory i64 1)
      (func (export "load") (param i64) (result i32) (i32.load8_u (local.get 0)))
      (func (export "store") (param i64) (i32.store8 (local.get 0) (i32.const 7)))
      (func (export "loadFar") (param i64) (result i32) (i32.load8_u offset=0xffffffffffffff00 (local.get 0)))
      (func (export "load32") (param i64) (result i32) (i32.load (local.get 0)))
      (func (export "constFar") (result i64) (i64.load (i64.const 0x20000000000001)))
      (func (export "fill") (param i64 i64) (memory.fill (local.get 0) (i32.const 1) (local.get 1))))`,
    { memory64: true },
  ),
);

describe('memory64: addresses near 2^64', () => {
  const store = new Store();
  const inst = instantiate(store, mod, []);
  const call = (n: string, ...a: bigint[]) => invokeRaw(store, inst.func(n), a);
  const oob = /out of bounds memory access/;

  it('traps for 2^64 - 1, 2^53 + 1 and 2^32 + small', () => {
    for (const a of [-1n, (1n << 53n) + 1n, (1n << 32n) + 5n, 65536n]) {
      expect(() => call('load', a), String(a)).toThrow(oob);
      expect(() => call('store', a), String(a)).toThrow(oob);
    }
    expect(() => call('constFar')).toThrow(oob);
  });

  it('traps for an offset near 2^64 even at address 0', () => {
    expect(() => call('loadFar', 0n)).toThrow(oob);
    // address + offset wraps past 2^64 in 64 bits, but the spec's sum does not wrap
    expect(() => call('loadFar', 0x100n)).toThrow(oob);
  });

  it('reaches the last byte and traps one past it', () => {
    call('store', 65535n);
    expect(call('load', 65535n)).toEqual([7]);
    expect(() => call('load32', 65533n)).toThrow(oob);
    expect(call('load32', 65532n)).toEqual([7 << 24]);
  });

  it('bounds bulk operations by the i64 length', () => {
    expect(() => call('fill', 0n, 1n << 32n)).toThrow(oob);
    expect(() => call('fill', 1n, -1n)).toThrow(oob);
    call('fill', 0n, 0n);
    expect(() => call('fill', 65537n, 0n)).toThrow(oob);
  });
});
