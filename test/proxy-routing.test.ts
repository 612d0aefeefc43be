/**
 * The HTTP/1.1 proxy itself (no filters needed): virtual hosts by domain, routes by prefix with
 * rewrites and direct responses, round-robin over cluster endpoints, keep-alive on both sides,
 * streamed bodies and trailers, and Envoy's answers to failures (404 without route, 503 on a
 * connect failure, 504 on a route timeout).
 */
import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

describe('routing', () => {
  it('picks the virtual host by authority and the route by path prefix', async () => {
    const a = await startUpstream();
    const b = await startUpstream();
    const px = await startProxy({
      clusters: { a: [a.port], b: [b.port] },
      routes: [
        { domains: ['api.example.com', '*.api.example.com'], prefix: '/v1/', cluster: 'a', prefixRewrite: '/internal/' },
        { domains: ['api.example.com', '*.api.example.com'], prefix: '/', cluster: 'b' },
        { prefix: '/health', direct: { status: 200, body: 'healthy' } },
      ],
    });
    expect((await send(px.port, '/v1/users?x=1', { headers: { host: 'api.example.com' } })).body).toBe('GET /internal/users?x=1 ');
    expect(a.seen[0]!.headers.host).toBe('api.example.com');
    expect((await send(px.port, '/other', { headers: { host: 'eu.api.example.com:8080' } })).body).toBe('GET /other ');
    expect(b.seen).toHaveLength(1);
    const direct = await send(px.port, '/health', { headers: { host: 'elsewhere' } });
    expect([direct.status, direct.body]).toEqual([200, 'healthy']);
    const none = await send(px.port, '/nothing', { headers: { host: 'elsewhere' } });
    expect(none.status).toBe(404);
  });

  it('balances round-robin over the endpoints of a cluster', async () => {
    const ups = await Promise.all([startUpstream(), startUpstream(), startUpstream()]);
    const px = await startProxy({ clusters: { svc: ups.map((u) => u.port) } });
    for (let i = 0; i < 6; i++) await send(px.port, `/${i}`);
    expect(ups.map((u) => u.seen.length)).toEqual([2, 2, 2]);
  });

  it('adds x-request-id and x-forwarded-proto and drops hop-by-hop headers', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] } });
    await send(px.port, '/', { headers: { 'keep-alive': 'timeout=5', 'proxy-connection': 'x', te: 'trailers' } });
    const h = up.seen[0]!.headers;
    expect(h['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(h['x-forwarded-proto']).toBe('http');
    expect(h['proxy-connection']).toBeUndefined();
    expect(h['te']).toBeUndefined();
  });
});

describe('failures', () => {
  it('answers 503 when the upstream refuses connections', async () => {
    const px = await startProxy({ clusters: { dead: [1] } });
    const r = await send(px.port, '/');
    expect(r.status).toBe(503);
    expect(r.body).toMatch(/upstream connect error or disconnect\/reset before headers/);
    expect(px.proxy.env.metrics.renderPrometheus()).toMatch(/envoy_cluster_upstream_cx_connect_fail\{envoy_cluster_name="dead"\} 1/);
  });

  it('answers 504 when the route timeout expires', async () => {
    const up = await startUpstream((_req, res) => setTimeout(() => res.end('late'), 1000));
    const px = await startProxy({ clusters: { slow: [up.port] }, routes: [{ prefix: '/', cluster: 'slow', timeout: '0.2s' }] });
    const t = Date.now();
    const r = await send(px.port, '/');
    expect(r.status).toBe(504);
    expect(r.body).toBe('upstream request timeout');
    expect(Date.now() - t).toBeLessThan(900);
  });

  it('resets the client when the upstream dies mid-response', async () => {
    const up = await startUpstream((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 30);
    });
    const px = await startProxy({ clusters: { svc: [up.port] } });
    await expect(send(px.port, '/')).rejects.toThrow();
  });
});

describe('connections and bodies', () => {
  it('keeps connections alive downstream and upstream', async () => {
    const up = await startUpstream();
    let upstreamConnections = 0;
    up.server.on('connection', () => upstreamConnections++);
    const px = await startProxy({ clusters: { svc: [up.port] } });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let downstreamConnections = 0;
    px.proxy.listeners[0]!.server.server.on('connection', () => downstreamConnections++);
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve, reject) => {
        request({ host: '127.0.0.1', port: px.port, path: `/${i}`, agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
          .on('error', reject)
          .end();
      });
    }
    agent.destroy();
    expect(downstreamConnections).toBe(1);
    expect(upstreamConnections).toBe(1);
  });

  it('streams large bodies both ways without buffering them', async () => {
    const size = 8 << 20;
    const up = await startUpstream((req, res, body) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.alloc(size, body.length % 251));
    });
    const px = await startProxy({ clusters: { svc: [up.port] } });
    const chunk = 'x'.repeat(64 << 10);
    const r = await send(px.port, '/big', { chunks: new Array(64).fill(chunk) });
    expect(up.seen[0]!.body.length).toBe(64 * chunk.length);
    expect(r.body.length).toBe(size);
  });

  it('passes request and response trailers on chunked messages', async () => {
    const up = await startUpstream((req, res) => {
      res.writeHead(200, { trailer: 'x-resp-trailer' });
      res.write('body');
      res.addTrailers({ 'x-resp-trailer': 'done' });
      res.end();
    });
    const px = await startProxy({ clusters: { svc: [up.port] } });
    const r = await send(px.port, '/', { chunks: ['a', 'b'], trailers: { 'x-req-trailer': 'sum' } });
    expect(up.seen[0]!.trailers['x-req-trailer']).toBe('sum');
    expect(r.body).toBe('body');
    expect(r.trailers['x-resp-trailer']).toBe('done');
  });
});
