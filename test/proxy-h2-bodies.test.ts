/**
 * Bodies over an HTTP/2 downstream: a large request body (4 MiB, written in 64 KiB chunks) and a
 * large response (4 MiB) pass through a filter chain intact and with flow control; a body sent
 * in timed chunks reaches the upstream before the request ends (streamed, not buffered); several
 * streams of one session run concurrently.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { h2Request, h2Session } from './fixtures/proxy/h2.js';
import { cleanup, envoyYaml, FILTERS, startProxy, startUpstream, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

const filters = [{ name: 'add_headers', file: `${FILTERS}/add_headers.wasm`, configuration: JSON.stringify({ response: { add: { 'x-filtered': '1' } } }) }];
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('HTTP/2 downstream bodies', () => {
  it('carries 4 MiB each way through the chain', async () => {
    const big = Buffer.alloc(4 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 11)) & 0xff;
    const up = await startUpstream();
    // the raw bytes (startUpstream's handler gets the body as text)
    up.server.removeAllListeners('request');
    up.server.on('request', (req, res) => {
      const h = createHash('sha256');
      req.on('data', (c: Buffer) => h.update(c));
      req.on('end', () => {
        if (req.url !== '/download') {
          res.end(h.digest('hex'));
          return;
        }
        res.writeHead(200, { 'content-length': big.length });
        res.end(big);
      });
    });
    const px = await startProxy(envoyYaml({ clusters: { svc: [up.port] }, codec: 'HTTP2', filters }));
    const s = await h2Session(px.port);
    const chunks: Buffer[] = [];
    for (let o = 0; o < big.length; o += 65536) chunks.push(big.subarray(o, o + 65536));
    const [upload, download] = await Promise.all([h2Request(s, '/upload', { chunks }), h2Request(s, '/download')]);
    expect([upload.status, upload.body.toString(), upload.headers['x-filtered']]).toEqual([200, sha(big), '1']);
    expect([download.status, download.body.length, sha(download.body), download.headers['x-filtered']]).toEqual([200, big.length, sha(big), '1']);
  });

  it('streams a request body to the upstream as it arrives', async () => {
    const got: string[] = [];
    let answered = false;
    const up = await startUpstream();
    up.server.removeAllListeners('request');
    up.server.on('request', (req, res) => {
      req.on('data', (c: Buffer) => got.push(c.toString()));
      req.on('end', () => {
        answered = true;
        res.end(`got ${got.join('')}`);
      });
    });
    const px = await startProxy(envoyYaml({ clusters: { svc: [up.port] }, codec: 'HTTP2', filters }));
    const s = await h2Session(px.port);
    const done = h2Request(s, '/stream', { chunks: ['one ', 'two ', 'three'], chunkDelayMs: 150 });
    // the first chunk is upstream while the client is still sending
    await until(() => got.length >= 1, 2000);
    expect(answered).toBe(false);
    const r = await done;
    expect(r.body.toString()).toBe('got one two three');
    expect(got.length).toBeGreaterThanOrEqual(2);
  });

  it('runs streams of one session concurrently', async () => {
    const held: (() => void)[] = [];
    const up = await startUpstream((req, res) => {
      held.push(() => res.end(req.url));
    });
    const px = await startProxy(envoyYaml({ clusters: { svc: [up.port] }, codec: 'HTTP2', filters }));
    const s = await h2Session(px.port);
    const all = Promise.all([1, 2, 3, 4, 5].map((i) => h2Request(s, `/r${i}`)));
    // all five reach the upstream before any is answered
    await until(() => held.length === 5);
    for (const h of held.reverse()) h();
    expect((await all).map((r) => r.body.toString())).toEqual(['/r1', '/r2', '/r3', '/r4', '/r5']);
  });
});
