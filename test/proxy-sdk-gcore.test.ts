/**
 * Compatibility with filters built from npm by a third-party SDK: @gcoredev/proxy-wasm-sdk-as
 * (AssemblyScript 0.28 + @assemblyscript/wasi-shim, ABI 0.2.1), sources and build script in
 * test/fixtures/proxy/gcore. The SDK logs through WASI stdout (routed to the proxy log) and starts
 * through the exported `_start`. Each filter runs through the real proxy, and through the harness.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { cleanup, GCORE, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);
const f = (name: string) => join(GCORE, `${name}.wasm`);

describe('@gcoredev/proxy-wasm-sdk-as through the proxy', () => {
  it('headers: adds, replaces and removes request headers and stamps the response', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'headers', file: f('headers'), configuration: 'cfg' }] });
    const r = await send(px.port, '/', { headers: { 'user-agent': 'curl', 'x-remove-me': '1' } });
    expect(r.status).toBe(200);
    expect(r.headers['x-gcore-config']).toBe('cfg');
    const seen = up.seen[0]!.headers;
    expect(seen['x-gcore-filter']).toBe('headers');
    expect(seen['user-agent']).toBe('gcore-sdk');
    expect(seen['x-remove-me']).toBeUndefined();
  });

  it('body: buffers request and response bodies and rewrites the response', async () => {
    const up = await startUpstream(async (_req, res, body) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(`hello world, you sent ${body}`);
      await new Promise((r) => setTimeout(r, 20));
      res.end(' -- world');
    });
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'body', file: f('body') }] });
    const r = await send(px.port, '/', { chunks: ['ab', 'cd'], chunkDelayMs: 20 });
    expect(r.body).toBe('hello gcore, you sent abcd -- gcore');
    expect(px.messages('body')).toContain('[INFO]: request body: abcd');
  });

  it('shared_counter: counts requests in shared data with CAS and drains a shared queue', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'shared_counter', file: f('shared_counter') }] });
    const counts: string[] = [];
    for (const p of ['/one', '/two', '/three']) counts.push(String((await send(px.port, p)).headers['x-request-count']));
    expect(counts).toEqual(['1', '2', '3']);
    expect(px.messages('shared_counter').filter((m) => m.includes('queued path'))).toEqual(['[INFO]: queued path: /one', '[INFO]: queued path: /two', '[INFO]: queued path: /three']);
    expect(px.proxy.env.sharedData.get('shared_counter', 'requests')?.value.toString()).toBe('3');
  });

  it('properties: reads Envoy attributes and the clock', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'properties', file: f('properties') }] });
    const r = await send(px.port, '/prop?x=1', { method: 'DELETE' });
    expect(r.headers['x-prop-path']).toBe('/prop?x=1');
    expect(r.headers['x-prop-plugin']).toBe('properties');
    expect(String(r.headers['x-prop-source'])).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(px.messages('properties').some((m) => /request DELETE \/prop\?x=1 at \d{13}/.test(m))).toBe(true);
  });

  it('http_callout: pauses on an http_call and resumes from the callback', async () => {
    const up = await startUpstream();
    const auth = await startUpstream((req, res) => {
      res.writeHead(req.headers['x-token'] === 'good' ? 200 : 401, { 'x-user': 'ivy', 'content-length': '0' });
      res.end();
    });
    const px = await startProxy({ clusters: { svc: [up.port], auth: [auth.port] }, filters: [{ name: 'http_callout', file: f('http_callout') }] });
    expect((await send(px.port, '/', { headers: { 'x-token': 'good' } })).status).toBe(200);
    expect(up.seen[0]!.headers['x-auth-user']).toBe('ivy');
    const denied = await send(px.port, '/', { headers: { 'x-token': 'bad' } });
    expect(denied.status).toBe(401);
    expect(denied.body).toBe('denied by auth service');
  });
});

describe('@gcoredev/proxy-wasm-sdk-as in the harness', () => {
  it('drives the same filters without a server', () => {
    const h = FilterHarness.load([{ wasm: f('headers'), configuration: 'h' }, { wasm: f('shared_counter') }, { wasm: f('body') }]);
    expect(h.plugins.map((p) => p.filter.abi)).toEqual(['0.2.1', '0.2.1', '0.2.1']);
    const s = h.stream().sendRequestHeaders({ ':method': 'POST', 'user-agent': 'x' });
    s.sendRequestBody('12').sendRequestBody('34', { endOfStream: true });
    expect(s.upstream.body.toString()).toBe('1234');
    expect(s.upstreamHeaders?.['user-agent']).toBe('gcore-sdk');
    s.sendResponseHeaders({ 'content-length': '11' }).sendResponseBody('hello world', { endOfStream: true });
    expect(s.downstream.body.toString()).toBe('hello gcore');
    expect(s.responseHeaders?.['x-request-count']).toBe('1');
    expect(h.sharedData('requests')?.value.toString()).toBe('1');
    expect(h.messages('body')).toContain('[INFO]: request body: 1234');
  });
});
