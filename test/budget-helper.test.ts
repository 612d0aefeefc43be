/** The budget check as a helper for users' test suites. */
import { describe, expect, it } from 'vitest';
import { assertDeviceWithinBudget, checkDeviceBudget, DeviceBudgetError } from '../firmware-sim/budget.js';
import { fixture, loop } from './fixtures/device/load.js';

describe('assertDeviceWithinBudget', () => {
  it('returns the check when within budget', () => {
    const c = assertDeviceWithinBudget(loop('tank-level'), { plant: 'tank', steps: 300, budget: { memoryBytes: 65536, stackBytes: 1024, fuelPerStep: 500, callDepth: 8 } });
    expect(c.ok).toBe(true);
    expect(c.steps).toBe(300);
    expect(c.lines.map((l) => l.what)).toEqual(['memory', 'value stack', 'fuel per step', 'call depth', 'GC heap']);
  });

  it('throws a DeviceBudgetError listing what exceeded', () => {
    let err: unknown;
    try {
      assertDeviceWithinBudget(loop('heater-pid'), { plant: 'heater', steps: 100, budget: { fuelPerStep: 10 } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DeviceBudgetError);
    expect((err as DeviceBudgetError).message).toMatch(/OVER\s+fuel per step/);
    expect((err as DeviceBudgetError).check.lines.find((l) => l.what === 'fuel per step')!.ok).toBe(false);
  });

  it('measures growth instead of cutting it off', () => {
    const c = checkDeviceBudget(fixture('grow'), { plant: 'heater', steps: 5, budget: { memoryBytes: 65536 } });
    expect(c.ok).toBe(false);
    expect(c.lines[0]).toMatchObject({ what: 'memory', used: 6 * 65536, limit: 65536, ok: false });
    expect(c.faults).toEqual([]);
  });
});
