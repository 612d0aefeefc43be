/**
 * Health checks over HTTP/2: with http_health_check.codec_client_type HTTP2 an HTTP/2 cluster's
 * endpoints are checked over h2c (an HTTP/2-only server, which an HTTP/1.1 check could not reach);
 * a failing endpoint leaves load balancing and comes back when it passes again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startH2Upstream } from './fixtures/proxy/h2.js';
import { cleanup, send, startProxy, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

describe('HTTP/2 health checks', () => {
  it('check an HTTP/2-only endpoint over HTTP/2', async () => {
    let healthy = true;
    const checks: Record<string, unknown>[] = [];
    const up = await startH2Upstream((req, res) => {
      if (req.url === '/healthz') {
        checks.push({ ...req.headers });
        res.writeHead(healthy ? 200 : 503);
        res.end();
        return;
      }
      res.end('served');
    });
    const hc = { timeout: '0.5s', interval: '0.05s', unhealthy_threshold: 1, healthy_threshold: 1, http_health_check: { path: '/healthz', codec_client_type: 'HTTP2' } };
    const px = await startProxy({ clusters: { svc: [up.port] }, clusterFields: { svc: { http2_protocol_options: {}, health_checks: [hc], common_lb_config: { healthy_panic_threshold: { value: 0 } } } } });
    const r = await send(px.port, '/');
    expect([r.status, r.body]).toEqual([200, 'served']);
    expect(checks[0]).toMatchObject({ ':method': 'GET', ':authority': 'svc', ':scheme': 'http', 'user-agent': 'Envoy/HC' });

    const cluster = px.proxy.clusters.get('svc')!;
    const ep = cluster.config.endpoints[0]!;
    healthy = false;
    await until(() => !cluster.health!.isHealthy(ep));
    const down = await send(px.port, '/');
    expect([down.status, down.body]).toEqual([503, 'no healthy upstream']);
    healthy = true;
    await until(() => cluster.health!.isHealthy(ep));
    expect((await send(px.port, '/')).status).toBe(200);
  });
});
