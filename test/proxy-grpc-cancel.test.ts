/**
 * The end of a gRPC call's context: when the downstream client goes away while its request waits
 * on proxy_grpc_call, the proxy deletes the stream context and cancels the call (the real grpc-js
 * server sees the cancellation), and the proxy goes on serving.
 */
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startGrpcServer } from './fixtures/proxy/grpc.js';
import { cleanup, FILTERS, send, startProxy, startUpstream, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

it('cancels the call of a stream whose client disconnected', async () => {
  const up = await startUpstream();
  const auth = await startGrpcServer({
    check: (call, done) => {
      if (call.request.toString() !== 'hold') done(null, Buffer.from('allow'));
      // 'hold' is never answered: only a cancellation ends it
    },
  });
  const px = await startProxy({
    clusters: { svc: [up.port], auth: [auth.port] },
    filters: [{ name: 'grpc_auth', file: join(FILTERS, 'grpc_auth.wasm'), configuration: JSON.stringify({ cluster: 'auth', timeout_ms: 0 }) }],
  });
  const req = request({ host: '127.0.0.1', port: px.port, path: '/', headers: { authorization: 'hold' }, agent: false });
  req.on('error', () => {});
  req.end();
  await until(() => auth.checks.length === 1);
  expect(auth.cancelled).toBe(0);
  req.destroy();
  await until(() => auth.cancelled === 1);
  const ok = await send(px.port, '/', { headers: { authorization: 'go' } });
  expect(ok.status).toBe(200);
});
