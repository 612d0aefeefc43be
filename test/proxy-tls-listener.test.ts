/**
 * A listener with an envoy.transport_sockets.tls DownstreamTlsContext serves HTTPS with the
 * configured certificate; with a validation_context it verifies client certificates (required
 * with require_client_certificate, optional without), refusing one its CA did not sign. Real TLS
 * over loopback with certificates made by openssl at test time.
 */
import { request, type RequestOptions } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { downstreamTls, testCerts } from './fixtures/proxy/certs.js';
import { cleanup, envoyYaml, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

function get(port: number, opts: RequestOptions = {}): Promise<{ status: number; body: string; alpn: string | false | null }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/hello', servername: 'localhost', agent: false, ...opts }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, alpn: (res.socket as import('node:tls').TLSSocket).alpnProtocol }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('listener TLS', () => {
  const c = testCerts();

  it('serves HTTPS with the configured certificate and tells the upstream the scheme', async () => {
    const up = await startUpstream();
    const px = await startProxy(envoyYaml({ clusters: { svc: [up.port] }, listenerTransportSocket: downstreamTls(c) }));
    const r = await get(px.port, { ca: c.ca });
    expect([r.status, r.body]).toEqual([200, 'GET /hello ']);
    expect(up.seen[0]!.headers['x-forwarded-proto']).toBe('https');
    // the certificate is the one configured: a client that trusts another CA refuses it
    await expect(get(px.port, { ca: c.otherCa })).rejects.toThrow(/certificate/i);
  });

  it('requires a client certificate signed by trusted_ca with require_client_certificate', async () => {
    const up = await startUpstream();
    const px = await startProxy(envoyYaml({ clusters: { svc: [up.port] }, listenerTransportSocket: downstreamTls(c, { clientCa: c.caFile, require: true }) }));
    const ok = await get(px.port, { ca: c.ca, cert: c.clientCert, key: c.clientKey });
    expect(ok.status).toBe(200);
    await expect(get(px.port, { ca: c.ca })).rejects.toThrow();
    expect(up.seen.length).toBe(1);
  });

  it('refuses a client certificate its CA did not sign, and accepts none when certificates are optional', async () => {
    const up = await startUpstream();
    const px = await startProxy(envoyYaml({ clusters: { svc: [up.port] }, listenerTransportSocket: downstreamTls(c, { clientCa: c.otherCaFile }) }));
    expect((await get(px.port, { ca: c.ca })).status).toBe(200);
    await expect(get(px.port, { ca: c.ca, cert: c.clientCert, key: c.clientKey })).rejects.toThrow();
    expect(up.seen.length).toBe(1);
  });
});
