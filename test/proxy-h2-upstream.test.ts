/**
 * Upstream HTTP/2: a cluster with http2_protocol_options (the legacy field, or
 * HttpProtocolOptions.explicit_http_config) is spoken to over node:http2 — an h2c server sees the
 * request as HTTP/2 (:authority from the client's host, :scheme http, the filter's header, the
 * body, the trailers), and the filter sees the HTTP/2 response's headers, body chunks and
 * trailers through the same callbacks as with an HTTP/1.1 upstream. Requests share one pooled
 * session.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { h2Request, h2Session, startH2Upstream } from './fixtures/proxy/h2.js';
import { cleanup, envoyYaml, FILTERS, send, startProxy } from './fixtures/proxy/support.js';

afterEach(cleanup);

const HPO = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';
const typed = { typed_extension_protocol_options: { [HPO]: { '@type': `type.googleapis.com/${HPO}`, explicit_http_config: { http2_protocol_options: {} } } } };

describe('upstream HTTP/2', () => {
  for (const [spelling, fields] of [
    ['http2_protocol_options', { http2_protocol_options: {} }],
    ['typed_extension_protocol_options', typed],
  ] as const) {
    it(`speaks HTTP/2 to a cluster with ${spelling}, bodies and trailers both ways through a filter`, async () => {
      const sessions: unknown[] = [];
      const up = await startH2Upstream((req, res, body) => {
        if (!sessions.includes(req.stream.session)) sessions.push(req.stream.session);
        res.writeHead(200, { 'content-type': 'text/plain', 'x-up': req.httpVersion });
        res.write(`got ${body.length}:`);
        setTimeout(() => {
          res.addTrailers({ 'x-checksum': String(body.length) });
          res.end(body.toString().toUpperCase());
        }, 20);
      });
      const px = await startProxy(
        envoyYaml({
          clusters: { svc: [up.port] },
          clusterFields: { svc: fields },
          filters: [
            { name: 'hdr', file: `${FILTERS}/add_headers.wasm`, configuration: JSON.stringify({ request: { set: { 'x-filter': 'req' } }, response: { set: { 'x-filter': 'res' } } }) },
            { name: 'recorder', file: `${FILTERS}/recorder.wasm`, configuration: JSON.stringify({ log_headers: true, response_trailer: ['x-added', 'by-filter'] }) },
          ],
        }),
      );
      // HTTP/1.1 downstream, chunked body with trailers
      const r = await send(px.port, '/p?q=1', { chunks: ['abc', 'def'], chunkDelayMs: 10, trailers: { 'x-req-sum': '6' }, headers: { host: 'example.test' } });
      expect([r.status, r.body]).toEqual([200, 'got 6:ABCDEF']);
      expect(r.headers['x-up']).toBe('2.0');
      expect(r.headers['x-filter']).toBe('res');
      expect(r.trailers).toMatchObject({ 'x-checksum': '6', 'x-added': 'by-filter' });
      const seen = up.seen[0]!;
      expect(seen.headers).toMatchObject({ ':method': 'POST', ':path': '/p?q=1', ':authority': 'example.test', ':scheme': 'http', 'x-filter': 'req', 'x-forwarded-proto': 'http' });
      expect(seen.headers['host']).toBeUndefined();
      expect(seen.headers['transfer-encoding']).toBeUndefined();
      expect(seen.body.toString()).toBe('abcdef');
      expect(seen.trailers).toMatchObject({ 'x-req-sum': '6' });
      const log = px.messages('recorder');
      expect(log).toContain('response_trailer_pairs x-checksum=6');
      expect(log.some((m) => m.startsWith('response_body ') && m.endsWith(' more'))).toBe(true);

      // HTTP/2 downstream, a GET (one HEADERS frame upstream) on the same pooled upstream session
      const s = await h2Session(px.port);
      const g = await h2Request(s, '/g');
      expect([g.status, g.body.toString(), g.trailers['x-checksum']]).toEqual([200, 'got 0:', '0']);
      expect(up.seen[1]!.headers[':method']).toBe('GET');
      expect(sessions).toHaveLength(1);
    });
  }
});
