/**
 * Filter chains through the real proxy: a 3-filter chain (auth → ext_authz → json_redact) with the
 * request order forward and the response order reversed, pause/resume on an http_call while the
 * request body arrives, and request/response bodies buffered across chunks and re-delivered at
 * the larger size.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, envoyYaml, FILTERS, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);
const f = (name: string) => join(FILTERS, `${name}.wasm`);

describe('a 3-filter chain', () => {
  it('runs auth, ext_authz and json_redact in order on one request', async () => {
    const up = await startUpstream((req, res) => {
      const body = JSON.stringify({ user: req.headers['x-user'], password: 'p', sub: req.headers['x-auth-subject'] ?? null });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    const authz = await startUpstream((req, res) => {
      res.writeHead(req.headers['authorization'] ? 200 : 401, { 'x-user': 'dave', 'content-length': '0' });
      res.end();
    });
    const px = await startProxy({
      clusters: { svc: [up.port], authz: [authz.port] },
      filters: [
        { name: 'auth', file: f('auth'), configuration: JSON.stringify({ api_keys: ['k'] }) },
        { name: 'ext_authz', file: f('ext_authz'), configuration: JSON.stringify({ cluster: 'authz', forward_headers: ['authorization'], upstream_headers: ['x-user'] }) },
        { name: 'json_redact', file: f('json_redact'), configuration: JSON.stringify({ fields: ['password'] }) },
      ],
    });
    const r = await send(px.port, '/me', { headers: { 'x-api-key': 'k', authorization: 'Basic x' } });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ user: 'dave', password: '[redacted]', sub: null });
    // the first filter answers locally: the later ones never see the request
    const denied = await send(px.port, '/me', { headers: { authorization: 'Basic x' } });
    expect(denied.status).toBe(401);
    expect(authz.seen).toHaveLength(1);
  });

  it('runs response callbacks in reverse order', async () => {
    const up = await startUpstream();
    const cfg = (tag: string) => JSON.stringify({ response: { add: { 'x-order': tag } } });
    const px = await startProxy({
      clusters: { svc: [up.port] },
      filters: [
        { name: 'first', file: f('add_headers'), configuration: cfg('first') },
        { name: 'second', file: f('add_headers'), configuration: cfg('second') },
        { name: 'third', file: f('add_headers'), configuration: cfg('third') },
      ],
    });
    const r = await send(px.port, '/');
    expect(r.headers['x-order']).toBe('third, second, first');
  });
});

describe('pause and resume with http_call', () => {
  it('holds the request and its body while the authorization call is pending', async () => {
    const up = await startUpstream();
    let release: () => void = () => {};
    const authz = await startUpstream((_req, res) => {
      release = () => {
        res.writeHead(200, { 'x-user': 'erin', 'content-length': '0' });
        res.end();
      };
    });
    const px = await startProxy({
      clusters: { svc: [up.port], authz: [authz.port] },
      filters: [{ name: 'ext_authz', file: f('ext_authz'), configuration: JSON.stringify({ cluster: 'authz', upstream_headers: ['x-user'] }) }],
    });
    const pending = send(px.port, '/upload', { chunks: ['part1-', 'part2-', 'part3'], chunkDelayMs: 30 });
    await new Promise((r) => setTimeout(r, 250));
    expect(authz.seen).toHaveLength(1);
    expect(up.seen).toHaveLength(0); // nothing went upstream while paused
    release();
    const r = await pending;
    expect(r.status).toBe(200);
    expect(r.body).toBe('POST /upload part1-part2-part3');
    expect(up.seen[0]!.headers['x-user']).toBe('erin');
  });

  it('answers 503 when the authorization call fails', async () => {
    const up = await startUpstream();
    const px = await startProxy({
      clusters: { svc: [up.port], authz: [1] }, // nothing listens on port 1
      filters: [{ name: 'ext_authz', file: f('ext_authz'), configuration: JSON.stringify({ cluster: 'authz' }) }],
    });
    const r = await send(px.port, '/');
    expect(r.status).toBe(503);
    expect(up.seen).toHaveLength(0);
  });
});

describe('body buffering across chunks', () => {
  it('re-delivers the request body at the larger size while the filter pauses, then passes it whole', async () => {
    const up = await startUpstream();
    const px = await startProxy({
      clusters: { svc: [up.port] },
      filters: [{ name: 'recorder', file: f('recorder'), configuration: JSON.stringify({ pause_until_eos: true }) }],
    });
    const r = await send(px.port, '/b', { chunks: ['aaaa', 'bbbbbb', 'cc'], chunkDelayMs: 40 });
    expect(r.body).toBe('POST /b aaaabbbbbbcc');
    const sizes = px.messages('recorder').filter((m) => m.startsWith('request_body')).map((m) => m.split(' ').slice(1).join(' '));
    // each callback sees everything buffered so far; the last one has end_of_stream
    expect(sizes[0]).toBe('4 more');
    expect(sizes.at(-1)).toBe('12 eos');
    const nums = sizes.map((s) => Number(s.split(' ')[0]));
    expect(nums).toEqual([...nums].sort((a, b) => a - b));
  });

  it('buffers a response body delivered in chunks by the upstream', async () => {
    const up = await startUpstream(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (const c of ['one ', 'two ', 'three']) {
        res.write(c);
        await new Promise((r) => setTimeout(r, 30));
      }
      res.end();
    });
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'recorder', file: f('recorder'), configuration: JSON.stringify({ pause_until_eos: true }) }] });
    const r = await send(px.port, '/');
    expect(r.body).toBe('one two three');
    const last = px.messages('recorder').filter((m) => m.startsWith('response_body')).at(-1);
    expect(last).toBe('response_body 13 eos');
  });
});

describe('buffer limits', () => {
  it('answers 413 when a pausing filter would hold more request body than the listener allows', async () => {
    const up = await startUpstream();
    const yaml = envoyYaml({ clusters: { svc: [up.port] }, filters: [{ name: 'recorder', file: f('recorder'), configuration: JSON.stringify({ pause_until_eos: true }) }] }).replace(
      '    filter_chains:',
      '    per_connection_buffer_limit_bytes: 1000\n    filter_chains:',
    );
    const px = await startProxy(yaml);
    const big = 'x'.repeat(400);
    const r = await send(px.port, '/upload', { chunks: [big, big, big, big], chunkDelayMs: 10 }).catch((e: Error) => e);
    if (r instanceof Error) throw r;
    expect(r.status).toBe(413);
    expect(up.seen).toHaveLength(0);
    // a body within the limit passes
    const ok = await send(px.port, '/small', { chunks: [big], chunkDelayMs: 10 });
    expect(ok.status).toBe(200);
  });
});
