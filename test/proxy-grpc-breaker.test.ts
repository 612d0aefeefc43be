/**
 * A cluster's max_requests circuit breaker covers gRPC calls too (as Envoy's): with one request
 * allowed, a second call while the first is outstanding ends at once with UNAVAILABLE and is
 * counted as an overflow; once the first is cancelled, calls are admitted again. Real grpc-js
 * server, calls through the clusters' gRPC dispatcher.
 */
import { afterEach, expect, it } from 'vitest';
import { Cluster } from '../hosts/proxy/cluster.js';
import { parseConfig } from '../hosts/proxy/config.js';
import { closeGrpcPool, clusterGrpc, type GrpcEvents } from '../hosts/proxy/grpc.js';
import { HeaderMap } from '../hosts/proxy/headers.js';
import { Metrics } from '../hosts/proxy/metrics.js';
import { envoyYaml } from '../hosts/proxy/yaml.js';
import { startGrpcServer } from './fixtures/proxy/grpc.js';
import { cleanup, registerCloser, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

it('refuses a call over max_requests with UNAVAILABLE', async () => {
  const server = await startGrpcServer({ check: (c, done) => (c.request.toString() === 'hold' ? undefined : done(null, Buffer.from('ok'))) });
  const cfg = parseConfig(envoyYaml({ clusters: { auth: [server.port] } })).clusters[0]!;
  const metrics = new Metrics();
  const cluster = new Cluster({ ...cfg, breakers: { ...cfg.breakers, maxRequests: 1 } }, metrics);
  registerCloser(() => {
    cluster.close();
    closeGrpcPool(cluster);
  });
  const d = clusterGrpc(new Map([['auth', cluster]]));
  const start = (msg: string) => {
    const out: { status?: number; message?: string } = {};
    const events: GrpcEvents = { initialMetadata() {}, message() {}, trailingMetadata() {}, close: (status, message) => Object.assign(out, { status, message }) };
    const h = d.start({ service: { cluster: 'auth', authority: undefined, timeoutMs: undefined, metadata: [] }, serviceName: 'wasmlet.test.Auth', method: 'Check', metadata: new HeaderMap(), timeoutMs: 0 }, events);
    if (typeof h === 'number') throw new Error(`refused ${h}`);
    h.send(Buffer.from(msg), true);
    return { h, out };
  };
  const held = start('hold');
  await until(() => server.checks.length === 1);
  const over = start('second');
  await until(() => over.out.status !== undefined);
  expect(over.out).toEqual({ status: 14, message: 'upstream overflow (circuit breaker)' });
  expect(metrics.renderPrometheus()).toMatch(/envoy_cluster_upstream_rq_pending_overflow\{envoy_cluster_name="auth"\} 1/);
  held.h.cancel();
  const third = start('third');
  await until(() => third.out.status !== undefined);
  expect(third.out.status).toBe(0);
  expect(server.checks.map((c) => c.message)).toEqual(['hold', 'third']);
});
