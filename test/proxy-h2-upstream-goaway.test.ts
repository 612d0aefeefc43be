/**
 * GOAWAY from an HTTP/2 upstream, as Envoy's HTTP/2 connection pool handles it. A graceful GOAWAY
 * (NO_ERROR, last stream id covering the streams in flight) drains the session: those streams
 * finish with their responses, and the next request goes out on a new session. A GOAWAY with an
 * error code resets the streams it covers: the client gets 503 (a reset before the response
 * started), or, when the route's retry policy retries resets, the request is sent again on a new
 * session. A node:http2 upstream counts its sessions; requests through real HTTP/1.1 sockets.
 */
import { constants, type Http2ServerResponse, type Http2Session } from 'node:http2';
import { afterEach, describe, expect, it } from 'vitest';
import { startH2Upstream } from './fixtures/proxy/h2.js';
import { promStat } from './fixtures/proxy/health.js';
import { cleanup, send, startProxy } from './fixtures/proxy/support.js';

afterEach(cleanup);

/** an upstream that holds the requests of its first session until `release`, answering later sessions at once */
async function holdingUpstream() {
  const sessions: Http2Session[] = [];
  const held: { path: string; res: Http2ServerResponse }[] = [];
  let arrived: () => void = () => {};
  const up = await startH2Upstream((req, res) => {
    const s = req.stream.session!;
    if (!sessions.includes(s)) sessions.push(s);
    if (s !== sessions[0]) return void res.end(`fresh ${req.url}`);
    held.push({ path: req.url, res });
    arrived();
  });
  const waitHeld = (n: number) =>
    new Promise<void>((resolve) => {
      arrived = () => held.length >= n && resolve();
      arrived();
    });
  return { up, sessions, held, waitHeld };
}

describe('GOAWAY from an HTTP/2 upstream', () => {
  it('lets the streams in flight finish, and sends new requests on a new session', async () => {
    const u = await holdingUpstream();
    const px = await startProxy({ clusters: { svc: [u.up.port] }, clusterFields: { svc: { http2_protocol_options: {} } } });
    const inflight = [send(px.port, '/a'), send(px.port, '/b')];
    await u.waitHeld(2);
    const first = u.sessions[0]!;
    // graceful: every stream opened so far is still processed
    first.goaway(constants.NGHTTP2_NO_ERROR, 2 ** 31 - 1);
    await new Promise((r) => setTimeout(r, 50));
    const later = await send(px.port, '/c');
    expect([later.status, later.body]).toEqual([200, 'fresh /c']);
    expect(u.sessions.length).toBe(2);
    for (const h of u.held) h.res.end(`held ${h.path}`);
    const rs = await Promise.all(inflight);
    expect(rs.map((r) => [r.status, r.body]).sort()).toEqual([
      [200, 'held /a'],
      [200, 'held /b'],
    ]);
  });

  it('resets the streams a GOAWAY with an error code covers: 503 without a retry policy', async () => {
    const u = await holdingUpstream();
    const px = await startProxy({ clusters: { svc: [u.up.port] }, clusterFields: { svc: { http2_protocol_options: {} } } });
    const p = send(px.port, '/a');
    await u.waitHeld(1);
    u.sessions[0]!.goaway(constants.NGHTTP2_INTERNAL_ERROR, 2 ** 31 - 1);
    const r = await p;
    expect(r.status).toBe(503);
    expect(r.body).toMatch(/^upstream connect error or disconnect\/reset before headers\. reset reason: /);
    // the pool dropped the session: the next request opens a new one
    expect((await send(px.port, '/b')).body).toBe('fresh /b');
  });

  it('retries the reset streams on a new session when the retry policy covers resets', async () => {
    const u = await holdingUpstream();
    const px = await startProxy({
      clusters: { svc: [u.up.port] },
      clusterFields: { svc: { http2_protocol_options: {} } },
      routes: [{ prefix: '/', cluster: 'svc', retryPolicy: { retry_on: 'reset', num_retries: 1 } }],
    });
    const p = Promise.all([send(px.port, '/a'), send(px.port, '/b')]);
    await u.waitHeld(2);
    u.sessions[0]!.goaway(constants.NGHTTP2_ENHANCE_YOUR_CALM, 2 ** 31 - 1);
    const rs = await p;
    expect(rs.map((r) => [r.status, r.body]).sort()).toEqual([
      [200, 'fresh /a'],
      [200, 'fresh /b'],
    ]);
    expect(u.sessions.length).toBe(2);
    expect(await promStat(px.adminPort, 'envoy_cluster_upstream_rq_retry')).toBe(2);
  });
});
