/**
 * The filter test harness as a filter author uses it, on the example filters: no server, a
 * manual clock for ticks, http calls answered by hand or by a handler (also asynchronously), and
 * assertions on upstream/downstream messages, local responses, logs, metrics and shared data.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { FILTERS } from './fixtures/proxy/support.js';

const f = (name: string) => join(FILTERS, `${name}.wasm`);

describe('FilterHarness', () => {
  it('drives add_headers request and response', () => {
    const h = FilterHarness.load({ wasm: f('add_headers'), configuration: JSON.stringify({ request: { add: { 'x-a': '1' } }, response: { set: { 'cache-control': 'no-store' } } }) });
    const s = h.stream().sendRequestHeaders({ ':path': '/x' }, { endOfStream: true });
    expect(s.upstreamHeaders).toMatchObject({ ':path': '/x', 'x-a': '1' });
    s.sendResponseHeaders({ ':status': '200', 'cache-control': 'max-age=60' }, { endOfStream: true });
    expect(s.responseHeaders?.['cache-control']).toBe('no-store');
    expect(s.finished).toBe(true);
  });

  it('asserts on local responses, logs and metrics of auth', () => {
    const secret = 'k3y';
    const head = Buffer.from('{"alg":"HS256"}').toString('base64url') + '.' + Buffer.from(JSON.stringify({ sub: 'zoe', exp: 4102444800 })).toString('base64url');
    const token = head + '.' + createHmac('sha256', secret).update(head).digest('base64url');
    const h = FilterHarness.load({ wasm: f('auth'), configuration: JSON.stringify({ jwt_secret: secret }) }, { startTime: Date.UTC(2030, 0, 1) });
    const denied = h.stream().sendRequestHeaders({ ':path': '/secret' }, { endOfStream: true });
    expect(denied.localResponse).toMatchObject({ status: 401, body: '{"error":"unauthorized"}' });
    expect(denied.localResponse!.headers.get('www-authenticate')).toBe('Bearer realm="wasmlet"');
    expect(h.messages('auth')).toContain('auth: denied /secret');
    const ok = h.stream().sendRequestHeaders({ authorization: `Bearer ${token}` }, { endOfStream: true });
    expect(ok.upstreamHeaders?.['x-auth-subject']).toBe('zoe');
    expect([h.metric('auth_allowed'), h.metric('auth_denied')]).toEqual([1, 1]);
    // the manual clock decides expiry: move it past exp
    h.advance(Date.UTC(2100, 0, 2) - Date.UTC(2030, 0, 1));
    expect(h.stream().sendRequestHeaders({ authorization: `Bearer ${token}` }, { endOfStream: true }).status).toBe(401);
  });

  it('fires ticks on the manual clock and exposes shared data (rate_limit)', () => {
    const h = FilterHarness.load({ wasm: f('rate_limit'), vmId: 'shared', configuration: JSON.stringify({ capacity: 2, refill: 1, interval_ms: 1000 }) });
    const go = () => h.stream().sendRequestHeaders({}, { endOfStream: true });
    expect(go().upstream.headers).toBeDefined();
    expect(go().upstream.headers).toBeDefined();
    expect(go().status).toBe(429);
    // the bucket: one little-endian i64 in shared data
    const tokens = () => h.sharedData('rate_limit:global', 'shared')!.value.readBigInt64LE(0);
    expect(tokens()).toBe(0n);
    h.advance(999);
    expect(go().status).toBe(429);
    h.advance(1);
    expect(tokens()).toBe(1n);
    expect(go().upstream.headers).toBeDefined();
    h.tick(); // one more tick by hand
    expect(tokens()).toBe(1n);
    expect(h.metric('rate_limited')).toBe(2);
  });

  it('feeds chunked bodies and sees the buffered result (json_redact)', () => {
    const h = FilterHarness.load({ wasm: f('json_redact'), configuration: JSON.stringify({ fields: ['token'] }) });
    const s = h.stream().sendRequestHeaders({}, { endOfStream: true });
    s.sendResponseHeaders({ 'content-type': 'application/json', 'content-length': '26' });
    expect(s.downstream.headers?.has('content-length')).toBe(false);
    for (const c of ['{"to', 'ken":"abc",', '"ok":true}']) s.sendResponseBody(c);
    expect(s.downstream.chunks).toBe(0);
    s.sendResponseBody('', { endOfStream: true });
    expect(s.downstream.body.toString()).toBe('{"token":"[redacted]","ok":true}');
    expect(s.downstream.chunks).toBe(1);
  });

  it('answers http calls from a handler, also asynchronously (ext_authz)', async () => {
    const h = FilterHarness.load(
      { wasm: f('ext_authz'), configuration: JSON.stringify({ cluster: 'authz', upstream_headers: ['x-user'] }) },
      { clusters: { authz: async (call) => (call.headers.get('x-original-path') === '/ok' ? { status: 200, headers: { 'x-user': 'yan' } } : { status: 403, body: 'no' }) } },
    );
    const ok = h.stream().sendRequestHeaders({ ':path': '/ok' }, { endOfStream: true });
    const no = h.stream().sendRequestHeaders({ ':path': '/no' }, { endOfStream: true });
    expect(ok.upstream.headers).toBeUndefined();
    await h.settle();
    expect(ok.upstreamHeaders?.['x-user']).toBe('yan');
    expect(no.localResponse).toMatchObject({ status: 403, body: 'no' });
  });

  it('never delivers an answer to a stream that reused the context of an aborted one', () => {
    const h = FilterHarness.load({ wasm: f('ext_authz'), configuration: JSON.stringify({ cluster: 'authz', upstream_headers: ['x-user'] }) }, { clusters: { authz: null } });
    const first = h.stream().sendRequestHeaders({ ':path': '/first' }, { endOfStream: true });
    const firstCall = h.nextHttpCall()!;
    first.abort();
    const second = h.stream().sendRequestHeaders({ ':path': '/second' }, { endOfStream: true });
    h.respond(firstCall, { status: 200, headers: { 'x-user': 'stale' } });
    expect(second.upstream.headers).toBeUndefined(); // still waiting for its own answer
    h.respond(h.nextHttpCall()!, { status: 200, headers: { 'x-user': 'fresh' } });
    expect(second.upstreamHeaders?.['x-user']).toBe('fresh');
  });

  it('reports calls to unknown clusters as refused and lets the test fail a call', () => {
    const h = FilterHarness.load({ wasm: f('ext_authz'), configuration: JSON.stringify({ cluster: 'authz' }) }, { clusters: { other: null } });
    expect(h.stream().sendRequestHeaders({}, { endOfStream: true }).status).toBe(503);
    const h2 = FilterHarness.load({ wasm: f('ext_authz'), configuration: JSON.stringify({ cluster: 'authz' }) }, { clusters: { authz: null } });
    const s = h2.stream().sendRequestHeaders({}, { endOfStream: true });
    h2.respond(h2.nextHttpCall()!, null);
    expect(s.status).toBe(503);
  });

  it('shows traps and limits the way the proxy applies them', () => {
    const h = FilterHarness.load({ wasm: f('chaos'), failurePolicy: 'fail_open', limits: { fuelPerCallback: 100_000 } });
    const s = h.stream().sendRequestHeaders({ 'x-chaos': 'spin' }, { endOfStream: true });
    expect(s.upstream.headers).toBeDefined(); // fail open
    expect(h.logs('chaos').find((r) => r.level === 4)?.message).toMatch(/out_of_fuel/);
    expect(h.plugin('chaos').vm!.failed).toBeDefined();
  });
});
