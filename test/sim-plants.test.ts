/** Plant models reach their analytic steady states and respond with their time constants. */
import { describe, expect, it } from 'vitest';
import { Heater, Motor, Tank } from '../firmware-sim/plants.js';

const hold = (v: number) => Float64Array.of(v);

describe('plant models', () => {
  it('heater: T∞ = T_amb + P·R·u/100, time constant R·C', () => {
    const h = new Heater();
    const u = hold(40);
    h.advance(100, u, 0); // one time constant (R·C = 100 s)
    const Tinf = 20 + 400 * 0.25 * 0.4;
    expect(h.output()).toBeCloseTo(20 + (Tinf - 20) * (1 - Math.exp(-1)), 4);
    for (let i = 0; i < 300; i++) h.advance(10, u, 0);
    expect(h.output()).toBeCloseTo(Tinf, 6);
    h.advance(2000, u, 100); // 100 W of extra loss lowers it by 100·R
    expect(h.output()).toBeCloseTo(Tinf - 25, 4);
  });

  it('DC motor (classic parameters): ω∞ = K·V / (R·b + K²)', () => {
    const m = new Motor();
    for (let i = 0; i < 1000; i++) m.advance(0.01, hold(12), 0);
    expect(m.output()).toBeCloseTo((0.01 * 12) / (1 * 0.1 + 0.01 * 0.01), 6);
    expect(m.i).toBeCloseTo((12 - 0.01 * m.w) / 1, 6);
  });

  it('tank: h∞ = (q_in / a)² / (2g), bounded by 0 and h_max', () => {
    const t = new Tank();
    for (let i = 0; i < 5000; i++) t.advance(0.1, hold(0.5), 0);
    expect(t.output()).toBeCloseTo((0.01 / 0.002) ** 2 / (2 * 9.81), 4);
    for (let i = 0; i < 5000; i++) t.advance(0.1, hold(1), 0);
    expect(t.output()).toBe(2); // overflows at h_max
    for (let i = 0; i < 5000; i++) t.advance(0.1, hold(0), 0);
    expect(t.output()).toBeGreaterThanOrEqual(0);
    expect(t.output()).toBeLessThan(1e-3);
  });
});
