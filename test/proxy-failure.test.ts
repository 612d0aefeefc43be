/**
 * Failure policy per filter with a deliberately misbehaving filter (filters/http/chaos.ts),
 * through the real proxy: fail closed (503, default), fail open (skipped), reload with backoff;
 * execution limits (fuel per callback, memory budget) ending a runaway filter; traps logged with
 * the filter name and a Wasm backtrace; the process and the other filters carry on.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PluginLoadError } from '../hosts/proxy/plugin.js';
import { cleanup, FILTERS, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);
const f = (name: string) => join(FILTERS, `${name}.wasm`);
const tag = JSON.stringify({ request: { add: { 'x-tagged': '1' } } });

describe('fail closed (default)', () => {
  it('answers 503 for the trapping stream and for later streams, and logs the trap with a backtrace', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'chaos', file: f('chaos') }] });
    expect((await send(px.port, '/')).status).toBe(200);
    const r = await send(px.port, '/', { headers: { 'x-chaos': 'trap' } });
    expect(r.status).toBe(503);
    const trap = px.log.records.find((x) => x.source === 'chaos' && x.message.includes('wasm trap'));
    expect(trap?.message).toMatch(/wasm trap \(unreachable\) in proxy_on_request_headers/);
    expect(trap?.message).toContain('wasm backtrace:');
    expect((await send(px.port, '/')).status).toBe(503);
    expect(up.seen).toHaveLength(1);
    const m = await (await fetch(`http://127.0.0.1:${px.adminPort}/stats/prometheus`)).text();
    expect(m).toContain('wasmlet_filter_failures_total{filter="chaos"} 1');
    expect(m).toContain('wasmlet_filter_failed_streams_total{filter="chaos"} 2');
  });

  it('answers streams paused in the VM when another stream makes it fail', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'chaos', file: f('chaos') }] });
    const held = send(px.port, '/held', { headers: { 'x-chaos': 'hold' } });
    await new Promise((r) => setTimeout(r, 100));
    expect((await send(px.port, '/', { headers: { 'x-chaos': 'trap' } })).status).toBe(503);
    expect((await held).status).toBe(503);
  });
});

describe('fail open', () => {
  it('skips the failed filter; the rest of the chain still runs', async () => {
    const up = await startUpstream();
    const px = await startProxy({
      clusters: { svc: [up.port] },
      filters: [
        { name: 'chaos', file: f('chaos'), failurePolicy: 'FAIL_OPEN' },
        { name: 'tagger', file: f('add_headers'), configuration: tag },
      ],
    });
    const r = await send(px.port, '/x', { headers: { 'x-chaos': 'trap' } });
    expect(r.status).toBe(200);
    expect(up.seen[0]!.headers['x-tagged']).toBe('1');
    const again = await send(px.port, '/y');
    expect(again.status).toBe(200);
    expect(up.seen[1]!.headers['x-chaos-passed']).toBeUndefined(); // chaos no longer runs
    expect(up.seen[1]!.headers['x-tagged']).toBe('1');
  });
});

describe('reload with backoff', () => {
  it('fails the trapping stream, answers 503 during backoff, then reloads the VM', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'chaos', file: f('chaos'), failurePolicy: 'FAIL_RELOAD', reloadBaseInterval: '0.3s' }] });
    expect((await send(px.port, '/', { headers: { 'x-chaos': 'trap' } })).status).toBe(503);
    expect((await send(px.port, '/')).status).toBe(503); // within the backoff
    await new Promise((r) => setTimeout(r, 400));
    const r = await send(px.port, '/');
    expect(r.status).toBe(200);
    expect(up.seen.at(-1)!.headers['x-chaos-passed']).toBe('1');
    const plugin = px.proxy.listeners[0]!.plugins[0]!;
    expect(plugin.reloads).toBe(1);
    expect(px.messages('chaos').some((m) => m.startsWith('VM reloaded'))).toBe(true);
  });
});

describe('execution limits', () => {
  it('ends a filter that runs out of fuel in one callback', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'chaos', file: f('chaos'), limits: { fuel_per_callback: 2_000_000 } }] });
    const t = Date.now();
    expect((await send(px.port, '/', { headers: { 'x-chaos': 'spin' } })).status).toBe(503);
    expect(Date.now() - t).toBeLessThan(5000);
    expect(px.messages('chaos').some((m) => m.includes('out_of_fuel'))).toBe(true);
  });

  it('ends a filter that grows past its memory budget, while a neighbour filter keeps working', async () => {
    const up = await startUpstream();
    const px = await startProxy({
      clusters: { svc: [up.port] },
      filters: [
        { name: 'chaos', file: f('chaos'), failurePolicy: 'FAIL_OPEN', limits: { max_memory_bytes: 2 << 20 } },
        { name: 'tagger', file: f('add_headers'), configuration: tag },
      ],
    });
    const r = await send(px.port, '/', { headers: { 'x-chaos': 'grow' } });
    expect(r.status).toBe(200);
    expect(up.seen[0]!.headers['x-tagged']).toBe('1');
    const vm = px.proxy.listeners[0]!.plugins[0]!.vm!;
    expect(vm.failed).toBeDefined();
    expect(vm.memory.byteLength).toBeLessThanOrEqual(2 << 20);
  });

  it('keeps serving other streams while one stream is paused in a filter', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'chaos', file: f('chaos') }] });
    const held = send(px.port, '/held', { headers: { 'x-chaos': 'hold' }, timeoutMs: 3000 }).catch((e: Error) => e);
    const results = await Promise.all([1, 2, 3].map(() => send(px.port, '/')));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await px.proxy.stop(); // ends the held stream too
    await held;
  });
});

describe('configuration failures', () => {
  it('refuses to start when a filter rejects its configuration (canary)', async () => {
    const up = await startUpstream();
    await expect(startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'chaos', file: f('chaos'), configuration: 'fail-configure' }] })).rejects.toThrow(PluginLoadError);
    await expect(startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'chaos', file: f('chaos'), configuration: 'fail-configure' }] })).rejects.toThrow(/rejected its configuration/);
  });
});
