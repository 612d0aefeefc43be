/** `wasmlet sim` as a user meets it: text and JSON reports, the SVG plot, faults, usage errors. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, loopPath } from './fixtures/device/load.js';

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/wasmlet.js', ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'wasmlet-sim-'));

describe('wasmlet sim', () => {
  it('--json prints exactly one report with the documented snake_case fields', () => {
    const r = run('sim', '--plant', 'heater', '--module', loopPath('heater-pid'), '--duration', '200', '--param', '0=45', '--seed', '7', '--json');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ plant: 'heater', module: 'heater-pid.wasm', steps: 2000, duration_s: 200, final_state: 'running', faults: [], seed: 7, params: { 0: 45 } });
    expect(Object.keys(j.control).sort()).toEqual(['iae', 'overshoot_pct', 'rise_time_s', 'saturation_s', 'settling_time_s', 'steady_state_error']);
    expect(Object.keys(j.peak).sort()).toEqual(['call_depth', 'fuel_per_step', 'memory_bytes', 'value_stack_bytes']);
    expect(j.control.overshoot_pct).toBeLessThan(5);
    expect(j.control.steady_state_error).toBeLessThan(0.5);
    expect(j.peak.memory_bytes).toBe(65536);
    expect(j.peak.call_depth).toBeGreaterThan(0);
    expect(j.peak.fuel_per_step).toBeGreaterThan(0);
    // deterministic: the same command gives the same trace
    expect(JSON.parse(run('sim', '--plant', 'heater', '--module', loopPath('heater-pid'), '--duration', '200', '--param', '0=45', '--seed', '7', '--json').stdout).trace_sha256).toBe(j.trace_sha256);
  });

  it('prints a text report for people and writes a readable SVG plot', () => {
    const svg = join(dir, 'motor.svg');
    const r = run('sim', '--plant', 'motor', '--module', loopPath('motor-pi'), '--period', '0.005', '--plot', svg);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/wasmlet sim: motor-pi\.wasm on DC motor/);
    expect(r.stdout).toMatch(/1000 steps every 0\.005 s/);
    expect(r.stdout).toMatch(/settling time \(±2 %\)\s+\d/);
    expect(r.stdout).toMatch(/state: running, no faults/);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('time (s)');
    expect(text).toContain('speed (rad/s)');
    expect(text).toContain('voltage (V)');
    expect(text).toContain('setpoint');
    expect(text).toContain('process value (speed)');
    expect(text).toMatch(/<path d="M[\d.]+ [\d.]+L/);
  });

  it('a faulting module: report with the fault, safe state, exit 1', () => {
    const mod = join(dir, 'spin.wasm');
    writeFileSync(mod, fixture('spin'));
    const svg = join(dir, 'spin.svg');
    const r = run('sim', '--plant', 'heater', '--module', mod, '--duration', '5', '--fuel-per-step', '2000', '--json', '--plot', svg);
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.final_state).toBe('faulted');
    expect(j.faults).toHaveLength(1);
    expect(j.faults[0]).toMatchObject({ step: 10, time_s: 1, kind: 'out_of_fuel' });
    expect(j.faults[0].message).toMatch(/overrun: more than 2000 fuel/);
    expect(j.steps).toBe(11);
    expect(readFileSync(svg, 'utf8')).toContain('fault: out_of_fuel at 1 s');
    const t = run('sim', '--plant', 'heater', '--module', mod, '--duration', '5', '--fuel-per-step', '2000');
    expect(t.status).toBe(1);
    expect(t.stdout).toMatch(/state: FAULTED — actuators at their safe values \(heater power 0 %\)/);
    expect(t.stdout).toMatch(/fault at step 10 \(1 s\): out_of_fuel/);
  });

  it('--max-memory and --max-call-depth are enforced', () => {
    const grow = join(dir, 'grow.wasm');
    writeFileSync(grow, fixture('grow'));
    const j = JSON.parse(run('sim', '--plant', 'tank', '--module', grow, '--max-memory', String(3 * 65536), '--duration', '2', '--json').stdout);
    expect(j.faults[0]).toMatchObject({ step: 2, kind: 'memory_budget' });
    const rec = join(dir, 'recurse.wasm');
    writeFileSync(rec, fixture('recurse'));
    const k = JSON.parse(run('sim', '--plant', 'tank', '--module', rec, '--max-call-depth', '20', '--duration', '1', '--json').stdout);
    expect(k.faults[0]).toMatchObject({ step: 0, kind: 'call_stack_exhausted' });
    expect(k.peak.call_depth).toBeLessThanOrEqual(20);
  });

  it('refuses a module outside the ABI with one line naming the import, exit 1', () => {
    const bad = join(dir, 'bad.wasm');
    writeFileSync(bad, fixture('bad-import'));
    const r = run('sim', '--plant', 'heater', '--module', bad);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^wasmlet: module bad\.wasm imports "env" "abort", which is not part of the device ABI v1/);
  });

  it('usage errors exit 2 with one line', () => {
    for (const [args, msg] of [
      [['sim', '--module', loopPath('heater-pid')], /--plant is required/],
      [['sim', '--plant', 'boiler', '--module', 'x.wasm'], /unknown plant "boiler"/],
      [['sim', '--plant', 'heater'], /--module FILE\.wasm is required/],
      [['sim', '--plant', 'heater', '--module', loopPath('heater-pid'), '--param', 'x=1'], /--param must be ID=VALUE/],
      [['sim', '--plant', 'heater', '--module', loopPath('heater-pid'), '--duration=-3'], /--duration must be a positive number, got "-3"/],
      [['sim', '--plant', 'heater', '--module', loopPath('heater-pid'), '--bogus'], /bogus/],
    ] as const) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });
});
