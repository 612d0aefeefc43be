/**
 * GC heap budget: an allocation bomb that keeps what it allocates is stopped by the budget with
 * the typed trap gc_heap_exhausted before the host runs out of memory, and the process stays
 * small; one that drops each array at once runs to its end under the same budget.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap, TrapCode } from '../core/index.js';
import { watGc } from './helpers/wat-gc.js';

const mod = compile(watGc(readFileSync(new URL('./fixtures/gc/bomb.wat', import.meta.url), 'utf8')));
const BUDGET = 32 * 1024 * 1024;
const MB = 1024 * 1024;

describe('GC allocation bomb', () => {
  it('traps with gc_heap_exhausted at the budget while RSS stays bounded', () => {
    const store = new Store({ maxGcHeapBytes: BUDGET });
    const inst = new Linker().instantiate(store, mod);
    const rss0 = process.memoryUsage().rss;
    let err: unknown;
    try {
      store.invoke(inst.func('retain'), 1_000_000); // would be 1 TB
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Trap);
    expect((err as Trap).trap).toBe(TrapCode.GcHeapExhausted);
    expect((err as Trap).kind).toBe('gc_heap_exhausted');
    // 1 MB arrays (16 + 10^6 bytes) and 32-byte cells (16 + two references): 33 pairs fit in 32 MiB
    expect(store.stats.gcObjects).toBe(33 * 2);
    expect(store.stats.peakGcHeapBytes).toBeLessThanOrEqual(BUDGET);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(BUDGET + 64 * MB);
  });

  it('an allocation loop that keeps nothing runs to its end under the same budget', () => {
    const store = new Store({ maxGcHeapBytes: BUDGET });
    const inst = new Linker().instantiate(store, mod);
    const rss0 = process.memoryUsage().rss;
    expect(store.invoke(inst.func('drop'), 500)).toEqual([500 * 1_000_000]);
    expect(store.stats.gcAllocatedBytes).toBe(500 * 1_000_016);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(BUDGET + 128 * MB);
  });
});

describe('GC heap after a budget trap', () => {
  it('counts again on the next allocation: once the bomb is dropped, the store allocates again', () => {
    const store = new Store({ maxGcHeapBytes: BUDGET });
    const inst = new Linker().instantiate(store, mod);
    expect(() => store.invoke(inst.func('retain'), 1_000_000)).toThrow(Trap);
    // the trapped call's chain is unreachable now (only stale stack slots may hold part of it)
    expect(store.invoke(inst.func('drop'), 10)).toEqual([10 * 1_000_000]);
  });
});
