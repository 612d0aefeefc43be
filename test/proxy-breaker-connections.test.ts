/**
 * circuit_breakers max_connections and max_pending_requests with a slow real upstream: with one
 * connection allowed, a second concurrent request waits for it (upstream_cx_overflow counts the
 * wait) and a third, beyond max_pending_requests, is answered 503 UO; the waiting one is sent
 * on the same connection once the first finishes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { promStat, withClusterFields } from './fixtures/proxy/health.js';
import { cleanup, envoyYaml, send, startProxy, startUpstream, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

describe('circuit_breakers max_connections and max_pending_requests', () => {
  it('queues up to max_pending_requests for a connection, then overflows', async () => {
    const held: (() => void)[] = [];
    const ports: number[] = [];
    const up = await startUpstream((req, res) => {
      ports.push(req.socket.remotePort!);
      held.push(() => res.end(`done ${req.url}`));
    });
    const px = await startProxy(withClusterFields(envoyYaml({ clusters: { svc: [up.port] } }), { circuit_breakers: { thresholds: [{ max_connections: 1, max_pending_requests: 1 }] } }));
    const first = send(px.port, '/1');
    await until(() => held.length === 1);
    const second = send(px.port, '/2');
    await until(() => px.proxy.clusters.get('svc')!.breaker.pending === 1);
    expect(await promStat(px.adminPort, 'envoy_cluster_upstream_rq_pending_active')).toBe(1);
    const third = await send(px.port, '/3');
    expect([third.status, third.headers['x-envoy-overloaded']]).toEqual([503, 'true']);
    expect(await promStat(px.adminPort, 'envoy_cluster_upstream_cx_overflow')).toBe(2);
    expect(await promStat(px.adminPort, 'envoy_cluster_upstream_rq_pending_overflow')).toBe(1);
    // the second request waits: the upstream has seen only the first
    await new Promise((r) => setTimeout(r, 100));
    expect(held).toHaveLength(1);

    held[0]!();
    expect((await first).body).toBe('done /1');
    await until(() => held.length === 2);
    held[1]!();
    expect((await second).body).toBe('done /2');
    // one connection carried both
    expect(new Set(ports).size).toBe(1);
  });
});
