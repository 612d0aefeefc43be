/**
 * circuit_breakers max_retries with real upstreams: while one request is in a retry (its retry
 * held by a slow upstream), another request's retry is not made — its 503 is passed on and
 * upstream_rq_retry_overflow counts it; the first request's retry then completes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { promStat, withClusterFields } from './fixtures/proxy/health.js';
import { cleanup, envoyYaml, send, startProxy, startUpstream, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

describe('circuit_breakers max_retries', () => {
  it('does not retry beyond the retries in progress it allows', async () => {
    const tries = new Map<string, number>();
    const held: (() => void)[] = [];
    const up = await startUpstream((req, res) => {
      const n = (tries.get(req.url!) ?? 0) + 1;
      tries.set(req.url!, n);
      if (n === 1) {
        res.writeHead(503, { 'content-length': 4 });
        res.end('fail');
      } else held.push(() => res.end('retried'));
    });
    const yaml = withClusterFields(envoyYaml({ clusters: { svc: [up.port] }, routes: [{ prefix: '/', cluster: 'svc', retryPolicy: { retry_on: '5xx', num_retries: 1, retry_back_off: { base_interval: '0.001s' } } }] }), {
      circuit_breakers: { thresholds: [{ max_retries: 1 }] },
    });
    const px = await startProxy(yaml);
    const a = send(px.port, '/a');
    await until(() => held.length === 1);
    const b = await send(px.port, '/b');
    expect([b.status, b.body]).toEqual([503, 'fail']);
    expect(tries.get('/b')).toBe(1);
    expect(await promStat(px.adminPort, 'envoy_cluster_upstream_rq_retry_overflow')).toBe(1);
    held[0]!();
    expect((await a).body).toBe('retried');
    // the retry slot is free again
    await until(() => px.proxy.clusters.get('svc')!.breaker.retries === 0);
    const c = send(px.port, '/c');
    await until(() => held.length === 2);
    held[1]!();
    expect((await c).body).toBe('retried');
  });
});
