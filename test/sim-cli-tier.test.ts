/**
 * `wasmlet sim --tier`: the same simulation on every tier (the JSON report's trace digest, fuel
 * per step and peaks are bit-for-bit the interpreter's), a bad tier a usage error, and `compiled`
 * where node disallows code generation an error saying why.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loopPath } from './fixtures/device/load.js';

const run = (args: string[], node: string[] = []) => spawnSync(process.execPath, [...node, 'bin/wasmlet.js', 'sim', ...args], { encoding: 'utf8' });
const base = ['--plant', 'heater', '--module', loopPath('heater-pid'), '--duration', '60', '--json'];

describe('wasmlet sim --tier', () => {
  it('runs the same simulation on interpreter, compiled and auto', () => {
    const reports = (['interpreter', 'compiled', 'auto'] as const).map((tier) => {
      const r = run([...base, '--tier', tier]);
      expect(r.status, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout);
      return { digest: j.trace_sha256, steps: j.steps, fuel: j.step_stats.fuel, peak: j.peak, control: j.control, state: j.final_state };
    });
    expect(reports[0]!.steps).toBe(600);
    expect(reports[0]!.fuel.max).toBeGreaterThan(0);
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[2]).toEqual(reports[0]);
  });

  it('rejects an unknown tier; compiled without code generation fails with the reason', () => {
    const bad = run([...base, '--tier', 'turbo']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('wasmlet: --tier must be one of interpreter, compiled, auto, got "turbo"\n');
    const c = run([...base, '--tier', 'compiled'], ['--disallow-code-generation-from-strings']);
    expect(c.status).toBe(1);
    expect(c.stderr).toMatch(/tier 'compiled' cannot run: this JS engine disallows code generation from strings/);
    const a = run([...base, '--tier', 'auto'], ['--disallow-code-generation-from-strings']);
    expect(a.status, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout).steps).toBe(600);
  });
});
