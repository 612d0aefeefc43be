/**
 * An HTTP/2-only cluster over TLS whose server does not speak h2: an HTTPS server whose ALPN
 * offers only http/1.1, and one that negotiates no protocol at all. Envoy's explicit HTTP/2 pool
 * offers h2 and never falls back to HTTP/1.1 (only auto_config does), so the request fails; here
 * the session is refused as a connect failure (503, upstream_cx_connect_fail, retried by
 * connect-failure) whose log line says what the server selected, rather than HTTP/2 frames sent
 * to an HTTP/1.1 server. The same server is reachable as an HTTP/1.1 TLS cluster.
 */
import { createServer } from 'node:https';
import { createServer as createTlsServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LogLevel } from '../hosts/proxy/abi.js';
import { testCerts, upstreamTls } from './fixtures/proxy/certs.js';
import { promStat } from './fixtures/proxy/health.js';
import { cleanup, registerCloser, send, startProxy } from './fixtures/proxy/support.js';

afterEach(cleanup);

/** an HTTPS server (node:https: ALPN http/1.1 only, so a client offering only h2 gets a no_application_protocol alert) */
async function https1(): Promise<number> {
  const c = testCerts();
  const s = createServer({ cert: c.serverCert, key: c.serverKey }, (req, res) => res.end(`http ${req.httpVersion}`));
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  registerCloser(() => new Promise<void>((r) => {
    s.closeAllConnections();
    s.close(() => r());
  }));
  return (s.address() as AddressInfo).port;
}

/** a TLS server that ignores ALPN (selects nothing) and answers every request in HTTP/1.1 */
async function tlsNoAlpn(): Promise<number> {
  const c = testCerts();
  const socks = new Set<import('node:tls').TLSSocket>();
  const s = createTlsServer({ cert: c.serverCert, key: c.serverKey }, (sock) => {
    socks.add(sock);
    sock.on('data', () => sock.write('HTTP/1.1 200 OK\r\ncontent-length: 8\r\n\r\nhttp 1.1'));
    sock.on('error', () => {});
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  registerCloser(() => new Promise<void>((r) => {
    for (const k of socks) k.destroy();
    s.close(() => r());
  }));
  return (s.address() as AddressInfo).port;
}

for (const [what, start, alpn] of [
  ['offers only http/1.1', https1, 'no protocol in common with h2'],
  ['negotiates no protocol', tlsNoAlpn, 'none'],
] as const) {
  describe(`an HTTP/2 TLS cluster whose server ${what}`, () => {
    it('fails as a connect failure with a log line naming the ALPN result', async () => {
      const c = testCerts();
      const port = await start();
      const tls = upstreamTls(c, { ca: c.caFile, sni: 'upstream.test' });
      const px = await startProxy({ clusters: { svc: [port] }, clusterFields: { svc: { http2_protocol_options: {}, transport_socket: tls } } });
      const r = await send(px.port, '/');
      expect(r.status).toBe(503);
      expect(r.body).toBe('upstream connect error or disconnect/reset before headers. reset reason: connection failure');
      expect(await promStat(px.adminPort, 'envoy_cluster_upstream_cx_connect_fail')).toBe(1);
      expect(px.messages().join('\n')).toContain(`upstream connect failure (svc): upstream connect error: HTTP/2 cluster svc: 127.0.0.1:${port} did not negotiate h2 over TLS (ALPN: ${alpn})`);

      // said at warn: a protocol mismatch is a configuration problem, not a passing failure
      expect(px.log.records.find((x) => x.message.includes('did not negotiate h2'))?.level).toBe(LogLevel.Warn);

      // the same server as an HTTP/1.1 TLS cluster
      const px1 = await startProxy({ clusters: { svc: [port] }, clusterFields: { svc: { transport_socket: tls } } });
      expect((await send(px1.port, '/')).body).toBe('http 1.1');
    });
  });
}
