/**
 * proxy_grpc_send under back-pressure: a stream to a @grpc/grpc-js server that stops reading
 * (its HTTP/2 flow-control window closes) keeps at most MAX_GRPC_SEND_BUFFER bytes unsent; the
 * send that would go over it is refused (the hostcall returns INTERNAL_FAILURE) and the stream
 * ends with RESOURCE_EXHAUSTED, reported like any close. Memory stays bounded however fast the
 * filter sends.
 */
import type { ServerDuplexStream } from '@grpc/grpc-js';
import { afterEach, expect, it } from 'vitest';
import { Cluster } from '../hosts/proxy/cluster.js';
import { parseConfig } from '../hosts/proxy/config.js';
import { clusterGrpc, MAX_GRPC_SEND_BUFFER, type GrpcEvents } from '../hosts/proxy/grpc.js';
import { HeaderMap } from '../hosts/proxy/headers.js';
import { Metrics } from '../hosts/proxy/metrics.js';
import { envoyYaml } from '../hosts/proxy/yaml.js';
import { startGrpcServer } from './fixtures/proxy/grpc.js';
import { cleanup, registerCloser, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

it('refuses sends beyond the send buffer and ends the stream with RESOURCE_EXHAUSTED', async () => {
  let received = 0;
  let paused: ServerDuplexStream<Buffer, Buffer> | undefined;
  const server = await startGrpcServer({
    watch: (call) => {
      call.once('data', () => {
        received++;
        // stop reading: the server's window fills, then the proxy's stream buffers
        call.pause();
        paused = call;
      });
    },
  });
  const cluster = new Cluster(parseConfig(envoyYaml({ clusters: { auth: [server.port] } })).clusters[0]!, new Metrics());
  registerCloser(() => cluster.close());
  const d = clusterGrpc(new Map([['auth', cluster]]));
  let closed: { status: number; message: string } | undefined;
  const events: GrpcEvents = { initialMetadata: () => {}, message: () => {}, trailingMetadata: () => {}, close: (status, message) => (closed = { status, message }) };
  const h = d.start({ service: { cluster: 'auth', authority: undefined, timeoutMs: undefined, metadata: [] }, serviceName: 'wasmlet.test.Auth', method: 'Watch', metadata: new HeaderMap(), timeoutMs: 0 }, events);
  if (typeof h === 'number') throw new Error(`refused: ${h}`);
  const chunk = Buffer.alloc(256 << 10, 1);
  expect(h.send(chunk, false)).toBe(true);
  await until(() => paused !== undefined);
  let sent = 1;
  let accepted = true;
  // a fast sender: keeps sending, a little at a time, until refused
  while (accepted && sent < 400) {
    accepted = h.send(chunk, false);
    if (accepted) sent++;
    await new Promise((r) => setImmediate(r));
  }
  expect(accepted).toBe(false);
  // what was taken: the flow-control windows (64 KiB-ish each side, plus socket buffers) and at most the send buffer
  expect(sent * chunk.length).toBeLessThan(MAX_GRPC_SEND_BUFFER + (4 << 20));
  expect(sent * chunk.length).toBeGreaterThan(MAX_GRPC_SEND_BUFFER);
  await until(() => closed !== undefined);
  expect(closed!.status).toBe(8);
  expect(closed!.message).toMatch(/^send buffer full: \d+ bytes not yet sent \(limit 4194304\)$/);
  expect(received).toBe(1);
  // after the end, further sends are refused, not buffered
  expect(h.send(chunk, false)).toBe(false);
});
