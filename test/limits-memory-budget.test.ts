/**
 * Memory budgets: too-large initial memory fails to instantiate with a LimitError naming module,
 * memory and sizes; memory.grow stops at the budget with -1; memory is reserved once, so a host
 * view taken before growth stays valid.
 */
import { describe, expect, it } from 'vitest';
import { compile, LimitError, Linker, Store } from '../core/index.js';
import { wat } from './helpers/wat.js';

describe('memory budget', () => {
  it('refuses a module whose initial memory exceeds the budget', () => {
    const mod = compile(wat('(module (memory 4))'), { name: 'big.wasm' });
    const store = new Store({ maxMemoryBytes: 2 * 65536 });
    expect(() => new Linker().instantiate(store, mod)).toThrow(LimitError);
    expect(() => new Linker().instantiate(store, mod)).toThrow(/module big\.wasm memory 0: initial size 262144 bytes \(4 pages\) exceeds the memory budget of 131072 bytes/);
  });

  it('grows up to the budget, then returns -1, without moving memory', () => {
    const mod = compile(
      wat(`(module (memory (export "mem") 1)
        (func (export "grow") (result i32) i32.const 1 memory.grow)
        (func (export "poke") (param i32 i32) local.get 0 local.get 1 i32.store))`),
    );
    const store = new Store({ maxMemoryBytes: 4 * 65536 });
    const inst = new Linker().instantiate(store, mod);
    const mem = inst.memory('mem');
    const early = mem.u8; // a host view taken before growth
    const results: unknown[] = [];
    for (let i = 0; i < 5; i++) results.push(store.invoke(inst.func('grow'))[0]);
    expect(results).toEqual([1, 2, 3, -1, -1]);
    expect(mem.byteLength).toBe(4 * 65536);
    store.invoke(inst.func('poke'), 16, 0x01020304);
    expect(early[16]).toBe(4); // still the same memory
    expect(mem.buffer.byteLength).toBe(4 * 65536); // reserved once
    expect(store.stats.memoryBytes).toBe(4 * 65536);
  });
});
