/**
 * A cluster with an envoy.transport_sockets.tls UpstreamTlsContext reaches its endpoints over
 * TLS: the configured SNI is sent, the server's chain is checked against trusted_ca (a
 * certificate another CA signed is a connect failure: 503), and a client certificate is presented
 * to an upstream that asks for one. Real HTTPS upstreams over loopback.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { testCerts, upstreamTls } from './fixtures/proxy/certs.js';
import { cleanup, envoyYaml, send, startProxy } from './fixtures/proxy/support.js';

const servers: Server[] = [];
afterEach(async () => {
  await cleanup();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** An HTTPS upstream answering with what it saw of the TLS connection. */
async function tlsUpstream(opts: { requireClientCert?: boolean } = {}): Promise<number> {
  const c = testCerts();
  const s = createServer({ cert: c.serverCert, key: c.serverKey, ca: c.ca, requestCert: !!opts.requireClientCert, rejectUnauthorized: !!opts.requireClientCert }, (req, res) => {
    const sock = req.socket as TLSSocket;
    const peer = sock.getPeerCertificate();
    res.end(JSON.stringify({ sni: (sock as TLSSocket & { servername?: string | false }).servername || null, client: peer && 'subject' in peer ? peer.subject.CN : null, path: req.url }));
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return (s.address() as AddressInfo).port;
}

describe('cluster TLS', () => {
  const c = testCerts();

  it('sends the configured SNI and verifies the chain against trusted_ca', async () => {
    const port = await tlsUpstream();
    const px = await startProxy(envoyYaml({ clusters: { svc: [port] }, clusterFields: { svc: { transport_socket: upstreamTls(c, { ca: c.caFile, sni: 'upstream.test' }) } } }));
    const r = await send(px.port, '/over-tls');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ sni: 'upstream.test', client: null, path: '/over-tls' });
  });

  it('answers 503 connection failure when the upstream certificate is not signed by trusted_ca', async () => {
    const port = await tlsUpstream();
    const px = await startProxy(envoyYaml({ clusters: { svc: [port] }, clusterFields: { svc: { transport_socket: upstreamTls(c, { ca: c.otherCaFile }) } } }));
    const r = await send(px.port, '/');
    expect(r.status).toBe(503);
    expect(r.body).toContain('connection failure');
    expect(px.proxy.env.metrics.renderPrometheus()).toMatch(/envoy_cluster_upstream_cx_connect_fail\{envoy_cluster_name="svc"\} 1/);
  });

  it('accepts any certificate without a validation_context, as Envoy does', async () => {
    const port = await tlsUpstream();
    const px = await startProxy(envoyYaml({ clusters: { svc: [port] }, clusterFields: { svc: { transport_socket: upstreamTls(c) } } }));
    expect((await send(px.port, '/')).status).toBe(200);
  });

  it('presents its client certificate to an upstream that requires one', async () => {
    const port = await tlsUpstream({ requireClientCert: true });
    const without = await startProxy(envoyYaml({ clusters: { svc: [port] }, clusterFields: { svc: { transport_socket: upstreamTls(c, { ca: c.caFile }) } } }));
    expect((await send(without.port, '/')).status).toBe(503);
    const px = await startProxy(envoyYaml({ clusters: { svc: [port] }, clusterFields: { svc: { transport_socket: upstreamTls(c, { ca: c.caFile, clientCert: true }) } } }));
    const r = await send(px.port, '/mtls');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).client).toBe('test-client');
  });
});
