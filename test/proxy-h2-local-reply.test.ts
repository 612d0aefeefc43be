/**
 * Local replies on an HTTP/2 downstream: a filter's send_http_response, a direct_response route
 * and the router's 404 (no route) and 503 (upstream refused) answer the stream with their status,
 * headers and body; a local reply before the request body ends answers without waiting for it
 * and the session's other streams go on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { h2Request, h2Session } from './fixtures/proxy/h2.js';
import { cleanup, envoyYaml, FILTERS, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

describe('HTTP/2 local replies', () => {
  it('answers from a filter, a direct_response route, no route and a dead upstream', async () => {
    const up = await startUpstream();
    const dead = await startUpstream();
    const deadPort = dead.port;
    await new Promise<void>((r) => dead.server.close(() => r()));
    const px = await startProxy(
      envoyYaml({
        clusters: { svc: [up.port], gone: [deadPort] },
        codec: 'HTTP2',
        routes: [
          { prefix: '/direct', direct: { status: 202, body: 'direct body' } },
          { prefix: '/gone', cluster: 'gone' },
          { prefix: '/', domains: ['known'], cluster: 'svc' },
          { prefix: '/', cluster: 'svc', headers: [{ name: 'x-route', string_match: { exact: 'yes' } }] },
        ],
        filters: [{ name: 'recorder', file: `${FILTERS}/recorder.wasm`, configuration: JSON.stringify({ local_reply_on: 'request_body' }) }],
      }),
    );
    const s = await h2Session(px.port);
    const local = await h2Request(s, '/x', { headers: { 'x-route': 'yes' }, chunks: ['data'] });
    expect([local.status, local.headers['x-local'], local.body.toString()]).toEqual([418, 'request_body', 'local from request_body']);
    const direct = await h2Request(s, '/direct');
    expect([direct.status, direct.body.toString()]).toEqual([202, 'direct body']);
    const none = await h2Request(s, '/nothing');
    expect(none.status).toBe(404);
    const gone = await h2Request(s, '/gone');
    expect(gone.status).toBe(503);
    expect(gone.body.toString()).toMatch(/connection failure|reset/);
    // the session still serves after all of them
    expect((await h2Request(s, '/ok', { headers: { 'x-route': 'yes' } })).status).toBe(200);
    expect(up.seen.map((r) => r.url)).toEqual(['/ok']);
  });

  it('answers a request whose body is still coming, without waiting for the rest', async () => {
    const up = await startUpstream();
    const px = await startProxy(envoyYaml({ clusters: { svc: [up.port] }, codec: 'HTTP2', filters: [{ name: 'recorder', file: `${FILTERS}/recorder.wasm`, configuration: JSON.stringify({ local_reply_on: 'request_headers' }) }] }));
    const s = await h2Session(px.port);
    const t0 = Date.now();
    let headersAt = 0;
    const r = await h2Request(s, '/slow', { chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 300, onResponse: () => (headersAt = Date.now()) });
    // the answer came before the client finished sending (4 × 300 ms)
    expect(headersAt - t0).toBeLessThan(900);
    expect([r.status, r.body.toString()]).toEqual([418, 'local from request_headers']);
    expect(up.seen).toEqual([]);
  });
});
