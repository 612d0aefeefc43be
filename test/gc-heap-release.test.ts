/**
 * GC heap budget: programs doing 10^6 allocations whose objects become garbage run under a
 * budget far smaller than their total allocation, because an allocation over the budget first
 * counts what is still reachable (GcHeap.trace) instead of trapping on the not-yet-released
 * over-count (FinalizationRegistry releases only after the call returns to the event loop).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store } from '../core/index.js';
import { watGc } from './helpers/wat-gc.js';

const load = (name: string) => compile(watGc(readFileSync(new URL(`./fixtures/gc/${name}.wat`, import.meta.url), 'utf8')));
const BUDGET = 256 * 1024;

describe('GC heap budget releases garbage', () => {
  it('a linked list built and summed 1000 times (10^6 nodes) fits a 256 KiB budget', () => {
    const store = new Store({ maxGcHeapBytes: BUDGET });
    const inst = new Linker().instantiate(store, load('list'));
    expect(store.invoke(inst.func('run'), 1000, 1000)).toEqual([1000 * 500500]);
    const s = store.stats;
    expect(s.gcObjects).toBe(1_000_000);
    // a node: 16-byte header + i32 + reference = 28 bytes; 28 MB allocated in all
    expect(s.gcAllocatedBytes).toBe(28_000_000);
    expect(s.peakGcHeapBytes).toBeGreaterThan(28_000);
    expect(s.peakGcHeapBytes).toBeLessThanOrEqual(BUDGET);
    expect(store.counters.gc.traces).toBeGreaterThan(0);
  });

  it('a binary tree of 1023 nodes built and counted 1000 times fits a 256 KiB budget', () => {
    const store = new Store({ maxGcHeapBytes: BUDGET });
    const inst = new Linker().instantiate(store, load('tree'));
    expect(store.invoke(inst.func('run'), 1000, 9)).toEqual([1023 * 1000]);
    expect(store.stats.gcObjects).toBe(1_023_000);
    expect(store.stats.peakGcHeapBytes).toBeLessThanOrEqual(BUDGET);
  });
});
