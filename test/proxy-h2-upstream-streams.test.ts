/**
 * The upstream HTTP/2 pool honours http2_protocol_options.max_concurrent_streams: concurrent
 * requests beyond it open another session (one per max_concurrent_streams streams), and with the
 * max_connections circuit breaker reached they wait (pending) for a stream to finish instead;
 * over max_pending_requests they are answered 503 UO, as Envoy's HTTP/2 pool answers them.
 */
import type { Http2Session } from 'node:http2';
import { afterEach, describe, expect, it } from 'vitest';
import { startH2Upstream } from './fixtures/proxy/h2.js';
import { promStat } from './fixtures/proxy/health.js';
import { cleanup, send, startProxy } from './fixtures/proxy/support.js';

afterEach(cleanup);

/**
 * An upstream that holds each stream until `together` streams are open at once (then 50 ms more,
 * so a pool that over-admits shows it in `peak`), or for 1 s when fewer can be open: the barrier,
 * not a fixed delay, is what makes the five requests overlap on a loaded machine.
 */
async function hold(maxConnections: number, together: number) {
  const sessions = new Set<Http2Session>();
  const held: Array<() => void> = [];
  let concurrent = 0;
  let peak = 0;
  const releaseAll = (): void => {
    for (const end of held.splice(0)) end();
  };
  const up = await startH2Upstream((req, res) => {
    sessions.add(req.stream.session!);
    concurrent++;
    peak = Math.max(peak, concurrent);
    res.on('finish', () => concurrent--);
    const end = (): void => {
      clearTimeout(fallback);
      if (!res.writableEnded) res.end('ok');
    };
    const fallback = setTimeout(end, 1000);
    held.push(end);
    if (concurrent >= together) setTimeout(releaseAll, 50);
  });
  const px = await startProxy({
    clusters: { svc: [up.port] },
    clusterFields: { svc: { http2_protocol_options: { max_concurrent_streams: 2 }, circuit_breakers: { thresholds: [{ max_connections: maxConnections }] } } },
  });
  const rs = await Promise.all([0, 1, 2, 3, 4].map((i) => send(px.port, `/${i}`)));
  expect(rs.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  return { sessions: sessions.size, peak, px };
}

describe('upstream HTTP/2 streams per session', () => {
  it('opens a session per max_concurrent_streams streams', async () => {
    const { sessions, peak } = await hold(10, 5);
    expect(sessions).toBe(3);
    expect(peak).toBe(5);
  });

  it('queues streams at max_connections', async () => {
    const { sessions, peak, px } = await hold(1, 2);
    expect(sessions).toBe(1);
    expect(peak).toBe(2);
    expect(await promStat(px.adminPort, 'envoy_cluster_upstream_cx_overflow')).toBe(3);
  });

  it('answers 503 overflow beyond max_pending_requests', async () => {
    const up = await startH2Upstream((_req, res) => setTimeout(() => res.end('ok'), 200));
    const px = await startProxy({
      clusters: { svc: [up.port] },
      clusterFields: { svc: { http2_protocol_options: { max_concurrent_streams: 1 }, circuit_breakers: { thresholds: [{ max_connections: 1, max_pending_requests: 1 }] } } },
    });
    const rs = await Promise.all([0, 1, 2].map(async (i) => {
      await new Promise((r) => setTimeout(r, i * 30));
      return send(px.port, `/${i}`);
    }));
    expect(rs.map((r) => r.status)).toEqual([200, 200, 503]);
    expect(rs[2]!.headers['x-envoy-overloaded']).toBe('true');
    expect(await promStat(px.adminPort, 'envoy_cluster_upstream_rq_pending_overflow')).toBe(1);
  });
});
