/**
 * gRPC to a cluster with an UpstreamTlsContext (the `tls` a cluster's transport_socket parses
 * into): the client speaks HTTP/2 over TLS with ALPN h2, sends the configured SNI and checks the
 * server's chain against trusted_ca (not its name: Envoy checks names only with
 * match_subject_alt_names). A real grpc-js TLS server with a throwaway CA and
 * certificate made by the openssl CLI at test time; a server whose certificate the CA did not
 * sign fails the call with UNAVAILABLE.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerCredentials } from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { Cluster } from '../hosts/proxy/cluster.js';
import { parseConfig } from '../hosts/proxy/config.js';
import { clusterGrpc, closeGrpcPool, type GrpcEvents } from '../hosts/proxy/grpc.js';
import { HeaderMap } from '../hosts/proxy/headers.js';
import { Metrics } from '../hosts/proxy/metrics.js';
import { envoyYaml } from '../hosts/proxy/yaml.js';
import { startGrpcServer } from './fixtures/proxy/grpc.js';
import { cleanup, registerCloser } from './fixtures/proxy/support.js';

afterEach(cleanup);

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-grpc-tls-'));
const f = (n: string) => join(dir, n);
const pem = (n: string) => readFileSync(f(n), 'utf8');
function openssl(...args: string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

beforeAll(() => {
  for (const ca of ['ca', 'other']) openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${ca}.key`, '-out', `${ca}.crt`, '-days', '1', '-subj', `/CN=${ca} test CA`);
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=auth.test');
  writeFileSync(f('san.ext'), 'subjectAltName=DNS:auth.test\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'san.ext');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tlsCluster(port: number, ca: string) {
  const cfg = parseConfig(envoyYaml({ clusters: { auth: [port] } })).clusters[0]!;
  const cluster = new Cluster({ ...cfg, tls: { sni: 'auth.test', ca, cert: undefined, key: undefined, alpn: [] } } as typeof cfg, new Metrics());
  registerCloser(() => {
    cluster.close();
    closeGrpcPool(cluster);
  });
  return clusterGrpc(new Map([['auth', cluster]]));
}

function call(d: ReturnType<typeof clusterGrpc>, message: string): Promise<{ status: number; message: string; reply: string | undefined }> {
  return new Promise((resolve) => {
    let reply: string | undefined;
    const events: GrpcEvents = {
      initialMetadata: () => {},
      message: (m) => (reply = m.toString()),
      trailingMetadata: () => {},
      close: (status, msg) => resolve({ status, message: msg, reply }),
    };
    const h = d.start({ service: { cluster: 'auth', authority: undefined, timeoutMs: undefined, metadata: [] }, serviceName: 'wasmlet.test.Auth', method: 'Check', metadata: new HeaderMap(), timeoutMs: 5000 }, events);
    if (typeof h === 'number') throw new Error(`refused: ${h}`);
    h.send(Buffer.from(message), true);
  });
}

it('calls a TLS cluster, checking the chain against trusted_ca', async () => {
  const creds = ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(pem('server.crt')), private_key: Buffer.from(pem('server.key')) }]);
  const server = await startGrpcServer({ credentials: creds, check: (c, done) => done(null, Buffer.from(`hello ${c.request.toString()}`)) });
  const ok = await call(tlsCluster(server.port, pem('ca.crt')), 'tls');
  expect(ok.status).toBe(0);
  expect(ok.reply).toBe('hello tls');
  expect(server.checks[0]!.authority).toBe('auth');

  const untrusted = await call(tlsCluster(server.port, pem('other.crt')), 'tls');
  expect(untrusted.status).toBe(14);
  expect(untrusted.message).toMatch(/certificate/i);
  expect(server.checks).toHaveLength(1);
});
