/**
 * Envoy's panic threshold with health-checked clusters: when fewer than healthy_panic_threshold
 * percent of the endpoints are healthy (default 50%), health is ignored and traffic goes to all
 * of them (envoy_cluster_lb_healthy_panic counts it); at exactly the threshold it is not panic.
 * With the threshold at 0 and no healthy endpoint the router answers 503 "no healthy upstream"
 * with response flag UH (seen in the access log) and counts upstream_cx_none_healthy.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkedUpstream, promStat, withClusterFields } from './fixtures/proxy/health.js';
import { cleanup, envoyYaml, send, startProxy, until } from './fixtures/proxy/support.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-health-panic-'));
afterEach(cleanup);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hc = { timeout: '0.2s', interval: '0.05s', unhealthy_threshold: 1, healthy_threshold: 1, http_health_check: { path: '/healthz' } };

async function bodies(port: number, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((await send(port, '/')).body);
  return out.sort();
}

describe('healthy_panic_threshold', () => {
  it('routes to every endpoint when too few are healthy (default 50%)', async () => {
    const [a, b, c] = [await checkedUpstream('a'), await checkedUpstream('b', 'fail'), await checkedUpstream('c', 'fail')];
    const px = await startProxy(withClusterFields(envoyYaml({ clusters: { svc: [a.port, b.port, c.port] } }), { health_checks: [hc] }));
    // 1 of 3 healthy is 33% < 50%: panic, all three get traffic
    expect(await bodies(px.port, 6)).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
    expect(await promStat(px.adminPort, 'envoy_cluster_lb_healthy_panic')).toBe(6);
    // 2 of 3 (67%): only the healthy ones
    b.health = 'pass';
    await until(() => b.checks >= 3 && px.proxy.clusters.get('svc')!.health!.isHealthy(px.proxy.clusters.get('svc')!.config.endpoints[1]!));
    expect(await bodies(px.port, 4)).toEqual(['a', 'a', 'b', 'b']);
    expect(await promStat(px.adminPort, 'envoy_cluster_lb_healthy_panic')).toBe(6);
  });

  it('with the threshold at 0, answers 503 UH when no endpoint is healthy', async () => {
    const a = await checkedUpstream('a', 'fail');
    const log = join(dir, 'access.log');
    const yaml = withClusterFields(envoyYaml({ clusters: { svc: [a.port] } }), { health_checks: [hc], common_lb_config: { healthy_panic_threshold: { value: 0 } } }).replace(
      'stat_prefix: ingress_http',
      `stat_prefix: ingress_http\n          access_log: [{ name: f, typed_config: { "@type": type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog, path: ${JSON.stringify(log)}, log_format: { text_format: "%RESPONSE_CODE% %RESPONSE_FLAGS%\\n" } } }]`,
    );
    const px = await startProxy(yaml);
    const r = await send(px.port, '/');
    expect([r.status, r.body]).toEqual([503, 'no healthy upstream']);
    expect(a.seen.filter((s) => s.url !== '/healthz')).toEqual([]);
    expect(await promStat(px.adminPort, 'envoy_cluster_upstream_cx_none_healthy')).toBe(1);
    await until(() => readFileSync(log, 'utf8').length > 0);
    expect(readFileSync(log, 'utf8')).toBe('503 UH\n');
    // healthy again: served
    a.health = 'pass';
    await until(() => px.proxy.clusters.get('svc')!.health!.isHealthy(px.proxy.clusters.get('svc')!.config.endpoints[0]!));
    expect((await send(px.port, '/')).body).toBe('a');
  });
});
