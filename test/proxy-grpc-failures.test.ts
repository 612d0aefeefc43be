/**
 * How a failed proxy_grpc_call reaches the filter (on_grpc_close with a gRPC status, as Envoy's
 * async client reports it), through the real proxy and a real grpc-js server: the call's timeout
 * is DEADLINE_EXCEEDED (4), a cluster whose endpoint refuses connections UNAVAILABLE (14), and a
 * cluster name that is not configured is refused at the hostcall (no token: the filter answers
 * on its own). The proxy keeps serving after each.
 */
import { createServer, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { closedPort, startGrpcServer } from './fixtures/proxy/grpc.js';
import { cleanup, FILTERS, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

const filter = (cluster: string, timeoutMs = 2000) => ({ name: 'grpc_auth', file: join(FILTERS, 'grpc_auth.wasm'), configuration: JSON.stringify({ cluster, timeout_ms: timeoutMs }) });

it('closes a call that outlives its timeout with DEADLINE_EXCEEDED and sends grpc-timeout', async () => {
  const up = await startUpstream();
  const slow = await startGrpcServer({ check: (_call, done) => setTimeout(() => done(null, Buffer.from('allow')), 1500) });
  const px = await startProxy({ clusters: { svc: [up.port], auth: [slow.port] }, filters: [filter('auth', 200)] });
  const t0 = Date.now();
  const r = await send(px.port, '/x', { headers: { authorization: 't' } });
  const took = Date.now() - t0;
  expect(r.status).toBe(403);
  expect(r.headers['x-grpc-status']).toBe('4');
  expect(took).toBeGreaterThanOrEqual(190);
  expect(took).toBeLessThan(1400);
  // grpc-timeout told the server the deadline (grpc-js turns it into the call's deadline)
  expect(slow.checks[0]!.deadlineInMs).toBeGreaterThan(0);
  expect(slow.checks[0]!.deadlineInMs).toBeLessThanOrEqual(200);
  expect(up.seen).toHaveLength(0);
});

it('enforces the timeout itself when the server ignores grpc-timeout', async () => {
  const up = await startUpstream();
  const held: ServerHttp2Stream[] = [];
  const mute = createServer((_req, _res) => {});
  mute.on('stream', (s) => held.push(s)); // never answers
  await new Promise<void>((r) => mute.listen(0, '127.0.0.1', () => r()));
  const closed = new Promise<void>((r) => mute.once('stream', (s) => s.once('close', () => r())));
  const px = await startProxy({ clusters: { svc: [up.port], auth: [(mute.address() as AddressInfo).port] }, filters: [filter('auth', 150)] });
  const r = await send(px.port, '/x');
  expect(r.headers['x-grpc-status']).toBe('4');
  await closed; // the proxy reset the stream it gave up on
  expect(held[0]!.rstCode).toBe(8); // NGHTTP2_CANCEL
  await px.proxy.stop();
  await new Promise<void>((r) => mute.close(() => r()));
});

it('closes a call to a cluster whose endpoint is down with UNAVAILABLE, then serves once it is up', async () => {
  const up = await startUpstream();
  const port = await closedPort();
  const px = await startProxy({ clusters: { svc: [up.port], auth: [port] }, filters: [filter('auth')] });
  const r = await send(px.port, '/x', { headers: { authorization: 't' } });
  expect(r.status).toBe(403);
  expect(r.headers['x-grpc-status']).toBe('14');
  expect(px.messages('proxy').join('\n')).not.toMatch(/uncaught|TypeError/);
  // the next request still reaches the filter and the (still down) cluster: same answer, no crash
  const again = await send(px.port, '/x', { headers: { authorization: 't' } });
  expect(again.headers['x-grpc-status']).toBe('14');
});

it('refuses a call to a cluster that is not configured (the filter gets no token)', async () => {
  const up = await startUpstream();
  const px = await startProxy({ clusters: { svc: [up.port] }, filters: [filter('nowhere')] });
  const r = await send(px.port, '/x');
  expect(r.status).toBe(403);
  expect(r.body).toBe('denied: cannot call cluster nowhere\n');
  expect(up.seen).toHaveLength(0);
});
