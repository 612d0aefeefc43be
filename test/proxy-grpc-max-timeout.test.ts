/**
 * Envoy's max_grpc_timeout on a route: set, a gRPC request's grpc-timeout header (the client's
 * deadline) replaces the route timeout, capped by max_grpc_timeout unless it is 0s (no cap);
 * unset, grpc-timeout is ignored and the route timeout applies. A @grpc/grpc-js client with a
 * deadline → the proxy (h2c) → an HTTP/2 cluster → a @grpc/grpc-js server whose "late" call
 * answers after 500 ms (no headers before). When the proxy's timeout fires first the client gets UNAVAILABLE with
 * Envoy's "upstream request timeout" (the 504 as a gRPC status), long before its own deadline.
 */
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { echoClient, startEchoServer, type EchoClient } from './fixtures/proxy/grpc-echo.js';
import { cleanup, envoyYaml, startProxy } from './fixtures/proxy/support.js';

afterEach(cleanup);

/** a unary call with a deadline: the error (or null), its reply, and how long it took */
function call(c: EchoClient, msg: string, deadlineMs: number): Promise<{ err: ServiceError | null; reply: string | undefined; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    c['Unary']!(Buffer.from(msg), new Metadata(), { deadline: Date.now() + deadlineMs }, (err: ServiceError | null, reply?: Buffer) => resolve({ err, reply: reply?.toString(), ms: Date.now() - t0 }));
  });
}

async function proxy(server: number, timeout: string, action?: Record<string, unknown>) {
  const px = await startProxy(
    envoyYaml({
      clusters: { echo: [server] },
      clusterFields: { echo: { http2_protocol_options: {} } },
      routes: [{ prefix: '/', cluster: 'echo', timeout, ...(action ? { action } : {}) }],
    }),
  );
  return echoClient(px.port);
}

describe('max_grpc_timeout', () => {
  it('is unset: the route timeout applies whatever the deadline', async () => {
    const server = await startEchoServer();
    const c = await proxy(server.port, '0.2s');
    const r = await call(c, 'late', 5000);
    expect(r.err?.code).toBe(status.UNAVAILABLE);
    expect(r.err?.details).toBe('upstream request timeout');
  });

  it('is 0s: the client deadline replaces a shorter route timeout, with no cap', async () => {
    const server = await startEchoServer();
    const c = await proxy(server.port, '0.2s', { max_grpc_timeout: '0s' });
    const r = await call(c, 'late', 5000);
    expect(r.err).toBeNull();
    expect(r.reply).toBe('echo:late');
    // the deadline still reaches the server
    expect(server.calls[0]!.deadlineMs).toBeGreaterThan(3000);
  });

  it('caps a longer client deadline', async () => {
    const server = await startEchoServer();
    // the route timeout alone would let the call finish: the cap is what fires
    const c = await proxy(server.port, '10s', { max_grpc_timeout: '0.2s' });
    const r = await call(c, 'late', 5000);
    expect(r.err?.code).toBe(status.UNAVAILABLE);
    expect(r.err?.details).toBe('upstream request timeout');
    // a fast call under the same cap goes through
    expect((await call(c, 'quick', 5000)).reply).toBe('echo:quick');
  });

  it('lets a call without a deadline run past the route timeout when uncapped, and applies grpc_timeout_offset', async () => {
    const server = await startEchoServer();
    const c = await proxy(server.port, '0.2s', { max_grpc_timeout: '0s', grpc_timeout_offset: '0.3s' });
    // no deadline: no grpc-timeout header, so no timeout at all
    const none = await new Promise<{ err: ServiceError | null; reply: string | undefined }>((resolve) => {
      c['Unary']!(Buffer.from('late'), new Metadata(), (err: ServiceError | null, reply?: Buffer) => resolve({ err, reply: reply?.toString() }));
    });
    expect(none.err).toBeNull();
    expect(none.reply).toBe('echo:late');
    // a 700 ms deadline less the 300 ms offset: the proxy gives up at ~400 ms, before the 500 ms answer
    const r = await call(c, 'late', 700);
    expect(r.err?.code).toBe(status.UNAVAILABLE);
    expect(r.err?.details).toBe('upstream request timeout');
  });
});
