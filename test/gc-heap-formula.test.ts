/**
 * GC heap accounting: each allocation is charged by the documented formula (16-byte header, then
 * per field or element: i8 1, i16 2, i32/f32 4, i64/f64 8, v128 16, reference 8 bytes), reported
 * by store.stats beside linear memory, and under metering costs one more fuel unit per 16 bytes.
 */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store } from '../core/index.js';
import { watGc } from './helpers/wat-gc.js';

const mod = compile(
  watGc(`(module
    (type $s (struct (field i8) (field i64) (field anyref)))
    (type $a (array (mut i16)))
    (global $keep (mut anyref) (ref.null any))
    (func (export "struct") (global.set $keep (struct.new_default $s)))
    (func (export "array") (param i32) (global.set $keep (array.new_default $a (local.get 0)))))`),
);

describe('GC heap accounting', () => {
  it('charges a struct and an array by the formula and reports them in store.stats', () => {
    const store = new Store({ maxGcHeapBytes: 1 << 20 });
    const inst = new Linker().instantiate(store, mod);
    store.invoke(inst.func('struct'));
    expect(store.stats.gcAllocatedBytes).toBe(16 + 1 + 8 + 8);
    expect(store.stats.gcHeapBytes).toBe(33);
    store.invoke(inst.func('array'), 10);
    expect(store.stats.gcAllocatedBytes).toBe(33 + 16 + 10 * 2);
    expect(store.stats.peakGcHeapBytes).toBe(69);
    expect(store.stats.gcObjects).toBe(2);
  });

  it('without a budget counts allocations but keeps no heap account', () => {
    const store = new Store({ maxGcHeapBytes: Infinity });
    const inst = new Linker().instantiate(store, mod);
    store.invoke(inst.func('array'), 100);
    expect(store.stats.gcAllocatedBytes).toBe(216);
    expect(store.stats.gcHeapBytes).toBe(0);
    expect(store.stats.peakGcHeapBytes).toBe(0);
  });

  it('charges fuel by size under metering: one unit per 16 bytes allocated', () => {
    const store = new Store({ metering: true });
    const inst = new Linker().instantiate(store, mod);
    const cost = (n: number) => {
      store.setFuel(1_000_000);
      store.invoke(inst.func('array'), n);
      return 1_000_000 - store.getFuel();
    };
    // 16 + 2·n bytes: n = 0 costs ceil(16/16) = 1 unit for the allocation, n = 800 ceil(1616/16) = 101
    expect(cost(800) - cost(0)).toBe(100);
  });
});
