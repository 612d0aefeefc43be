/**
 * Upstream HTTP/2 failures on the router's usual outcomes, against real node:http2 servers: an
 * endpoint that refuses connections is a connect failure (retried with retry_on connect-failure,
 * counted in upstream_cx_connect_fail), a stream reset before the response is a reset (retried
 * with retry_on reset, else 503 UC), a 503 retries with retry_on 5xx, the route timeout answers 504
 * and cancels the upstream stream, and a reset after the response started resets the client.
 */
import { constants } from 'node:http2';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort } from './fixtures/proxy/grpc.js';
import { h2Request, h2Session, startH2Upstream } from './fixtures/proxy/h2.js';
import { promStat } from './fixtures/proxy/health.js';
import { cleanup, send, startProxy, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

const H2 = { http2_protocol_options: {} };

describe('upstream HTTP/2 failures', () => {
  it('retries a connect failure on the next endpoint and counts it', async () => {
    const dead = await closedPort();
    const up = await startH2Upstream((_req, res) => res.end('alive'));
    const px = await startProxy({ clusters: { svc: [dead, up.port] }, clusterFields: { svc: H2 }, routes: [{ prefix: '/', cluster: 'svc', retryPolicy: { retry_on: 'connect-failure', num_retries: 1 } }] });
    const r = await send(px.port, '/');
    expect([r.status, r.body]).toEqual([200, 'alive']);
    expect(await promStat(px.adminPort, 'envoy_cluster_upstream_cx_connect_fail')).toBe(1);
    expect(await promStat(px.adminPort, 'envoy_cluster_upstream_rq_retry')).toBe(1);
    // without a retry policy: 503 connection failure
    const px2 = await startProxy({ clusters: { svc: [dead] }, clusterFields: { svc: H2 } });
    const f = await send(px2.port, '/');
    expect(f.status).toBe(503);
    expect(f.body).toBe('upstream connect error or disconnect/reset before headers. reset reason: connection failure');
  });

  it('retries a stream reset before the response, and answers 503 reset without retries', async () => {
    let n = 0;
    const up = await startH2Upstream((req, res) => {
      if (n++ === 0 || req.url === '/always') req.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
      else res.end(`ok ${n}`);
    });
    const px = await startProxy({
      clusters: { svc: [up.port] },
      clusterFields: { svc: H2 },
      routes: [
        { prefix: '/always', cluster: 'svc' },
        { prefix: '/', cluster: 'svc', retryPolicy: { retry_on: 'reset', num_retries: 2 } },
      ],
    });
    const r = await send(px.port, '/x', { body: 'payload' });
    expect([r.status, r.body]).toEqual([200, 'ok 2']);
    expect(up.seen.map((s) => s.body.toString())).toEqual(['payload', 'payload']);
    const f = await send(px.port, '/always');
    expect(f.status).toBe(503);
    expect(f.body).toMatch(/reset reason: remote reset$/);
  });

  it('retries a 503 with retry_on 5xx', async () => {
    let n = 0;
    const up = await startH2Upstream((_req, res) => {
      res.writeHead(n++ === 0 ? 503 : 200);
      res.end(`attempt ${n}`);
    });
    const px = await startProxy({ clusters: { svc: [up.port] }, clusterFields: { svc: H2 }, routes: [{ prefix: '/', cluster: 'svc', retryPolicy: { retry_on: '5xx', num_retries: 1 } }] });
    const r = await send(px.port, '/');
    expect([r.status, r.body]).toEqual([200, 'attempt 2']);
  });

  it('answers 504 on the route timeout and cancels the upstream stream', async () => {
    const cancelled: number[] = [];
    const up = await startH2Upstream((req) => {
      req.stream.on('close', () => cancelled.push(req.stream.rstCode));
    });
    const px = await startProxy({ clusters: { svc: [up.port] }, clusterFields: { svc: H2 }, routes: [{ prefix: '/', cluster: 'svc', timeout: '0.2s' }] });
    const t0 = Date.now();
    const r = await send(px.port, '/slow');
    expect([r.status, r.body]).toEqual([504, 'upstream request timeout']);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    await until(() => cancelled.length === 1);
    expect(cancelled).toEqual([constants.NGHTTP2_CANCEL]);
  });

  it('resets the client stream when the upstream resets after the response started', async () => {
    const up = await startH2Upstream((req, res) => {
      res.writeHead(200);
      res.write('partial');
      setTimeout(() => req.stream.close(constants.NGHTTP2_INTERNAL_ERROR), 30);
    });
    const px = await startProxy({ clusters: { svc: [up.port] }, clusterFields: { svc: H2 }, codec: 'HTTP2' });
    const s = await h2Session(px.port);
    await expect(h2Request(s, '/')).rejects.toThrow(/reset|stream/i);
    // the session goes on
    up.server.removeAllListeners('request');
    up.server.on('request', (_req, res) => res.end('fine'));
    const ok = await h2Request(s, '/');
    expect(ok.body.toString()).toBe('fine');
  });
});
