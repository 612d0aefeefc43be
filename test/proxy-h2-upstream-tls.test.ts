/**
 * Upstream HTTP/2 over TLS: an HTTP/2 cluster with an UpstreamTlsContext (trusted_ca, SNI) reaches
 * an h2-only TLS server (ALPN h2, certificates made with openssl at test time) with :scheme https;
 * a server whose certificate the CA did not sign is a connect failure (503).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testCerts, upstreamTls } from './fixtures/proxy/certs.js';
import { startH2Upstream } from './fixtures/proxy/h2.js';
import { cleanup, send, startProxy } from './fixtures/proxy/support.js';

afterEach(cleanup);

describe('upstream HTTP/2 over TLS', () => {
  it('speaks h2 with ALPN to a TLS cluster and refuses an untrusted server', async () => {
    const c = testCerts();
    let sni: string | undefined;
    const up = await startH2Upstream(
      (req, res) => {
        sni = (req.socket as unknown as { servername?: string }).servername;
        res.end(`${req.headers[':scheme']} ${req.httpVersion} ${(req.socket as unknown as { alpnProtocol?: string }).alpnProtocol}`);
      },
      { cert: c.serverCert, key: c.serverKey },
    );
    const px = await startProxy({ clusters: { svc: [up.port] }, clusterFields: { svc: { http2_protocol_options: {}, transport_socket: upstreamTls(c, { ca: c.caFile, sni: 'upstream.test' }) } } });
    const r = await send(px.port, '/');
    expect([r.status, r.body]).toEqual([200, 'https 2.0 h2']);
    expect(sni).toBe('upstream.test');

    const px2 = await startProxy({ clusters: { svc: [up.port] }, clusterFields: { svc: { http2_protocol_options: {}, transport_socket: upstreamTls(c, { ca: c.otherCaFile }) } } });
    const f = await send(px2.port, '/');
    expect(f.status).toBe(503);
    expect(f.body).toMatch(/connection failure/);
  });
});
