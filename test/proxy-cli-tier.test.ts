/**
 * `wasmlet proxy --tier` and a filter's `wasmlet_limits.tier`: traffic through a chain of filters
 * on the compiled tier gives the interpreter's responses; the tier reaches every filter VM (where
 * node disallows code generation, a VM asked for `compiled`, by flag or by YAML, fails to load
 * with the TierError's reason, while `auto` interprets); a bad tier is a config error naming its
 * YAML path.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN as bin, startProxyProcess } from './fixtures/proxy/cli.js';
import { cleanup, envoyYaml, FILTERS, send, startUpstream } from './fixtures/proxy/support.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-proxy-tier-'));
afterEach(cleanup);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const chain = (tier?: string) => [
  { name: 'auth', file: join(FILTERS, 'auth.wasm'), configuration: '{"api_keys":["k"]}', ...(tier ? { limits: { tier } } : {}) },
  { name: 'add_headers', file: join(FILTERS, 'add_headers.wasm'), configuration: '{"response":{"add":{"x-via":"cli"}}}' },
];

describe('wasmlet proxy --tier', () => {
  it('serves the same responses through a filter chain on every tier', async () => {
    const up = await startUpstream();
    const seen: Record<string, unknown>[] = [];
    for (const [tier, args] of [['interpreter', []], ['compiled', ['--tier', 'compiled']], ['auto', ['--tier', 'auto']], ['yaml compiled', []]] as const) {
      const cfg = writeConfig(`serve-${seen.length}.yaml`, envoyYaml({ clusters: { svc: [up.port] }, filters: chain(tier === 'yaml compiled' ? 'compiled' : undefined) }));
      const proxy = await startProxyProcess(cfg, args);
      const port = proxy.port;
      const rows = [];
      // enough requests that auto compiles the hot callbacks
      for (let i = 0; i < 6; i++) {
        const ok = await send(port, '/hello', { headers: { 'x-api-key': 'k' } });
        const denied = await send(port, '/hello');
        rows.push([ok.status, ok.headers['x-via'], denied.status]);
      }
      seen.push({ tier, rows });
      expect(await proxy.stop()).toBe(0);
    }
    const want = Array.from({ length: 6 }, () => [200, 'cli', 401]);
    expect(seen).toEqual(['interpreter', 'compiled', 'auto', 'yaml compiled'].map((tier) => ({ tier, rows: want })));
  });

  it('reaches every filter VM: without code generation, compiled fails to load and auto interprets', () => {
    const check = (cfg: string, args: string[]) => spawnSync(process.execPath, ['--disallow-code-generation-from-strings', bin, 'proxy', '--config', cfg, '--check', ...args], { encoding: 'utf8' });
    const plain = writeConfig('plain.yaml', envoyYaml({ clusters: { svc: [9] }, filters: chain() }));
    expect(check(plain, ['--tier', 'auto']).stdout).toBe('configuration OK: 1 listener(s), 1 cluster(s), 2 filter(s)\n');
    for (const [cfg, args] of [[plain, ['--tier', 'compiled']], [writeConfig('yaml.yaml', envoyYaml({ clusters: { svc: [9] }, filters: chain('compiled') })), []]] as const) {
      const r = check(cfg, [...args]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/tier 'compiled' cannot run: this JS engine disallows code generation from strings/);
    }
  });

  it('a bad wasmlet_limits.tier is a config error naming the YAML path; a bad --tier a usage error', () => {
    const cfg = writeConfig('bad.yaml', envoyYaml({ clusters: { svc: [9] }, filters: chain('fast') }));
    const r = spawnSync(process.execPath, [bin, 'proxy', '--config', cfg, '--check'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('wasmlet: static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.config.wasmlet_limits.tier: expected one of interpreter, compiled, auto\n');
    const u = spawnSync(process.execPath, [bin, 'proxy', '--config', cfg, '--tier', 'fast'], { encoding: 'utf8' });
    expect(u.status).toBe(2);
    expect(u.stderr).toBe('wasmlet: --tier must be one of interpreter, compiled, auto, got "fast"\n');
  });
});
