/**
 * gRPC pass-through: a @grpc/grpc-js client → the proxy (h2c on an AUTO listener, and h2 over a
 * TLS listener) → an HTTP/2 cluster → a @grpc/grpc-js server, through a filter chain that reads
 * the request headers (recorder logs :method/:path) and adds a response header. Unary,
 * server-streaming, client-streaming and bidi calls work; initial metadata, trailers
 * (grpc-status, grpc-message, custom trailing metadata), the client's deadline (grpc-timeout) and
 * a server error status arrive intact.
 */
import { Metadata, status, type ClientDuplexStream, type ClientReadableStream, type ClientWritableStream, type ServiceError } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { downstreamTls, testCerts } from './fixtures/proxy/certs.js';
import { echoClient, FAIL_MESSAGE, startEchoServer, type EchoClient } from './fixtures/proxy/grpc-echo.js';
import { cleanup, envoyYaml, FILTERS, startProxy, type RunningProxy } from './fixtures/proxy/support.js';

afterEach(cleanup);

interface UnaryResult {
  err: ServiceError | null;
  reply: string | undefined;
  headers: Metadata | undefined;
  trailers: Metadata | undefined;
}

function unary(c: EchoClient, msg: string, opts: { deadlineMs?: number } = {}): Promise<UnaryResult> {
  return new Promise((resolve) => {
    const out: UnaryResult = { err: null, reply: undefined, headers: undefined, trailers: undefined };
    const options = opts.deadlineMs ? { deadline: Date.now() + opts.deadlineMs } : {};
    const call = c['Unary']!(Buffer.from(msg), new Metadata(), options, (err: ServiceError | null, reply?: Buffer) => {
      out.err = err;
      out.reply = reply?.toString();
    }) as import('@grpc/grpc-js').ClientUnaryCall;
    call.on('metadata', (m: Metadata) => (out.headers = m));
    call.on('status', (s: { metadata: Metadata }) => {
      out.trailers = s.metadata;
      // the callback runs before 'status'
      setImmediate(() => resolve(out));
    });
  });
}

async function proxyFor(port: number, tls = false): Promise<RunningProxy> {
  return startProxy(
    envoyYaml({
      clusters: { echo: [port] },
      clusterFields: { echo: { http2_protocol_options: {} } },
      ...(tls ? { listenerTransportSocket: downstreamTls(testCerts()) } : {}),
      filters: [
        { name: 'recorder', file: `${FILTERS}/recorder.wasm`, configuration: JSON.stringify({ log_headers: true }) },
        { name: 'hdr', file: `${FILTERS}/add_headers.wasm`, configuration: JSON.stringify({ response: { set: { 'x-filter': 'seen' } } }) },
      ],
    }),
  );
}

for (const tls of [false, true]) {
  describe(`gRPC through the proxy (${tls ? 'TLS listener' : 'h2c'})`, () => {
    it('passes unary calls with metadata, trailers, deadlines and error statuses', async () => {
      const server = await startEchoServer();
      const px = await proxyFor(server.port, tls);
      const c = echoClient(px.port, tls ? testCerts().ca : undefined);

      const ok = await unary(c, 'hi', { deadlineMs: 5000 });
      expect(ok.err).toBeNull();
      expect(ok.reply).toBe('echo:hi');
      expect(ok.headers?.get('x-server')).toEqual(['1']);
      expect(ok.headers?.get('x-filter')).toEqual(['seen']);
      expect(ok.trailers?.get('x-trailer')).toEqual(['done']);
      // the client's deadline reached the server (grpc-timeout passed through)
      expect(server.calls[0]!.deadlineMs).toBeGreaterThan(3000);
      expect(server.calls[0]!.deadlineMs).toBeLessThanOrEqual(5000);
      expect(px.messages('recorder')).toContain(`pseudo :method=POST :path=/wasmlet.test.Echo/Unary :authority=127.0.0.1:${px.port} :scheme=${tls ? 'https' : 'http'}`);

      const failed = await unary(c, 'fail');
      expect([failed.err?.code, failed.err?.details]).toEqual([status.NOT_FOUND, FAIL_MESSAGE]);

      const late = await unary(c, 'slow', { deadlineMs: 150 });
      expect(late.err?.code).toBe(status.DEADLINE_EXCEEDED);
    });

    it('passes server-streaming, client-streaming and bidi calls', async () => {
      const server = await startEchoServer();
      const px = await proxyFor(server.port, tls);
      const c = echoClient(px.port, tls ? testCerts().ca : undefined);

      const ss = c['ServerStream']!(Buffer.from('3')) as ClientReadableStream<Buffer>;
      const parts: string[] = [];
      ss.on('data', (m: Buffer) => parts.push(m.toString()));
      const ssStatus = await new Promise<number>((r) => ss.on('status', (s: { code: number }) => r(s.code)));
      expect([ssStatus, parts]).toEqual([status.OK, ['part 0', 'part 1', 'part 2']]);

      const joined = await new Promise<string>((resolve, reject) => {
        const cs = c['ClientStream']!((err: ServiceError | null, reply?: Buffer) => (err ? reject(err) : resolve(reply!.toString()))) as ClientWritableStream<Buffer>;
        cs.write(Buffer.from('a'));
        setTimeout(() => {
          cs.write(Buffer.from('b'));
          cs.end();
        }, 20);
      });
      expect(joined).toBe('a+b');

      const bidi = c['Bidi']!() as ClientDuplexStream<Buffer, Buffer>;
      const seen: string[] = [];
      // ping-pong: each answer arrives before the next message is sent
      for (const m of ['x', 'y', 'z']) {
        bidi.write(Buffer.from(m));
        seen.push(await new Promise<string>((r) => bidi.once('data', (b: Buffer) => r(b.toString()))));
      }
      bidi.end();
      const bidiStatus = await new Promise<number>((r) => bidi.on('status', (s: { code: number }) => r(s.code)));
      expect([bidiStatus, seen]).toEqual([status.OK, ['seen:x', 'seen:y', 'seen:z']]);
      expect(server.calls.map((x) => x.method)).toEqual(['ServerStream', 'ClientStream', 'Bidi']);
    });
  });
}
