/**
 * ConfigWatcher (`wasmlet proxy --watch`): the proxy reloads when its configuration file is
 * written in place, and when a filter module is replaced by rename (an atomic write, which a
 * watch on the file itself would miss); a burst of writes is one reload (debounced). A listener
 * whose address changes is bound at the new address before the old one closes.
 */
import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../hosts/proxy/config.js';
import { MemoryLogger } from '../hosts/proxy/log.js';
import { Proxy } from '../hosts/proxy/proxy.js';
import { ConfigWatcher } from '../hosts/proxy/reload.js';
import { cleanup, envoyYaml, FILTERS, send, startProxy, startUpstream, until } from './fixtures/proxy/support.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-reload-watch-'));
const watchers: ConfigWatcher[] = [];
afterEach(async () => {
  for (const w of watchers.splice(0)) w.close();
  await cleanup();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const yaml = (port: number, wasm: string, v: string) => envoyYaml({ clusters: { svc: [port] }, filters: [{ name: 'f', file: wasm, configuration: JSON.stringify({ response: { add: { 'x-v': v } } }) }] });

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('--watch', () => {
  it('reloads on a config write and on a module replaced by rename, once per burst', async () => {
    const up = await startUpstream();
    const wasm = join(dir, 'f.wasm');
    copyFileSync(join(FILTERS, 'add_headers.wasm'), wasm);
    const file = join(dir, 'envoy.yaml');
    writeFileSync(file, yaml(up.port, wasm, 'a'));
    const px = await startProxy(yaml(up.port, wasm, 'a'));
    const w = new ConfigWatcher(px.proxy, file, { debounceMs: 100 });
    watchers.push(w);
    expect(w.watched().sort()).toEqual([file, wasm].sort());
    const v = async () => (await send(px.port, '/')).headers['x-v'];
    expect(await v()).toBe('a');

    // three writes in a row: one reload
    for (const x of ['b1', 'b2', 'b']) writeFileSync(file, yaml(up.port, wasm, x));
    await until(() => px.proxy.reloader.version === 2, 10_000);
    expect(await v()).toBe('b');
    await new Promise((r) => setTimeout(r, 300));
    expect(px.proxy.reloader.version).toBe(2);

    // the module replaced atomically by another filter (chaos adds no response header)
    const tmp = join(dir, 'f.wasm.tmp');
    copyFileSync(join(FILTERS, 'chaos.wasm'), tmp);
    renameSync(tmp, wasm);
    await until(() => px.proxy.reloader.version === 3, 10_000);
    const r = await send(px.port, '/');
    expect(r.headers['x-v']).toBeUndefined();
    expect(up.seen.at(-1)!.headers['x-chaos-passed']).toBe('1');
  });

  it('binds a moved listener at its new address before closing the old one', async () => {
    const up = await startUpstream();
    const [p1, p2] = [await freePort(), await freePort()];
    const at = (port: number) => yaml(up.port, join(FILTERS, 'add_headers.wasm'), String(port)).replace(/address: 127\.0\.0\.1, port_value: 0 \} \}\n    filter_chains/, `address: 127.0.0.1, port_value: ${port} } }\n    filter_chains`);
    const px = new Proxy(parseConfig(at(p1)), { logger: new MemoryLogger() });
    await px.start();
    try {
      expect(px.listeners[0]!.port).toBe(p1);
      expect((await send(p1, '/')).headers['x-v']).toBe(String(p1));
      // a port that is taken: the reload fails, the old address keeps serving
      const blocker = createServer();
      await new Promise<void>((r) => blocker.listen(p2, '127.0.0.1', () => r()));
      await expect(px.reload({ text: at(p2) })).rejects.toThrow(`static_resources.listeners[0].address: cannot listen on 127.0.0.1:${p2}: EADDRINUSE`);
      await new Promise<void>((r) => blocker.close(() => r()));
      expect((await send(p1, '/')).headers['x-v']).toBe(String(p1));

      await px.reload({ text: at(p2) });
      expect(px.listeners[0]!.port).toBe(p2);
      expect((await send(p2, '/')).headers['x-v']).toBe(String(p2));
      await until(() => px.reloader.drainingServers().length === 0);
      await expect(send(p1, '/')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await px.stop();
    }
  });
});
