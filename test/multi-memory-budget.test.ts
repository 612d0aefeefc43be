/**
 * Memory budgets with several memories: maxMemoryBytes bounds each memory, maxInstanceMemoryBytes
 * the memories one instance defines together (growth past it returns -1, an instance that starts
 * above it is refused with a LimitError naming the budget); memory.copy moves bytes between
 * memories; an imported memory counts against the instance that defined it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, Linker, LimitError, Store } from '../core/index.js';

// fixtures: test/fixtures/core/*.wat, built by its build.sh
const TWO = compile(readFileSync('test/fixtures/core/two-memories.wasm'));
const PAGE = 65536;

describe('budgets with several memories', () => {
  it('bounds each memory by maxMemoryBytes', () => {
    const store = new Store({ maxMemoryBytes: 2 * PAGE });
    const inst = new Linker().instantiate(store, TWO);
    expect(store.invoke(inst.func('grow_a'), 1)).toEqual([1]);
    expect(store.invoke(inst.func('grow_a'), 1)).toEqual([-1]);
    expect(store.invoke(inst.func('grow_b'), 1)).toEqual([1]);
    expect(store.invoke(inst.func('size_b'))).toEqual([2]);
  });

  it('bounds all of an instance\'s memories together by maxInstanceMemoryBytes', () => {
    const store = new Store({ maxInstanceMemoryBytes: 3 * PAGE });
    const inst = new Linker().instantiate(store, TWO);
    expect(store.invoke(inst.func('grow_b'), 1)).toEqual([1]);
    expect(store.invoke(inst.func('grow_a'), 1)).toEqual([-1]);
    expect(store.invoke(inst.func('size_b'))).toEqual([2]);
    expect(store.stats.memoryBytes).toBe(3 * PAGE);
  });

  it('refuses an instance whose memories start above the instance budget', () => {
    const store = new Store({ maxInstanceMemoryBytes: PAGE });
    expect(() => new Linker().instantiate(store, TWO)).toThrow(LimitError);
    expect(() => new Linker().instantiate(store, TWO)).toThrow(/instance memory budget of 65536 bytes \(65536 bytes in its other memories\)/);
  });

  it('copies between memories with memory.copy', () => {
    const store = new Store();
    const inst = new Linker().instantiate(store, TWO);
    store.invoke(inst.func('put_a'), 100, 0x11223344);
    store.invoke(inst.func('copy_a_to_b'), 8, 100, 4);
    expect(store.invoke(inst.func('get_b'), 8)).toEqual([0x11223344]);
    expect(() => store.invoke(inst.func('copy_a_to_b'), PAGE - 2, 100, 4)).toThrow(/out of bounds memory access/);
  });

  it('counts an imported memory against the instance that defined it', () => {
    const store = new Store({ maxInstanceMemoryBytes: 2 * PAGE });
    const owner = new Linker().instantiate(store, TWO);
    const user = compile(readFileSync('test/fixtures/core/imports-a-memory.wasm'));
    const inst = new Linker().define('m', 'a', owner.exports.get('a')!).instantiate(store, user);
    // the user's own memory may use its instance's whole budget; memory "a" is the owner's
    expect(store.invoke(inst.func('grow_own'), 1)).toEqual([1]);
    expect(store.invoke(inst.func('grow_own'), 1)).toEqual([-1]);
  });
});
