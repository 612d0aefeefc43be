/**
 * proxy_grpc_stream through the real proxy: the grpc_auth filter (mode "stream") opens a
 * bidirectional stream to a real grpc-js server, sends three messages, half-closes (end_of_stream
 * on the last proxy_grpc_send, or proxy_grpc_close), and continues the request once the stream
 * closes OK: the server's initial metadata, every reply in order and its trailing metadata reach
 * the filter. A stream the server ends with an error status answers 403 with that status.
 */
import { join } from 'node:path';
import { Metadata, status } from '@grpc/grpc-js';
import { afterEach, expect, it } from 'vitest';
import { startGrpcServer } from './fixtures/proxy/grpc.js';
import { cleanup, FILTERS, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

const filter = (cfg: object) => ({ name: 'grpc_auth', file: join(FILTERS, 'grpc_auth.wasm'), configuration: JSON.stringify({ cluster: 'auth', mode: 'stream', ...cfg }) });

for (const halfClose of ['eos', 'close'] as const) {
  it(`streams messages both ways in order (half-close by ${halfClose === 'eos' ? 'end_of_stream' : 'proxy_grpc_close'})`, async () => {
    const up = await startUpstream();
    const received: string[] = [];
    const auth = await startGrpcServer({
      watch: (call) => {
        const md = new Metadata();
        md.set('x-md', 'hello');
        call.sendMetadata(md);
        call.on('data', (m: Buffer) => {
          received.push(m.toString());
          // each reply goes out before the client half-closes: they arrive interleaved with the sends
          call.write(Buffer.from(`seen:${m.toString()}`));
        });
        call.on('end', () => {
          const t = new Metadata();
          t.set('x-md', 'bye');
          call.end(t);
        });
      },
    });
    const px = await startProxy({ clusters: { svc: [up.port], auth: [auth.port] }, filters: [filter({ half_close: halfClose })] });
    const r = await send(px.port, '/a/b?c', { method: 'DELETE', headers: { authorization: 'Bearer x' } });
    expect(r.status).toBe(200);
    expect(received).toEqual(['DELETE', '/a/b?c', 'Bearer x']);
    const h = up.seen[0]!.headers;
    expect(h['x-stream-replies']).toBe('seen:DELETE,seen:/a/b?c,seen:Bearer x');
    expect(h['x-initial-md']).toBe('hello');
    expect(h['x-trailing-md']).toBe('bye');
  });
}

it('answers 403 with the status a stream was closed with', async () => {
  const up = await startUpstream();
  const auth = await startGrpcServer({
    watch: (call) => {
      call.once('data', () => call.emit('error', { code: status.RESOURCE_EXHAUSTED, details: 'too many watchers' }));
    },
  });
  const px = await startProxy({ clusters: { svc: [up.port], auth: [auth.port] }, filters: [filter({})] });
  const r = await send(px.port, '/');
  expect(r.status).toBe(403);
  expect(r.headers['x-grpc-status']).toBe(String(status.RESOURCE_EXHAUSTED));
  expect(r.body).toBe('denied: too many watchers\n');
  expect(up.seen).toHaveLength(0);
});
