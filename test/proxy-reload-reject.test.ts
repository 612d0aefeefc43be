/**
 * A reload that cannot load is rejected and the running configuration keeps serving: a YAML error
 * (ConfigError naming the field's path), a module that is not Wasm or does not exist, and a filter
 * that rejects its new configuration (PluginLoadError naming the filter and the module file). The
 * log line names the file and the typed error; the failure counter counts them; a fixed
 * configuration then loads.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../hosts/proxy/config.js';
import { PluginLoadError } from '../hosts/proxy/plugin.js';
import { cleanup, envoyYaml, FILTERS, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-reload-reject-'));
afterEach(cleanup);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const headerFilter = (file: string, v: string) => ({ name: 'add_headers', file, configuration: JSON.stringify({ response: { add: { 'x-v': v } } }) });

describe('a reload that does not load', () => {
  it('is rejected with its typed error and the running chain keeps serving', async () => {
    const up = await startUpstream();
    const wasm = join(dir, 'filter.wasm');
    copyFileSync(join(FILTERS, 'add_headers.wasm'), wasm);
    const file = join(dir, 'envoy.yaml');
    const good = envoyYaml({ clusters: { svc: [up.port] }, filters: [headerFilter(wasm, 'old')] });
    writeFileSync(file, good);
    const px = await startProxy(good);
    const serving = async () => (await send(px.port, '/')).headers['x-v'];
    expect(await serving()).toBe('old');

    // a field outside the subset: the error names its path, the log names the file too
    writeFileSync(file, good.replace('stat_prefix: ingress_http', 'stat_prefix: ingress_http\n          bogus_field: 1'));
    const e1 = await px.proxy.reload({ file }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(ConfigError);
    expect((e1 as ConfigError).path).toBe('static_resources.listeners[0].filter_chains[0].filters[0].typed_config.bogus_field');
    expect(px.messages('proxy').at(-1)).toBe(`reload of ${file} rejected, keeping configuration version 1: WASMLET_PROXY_CONFIG: ${(e1 as Error).message}`);
    expect(await serving()).toBe('old');

    // invalid YAML
    writeFileSync(file, 'static_resources: [');
    await expect(px.proxy.reload({ file })).rejects.toThrow(/invalid YAML/);
    expect(await serving()).toBe('old');

    // the module replaced by bytes that are not Wasm, with a new configuration value
    writeFileSync(file, envoyYaml({ clusters: { svc: [up.port] }, filters: [headerFilter(wasm, 'new')] }));
    writeFileSync(wasm, 'not wasm at all');
    const e2 = await px.proxy.reload({ file }).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(PluginLoadError);
    expect((e2 as Error).message).toContain(`filter "add_headers": ${wasm}: `);
    expect(px.messages('proxy').at(-1)).toMatch(/rejected, keeping configuration version 1: WASMLET_PROXY_PLUGIN: filter "add_headers": .*filter\.wasm/);
    expect(await serving()).toBe('old');

    // a module that is not there
    writeFileSync(file, envoyYaml({ clusters: { svc: [up.port] }, filters: [headerFilter(join(dir, 'missing.wasm'), 'new')] }));
    await expect(px.proxy.reload({ file })).rejects.toThrow(/missing\.wasm: cannot read: ENOENT/);
    expect(await serving()).toBe('old');

    // a filter that rejects its configuration (auth without keys) fails its canary
    writeFileSync(file, envoyYaml({ clusters: { svc: [up.port] }, filters: [{ name: 'auth', file: join(FILTERS, 'auth.wasm'), configuration: '{}' }] }));
    await expect(px.proxy.reload({ file })).rejects.toThrow(/filter "auth": the filter rejected its configuration/);
    expect(await serving()).toBe('old');

    // a missing configuration file
    await expect(px.proxy.reload({ file: join(dir, 'nope.yaml') })).rejects.toThrow(/cannot read .*nope\.yaml: ENOENT/);

    const prom = await (await fetch(`http://127.0.0.1:${px.adminPort}/stats/prometheus`)).text();
    expect(prom).toContain('wasmlet_config_reloads_total{result="failure"} 6');
    expect(prom).toContain('wasmlet_config_reloads_total{result="success"} 0');
    expect(prom).toContain('wasmlet_config_version 1');
    const info = (await (await fetch(`http://127.0.0.1:${px.adminPort}/server_info`)).json()) as { config: { lastError: { code: string; message: string } } };
    expect(info.config.lastError).toMatchObject({ code: 'WASMLET_PROXY_CONFIG' });
    expect(info.config.lastError.message).toContain('nope.yaml');

    // fixed: the new module and value load
    copyFileSync(join(FILTERS, 'add_headers.wasm'), wasm);
    writeFileSync(file, envoyYaml({ clusters: { svc: [up.port] }, filters: [headerFilter(wasm, 'new')] }));
    expect(await px.proxy.reload({ file })).toMatchObject({ changed: true, version: 2 });
    expect(await serving()).toBe('new');
  });

  it('leaves nothing of a half-built configuration behind', async () => {
    const up = await startUpstream();
    const good = envoyYaml({ clusters: { svc: [up.port] }, filters: [headerFilter(join(FILTERS, 'add_headers.wasm'), 'old')] });
    const px = await startProxy(good);
    // the first filter loads, the second rejects its configuration: the first one's VM is ended again
    const bad = envoyYaml({ clusters: { svc: [up.port] }, filters: [headerFilter(join(FILTERS, 'add_headers.wasm'), 'new'), { name: 'auth', file: join(FILTERS, 'auth.wasm'), configuration: '{}' }] });
    await expect(px.proxy.reload({ text: bad })).rejects.toThrow(PluginLoadError);
    expect(px.proxy.listeners).toHaveLength(1);
    expect(px.proxy.listeners[0]!.plugins.map((p) => p.name)).toEqual(['add_headers']);
    expect((await send(px.port, '/')).headers['x-v']).toBe('old');
  });
});
