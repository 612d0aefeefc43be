/**
 * memory64 composes with multiple memories: a 64-bit memory as memory 1 beside a 32-bit memory 0
 * takes i64 addresses through the other-memory ops, and memory.copy between the two takes the
 * smaller address type's length (i32), with exact bounds on both sides.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, instantiate, invokeRaw, Store } from '../core/index.js';

// fixture: test/fixtures/core/memory64-two-memories.wat, built by its build.sh
const mod = compile(readFileSync('test/fixtures/core/memory64-two-memories.wasm'));

describe('memory64 with multiple memories', () => {
  const store = new Store();
  const inst = instantiate(store, mod, []);
  const call = (n: string, ...a: (number | bigint)[]) => invokeRaw(store, inst.func(n), a);
  const oob = /out of bounds memory access/;

  it('loads and stores memory 1 by i64 address', () => {
    call('store64', 65532n, 0x12345678);
    expect(call('load64', 65532n)).toEqual([0x12345678]);
    expect(() => call('load64', 65533n)).toThrow(oob);
    expect(() => call('load64', (1n << 32n) + 65532n)).toThrow(oob);
  });

  it('grows memory 1 in i64 pages', () => {
    expect(call('grow64', 1n)).toEqual([1n]);
    expect(call('size64')).toEqual([2n]);
    expect(call('load64', 65536n + 65532n)).toEqual([0]);
  });

  it('copies from the 64-bit memory into the 32-bit one', () => {
    call('copy64to32', 100, 65532n, 4);
    expect(call('load32', 100)).toEqual([0x12345678]);
    expect(() => call('copy64to32', 0, (1n << 32n), 0)).toThrow(oob);
    expect(() => call('copy64to32', 65533, 0n, 4)).toThrow(oob);
  });
});
