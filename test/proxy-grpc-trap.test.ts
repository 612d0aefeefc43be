/**
 * A gRPC callback that traps is handled by the filter's failure policy like any other callback:
 * fail_closed answers the waiting request 503 (and later ones), fail_open lets it through; the
 * proxy itself never crashes and its other routes keep working.
 */
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startGrpcServer } from './fixtures/proxy/grpc.js';
import { cleanup, FILTERS, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

const filter = (failurePolicy: 'FAIL_CLOSED' | 'FAIL_OPEN') => ({
  name: 'grpc_auth',
  file: join(FILTERS, 'grpc_auth.wasm'),
  failurePolicy,
  configuration: JSON.stringify({ cluster: 'auth', trap_on_response: true }),
});

it('fails closed: the request waiting on the call gets 503, and so do later ones', async () => {
  const up = await startUpstream();
  const auth = await startGrpcServer();
  const px = await startProxy({ clusters: { svc: [up.port], auth: [auth.port] }, filters: [filter('FAIL_CLOSED')] });
  const r = await send(px.port, '/');
  expect(r.status).toBe(503);
  expect(px.messages('grpc_auth').join('\n')).toMatch(/wasm trap .* in proxy_on_grpc_receive/);
  const later = await send(px.port, '/');
  expect(later.status).toBe(503);
  expect(up.seen).toHaveLength(0);
  expect(auth.checks).toHaveLength(1); // the failed VM makes no more calls
});

it('fails open: the request waiting on the call continues upstream', async () => {
  const up = await startUpstream();
  const auth = await startGrpcServer();
  const px = await startProxy({ clusters: { svc: [up.port], auth: [auth.port] }, filters: [filter('FAIL_OPEN')] });
  const r = await send(px.port, '/open');
  expect(r.status).toBe(200);
  expect(r.body).toBe('GET /open ');
});
