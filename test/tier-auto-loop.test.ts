/**
 * Hotness under `auto`: a function with a loop is compiled at its first call, so a function
 * called once that loops long (a `main`) runs compiled; a loop-free function is compiled only
 * once it is called AUTO_HOT_CALLS times. Results and fuel stay the interpreter's.
 */
import { describe, expect, it } from 'vitest';
import { AUTO_HOT_CALLS, compile, Linker, Store, tierStats } from '../core/compiled/index.js';
import { wat } from './helpers/wat.js';

const src = wat(`(module
  (func $step (param i32) (result i32) local.get 0 i32.const 1103515245 i32.mul i32.const 12345 i32.add)
  (func (export "main") (param $n i32) (result i32) (local $x i32)
    (loop $l
      local.get $x local.get $n i32.xor i32.const 31 i32.rotl local.set $x
      local.get $n i32.const 1 i32.sub local.tee $n
      br_if $l)
    local.get $x)
  (func (export "leaf") (param i32) (result i32) local.get 0 call $step))`);

function fresh(tier: 'interpreter' | 'auto') {
  const store = new Store({ tier, metering: true });
  store.setFuel(1e12);
  return { store, inst: new Linker().instantiate(store, compile(src)) };
}

describe('auto: loop hotness', () => {
  it('compiles a looping function at its first call, a loop-free one only when called again', () => {
    const { store, inst } = fresh('auto');
    const before = tierStats.compiled;
    const main = store.invoke(inst.func('main'), 1_000_000)[0];
    expect(tierStats.compiled - before).toBe(1);
    // leaf and $step: loop-free, interpreted until their AUTO_HOT_CALLS-th call
    expect(AUTO_HOT_CALLS).toBeGreaterThan(1);
    store.invoke(inst.func('leaf'), 1);
    expect(tierStats.compiled - before).toBe(1);
    for (let i = 1; i < AUTO_HOT_CALLS; i++) store.invoke(inst.func('leaf'), 1);
    expect(tierStats.compiled - before).toBe(2);
    // $step's calls count from compiled callers (the interpreter calls it without the tier)
    for (let i = 1; i < AUTO_HOT_CALLS; i++) store.invoke(inst.func('leaf'), 1);
    expect(tierStats.compiled - before).toBe(3);
    const ref = fresh('interpreter');
    expect(main).toBe(ref.store.invoke(ref.inst.func('main'), 1_000_000)[0]);
    expect(store.invoke(inst.func('leaf'), 7)[0]).toBe(ref.store.invoke(ref.inst.func('leaf'), 7)[0]);
  });

  it('keeps the fuel count of the interpreter', () => {
    const used = (['interpreter', 'auto'] as const).map((tier) => {
      const { store, inst } = fresh(tier);
      store.invoke(inst.func('main'), 100_000);
      return 1e12 - store.getFuel();
    });
    expect(used[0]).toBeGreaterThan(100_000);
    expect(used[1]).toBe(used[0]);
  });
});
