/**
 * proxy_grpc_call through the real proxy: the grpc_auth filter pauses each HTTP/1.1 request on a
 * unary call to a real @grpc/grpc-js server over loopback (HTTP/2) and continues it or answers
 * 403 from the reply; a server error status reaches the filter as on_grpc_close with the
 * server's status and message (proxy_get_status).
 */
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { afterEach, expect, it } from 'vitest';
import { startGrpcServer } from './fixtures/proxy/grpc.js';
import { cleanup, FILTERS, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

it('continues a request the gRPC service allows and answers 403 for one it denies or fails', async () => {
  const up = await startUpstream();
  const auth = await startGrpcServer({
    check: (call, done) => {
      const token = call.request.toString();
      if (token === 'Bearer good') done(null, Buffer.from('allow'));
      else if (token === 'Bearer broken') done({ code: status.PERMISSION_DENIED, details: 'no such user' });
      else done(null, Buffer.from('deny'));
    },
  });
  const px = await startProxy({
    clusters: { svc: [up.port], auth: [auth.port] },
    filters: [{ name: 'grpc_auth', file: join(FILTERS, 'grpc_auth.wasm'), configuration: JSON.stringify({ cluster: 'auth', timeout_ms: 2000 }) }],
  });

  const ok = await send(px.port, '/docs', { headers: { authorization: 'Bearer good' } });
  expect(ok.status).toBe(200);
  expect(ok.body).toBe('GET /docs ');
  expect(up.seen[0]!.headers['x-auth-reply']).toBe('allow');
  // the call carried the filter's metadata to the service, the request header as its message
  expect(auth.checks[0]!.message).toBe('Bearer good');
  expect(auth.checks[0]!.metadata['x-wasm-filter']).toBe('grpc_auth');
  // :authority is the cluster name (Envoy's default for envoy_grpc); timeout_ms became the deadline
  expect(auth.checks[0]!.authority).toBe('auth');
  expect(auth.checks[0]!.deadlineInMs).toBeLessThanOrEqual(2000);

  const denied = await send(px.port, '/docs', { headers: { authorization: 'Bearer bad' } });
  expect(denied.status).toBe(403);
  expect(denied.headers['x-grpc-status']).toBe('0');
  expect(denied.body).toBe('denied: deny\n');

  const failed = await send(px.port, '/docs', { headers: { authorization: 'Bearer broken' } });
  expect(failed.status).toBe(403);
  expect(failed.headers['x-grpc-status']).toBe(String(status.PERMISSION_DENIED));
  expect(failed.body).toBe('denied: no such user\n');

  expect(up.seen).toHaveLength(1);
  expect(auth.checks).toHaveLength(3);
  // one pooled HTTP/2 session carried every call (same client address and port)
  expect(new Set(auth.checks.map((c) => c.peer)).size).toBe(1);
});
