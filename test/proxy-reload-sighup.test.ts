/**
 * `wasmlet proxy` (a real child process) reloads its configuration on SIGHUP: the filter's new
 * configuration value reaches responses, stdout reports the new version, the admin listener's
 * version gauge moves; a broken configuration sent with SIGHUP is rejected (logged with its path)
 * and the process keeps serving the last good one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startProxyProcess } from './fixtures/proxy/cli.js';
import { cleanup, envoyYaml, FILTERS, send, startUpstream, until } from './fixtures/proxy/support.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-reload-sighup-'));
afterEach(cleanup);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const yaml = (port: number, v: string) => envoyYaml({ clusters: { svc: [port] }, filters: [{ name: 'add_headers', file: join(FILTERS, 'add_headers.wasm'), configuration: JSON.stringify({ response: { add: { 'x-v': v } } }) }] });

describe('wasmlet proxy and SIGHUP', () => {
  it('reloads the configuration file, and keeps the running one when the new one is broken', async () => {
    const up = await startUpstream();
    const cfg = join(dir, 'envoy.yaml');
    writeFileSync(cfg, yaml(up.port, 'one'));
    const proxy = await startProxyProcess(cfg, [], 'info');
    const { child, port, admin } = proxy;
    expect((await send(port, '/')).headers['x-v']).toBe('one');

    writeFileSync(cfg, yaml(up.port, 'two'));
    child.kill('SIGHUP');
    await until(() => proxy.out().includes('reloaded: configuration version 2\n'), 15_000);
    expect((await send(port, '/')).headers['x-v']).toBe('two');
    const prom = await (await fetch(`http://127.0.0.1:${admin}/stats/prometheus`)).text();
    expect(prom).toContain('wasmlet_config_version 2');

    writeFileSync(cfg, yaml(up.port, 'three').replace('lb_policy: ROUND_ROBIN', 'lb_policy: MAGLEV_X'));
    child.kill('SIGHUP');
    await until(() => proxy.out().includes('reload rejected: keeping configuration version 2\n'), 15_000);
    expect(proxy.err()).toMatch(new RegExp(`reload of ${cfg.replace(/[.]/g, '\\.')} rejected, keeping configuration version 2: WASMLET_PROXY_CONFIG: static_resources\\.clusters\\[0\\]\\.lb_policy: expected one of`));
    expect((await send(port, '/')).headers['x-v']).toBe('two');
    expect(child.exitCode).toBeNull();

    expect(await proxy.stop()).toBe(0);
  });
});
