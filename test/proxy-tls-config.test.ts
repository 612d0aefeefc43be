/**
 * TLS configuration errors are ConfigErrors naming the YAML path: a missing certificate file, a
 * file that is not PEM, a key that does not belong to the certificate, require_client_certificate
 * without a CA, an unknown transport socket — for listeners and clusters alike.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../hosts/proxy/config.js';
import { envoyYaml } from '../hosts/proxy/yaml.js';
import { downstreamTls, testCerts, upstreamTls } from './fixtures/proxy/certs.js';

const LTS = 'static_resources.listeners[0].filter_chains[0].transport_socket';
const CTX = `${LTS}.typed_config.common_tls_context`;

function error(yaml: string): ConfigError {
  try {
    parseConfig(yaml);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('the configuration was accepted');
}

describe('TLS configuration errors', () => {
  const c = testCerts();
  const listener = (ts: object) => envoyYaml({ clusters: { svc: [1] }, listenerTransportSocket: ts });
  const withCert = (cert: object, key: object) => {
    const ts = downstreamTls(c) as { typed_config: { common_tls_context: { tls_certificates: object[] } } };
    ts.typed_config.common_tls_context.tls_certificates = [{ certificate_chain: cert, private_key: key }];
    return ts;
  };

  it('names the certificate file that cannot be read', () => {
    const e = error(listener(withCert({ filename: join(c.dir, 'nope.crt') }, { filename: c.serverKeyFile })));
    expect(e.path).toBe(`${CTX}.tls_certificates[0].certificate_chain.filename`);
    expect(e.message).toContain('ENOENT');
  });

  it('names a certificate or key that is not PEM', () => {
    const junk = join(c.dir, 'junk.pem');
    writeFileSync(junk, 'not a certificate\n');
    expect(error(listener(withCert({ filename: junk }, { filename: c.serverKeyFile }))).path).toBe(`${CTX}.tls_certificates[0].certificate_chain`);
    expect(error(listener(withCert({ filename: c.serverCertFile }, { inline_string: 'junk' }))).path).toBe(`${CTX}.tls_certificates[0].private_key`);
  });

  it('refuses a private key that does not match the certificate', () => {
    const e = error(listener(withCert({ filename: c.serverCertFile }, { filename: c.clientKeyFile })));
    expect(e.path).toBe(`${CTX}.tls_certificates[0].private_key`);
    expect(e.message).toMatch(/does not match/);
  });

  it('refuses require_client_certificate without trusted_ca, and a listener without a certificate', () => {
    expect(error(listener(downstreamTls(c, { require: true }))).path).toBe(`${LTS}.typed_config.require_client_certificate`);
    const none = downstreamTls(c) as { typed_config: { common_tls_context: object } };
    none.typed_config.common_tls_context = {};
    expect(error(listener(none)).path).toBe(`${CTX}.tls_certificates`);
  });

  it('names unknown transport sockets and a bad trusted_ca on a cluster', () => {
    expect(error(listener({ name: 'envoy.transport_sockets.raw_buffer' })).path).toBe(`${LTS}.name`);
    const e = error(envoyYaml({ clusters: { svc: [1] }, clusterFields: { svc: { transport_socket: upstreamTls(c, { ca: join(c.dir, 'missing-ca.crt') }) } } }));
    expect(e.path).toBe('static_resources.clusters[0].transport_socket.typed_config.common_tls_context.validation_context.trusted_ca.filename');
  });

  it('accepts inline PEM', () => {
    const cfg = parseConfig(listener(withCert({ inline_string: c.serverCert }, { inline_string: c.serverKey })));
    expect(cfg.listeners[0]!.tls?.cert).toBe(c.serverCert);
  });
});
