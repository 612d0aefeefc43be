/**
 * The committed C SDK example (sdk/build/c-pid.wasm, built from sdk/c/examples/pid.c) is a device
 * module of exactly 16 KiB of memory: `wasmlet budget` passes it at a 16 KiB memory budget, and
 * `wasmlet sim` on the heater brings the temperature to the setpoint without overshoot.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './fixtures/device/load.js';

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/wasmlet.js', ...args], { encoding: 'utf8' });
const C_PID = `${ROOT}/sdk/build/c-pid.wasm`;

describe('the C SDK heater PID', () => {
  it('passes wasmlet budget at 16 KiB of memory', () => {
    const r = run('budget', C_PID, '--plant', 'heater', '--steps', '1000', '--memory', '16384', '--stack', '1024', '--fuel-per-step', '2000');
    expect(r.stdout).toMatch(/ok\s+memory\s+16384 bytes \/ 16384 bytes/);
    expect(r.stdout).toMatch(/within budget/);
    expect(r.status).toBe(0);
  });

  it('reaches the heater setpoint in wasmlet sim', () => {
    const r = run('sim', '--plant', 'heater', '--module', C_PID, '--param', '0=60', '--duration', '300', '--max-memory', '16384', '--json');
    expect(r.status).toBe(0);
    const rep = JSON.parse(r.stdout) as {
      final_state: string;
      faults: unknown[];
      control: { overshoot_pct: number; settling_time_s: number | null; steady_state_error: number };
      peak: { memory_bytes: number };
    };
    expect(rep.final_state).toBe('running');
    expect(rep.faults).toEqual([]);
    expect(rep.peak.memory_bytes).toBe(16384);
    expect(rep.control.overshoot_pct).toBeLessThan(5);
    expect(rep.control.settling_time_s).not.toBeNull();
    expect(rep.control.settling_time_s!).toBeLessThan(120);
    expect(rep.control.steady_state_error).toBeLessThan(0.5);
  });
});
