/**
 * `wasmlet run --tier`: the same run on every tier (stdout, fuel consumed, the out_of_fuel trap
 * line), the compiled tier really used (--report's "functions compiled"), a bad value a usage
 * error, and, where node disallows code generation, `compiled` a TierError and `auto` interpreted.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guest, wasmlet } from './fixtures/wasi/harness.js';

const calc = guest('calc');
const BIN = join(import.meta.dirname, '../bin/wasmlet.js');

/** the --report lines as name → number */
function report(stderr: string): Record<string, number> {
  const rows = stderr.split('\n').filter((l) => /^\s+\S.*\s{2,}\d+$/.test(l));
  return Object.fromEntries(rows.map((l) => /^\s+(.+?)\s{2,}(\d+)$/.exec(l)!.slice(1, 3).map((x, i) => (i ? Number(x) : x))));
}

describe('wasmlet run --tier', () => {
  it('gives the same results and fuel on interpreter, compiled and auto, and reports what it compiled', () => {
    const runs = (['interpreter', 'compiled', 'auto'] as const).map((tier) => {
      const r = wasmlet(['run', '--tier', tier, '--report', '--fuel', '100000000', '--invoke', 'spin', calc, '1000']);
      expect(r.status, r.stderr).toBe(0);
      const rep = report(r.stderr);
      return { stdout: r.stdout, fuel: rep['fuel consumed'], compiled: rep['functions compiled'] };
    });
    expect(runs[0]).toEqual({ stdout: '562641396\n', fuel: runs[0]!.fuel, compiled: undefined });
    expect(runs[0]!.fuel).toBeGreaterThan(1000);
    expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
    expect(runs[2]!.stdout).toBe(runs[0]!.stdout);
    expect(runs[1]!.fuel).toBe(runs[0]!.fuel);
    expect(runs[2]!.fuel).toBe(runs[0]!.fuel);
    expect(runs[1]!.compiled).toBeGreaterThanOrEqual(1);
  });

  it('traps out of fuel at the same place on the compiled tier', () => {
    const lines = (['interpreter', 'compiled'] as const).map((tier) => {
      const r = wasmlet(['run', '--tier', tier, '--fuel', '10000', '--invoke', 'spin', calc, '10000000']);
      expect(r.status).toBe(134);
      return r.stderr;
    });
    expect(lines[0]).toMatch(/^wasmlet: trap: out of fuel \(out_of_fuel\) in func\[\d+\] <spin>\n$/);
    expect(lines[1]).toBe(lines[0]);
  });

  it('rejects an unknown tier as a usage error naming the flag', () => {
    const r = wasmlet(['run', '--tier', 'jit', '--invoke', 'spin', calc, '1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('wasmlet: --tier must be one of interpreter, compiled, auto, got "jit"\n');
  });

  it('without code generation: --tier compiled fails saying why, --tier auto interprets', () => {
    const node = (tier: string) => spawnSync(process.execPath, ['--disallow-code-generation-from-strings', BIN, 'run', '--tier', tier, '--report', '--invoke', 'spin', calc, '1000'], { encoding: 'utf8' });
    const c = node('compiled');
    expect(c.status).toBe(1);
    expect(c.stderr).toMatch(/^wasmlet: tier 'compiled' cannot run: this JS engine disallows code generation from strings/);
    const a = node('auto');
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toBe('562641396\n');
    expect(report(a.stderr)['functions compiled']).toBe(0);
  });
});
