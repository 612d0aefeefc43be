/** The CLI as a user meets it: help, unknown commands, and the demo, spawned as a process. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/wasmlet.js', ...args], { encoding: 'utf8' });

describe('wasmlet CLI basics', () => {
  it('prints help with exit 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/usage: wasmlet <command>/);
    expect(r.stdout).toMatch(/demo/);
  });

  it('rejects an unknown command with one line and exit 2', () => {
    const r = run('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('runs the demo with matching checksums', () => {
    const r = run('demo');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/\bNO\b/);
    expect(r.stdout).toMatch(/call stack exhausted/);
    // the proxy part: the filter chain answered, denied and limited over real HTTP
    expect(r.stdout).toMatch(/without x-api-key +→ 401/);
    expect(r.stdout).toMatch(/x-served-by: wasmlet/);
    expect(r.stdout).toMatch(/→ (200 )+429/);
  });
});
