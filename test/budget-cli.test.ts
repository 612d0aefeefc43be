/** `wasmlet budget`: peaks against budgets, exit 0 within budget and 1 over budget or faulted. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, loopPath } from './fixtures/device/load.js';

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/wasmlet.js', ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'wasmlet-budget-'));

describe('wasmlet budget', () => {
  it('passes a loop within its budgets', () => {
    const r = run('budget', loopPath('heater-pid'), '--plant', 'heater', '--steps', '500', '--memory', '65536', '--stack', '2048', '--fuel-per-step', '1000');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/heater-pid\.wasm on the heater, 500 steps:/);
    expect(r.stdout).toMatch(/ok\s+memory\s+65536 bytes \/ 65536 bytes/);
    expect(r.stdout).toMatch(/ok\s+value stack\s+\d+ bytes \/ 2048 bytes/);
    expect(r.stdout).toMatch(/ok\s+fuel per step\s+\d+ \/ 1000/);
    expect(r.stdout).toMatch(/call depth\s+\d+/);
    expect(r.stdout).toMatch(/GC heap\s+0 bytes/);
    expect(r.stdout).toMatch(/within budget/);
  });

  it('checks the GC heap peak against --gc-heap', () => {
    const r = run('budget', loopPath('heater-pid'), '--plant', 'heater', '--steps', '50', '--gc-heap', '4096');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ok\s+GC heap\s+0 bytes \/ 4096 bytes/);
    expect(run('budget', loopPath('heater-pid'), '--plant', 'heater', '--gc-heap', 'lots').status).toBe(2);
  });

  it('fails when a budget is exceeded, saying which and by how much', () => {
    const r = run('budget', loopPath('motor-pi'), '--plant', 'motor', '--steps', '200', '--stack', '64', '--fuel-per-step', '50');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/OVER\s+value stack\s+\d+ bytes \/ 64 bytes \(over by \d+ bytes\)/);
    expect(r.stdout).toMatch(/OVER\s+fuel per step\s+\d+ \/ 50 \(over by \d+\)/);
    expect(r.stdout).toMatch(/over budget/);
  });

  it('fails on memory growth past the memory budget', () => {
    const grow = join(dir, 'grow.wasm');
    writeFileSync(grow, fixture('grow'));
    const r = run('budget', grow, '--plant', 'tank', '--steps', '10', '--memory', String(4 * 65536));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/OVER\s+memory\s+720896 bytes \/ 262144 bytes/);
  });

  it('fails when the module faults', () => {
    const spin = join(dir, 'spin.wasm');
    writeFileSync(spin, fixture('init-fails'));
    const r = run('budget', spin, '--plant', 'heater', '--steps', '10');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAULT at step -1 \(0 s\): init_error: init returned 3/);
  });

  it('usage errors exit 2', () => {
    expect(run('budget', '--plant', 'heater').status).toBe(2);
    expect(run('budget', loopPath('heater-pid')).status).toBe(2);
    expect(run('budget', loopPath('heater-pid'), '--plant', 'heater', '--steps', '1.5').status).toBe(2);
  });
});
