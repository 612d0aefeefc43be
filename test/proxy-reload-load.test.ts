/**
 * Hot reload under constant load: client loops send requests through the proxy, on kept-alive
 * connections and on fresh ones, while the configuration is reloaded several times (the
 * add_headers filter's configured value changes each time). No request fails, each client sees
 * the values switch from old to new in order, and the admin listener counts the reloads and shows
 * the running version and hash.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanup, envoyYaml, FILTERS, startProxy, startUpstream, until } from './fixtures/proxy/support.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-reload-load-'));
afterEach(cleanup);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const yaml = (port: number, v: string) => envoyYaml({ clusters: { svc: [port] }, filters: [{ name: 'add_headers', file: join(FILTERS, 'add_headers.wasm'), configuration: JSON.stringify({ response: { add: { 'x-v': v } } }) }] });

function get(port: number, agent: Agent | false): Promise<{ status: number; v: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, v: res.headers['x-v'] as string | undefined }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('client timeout')));
    req.end();
  });
}

async function stats(admin: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${admin}/stats/prometheus`)).text();
}

describe('hot reload under load', () => {
  it('switches every client from the old chain to the new one, with zero failed requests', async () => {
    const up = await startUpstream();
    const file = join(dir, 'envoy.yaml');
    writeFileSync(file, yaml(up.port, '1'));
    const px = await startProxy(yaml(up.port, '1'));
    let running = true;
    const failures: string[] = [];
    const seen: string[][] = [];
    const loop = async (agent: Agent | false) => {
      const mine: string[] = [];
      seen.push(mine);
      while (running) {
        try {
          const r = await get(px.port, agent);
          if (r.status !== 200) failures.push(`status ${r.status}`);
          mine.push(r.v ?? '(none)');
        } catch (e) {
          failures.push((e as Error).message);
        }
      }
    };
    const agents = [new Agent({ keepAlive: true, maxSockets: 1 }), new Agent({ keepAlive: true, maxSockets: 1 }), new Agent({ keepAlive: true, maxSockets: 1 })];
    const loops = [...agents.map((a) => loop(a)), loop(false)];
    // each version serves every client a few requests before the next reload (counted, not timed: CPU is shared)
    const served = (v: string) => seen.every((mine) => mine.filter((x) => x === v).length >= 3);
    await until(() => served('1'), 10_000);
    for (const v of ['2', '3', '4', '5']) {
      writeFileSync(file, yaml(up.port, v));
      const r = await px.proxy.reload({ file });
      expect(r.changed).toBe(true);
      await until(() => served(v), 10_000);
    }
    running = false;
    await Promise.all(loops);
    for (const a of agents) a.destroy();

    expect(failures).toEqual([]);
    for (const mine of seen) {
      expect(mine.length).toBeGreaterThan(4);
      // per client (one request at a time) the values only move forward
      expect([...mine].sort()).toEqual(mine);
      expect(mine.at(-1)).toBe('5');
    }
    for (const mine of seen) expect([...new Set(mine)]).toEqual(['1', '2', '3', '4', '5']);
    const text = await stats(px.adminPort);
    expect(text).toContain('wasmlet_config_reloads_total{result="success"} 4');
    expect(text).toContain('wasmlet_config_reloads_total{result="failure"} 0');
    expect(text).toContain('wasmlet_config_version 5');
    const hash = px.proxy.reloader.hash;
    expect(text).toContain(`wasmlet_config_info{hash="${hash}"} 1`);
    expect(text.match(/wasmlet_config_info\{/g)).toHaveLength(1);
    // the old chains' VMs were released once their streams ended
    expect(text).toContain('wasmlet_listener_chains_draining 0');
    const info = (await (await fetch(`http://127.0.0.1:${px.adminPort}/server_info`)).json()) as { config: { version: number; hash: string } };
    expect(info.config).toMatchObject({ version: 5, hash });
    // the same bytes again: nothing to rebuild
    const again = await px.proxy.reload({ file });
    expect(again).toEqual({ changed: false, version: 5, hash });
  });
});
