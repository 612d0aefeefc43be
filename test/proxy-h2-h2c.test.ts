/**
 * HTTP/2 in clear text (h2c with prior knowledge): a listener with codec_type HTTP2 serves
 * node:http2 clients, and one with codec_type AUTO tells HTTP/2 from HTTP/1.1 by the connection
 * preface and serves both on one port. Requests go through the filter chain with the pseudo-headers
 * the proxy-wasm ABI shows (:method, :path, :authority, :scheme) and reach an HTTP/1.1 upstream
 * with the authority as Host.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { h2Request, h2Session } from './fixtures/proxy/h2.js';
import { cleanup, envoyYaml, FILTERS, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

const filters = [
  { name: 'recorder', file: `${FILTERS}/recorder.wasm`, configuration: JSON.stringify({ log_headers: true }) },
  { name: 'add_headers', file: `${FILTERS}/add_headers.wasm`, configuration: JSON.stringify({ request: { add: { 'x-from-filter': 'yes' } }, response: { add: { 'x-filtered': '1' } } }) },
];

describe('h2c downstream', () => {
  for (const codec of ['HTTP2', 'AUTO'] as const) {
    it(`serves HTTP/2 with prior knowledge (codec_type ${codec}) through the filter chain`, async () => {
      const up = await startUpstream();
      const px = await startProxy(envoyYaml({ clusters: { svc: [up.port] }, codec, filters }));
      const s = await h2Session(px.port);
      const get = await h2Request(s, '/a/b?q=1', { headers: { 'x-client': 'c1' } });
      const post = await h2Request(s, '/post', { chunks: ['hello ', 'world'] });
      expect([get.status, get.body.toString(), get.headers['x-filtered']]).toEqual([200, 'GET /a/b?q=1 ', '1']);
      expect([post.status, post.body.toString()]).toEqual([200, 'POST /post hello world']);
      // both streams shared the one session
      expect(s.state.nextStreamID).toBe(5);
      expect(up.seen[0]!.headers).toMatchObject({ host: `127.0.0.1:${px.port}`, 'x-client': 'c1', 'x-from-filter': 'yes', 'x-forwarded-proto': 'http' });
      const pseudo = px.messages('recorder').filter((m) => m.startsWith('pseudo'));
      expect(pseudo).toEqual([`pseudo :method=GET :path=/a/b?q=1 :authority=127.0.0.1:${px.port} :scheme=http`, `pseudo :method=POST :path=/post :authority=127.0.0.1:${px.port} :scheme=http`]);
      expect(await fetch(`http://127.0.0.1:${px.adminPort}/stats/prometheus`).then((r) => r.text())).toMatch(/envoy_http_downstream_rq_xx\{[^}]*envoy_response_code_class="2"\} 2/);
    });
  }

  it('AUTO serves HTTP/1.1 and HTTP/2 on the same port; HTTP2 refuses HTTP/1.1', async () => {
    const up = await startUpstream();
    const auto = await startProxy(envoyYaml({ clusters: { svc: [up.port] }, codec: 'AUTO', filters }));
    const h1 = await send(auto.port, '/one', { body: 'x' });
    const h2 = await h2Request(await h2Session(auto.port), '/two');
    expect([h1.status, h1.body, h2.status, h2.body.toString()]).toEqual([200, 'POST /one x', 200, 'GET /two ']);
    const only2 = await startProxy(envoyYaml({ clusters: { svc: [up.port] }, codec: 'HTTP2', filters }));
    await expect(send(only2.port, '/three')).rejects.toThrow();
    expect(up.seen.map((r) => r.url)).toEqual(['/one', '/two']);
  });
});
