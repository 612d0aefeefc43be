/**
 * The proxy's own replies to gRPC requests are gRPC errors, as Envoy sends them: trailers-only
 * (one HEADERS frame with END_STREAM), HTTP 200, content-type application/grpc, grpc-status mapped
 * from the HTTP status (404 → UNIMPLEMENTED, 503 → UNAVAILABLE, others UNKNOWN) and grpc-message the
 * reply's body, percent-encoded, and no content-length. Seen by a raw node:http2 client and by a @grpc/grpc-js client; a
 * plain HTTP request still gets the plain reply.
 */
import { constants } from 'node:http2';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort } from './fixtures/proxy/grpc.js';
import { echoClient } from './fixtures/proxy/grpc-echo.js';
import { h2Session } from './fixtures/proxy/h2.js';
import { cleanup, envoyYaml, FILTERS, send, startProxy } from './fixtures/proxy/support.js';

afterEach(cleanup);

function grpcError(c: ReturnType<typeof echoClient>): Promise<ServiceError> {
  return new Promise((resolve, reject) => {
    c['Unary']!(Buffer.from('x'), new Metadata(), (err: ServiceError | null) => (err ? resolve(err) : reject(new Error('the call succeeded'))));
  });
}

describe('local replies to gRPC requests', () => {
  it('are trailers-only gRPC errors with the status mapped from HTTP', async () => {
    const dead = await closedPort();
    const px = await startProxy(
      envoyYaml({
        clusters: { dead: [dead] },
        clusterFields: { dead: { http2_protocol_options: {} } },
        routes: [{ prefix: '/wasmlet.test.Echo/', cluster: 'dead' }, { prefix: '/teapot', cluster: 'dead' }],
        filters: [{ name: 'recorder', file: `${FILTERS}/recorder.wasm`, configuration: JSON.stringify({ local_reply_on: 'request_headers' }) }],
      }),
    );
    // the raw frames: HEADERS with END_STREAM, :status 200, the gRPC status in it
    const s = await h2Session(px.port);
    const raw = await new Promise<{ h: Record<string, unknown>; flags: number }>((resolve, reject) => {
      const req = s.request({ ':method': 'POST', ':path': '/nowhere/Method', 'content-type': 'application/grpc', te: 'trailers' }, { endStream: true });
      req.on('response', (h, flags) => resolve({ h: { ...h }, flags }));
      req.on('error', reject);
      req.resume();
    });
    expect(raw.flags & constants.NGHTTP2_FLAG_END_STREAM).toBe(constants.NGHTTP2_FLAG_END_STREAM);
    // the recorder answered 418 "local from request_headers": UNKNOWN, with its body as message
    expect(raw.h).toMatchObject({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '2', 'grpc-message': 'local from request_headers', 'x-local': 'request_headers' });
    // trailers-only: no body, so no content-length either (Envoy sends none)
    expect(raw.h['content-length']).toBeUndefined();

    // a plain HTTP request gets the filter's reply as it is
    const plain = await send(px.port, '/teapot');
    expect([plain.status, plain.body]).toEqual([418, 'local from request_headers']);
  });

  it('maps no route to UNIMPLEMENTED and a connect failure to UNAVAILABLE for a grpc-js client', async () => {
    const dead = await closedPort();
    const px = await startProxy({ clusters: { dead: [dead] }, clusterFields: { dead: { http2_protocol_options: {} } }, routes: [{ prefix: '/wasmlet.test.Echo/', cluster: 'dead' }] });
    const unavailable = await grpcError(echoClient(px.port));
    expect(unavailable.code).toBe(status.UNAVAILABLE);
    expect(unavailable.details).toBe('upstream connect error or disconnect/reset before headers. reset reason: connection failure');

    const px2 = await startProxy({ clusters: { dead: [dead] }, routes: [{ prefix: '/other', cluster: 'dead' }] });
    const unimplemented = await grpcError(echoClient(px2.port));
    expect(unimplemented.code).toBe(status.UNIMPLEMENTED);
  });
});
