/**
 * A stream in flight when a reload commits finishes on the chain it started on: a slow upstream
 * answers a request begun before the reload after it, and the response still gets the old
 * filter's header while a request after the reload gets the new one. The old chain's VM is
 * released (root context ended, the draining gauge back to 0) only once that stream ended.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, envoyYaml, FILTERS, send, startProxy, startUpstream, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

const yaml = (port: number, v: string) => envoyYaml({ clusters: { svc: [port] }, filters: [{ name: 'add_headers', file: `${FILTERS}/add_headers.wasm`, configuration: JSON.stringify({ response: { add: { 'x-v': v } } }) }] });

describe('a stream in flight during a reload', () => {
  it('completes on the old chain, whose VM is released after it', async () => {
    const held: (() => void)[] = [];
    const up = await startUpstream((req, res) => {
      const answer = () => res.end('done');
      if (req.url === '/slow') held.push(answer);
      else answer();
    });
    const px = await startProxy(yaml(up.port, 'old'));
    const oldChain = px.proxy.listeners[0]!;
    const slow = send(px.port, '/slow');
    await until(() => held.length === 1);

    expect((await px.proxy.reload({ text: yaml(up.port, 'new') })).version).toBe(2);
    expect(px.proxy.listeners[0]).not.toBe(oldChain);
    // the listener socket is the same one
    expect(px.proxy.listeners[0]!.server).toBe(oldChain.server);
    expect((await send(px.port, '/fast')).headers['x-v']).toBe('new');
    const stats = () => fetch(`http://127.0.0.1:${px.adminPort}/stats/prometheus`).then((r) => r.text());
    expect(await stats()).toContain('wasmlet_listener_chains_draining 1');
    // the old VM still runs: it has the slow stream's context
    expect(oldChain.plugins[0]!.vm?.failed).toBeUndefined();
    expect(oldChain.inflight).toBe(1);
    const released = () => px.messages('proxy').filter((m) => m.startsWith('released a replaced chain of test_listener: add_headers'));
    expect(released()).toEqual([]);

    held[0]!();
    const r = await slow;
    expect([r.status, r.body, r.headers['x-v']]).toEqual([200, 'done', 'old']);
    await until(() => oldChain.inflight === 0);
    expect(await stats()).toContain('wasmlet_listener_chains_draining 0');
    expect(px.proxy.reloader.draining()).toEqual([]);
    expect(released()).toHaveLength(1);
  });
});
