/**
 * A filter's gRPC call to a cluster configured with transport_socket TLS (an UpstreamTlsContext
 * with trusted_ca and sni, parsed from the YAML like any config): the grpc_auth filter's unary
 * call reaches a @grpc/grpc-js TLS server (certificate signed by a CA made with openssl at test
 * time) and its reply continues the request; with a CA that did not sign the server's
 * certificate the call fails UNAVAILABLE and the filter answers 403 with that status.
 */
import { join } from 'node:path';
import { ServerCredentials, status } from '@grpc/grpc-js';
import { afterEach, expect, it } from 'vitest';
import { testCerts, upstreamTls } from './fixtures/proxy/certs.js';
import { startGrpcServer } from './fixtures/proxy/grpc.js';
import { cleanup, FILTERS, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

it('calls a TLS gRPC cluster from a filter, checking the server against trusted_ca', async () => {
  const c = testCerts();
  const up = await startUpstream();
  const creds = ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(c.serverCert), private_key: Buffer.from(c.serverKey) }]);
  const auth = await startGrpcServer({ credentials: creds, check: (call, done) => done(null, Buffer.from(call.request.toString() === 'Bearer good' ? 'allow' : 'deny')) });
  const filters = [{ name: 'grpc_auth', file: join(FILTERS, 'grpc_auth.wasm'), configuration: JSON.stringify({ cluster: 'auth', timeout_ms: 3000 }) }];

  const px = await startProxy({ clusters: { svc: [up.port], auth: [auth.port] }, clusterFields: { auth: { transport_socket: upstreamTls(c, { ca: c.caFile, sni: 'upstream.test' }) } }, filters });
  const ok = await send(px.port, '/docs', { headers: { authorization: 'Bearer good' } });
  expect([ok.status, up.seen[0]!.headers['x-auth-reply']]).toEqual([200, 'allow']);
  expect(auth.checks[0]!.message).toBe('Bearer good');

  const untrusted = await startProxy({ clusters: { svc: [up.port], auth: [auth.port] }, clusterFields: { auth: { transport_socket: upstreamTls(c, { ca: c.otherCaFile }) } }, filters });
  const r = await send(untrusted.port, '/docs', { headers: { authorization: 'Bearer good' } });
  expect(r.status).toBe(403);
  expect(r.headers['x-grpc-status']).toBe(String(status.UNAVAILABLE));
  expect(auth.checks).toHaveLength(1);
});
