/**
 * TLS for listeners and clusters: Envoy's `transport_socket` envoy.transport_sockets.tls with a
 * DownstreamTlsContext (listener) or an UpstreamTlsContext (cluster), parsed into the options
 * node:tls takes. Certificates and keys are read and checked when the configuration loads (a
 * missing file, a PEM that does not parse or a key that does not match its certificate is a
 * ConfigError naming the YAML path), so a bad certificate never reaches a running listener.
 *
 * As in Envoy: a listener with a validation_context asks for a client certificate and refuses an
 * invalid one (none is fine unless require_client_certificate); a cluster without a
 * validation_context accepts any server certificate, with one it checks the chain (not the name:
 * Envoy checks names only with match_subject_alt_names, which wasmlet does not support).
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { ConfigError, arr, bool, join, obj, str, typedConfig, type Obj } from './config-read.js';

const T_DOWNSTREAM = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext';
const T_UPSTREAM = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext';
const TLS_SOCKET = ['envoy.transport_sockets.tls', 'tls'];

/** A listener's TLS: the server side of node:tls. */
export interface DownstreamTls {
  readonly cert: string;
  readonly key: string;
  /** trusted CAs for client certificates; undefined: no client certificate is asked for */
  readonly ca: string | undefined;
  readonly requireClientCertificate: boolean;
  /** ALPN protocols offered, in preference order; empty: the codec's defaults */
  readonly alpn: readonly string[];
}

/** A cluster's TLS: the client side of node:tls. */
export interface UpstreamTls {
  readonly sni: string | undefined;
  /** trusted CAs for the server's certificate; undefined: any certificate is accepted (Envoy's default) */
  readonly ca: string | undefined;
  readonly cert: string | undefined;
  readonly key: string | undefined;
  readonly alpn: readonly string[];
}

/** An Envoy DataSource: {filename | inline_string | inline_bytes (base64)}, as text. */
function dataSource(v: unknown, path: string, baseDir: string): string {
  const d = obj(v, path, ['filename', 'inline_string', 'inline_bytes'], ['environment_variable', 'watched_directory']);
  const given = Object.keys(d);
  if (given.length !== 1) throw new ConfigError('a data source needs exactly one of filename, inline_string, inline_bytes', path);
  if (d['filename'] !== undefined) {
    const f = str(d, 'filename', path);
    const file = isAbsolute(f) ? f : resolve(baseDir, f);
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      throw new ConfigError(`cannot read ${file}: ${typeof code === 'string' ? code : (e as Error).message}`, join(path, 'filename'));
    }
  }
  if (d['inline_bytes'] !== undefined) return Buffer.from(str(d, 'inline_bytes', path), 'base64').toString('utf8');
  return str(d, 'inline_string', path);
}

function certificate(pem: string, path: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (e) {
    throw new ConfigError(`not a PEM certificate: ${(e as Error).message}`, path);
  }
}

/** tls_certificates[0]: a certificate chain and its private key, checked to belong together. */
function certAndKey(c: Obj, path: string, baseDir: string): { cert: string; key: string } | undefined {
  const list = arr(c['tls_certificates'], join(path, 'tls_certificates'));
  if (list.length === 0) return undefined;
  if (list.length > 1) throw new ConfigError('only one certificate is supported', join(path, 'tls_certificates'));
  const p = `${path}.tls_certificates[0]`;
  const t = obj(list[0], p, ['certificate_chain', 'private_key'], ['password', 'ocsp_staple', 'signed_certificate_timestamp', 'private_key_provider', 'watched_directory', 'pkcs12']);
  if (t['certificate_chain'] === undefined) throw new ConfigError('required field is missing', join(p, 'certificate_chain'));
  if (t['private_key'] === undefined) throw new ConfigError('required field is missing', join(p, 'private_key'));
  const cert = dataSource(t['certificate_chain'], join(p, 'certificate_chain'), baseDir);
  const key = dataSource(t['private_key'], join(p, 'private_key'), baseDir);
  const x = certificate(cert, join(p, 'certificate_chain'));
  let k;
  try {
    k = createPrivateKey(key);
  } catch (e) {
    throw new ConfigError(`not a PEM private key: ${(e as Error).message}`, join(p, 'private_key'));
  }
  if (!x.checkPrivateKey(k)) throw new ConfigError('the private key does not match the certificate chain', join(p, 'private_key'));
  return { cert, key };
}

interface Common {
  readonly cert: string | undefined;
  readonly key: string | undefined;
  readonly ca: string | undefined;
  readonly alpn: string[];
}

function commonTlsContext(v: unknown, path: string, baseDir: string): Common {
  const c = obj(v, path, ['tls_certificates', 'validation_context', 'alpn_protocols'], ['tls_params', 'tls_certificate_sds_secret_configs', 'validation_context_sds_secret_config', 'combined_validation_context', 'tls_certificate_provider_instance', 'custom_handshaker', 'key_log']);
  const ck = certAndKey(c, path, baseDir);
  let ca: string | undefined;
  if (c['validation_context'] !== undefined) {
    const vp = join(path, 'validation_context');
    const vc = obj(c['validation_context'], vp, ['trusted_ca'], ['match_subject_alt_names', 'match_typed_subject_alt_names', 'verify_certificate_spki', 'verify_certificate_hash', 'crl', 'allow_expired_certificate', 'trust_chain_verification', 'custom_validator_config', 'ca_certificate_provider_instance', 'watched_directory', 'only_verify_leaf_cert_crl', 'max_verify_depth', 'system_root_certs']);
    if (vc['trusted_ca'] === undefined) throw new ConfigError('required field is missing', join(vp, 'trusted_ca'));
    ca = dataSource(vc['trusted_ca'], join(vp, 'trusted_ca'), baseDir);
    certificate(ca, join(vp, 'trusted_ca'));
  }
  const alpn = arr(c['alpn_protocols'], join(path, 'alpn_protocols')).map((a, i) => {
    if (typeof a !== 'string' || a === '') throw new ConfigError('expected a protocol name', `${path}.alpn_protocols[${i}]`);
    return a;
  });
  return { cert: ck?.cert, key: ck?.key, ca, alpn };
}

/** The `name` and `typed_config` of a transport_socket; the TLS context's fields */
function transportSocket(v: unknown, path: string, type: string, allowed: readonly string[], unsupported: readonly string[]): Obj {
  const ts = obj(v, path, ['name', 'typed_config']);
  const name = str(ts, 'name', path);
  if (!TLS_SOCKET.includes(name)) throw new ConfigError(`unsupported transport socket "${name}" (only envoy.transport_sockets.tls)`, join(path, 'name'));
  if (ts['typed_config'] === undefined) throw new ConfigError('required field is missing', join(path, 'typed_config'));
  return typedConfig(ts['typed_config'], join(path, 'typed_config'), type, allowed, unsupported);
}

/** A listener's filter_chains[0].transport_socket. */
export function parseDownstreamTls(v: unknown, path: string, baseDir: string): DownstreamTls {
  const tp = join(path, 'typed_config');
  const d = transportSocket(v, path, T_DOWNSTREAM, ['common_tls_context', 'require_client_certificate'], ['session_ticket_keys', 'session_ticket_keys_sds_secret_config', 'disable_stateless_session_resumption', 'session_timeout', 'ocsp_staple_policy', 'full_scan_certs_on_sni_mismatch', 'require_sni', 'disable_stateful_session_resumption', 'prefer_client_ciphers']);
  const cp = join(tp, 'common_tls_context');
  const c = commonTlsContext(d['common_tls_context'], cp, baseDir);
  if (c.cert === undefined || c.key === undefined) throw new ConfigError('a listener needs a certificate and private key', join(cp, 'tls_certificates'));
  const requireClientCertificate = bool(d, 'require_client_certificate', tp, false);
  if (requireClientCertificate && c.ca === undefined) throw new ConfigError('require_client_certificate needs common_tls_context.validation_context.trusted_ca', join(tp, 'require_client_certificate'));
  return { cert: c.cert, key: c.key, ca: c.ca, requireClientCertificate, alpn: c.alpn };
}

/** A cluster's transport_socket. */
export function parseUpstreamTls(v: unknown, path: string, baseDir: string): UpstreamTls {
  const tp = join(path, 'typed_config');
  const u = transportSocket(v, path, T_UPSTREAM, ['common_tls_context', 'sni'], ['allow_renegotiation', 'max_session_keys', 'enforce_rsa_key_usage', 'auto_host_sni', 'auto_sni_san_validation']);
  const c = commonTlsContext(u['common_tls_context'], join(tp, 'common_tls_context'), baseDir);
  const sni = u['sni'] === undefined ? undefined : str(u, 'sni', tp);
  return { sni, ca: c.ca, cert: c.cert, key: c.key, alpn: c.alpn };
}

/** node:tls server options for a listener (ALPN from the config, else `dflt`). */
export function serverTlsOptions(t: DownstreamTls, dflt: readonly string[]): { cert: string; key: string; ca?: string; requestCert: boolean; rejectUnauthorized: boolean; ALPNProtocols: string[] } {
  return {
    cert: t.cert,
    key: t.key,
    ...(t.ca !== undefined ? { ca: t.ca } : {}),
    // an optional client certificate: asked for, checked in checkClientCertificate when presented
    requestCert: t.ca !== undefined,
    rejectUnauthorized: t.requireClientCertificate,
    ALPNProtocols: [...(t.alpn.length ? t.alpn : dflt)],
  };
}

/**
 * After the handshake: a client certificate that was presented but does not verify closes the
 * connection (Envoy refuses it even when certificates are optional). True when the connection
 * may go on.
 */
export function checkClientCertificate(t: DownstreamTls, sock: TLSSocket): boolean {
  if (t.ca === undefined || sock.authorized) return true;
  const peer = sock.getPeerCertificate();
  if (peer && Object.keys(peer).length) {
    sock.destroy();
    return false;
  }
  return true;
}

/** The client side: node:tls connect options for an endpoint. */
export function clientTlsOptions(t: UpstreamTls, alpn?: readonly string[]): { servername?: string; ca?: string; cert?: string; key?: string; rejectUnauthorized: boolean; checkServerIdentity: () => undefined; ALPNProtocols?: string[] } {
  // as Envoy: SNI only when configured (auto_sni is not supported)
  const sni = t.sni;
  const protos = t.alpn.length ? t.alpn : alpn;
  return {
    ...(sni !== undefined ? { servername: sni } : {}),
    ...(t.ca !== undefined ? { ca: t.ca } : {}),
    ...(t.cert !== undefined ? { cert: t.cert, key: t.key } : {}),
    rejectUnauthorized: t.ca !== undefined,
    // the chain is verified against trusted_ca; names are not (Envoy needs SAN matchers for that)
    checkServerIdentity: () => undefined,
    ...(protos && protos.length ? { ALPNProtocols: [...protos] } : {}),
  };
}
