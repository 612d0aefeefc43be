/**
 * Compatibility with filters built from npm by a third-party SDK: @solo-io/proxy-runtime 0.1.8
 * (AssemblyScript 0.17, ABI 0.2.0), sources and build script in test/fixtures/proxy/solo. Each
 * runs through the real proxy, and through the harness.
 *
 * Quirks of this SDK the host copes with: it aborts without the plugin_root_id property; its
 * onConfigure passes the configuration size as the size out-pointer (so it needs a non-empty
 * configuration, as in Envoy); it declares proxy_set_buffer_bytes as a five-parameter
 * "proxy_get_buffer_status" import.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { cleanup, send, SOLO, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);
const f = (name: string) => join(SOLO, `${name}.wasm`);

describe('@solo-io/proxy-runtime 0.1.8 through the proxy', () => {
  it('add_header (the SDK README example) adds its configured response header', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'add_header', rootId: 'add_header', file: f('add_header'), configuration: 'what ever you want' }] });
    const r = await send(px.port, '/');
    expect(r.status).toBe(200);
    expect(r.headers['hello']).toBe('what ever you want');
  });

  it('token_auth answers 403 locally with extra headers, or passes with a header and a counter', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'token_auth', rootId: 'token_auth', file: f('token_auth'), configuration: 'letmein' }] });
    const denied = await send(px.port, '/');
    expect(denied.status).toBe(403);
    expect(denied.headers['x-denied-by']).toBe('solo');
    expect(denied.body).toBe('forbidden by solo filter');
    const ok = await send(px.port, '/', { headers: { 'x-token': 'letmein' } });
    expect(ok.status).toBe(200);
    expect(up.seen[0]!.headers['x-solo-auth']).toBe('ok');
    expect(px.proxy.env.metrics.value('solo_token_auth_allowed')).toBe(1);
  });

  it('http_callout pauses on an http_call and resumes or answers from the callback (effective context)', async () => {
    const up = await startUpstream();
    const auth = await startUpstream((req, res) => {
      const ok = req.headers['x-token'] === 'good';
      res.writeHead(ok ? 200 : 403, { 'x-user': 'frank', 'content-length': '0' });
      res.end();
    });
    const px = await startProxy({ clusters: { svc: [up.port], auth: [auth.port] }, filters: [{ name: 'http_callout', rootId: 'http_callout', file: f('http_callout'), configuration: '-' }] });
    const ok = await send(px.port, '/a', { headers: { 'x-token': 'good' } });
    expect(ok.status).toBe(200);
    expect(up.seen[0]!.headers['x-auth-user']).toBe('frank');
    expect((await send(px.port, '/a', { headers: { 'x-token': 'bad' } })).status).toBe(401);
  });

  it('body_upper buffers the response and replaces it through the mis-declared set_buffer import', async () => {
    const up = await startUpstream(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '11' });
      res.write('hello ');
      await new Promise((r) => setTimeout(r, 20));
      res.end('world');
    });
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'body_upper', rootId: 'body_upper', file: f('body_upper'), configuration: '-' }] });
    const r = await send(px.port, '/');
    expect(r.body).toBe('HELLO WORLD');
  });

  it('runs all four in one chain', async () => {
    const up = await startUpstream();
    const auth = await startUpstream((_req, res) => {
      res.writeHead(200, { 'x-user': 'gina', 'content-length': '0' });
      res.end();
    });
    const px = await startProxy({
      clusters: { svc: [up.port], auth: [auth.port] },
      filters: [
        { name: 'token_auth', rootId: 'token_auth', file: f('token_auth'), configuration: 't' },
        { name: 'http_callout', rootId: 'http_callout', file: f('http_callout'), configuration: '-' },
        { name: 'add_header', rootId: 'add_header', file: f('add_header'), configuration: 'chained' },
        { name: 'body_upper', rootId: 'body_upper', file: f('body_upper'), configuration: '-' },
      ],
    });
    const r = await send(px.port, '/chain', { headers: { 'x-token': 't' } });
    expect(r.status).toBe(200);
    expect(r.headers['hello']).toBe('chained');
    expect(r.body).toBe('GET /CHAIN ');
    expect(up.seen[0]!.headers['x-auth-user']).toBe('gina');
  });
});

describe('@solo-io/proxy-runtime 0.1.8 in the harness', () => {
  it('drives the same filters without a server', () => {
    const h = FilterHarness.load(
      [
        { wasm: f('token_auth'), rootId: 'token_auth', configuration: 't' },
        { wasm: f('http_callout'), rootId: 'http_callout', configuration: '-' },
        { wasm: f('body_upper'), rootId: 'body_upper', configuration: '-' },
      ],
      { clusters: { auth: null } },
    );
    expect(h.plugins.map((p) => p.filter.abi)).toEqual(['0.2.0', '0.2.0', '0.2.0']);
    const s = h.stream().sendRequestHeaders({ 'x-token': 't' }, { endOfStream: true });
    expect(s.upstream.headers).toBeUndefined();
    const call = h.nextHttpCall()!;
    expect(call.cluster).toBe('auth');
    expect(call.headers.get('x-token')).toBe('t');
    h.respond(call, { status: 200, headers: { 'x-user': 'hal' } });
    expect(s.upstreamHeaders?.['x-auth-user']).toBe('hal');
    s.sendResponseHeaders({ 'content-length': '2' }).sendResponseBody('o', {}).sendResponseBody('k', { endOfStream: true });
    expect(s.downstream.body.toString()).toBe('OK');
    expect(s.finished).toBe(true);
    const denied = h.stream().sendRequestHeaders({}, { endOfStream: true });
    expect(denied.localResponse).toMatchObject({ status: 403, body: 'forbidden by solo filter', details: 'solo_token_denied' });
    expect(h.metric('solo_token_auth_allowed')).toBe(1);
  });
});
