/**
 * circuit_breakers max_requests with a slow real upstream and concurrent clients: requests beyond
 * the limit are not sent but answered 503 with response flag UO, `x-envoy-overloaded: true` and
 * Envoy's overflow body; upstream_rq_pending_overflow counts them; once the slow requests finish,
 * new ones pass again.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { promStat, withClusterFields } from './fixtures/proxy/health.js';
import { cleanup, envoyYaml, send, startProxy, startUpstream, until } from './fixtures/proxy/support.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-breaker-rq-'));
afterEach(cleanup);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('circuit_breakers max_requests', () => {
  it('answers 503 UO beyond the limit and lets requests through again after', async () => {
    const held: (() => void)[] = [];
    const up = await startUpstream((req, res) => {
      if (req.url!.startsWith('/slow')) held.push(() => res.end('slow done'));
      else res.end('ok');
    });
    const log = join(dir, 'access.log');
    const yaml = withClusterFields(envoyYaml({ clusters: { svc: [up.port] } }), { circuit_breakers: { thresholds: [{ priority: 'DEFAULT', max_requests: 2 }] } }).replace(
      'stat_prefix: ingress_http',
      `stat_prefix: ingress_http\n          access_log: [{ name: f, typed_config: { "@type": type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog, path: ${JSON.stringify(log)}, log_format: { text_format: "%REQ(:PATH)% %RESPONSE_CODE% %RESPONSE_FLAGS%\\n" } } }]`,
    );
    const px = await startProxy(yaml);
    const slow = [send(px.port, '/slow1'), send(px.port, '/slow2')];
    await until(() => held.length === 2);
    const over = await Promise.all([send(px.port, '/over1'), send(px.port, '/over2')]);
    for (const r of over) {
      expect(r.status).toBe(503);
      expect(r.headers['x-envoy-overloaded']).toBe('true');
      expect(r.body).toBe('upstream connect error or disconnect/reset before headers. reset reason: overflow');
    }
    expect(up.seen.map((s) => s.url).sort()).toEqual(['/slow1', '/slow2']);
    expect(await promStat(px.adminPort, 'envoy_cluster_upstream_rq_pending_overflow')).toBe(2);
    expect(await promStat(px.adminPort, 'envoy_cluster_upstream_rq_active')).toBe(2);

    for (const f of held) f();
    expect((await Promise.all(slow)).map((r) => r.body)).toEqual(['slow done', 'slow done']);
    await until(() => px.proxy.clusters.get('svc')!.breaker.active === 0);
    expect((await send(px.port, '/after')).body).toBe('ok');
    await until(() => readFileSync(log, 'utf8').split('\n').length >= 6);
    const lines = readFileSync(log, 'utf8').trim().split('\n').sort();
    expect(lines).toEqual(['/after 200 -', '/over1 503 UO', '/over2 503 UO', '/slow1 200 -', '/slow2 200 -']);
  });
});
