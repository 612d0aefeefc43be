/** The budget report: peaks of call depth, stack, memory and fuel per call, checked by the helper. */
import { describe, expect, it } from 'vitest';
import { assertWithinBudget, BudgetError, checkBudget, compile, Linker, Store } from '../core/index.js';
import { wat } from './helpers/wat.js';

const mod = compile(
  wat(`(module (memory 1)
    (func $f (export "f") (param i32) (result i32)
      local.get 0 i32.eqz if (result i32) i32.const 0 else local.get 0 i32.const 1 i32.sub call $f i32.const 1 i32.add end))`),
);

describe('budget report', () => {
  it('reports peaks and totals and checks them against a budget', () => {
    const store = new Store({ metering: true });
    const inst = new Linker().instantiate(store, mod);
    store.invoke(inst.func('f'), 10);
    store.invoke(inst.func('f'), 3);
    const s = store.stats;
    expect(s.peakCallDepth).toBe(11);
    expect(s.calls).toBe(2);
    expect(s.memoryBytes).toBe(65536);
    expect(s.peakStackBytes).toBeGreaterThan(0);
    expect(s.peakFuelPerCall).toBeGreaterThan(0);
    expect(s.fuelConsumed).toBeGreaterThan(s.peakFuelPerCall);
    expect(checkBudget(s, { memoryBytes: 65536, callDepth: 11 }).ok).toBe(true);
    expect(() => assertWithinBudget(s, { memoryBytes: 64 * 1024, stackBytes: 8 * 1024, fuelPerCall: 10, callDepth: 100 })).toThrow(BudgetError);
    expect(() => assertWithinBudget(s, { fuelPerCall: 10 })).toThrow(/OVER fuel per call/);
    store.resetStats();
    expect(store.stats.calls).toBe(0);
  });
});
