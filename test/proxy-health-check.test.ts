/**
 * Cluster health_checks (HTTP) against real upstreams: an endpoint failing its health path from the
 * start gets no traffic (endpoints start unhealthy; the proxy waits for the first checks before it
 * serves); one that starts failing leaves load balancing after unhealthy_threshold failures and
 * returns after healthy_threshold passes; a health path that hangs fails by timeout. The checks
 * carry the cluster's name as Host and Envoy's user agent; the admin listener has the health
 * stats per cluster.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkedUpstream, promStat, withClusterFields } from './fixtures/proxy/health.js';
import { cleanup, envoyYaml, send, startProxy, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

const hc = { timeout: '0.2s', interval: '0.05s', unhealthy_threshold: 2, healthy_threshold: 2, http_health_check: { path: '/healthz' } };

async function spread(port: number, n: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const r = await send(port, `/${i}`);
    expect(r.status).toBe(200);
    out[r.body] = (out[r.body] ?? 0) + 1;
  }
  return out;
}

describe('HTTP health checks', () => {
  it('take failing endpoints out of load balancing and bring them back', async () => {
    const a = await checkedUpstream('a');
    const b = await checkedUpstream('b', 'fail');
    const px = await startProxy(withClusterFields(envoyYaml({ clusters: { svc: [a.port, b.port] } }), { health_checks: [hc] }));
    // b never passed a check: no traffic from the first request on
    expect(await spread(px.port, 4)).toEqual({ a: 4 });
    const check = a.seen.find((s) => s.url === '/healthz')!;
    expect([check.method, check.headers.host, check.headers['user-agent']]).toEqual(['GET', 'svc', 'Envoy/HC']);

    b.health = 'pass';
    await until(() => px.proxy.clusters.get('svc')!.health!.isHealthy(px.proxy.clusters.get('svc')!.config.endpoints[1]!), 5000);
    expect(await spread(px.port, 4)).toEqual({ a: 2, b: 2 });
    expect(await promStat(px.adminPort, 'envoy_cluster_membership_healthy')).toBe(2);

    // a fails: out after two failed checks in a row
    a.health = 'fail';
    const before = a.checks;
    await until(() => !px.proxy.clusters.get('svc')!.health!.isHealthy(px.proxy.clusters.get('svc')!.config.endpoints[0]!), 5000);
    expect(a.checks - before).toBeGreaterThanOrEqual(2);
    expect(await spread(px.port, 4)).toEqual({ b: 4 });
    expect(await promStat(px.adminPort, 'envoy_cluster_membership_healthy')).toBe(1);
    expect(await promStat(px.adminPort, 'envoy_cluster_membership_total')).toBe(2);
    expect(await promStat(px.adminPort, 'envoy_cluster_health_check_failure')).toBeGreaterThanOrEqual(3);
    expect(await promStat(px.adminPort, 'envoy_cluster_health_check_success')).toBeGreaterThan(0);
    expect(px.messages('health')).toContain(`svc 127.0.0.1:${a.port} is now unhealthy (status 503)`);

    // back after healthy_threshold (2) passes
    a.health = 'pass';
    await until(() => px.proxy.clusters.get('svc')!.health!.isHealthy(px.proxy.clusters.get('svc')!.config.endpoints[0]!), 5000);
    expect(await spread(px.port, 4)).toEqual({ a: 2, b: 2 });
  });

  it('fail a health path that does not answer within timeout', async () => {
    const a = await checkedUpstream('a');
    const b = await checkedUpstream('b', 'hang');
    const px = await startProxy(withClusterFields(envoyYaml({ clusters: { svc: [a.port, b.port] } }), { health_checks: [{ ...hc, timeout: '0.1s', http_health_check: { path: '/healthz', host: 'health.local', expected_statuses: [{ start: 200, end: 300 }] } }] }));
    expect(await spread(px.port, 4)).toEqual({ a: 4 });
    expect(await promStat(px.adminPort, 'envoy_cluster_health_check_network_failure')).toBeGreaterThanOrEqual(1);
    expect(px.messages('health')).toEqual([`svc 127.0.0.1:${a.port} is now healthy`]);
    expect(a.seen.find((s) => s.url === '/healthz')!.headers.host).toBe('health.local');
  });
});
