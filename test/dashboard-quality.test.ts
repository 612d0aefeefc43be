/**
 * The device view's control-quality figures (web/dashboard/quality.ts) over a window of samples:
 * error statistics, steady-state error over the last tenth, overshoot after the latest setpoint
 * step as a percentage of the step, and the share of samples with the actuator at a limit.
 */
import { describe, expect, it } from 'vitest';
import type { Sample } from '../bin/dashboard/protocol.js';
import { quality } from '../web/dashboard/quality.js';

describe('dashboard control quality', () => {
  it('computes the figures of a setpoint step', () => {
    const s: Sample[] = [];
    for (let i = 0; i < 10; i++) s.push([i, 20, 20, 0]); // settled at 20
    // step to 50: rises, overshoots to 53 (10 % of the 30 step), settles at 50
    const pv = [20, 30, 40, 48, 53, 51, 50, 50, 50, 50];
    pv.forEach((v, k) => s.push([10 + k, 50, v, k < 3 ? 100 : 40]));
    const q = quality(s, 0, 100);
    expect(q.samples).toBe(20);
    expect(q.overshootPct).toBeCloseTo(10, 9);
    expect(q.steadyStateError).toBe(0);
    expect(q.meanAbsError).toBeCloseTo((30 + 20 + 10 + 2 + 3 + 1) / 20, 9);
    expect(q.saturation).toBeCloseTo((10 + 3) / 20, 9); // u = 0 (min) for 10 samples, 100 (max) for 3
  });

  it('has no overshoot without a step and nothing without samples', () => {
    expect(quality([[0, 50, 49, 10], [1, 50, 51, 10]], 0, 100).overshootPct).toBeNull();
    expect(quality([])).toEqual({ samples: 0, meanAbsError: null, rmsError: null, steadyStateError: null, overshootPct: null, saturation: null });
  });
});
