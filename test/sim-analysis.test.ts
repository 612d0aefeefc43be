/** Control-quality metrics on synthetic responses with known closed forms. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../firmware-sim/analysis.js';
import { Trace } from '../firmware-sim/trace.js';

function traceOf(f: (t: number) => number, dt: number, T: number, setpoint = 1, out: (t: number) => number = () => 0.5): Trace {
  const tr = new Trace(16);
  for (let i = 0; i * dt < T - 1e-12; i++) {
    const t = i * dt;
    tr.record(t, setpoint, f(t), f(t), out(t), out(t) >= 1, true, 100 + (i % 3), 1);
  }
  return tr;
}

describe('control-quality analysis', () => {
  it('first-order response: rise τ·ln 9, settling τ·ln 50, no overshoot, IAE τ', () => {
    const c = analyze(traceOf((t) => 1 - Math.exp(-t), 0.001, 12), 0.001);
    expect(c.riseTimeS!).toBeCloseTo(Math.log(9), 3);
    expect(c.settlingTimeS!).toBeCloseTo(Math.log(50), 2);
    expect(c.overshootPct).toBe(0);
    expect(c.steadyStateError!).toBeLessThan(1e-4);
    expect(c.iae).toBeCloseTo(1, 2);
    expect(c.saturationS).toBe(0);
    expect(c.fuelPerStep).toEqual({ mean: expect.closeTo(101, 2), p50: 101, p99: 102, max: 102 });
  });

  it('underdamped second order (ζ = 0.5): overshoot 16.3 %', () => {
    const z = 0.5;
    const wd = Math.sqrt(1 - z * z);
    const y = (t: number) => 1 - Math.exp(-z * t) * (Math.cos(wd * t) + (z / wd) * Math.sin(wd * t));
    const c = analyze(traceOf(y, 0.001, 20), 0.001);
    expect(c.overshootPct!).toBeCloseTo(100 * Math.exp((-Math.PI * z) / wd), 1);
    expect(c.settlingTimeS!).toBeGreaterThan(5);
    expect(c.settlingTimeS!).toBeLessThan(9);
  });

  it('a downward step is measured the same way', () => {
    const c = analyze(traceOf((t) => 1 + Math.exp(-t), 0.001, 12), 0.001);
    expect(c.step.initial).toBe(2);
    expect(c.riseTimeS!).toBeCloseTo(Math.log(9), 3);
    expect(c.overshootPct).toBe(0);
  });

  it('never reaching the setpoint: no rise or settling time, a steady-state error', () => {
    const c = analyze(traceOf((t) => 0.5 * (1 - Math.exp(-t)), 0.01, 20), 0.01);
    expect(c.riseTimeS).toBeNull();
    expect(c.settlingTimeS).toBeNull();
    expect(c.steadyStateError!).toBeCloseTo(0.5, 3);
  });

  it('counts time at an actuator limit as saturation', () => {
    const c = analyze(traceOf((t) => 1 - Math.exp(-t), 0.01, 10, 1, (t) => (t < 2 ? 1 : 0.5)), 0.01);
    expect(c.saturationS).toBeCloseTo(2, 6);
  });
});
