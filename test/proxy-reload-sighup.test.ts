/**
 * `wasmlet proxy` (a real child process) reloads its configuration on SIGHUP: the filter's new
 * configuration value reaches responses, stdout reports the new version, the admin listener's
 * version gauge moves; a broken configuration sent with SIGHUP is rejected (logged with its path)
 * and the process keeps serving the last good one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanup, envoyYaml, FILTERS, ROOT, send, startUpstream, until } from './fixtures/proxy/support.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-reload-sighup-'));
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
  }
  child = undefined;
  await cleanup();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const yaml = (port: number, v: string) => envoyYaml({ clusters: { svc: [port] }, filters: [{ name: 'add_headers', file: join(FILTERS, 'add_headers.wasm'), configuration: JSON.stringify({ response: { add: { 'x-v': v } } }) }] });

describe('wasmlet proxy and SIGHUP', () => {
  it('reloads the configuration file, and keeps the running one when the new one is broken', async () => {
    const up = await startUpstream();
    const cfg = join(dir, 'envoy.yaml');
    writeFileSync(cfg, yaml(up.port, 'one'));
    child = spawn(process.execPath, [join(ROOT, 'bin', 'wasmlet.js'), 'proxy', '--config', cfg, '--log-level', 'info'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    await until(() => /listening on .*\nadmin on/.test(out), 15_000);
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(out)![1]);
    const admin = Number(/admin on 127\.0\.0\.1:(\d+)/.exec(out)![1]);
    expect((await send(port, '/')).headers['x-v']).toBe('one');

    writeFileSync(cfg, yaml(up.port, 'two'));
    child.kill('SIGHUP');
    await until(() => out.includes('reloaded: configuration version 2\n'), 15_000);
    expect((await send(port, '/')).headers['x-v']).toBe('two');
    const prom = await (await fetch(`http://127.0.0.1:${admin}/stats/prometheus`)).text();
    expect(prom).toContain('wasmlet_config_version 2');

    writeFileSync(cfg, yaml(up.port, 'three').replace('lb_policy: ROUND_ROBIN', 'lb_policy: MAGLEV_X'));
    child.kill('SIGHUP');
    await until(() => out.includes('reload rejected: keeping configuration version 2\n'), 15_000);
    expect(err).toMatch(new RegExp(`reload of ${cfg.replace(/[.]/g, '\\.')} rejected, keeping configuration version 2: WASMLET_PROXY_CONFIG: static_resources\\.clusters\\[0\\]\\.lb_policy: expected one of`));
    expect((await send(port, '/')).headers['x-v']).toBe('two');
    expect(child.exitCode).toBeNull();

    child.kill('SIGTERM');
    expect(await new Promise((r) => child!.once('exit', r))).toBe(0);
  });
});
