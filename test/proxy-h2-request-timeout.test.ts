/**
 * request_timeout on an HTTP/2 stream (node:http applies it to HTTP/1.1 only; wasmlet times the
 * stream itself): a request body that does not finish in time is answered 408, as Envoy answers,
 * and the session's other streams go on; a request that finishes in time is served.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { h2Request, h2Session } from './fixtures/proxy/h2.js';
import { cleanup, envoyYaml, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

describe('request_timeout over HTTP/2', () => {
  it('answers 408 to a stream whose request is still coming when it expires', async () => {
    const up = await startUpstream();
    const yaml = envoyYaml({ clusters: { svc: [up.port] }, codec: 'HTTP2' }).replace('stat_prefix: ingress_http', 'stat_prefix: ingress_http\n          request_timeout: 0.3s');
    const px = await startProxy(yaml);
    const s = await h2Session(px.port);
    const slow = h2Request(s, '/slow', { chunks: ['a', 'b', 'c', 'd', 'e'], chunkDelayMs: 200 }).catch((e: Error) => e);
    const quick = await h2Request(s, '/quick', { chunks: ['q'] });
    expect([quick.status, quick.body.toString()]).toEqual([200, 'POST /quick q']);
    const r = await slow;
    expect(r).not.toBeInstanceOf(Error);
    expect([(r as Awaited<ReturnType<typeof h2Request>>).status, (r as Awaited<ReturnType<typeof h2Request>>).body.toString()]).toEqual([408, 'request timeout']);
    expect(up.seen.map((x) => x.url)).toEqual(['/quick']);
  });
});
