/**
 * The dashboard from the command line: `wasmlet dashboard --help` and its usage errors (no
 * --broker, a non-loopback --host without --token, a bad --port), and `wasmlet sim --devices N
 * --dashboard PORT` printing a URL whose page and API serve the simulated fleet.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loopPath } from './fixtures/device/load.js';
import { startSimCli } from './fixtures/ota/sim-cli.js';

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/wasmlet.js', ...args], { encoding: 'utf8', timeout: 20_000 });

describe('wasmlet dashboard', () => {
  it('answers --help, and usage errors exit 2 naming the flag', () => {
    const h = run('dashboard', '--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/usage: wasmlet dashboard --broker URL/);
    expect(h.stdout).toMatch(/--token T/);
    expect(run('--help').stdout).toMatch(/dashboard\s+serve a live web dashboard/);
    expect(run('proxy', '--help').stdout).toMatch(/--dashboard <port>/);
    expect(run('sim', '--help').stdout).toMatch(/--dashboard \[PORT\]/);
    let r = run('dashboard');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--broker URL .* is required/);
    r = run('dashboard', '--broker', 'mqtt://127.0.0.1:1', '--host', '0.0.0.0');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--host 0\.0\.0\.0 .*--token/);
    r = run('dashboard', '--broker', 'mqtt://127.0.0.1:1', '--port', 'http');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--port must be a port number/);
    r = run('dashboard', '--broker', 'mqtt://127.0.0.1:1', '--port', '0');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^wasmlet: cannot connect to mqtt:\/\/127\.0\.0\.1:1/);
  });

  it('runs beside `wasmlet sim --devices N --dashboard`', async () => {
    const state = mkdtempSync(join(tmpdir(), 'wasmlet-dash-cli-'));
    const sim = await startSimCli(['--devices', '3', '--plant', 'heater', '--module', loopPath('heater-pid'), '--param', '0=40', '--state-dir', state, '--dashboard', '0'], 'heater-3');
    try {
      await expect.poll(() => /dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(sim.out())?.[1], { timeout: 10_000 }).toBeTruthy();
      const url = /dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(sim.out())![1]!;
      expect(sim.out()).toMatch(/deploys signed with .*dev-keys\/wasmlet\.key/);
      const page = await fetch(url);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('<script type="module" src="/app.js">');
      expect((await fetch(url + 'app.js')).status).toBe(200);
      await expect
        .poll(async () => ((await (await fetch(url + 'api/fleet')).json()) as { rows: { id: string; state?: string }[] }).rows.map((r) => `${r.id} ${r.state}`), { timeout: 10_000 })
        .toEqual(['heater-1 running', 'heater-2 running', 'heater-3 running']);
    } finally {
      sim.stop();
    }
  });
});
