/**
 * HTTP/2 over TLS: a listener with a DownstreamTlsContext and alpn_protocols [h2, http/1.1]
 * (codec_type AUTO) lets ALPN pick the protocol per connection: a node:http2 client gets h2, an
 * HTTPS/1.1 client http/1.1, both through the filter chain with :scheme https. codec_type HTTP2
 * offers h2 only; an ALPN protocol the codec cannot serve is a ConfigError at alpn_protocols.
 */
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../hosts/proxy/config.js';
import { downstreamTls, testCerts } from './fixtures/proxy/certs.js';
import { h2Request, h2Session } from './fixtures/proxy/h2.js';
import { cleanup, envoyYaml, FILTERS, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

const filters = [{ name: 'recorder', file: `${FILTERS}/recorder.wasm`, configuration: JSON.stringify({ log_headers: true }) }];

function h1Get(port: number, ca: string): Promise<{ status: number; body: string; alpn: string | false | null }> {
  return new Promise((resolve, reject) => {
    // node:https offers no ALPN by default; this client speaks only HTTP/1.1
    const opts = { host: '127.0.0.1', port, path: '/one', servername: 'localhost', ca, agent: false, ALPNProtocols: ['http/1.1'] };
    const req = request(opts, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, alpn: (res.socket as TLSSocket).alpnProtocol }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('h2 over TLS', () => {
  const c = testCerts();

  it('ALPN picks h2 or http/1.1 per connection (codec_type AUTO, alpn_protocols [h2, http/1.1])', async () => {
    const up = await startUpstream();
    const px = await startProxy(envoyYaml({ clusters: { svc: [up.port] }, codec: 'AUTO', filters, listenerTransportSocket: downstreamTls(c, { alpn: ['h2', 'http/1.1'] }) }));
    const s = await h2Session(px.port, { ca: c.ca });
    expect((s.socket as TLSSocket).alpnProtocol).toBe('h2');
    const r2 = await h2Request(s, '/two', { chunks: ['body'] });
    expect([r2.status, r2.body.toString()]).toEqual([200, 'POST /two body']);
    const r1 = await h1Get(px.port, c.ca);
    expect(r1).toEqual({ status: 200, body: 'GET /one ', alpn: 'http/1.1' });
    expect(up.seen.map((r) => r.headers['x-forwarded-proto'])).toEqual(['https', 'https']);
    expect(px.messages('recorder').filter((m) => m.startsWith('pseudo'))).toEqual([
      `pseudo :method=POST :path=/two :authority=localhost:${px.port} :scheme=https`,
      `pseudo :method=GET :path=/one :authority=127.0.0.1:${px.port} :scheme=https`,
    ]);
  });

  it('codec_type HTTP2 over TLS offers h2 only', async () => {
    const up = await startUpstream();
    const px = await startProxy(envoyYaml({ clusters: { svc: [up.port] }, codec: 'HTTP2', filters, listenerTransportSocket: downstreamTls(c) }));
    const s = await h2Session(px.port, { ca: c.ca });
    expect((await h2Request(s, '/x')).status).toBe(200);
    // a client that speaks only HTTP/1.1 finds no common protocol
    await expect(h1Get(px.port, c.ca)).rejects.toThrow();
    expect(up.seen).toHaveLength(1);
  });

  it('refuses an ALPN protocol the codec does not serve, naming alpn_protocols', () => {
    const yaml = envoyYaml({ clusters: { svc: [1] }, codec: 'HTTP1', listenerTransportSocket: downstreamTls(c, { alpn: ['h2', 'http/1.1'] }) });
    let err: unknown;
    try {
      parseConfig(yaml);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(/"h2" is not served by codec_type HTTP1/);
    expect((err as ConfigError).path).toBe('static_resources.listeners[0].filter_chains[0].transport_socket.typed_config.common_tls_context.alpn_protocols');
  });
});
