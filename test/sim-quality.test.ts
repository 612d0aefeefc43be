/**
 * Each example control loop meets its stated quality targets on its plant (default setpoints,
 * periods, durations and sensor noise; seed 1). The targets are the ones in docs/device-abi.md.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../firmware-sim/simulate.js';
import { loop } from './fixtures/device/load.js';

describe('control quality of the example loops', () => {
  it('heater PID: 20 → 50 °C, overshoot < 5 %, settles (±2 %) within 90 s, steady-state error < 0.5 °C', () => {
    const r = simulate({ plant: 'heater', module: loop('heater-pid'), moduleName: 'heater-pid.wasm' });
    expect(r.finalState).toBe('running');
    expect(r.faults).toEqual([]);
    const c = r.control;
    expect(c.step).toEqual({ fromS: 0, initial: 20, setpoint: 50 });
    expect(c.overshootPct!).toBeLessThan(5);
    expect(c.settlingTimeS!).toBeLessThan(90);
    expect(c.riseTimeS!).toBeLessThan(60);
    expect(c.steadyStateError!).toBeLessThan(0.5);
    // full power while far below the setpoint, then off the limit
    expect(c.saturationS).toBeGreaterThan(10);
    expect(c.saturationS).toBeLessThan(60);
    expect(r.peaks.fuelPerStep).toBeLessThan(1000);
  });

  it('heater PID rejects a 100 W heat-loss disturbance (back within ±2 % by the end)', () => {
    const r = simulate({ plant: 'heater', module: loop('heater-pid'), durationS: 400, disturbances: [{ atS: 200, value: 100 }] });
    const t = r.trace;
    let dip = Infinity;
    for (let i = 2000; i < t.length; i++) dip = Math.min(dip, t.pv[i]!);
    expect(dip).toBeLessThan(49.5); // the disturbance is felt
    expect(r.control.steadyStateError!).toBeLessThan(0.5);
    expect(Math.abs(t.pv[t.length - 1]! - 50)).toBeLessThan(1);
  });

  it('motor PI: 0 → 0.8 rad/s, overshoot < 5 %, settles within 2 s, steady-state error < 0.01 rad/s', () => {
    const r = simulate({ plant: 'motor', module: loop('motor-pi') });
    expect(r.finalState).toBe('running');
    const c = r.control;
    expect(c.overshootPct!).toBeLessThan(5);
    expect(c.settlingTimeS!).toBeLessThan(2);
    expect(c.steadyStateError!).toBeLessThan(0.01);
  });

  it('tank level: 0 → 1 m, overshoot < 10 %, settles within 45 s, steady-state error < 0.01 m', () => {
    const r = simulate({ plant: 'tank', module: loop('tank-level') });
    expect(r.finalState).toBe('running');
    const c = r.control;
    expect(c.overshootPct!).toBeLessThan(10);
    expect(c.settlingTimeS!).toBeLessThan(45);
    expect(c.steadyStateError!).toBeLessThan(0.01);
  });

  it('tank level follows a setpoint change (analysed from the change)', () => {
    const r = simulate({ plant: 'tank', module: loop('tank-level'), durationS: 200, paramChanges: [{ atS: 100, id: 0, value: 1.5 }] });
    const c = r.control;
    expect(c.step.fromS).toBeCloseTo(100, 6);
    expect(c.step.setpoint).toBe(1.5);
    expect(c.settlingTimeS!).toBeLessThan(60);
    expect(c.steadyStateError!).toBeLessThan(0.01);
  });

  it('bang-bang thermostat: holds 50 °C within the hysteresis band (±0.5 °C plus noise) after warm-up', () => {
    const r = simulate({ plant: 'heater', module: loop('thermostat') });
    const t = r.trace;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < t.length; i++) {
      if (t.time[i]! < 60) continue;
      lo = Math.min(lo, t.pv[i]!);
      hi = Math.max(hi, t.pv[i]!);
    }
    expect(lo).toBeGreaterThan(48.5);
    expect(hi).toBeLessThan(51.5);
    // on/off control is always at a limit
    expect(r.control.saturationS).toBeCloseTo(r.durationS, 6);
    expect(r.control.steadyStateError!).toBeLessThan(1);
    expect(r.peaks.fuelPerStep).toBeLessThan(100);
  });
});
