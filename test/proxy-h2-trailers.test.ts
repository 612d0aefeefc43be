/**
 * Trailers over an HTTP/2 downstream: request trailers reach the filter (on_http_request_trailers)
 * and the HTTP/1.1 upstream (as a chunked body's trailer section); the upstream's response
 * trailers reach the filter (on_http_response_trailers), which can change them, and the HTTP/2
 * client as a trailing HEADERS frame.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { h2Request, h2Session } from './fixtures/proxy/h2.js';
import { cleanup, envoyYaml, FILTERS, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

describe('HTTP/2 trailers', () => {
  it('pass both ways through the filter, which sees and sets them', async () => {
    const up = await startUpstream((_req, res, body) => {
      res.writeHead(200, { trailer: 'x-checksum' });
      res.write(`got ${body}`);
      res.addTrailers({ 'x-checksum': String(body.length) });
      res.end();
    });
    const px = await startProxy(
      envoyYaml({
        clusters: { svc: [up.port] },
        codec: 'HTTP2',
        filters: [{ name: 'recorder', file: `${FILTERS}/recorder.wasm`, configuration: JSON.stringify({ log_headers: true, response_trailer: ['x-added', 'by-filter'] }) }],
      }),
    );
    const s = await h2Session(px.port);
    const r = await h2Request(s, '/t', { chunks: ['abc', 'def'], trailers: { 'x-request-sum': '6' } });
    expect([r.status, r.body.toString()]).toEqual([200, 'got abcdef']);
    expect(r.trailers).toMatchObject({ 'x-checksum': '6', 'x-added': 'by-filter' });
    expect(up.seen[0]!.trailers).toEqual({ 'x-request-sum': '6' });
    const log = px.messages('recorder');
    expect(log).toContain('request_trailer_pairs x-request-sum=6');
    expect(log).toContain('response_trailer_pairs x-checksum=6');
    expect(log.filter((m) => m.startsWith('request_trailers ') || m.startsWith('response_trailers '))).toEqual(['request_trailers 1 more', 'response_trailers 1 more']);
  });
});
