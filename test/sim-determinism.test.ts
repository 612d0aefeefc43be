/** Same seed and inputs → bit-identical traces; a different seed changes the noise. */
import { describe, expect, it } from 'vitest';
import { simulate } from '../firmware-sim/simulate.js';
import { loop } from './fixtures/device/load.js';

describe('determinism', () => {
  it('two runs with the same seed give bit-identical traces', () => {
    const opts = { plant: 'heater' as const, module: loop('heater-pid'), durationS: 60, seed: 42, sensor: { noise: 0.2, delayS: 0.5 }, disturbances: [{ atS: 30, value: 50 }] };
    const a = simulate(opts);
    const b = simulate(opts);
    expect(a.digest).toBe(b.digest);
    expect(Buffer.from(a.trace.measured.buffer, 0, a.trace.length * 8).equals(Buffer.from(b.trace.measured.buffer, 0, b.trace.length * 8))).toBe(true);
    expect(a.control).toMatchObject({ ...b.control, stepTimeUs: expect.anything() });
  });

  it('a different seed gives different noise but the same plant behaviour within tolerance', () => {
    const a = simulate({ plant: 'motor', module: loop('motor-pi'), seed: 1 });
    const b = simulate({ plant: 'motor', module: loop('motor-pi'), seed: 2 });
    expect(a.digest).not.toBe(b.digest);
    expect(a.trace.measured[10]).not.toBe(b.trace.measured[10]);
    expect(Math.abs(a.control.settlingTimeS! - b.control.settlingTimeS!)).toBeLessThan(0.2);
  });

  it('sensor delay shifts the reading by whole periods; noise has the requested spread', () => {
    const r = simulate({ plant: 'heater', module: loop('heater-pid'), durationS: 30, sensor: { noise: 0, delayS: 0.3 } });
    const t = r.trace;
    for (let i = 3; i < t.length; i++) expect(t.measured[i]).toBe(t.pv[i - 3]);
    const n = simulate({ plant: 'heater', module: loop('thermostat'), durationS: 100, sensor: { noise: 0.5 } });
    let s2 = 0;
    for (let i = 0; i < n.trace.length; i++) s2 += (n.trace.measured[i]! - n.trace.pv[i]!) ** 2;
    expect(Math.sqrt(s2 / n.trace.length)).toBeGreaterThan(0.45);
    expect(Math.sqrt(s2 / n.trace.length)).toBeLessThan(0.55);
  });
});
