/**
 * `wasmlet proxy --config envoy.yaml` as a user runs it: a child process serving traffic through a
 * filter, with the admin listener answering /ready and Prometheus /stats/prometheus; `--check`;
 * configuration errors as one line naming the field path.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN as bin, startProxyProcess } from './fixtures/proxy/cli.js';
import { cleanup, envoyYaml, FILTERS, send, startUpstream } from './fixtures/proxy/support.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-proxy-cli-'));
afterEach(cleanup);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('wasmlet proxy', () => {
  it('serves traffic through its filters, with /ready and Prometheus metrics on the admin listener', async () => {
    const up = await startUpstream();
    const cfg = writeConfig('ok.yaml', envoyYaml({ clusters: { svc: [up.port] }, filters: [{ name: 'add_headers', file: join(FILTERS, 'add_headers.wasm'), configuration: '{"response":{"add":{"x-via":"cli"}}}' }] }));
    const ports = await startProxyProcess(cfg);
    const ready = await fetch(`http://127.0.0.1:${ports.admin}/ready`);
    expect([ready.status, await ready.text()]).toEqual([200, 'LIVE\n']);
    const r = await send(ports.port, '/hello');
    expect(r.status).toBe(200);
    expect(r.headers['x-via']).toBe('cli');
    const prom = await fetch(`http://127.0.0.1:${ports.admin}/stats/prometheus`);
    expect(prom.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await prom.text();
    expect(text).toContain('envoy_http_downstream_rq_total{envoy_http_conn_manager_prefix="ingress_http"} 1');
    expect(text).toContain('envoy_http_downstream_rq_xx{envoy_http_conn_manager_prefix="ingress_http",envoy_response_code_class="2"} 1');
    expect(text).toContain('wasmlet_filter_active{filter="add_headers"} 1');
    expect(await ports.stop()).toBe(0);
  });

  it('--check loads the configuration and the filters, then exits', () => {
    const cfg = writeConfig('check.yaml', envoyYaml({ clusters: { svc: [9] }, filters: [{ name: 'auth', file: join(FILTERS, 'auth.wasm'), configuration: '{"api_keys":["k"]}' }] }));
    const r = spawnSync(process.execPath, [bin, 'proxy', '--config', cfg, '--check'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('configuration OK: 1 listener(s), 1 cluster(s), 1 filter(s)\n');
  });

  it('reports configuration errors in one line with the field path', () => {
    const cfg = writeConfig('bad.yaml', envoyYaml({ clusters: { svc: [9] } }).replace('stat_prefix: ingress_http', 'stat_prefix: ingress_http\n          tracing: {}'));
    const r = spawnSync(process.execPath, [bin, 'proxy', '--config', cfg], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('wasmlet: static_resources.listeners[0].filter_chains[0].filters[0].typed_config.tracing: not supported by wasmlet (see docs/proxy.md for the supported subset)\n');
    const rejected = writeConfig('rejected.yaml', envoyYaml({ clusters: { svc: [9] }, filters: [{ name: 'auth', file: join(FILTERS, 'auth.wasm'), configuration: '{}' }] }));
    const r2 = spawnSync(process.execPath, [bin, 'proxy', '--config', rejected, '--check'], { encoding: 'utf8' });
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/^wasmlet: filter "auth": the filter rejected its configuration/);
  });

  it('needs --config', () => {
    const r = spawnSync(process.execPath, [bin, 'proxy'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--config');
  });
});
