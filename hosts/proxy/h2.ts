/**
 * HTTP/2: the Envoy settings (http2_protocol_options on the connection manager and on clusters,
 * HttpProtocolOptions.explicit_http_config for a cluster's upstream protocol), the downstream
 * side of an exchange over node:http2 (`H2Downstream`, the HTTP/2 twin of H1Downstream). The
 * upstream side is upstream-h2.ts.
 *
 * Filters see an HTTP/2 request as Envoy shows it: the pseudo-headers :method, :path, :authority
 * and :scheme first, then the regular headers; trailers (gRPC's grpc-status) pass both ways.
 */
import { constants, type Http2ServerRequest, type Http2ServerResponse, type OutgoingHttpHeaders, type Settings } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { ConfigError, join, num, obj, typedConfig, type Obj } from './config.js';
import { HOP_BY_HOP } from './cluster.js';
import type { Downstream } from './downstream.js';
import { tlsMtls, tlsServerName } from './downstream.js';
import { HeaderMap } from './headers.js';

/** http2_protocol_options, the part wasmlet acts on */
export interface Http2Options {
  readonly maxConcurrentStreams: number | undefined;
  readonly initialStreamWindowSize: number | undefined;
  readonly initialConnectionWindowSize: number | undefined;
  readonly hpackTableSize: number | undefined;
}

const H2_FIELDS = ['max_concurrent_streams', 'initial_stream_window_size', 'initial_connection_window_size', 'hpack_table_size'];
const H2_ENVOY_ONLY = [
  'allow_connect',
  'allow_metadata',
  'max_outbound_frames',
  'max_outbound_control_frames',
  'max_consecutive_inbound_frames_with_empty_payload',
  'max_inbound_priority_frames_per_stream',
  'max_inbound_window_update_frames_per_data_frame_sent',
  'stream_error_on_invalid_http_messaging',
  'override_stream_error_on_invalid_http_message',
  'custom_settings_parameters',
  'connection_keepalive',
  'use_oghttp2_codec',
  'max_metadata_size',
];

function optInt(o: Obj, k: string, path: string, min: number, max: number): number | undefined {
  if (o[k] === undefined || o[k] === null) return undefined;
  const n = num(o, k, path);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`expected an integer from ${min} to ${max}`, join(path, k));
  return n;
}

/** Envoy's Http2ProtocolOptions (an empty mapping or absent: the defaults). */
export function parseHttp2Options(v: unknown, path: string): Http2Options {
  const o = obj(v, path, H2_FIELDS, H2_ENVOY_ONLY);
  return {
    maxConcurrentStreams: optInt(o, 'max_concurrent_streams', path, 1, 2147483647),
    // Envoy's bounds for the window sizes
    initialStreamWindowSize: optInt(o, 'initial_stream_window_size', path, 65535, 2147483647),
    initialConnectionWindowSize: optInt(o, 'initial_connection_window_size', path, 65535, 2147483647),
    hpackTableSize: optInt(o, 'hpack_table_size', path, 0, 4294967295),
  };
}

/** node:http2 settings for Http2Options */
export function h2Settings(o: Http2Options): Settings {
  const s: Settings = {};
  if (o.maxConcurrentStreams !== undefined) s.maxConcurrentStreams = o.maxConcurrentStreams;
  if (o.initialStreamWindowSize !== undefined) s.initialWindowSize = o.initialStreamWindowSize;
  if (o.hpackTableSize !== undefined) s.headerTableSize = o.hpackTableSize;
  return s;
}

const T_HTTP_PROTOCOL_OPTIONS = 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions';
const HPO_KEY = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';

/**
 * A cluster's upstream protocol: HTTP/2 with the legacy `http2_protocol_options`, or with
 * `typed_extension_protocol_options` {envoy.extensions.upstreams.http.v3.HttpProtocolOptions:
 * {explicit_http_config: {http2_protocol_options}}}; undefined: HTTP/1.1.
 */
export function parseUpstreamProtocol(c: Obj, path: string): Http2Options | undefined {
  const legacy = c['http2_protocol_options'];
  const typed = c['typed_extension_protocol_options'];
  if (legacy !== undefined && typed !== undefined) throw new ConfigError('give http2_protocol_options or typed_extension_protocol_options, not both', path);
  if (legacy !== undefined) return parseHttp2Options(legacy, join(path, 'http2_protocol_options'));
  if (typed === undefined) return undefined;
  const tp = join(path, 'typed_extension_protocol_options');
  // the keys are extension names, not fields: obj() would respell a camelCase one as snake_case
  if (typed === null || typeof typed !== 'object' || Array.isArray(typed)) throw new ConfigError('expected a mapping', tp);
  const t = typed as Obj;
  for (const k of Object.keys(t)) if (k !== HPO_KEY) throw new ConfigError(`unknown extension (known: ${HPO_KEY})`, join(tp, k));
  if (t[HPO_KEY] === undefined) return undefined;
  const hp = join(tp, HPO_KEY);
  const h = typedConfig(t[HPO_KEY], hp, T_HTTP_PROTOCOL_OPTIONS, ['explicit_http_config'], ['use_downstream_protocol_config', 'auto_config', 'common_http_protocol_options', 'upstream_http_protocol_options', 'http_filters', 'header_validation_config']);
  if (h['explicit_http_config'] === undefined) throw new ConfigError('required field is missing (wasmlet supports explicit_http_config only)', join(hp, 'explicit_http_config'));
  const ep = join(hp, 'explicit_http_config');
  const e = obj(h['explicit_http_config'], ep, ['http_protocol_options', 'http2_protocol_options'], ['http3_protocol_options']);
  const given = Object.keys(e);
  if (given.length !== 1) throw new ConfigError('explicit_http_config needs exactly one of http_protocol_options, http2_protocol_options', ep);
  if (e['http_protocol_options'] !== undefined) {
    obj(e['http_protocol_options'], join(ep, 'http_protocol_options'), []);
    return undefined;
  }
  return parseHttp2Options(e['http2_protocol_options'], join(ep, 'http2_protocol_options'));
}

/** Names that must not appear in an HTTP/2 message (RFC 9113 §8.2.2), besides hop-by-hop ones. */
function h2Forbidden(k: string): boolean {
  return HOP_BY_HOP.has(k) || k === 'host';
}

/** [name, value, …] → an http2 headers object (repeated names as arrays). */
export function h2Headers(raw: readonly string[], into: OutgoingHttpHeaders = {}): OutgoingHttpHeaders {
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i]!;
    if (h2Forbidden(k)) continue;
    const v = raw[i + 1]!;
    const cur = into[k];
    if (cur === undefined) into[k] = v;
    else if (Array.isArray(cur)) cur.push(v);
    else into[k] = [String(cur), v];
  }
  return into;
}

/** The node:http2 compatibility request/response pair (h2c or h2). */
export class H2Downstream implements Downstream {
  readonly protocol = 'HTTP/2';
  readonly scheme: 'http' | 'https';
  readonly hasBody: boolean;
  readonly contentLength: number;

  constructor(
    private readonly req: Http2ServerRequest,
    private readonly res: Http2ServerResponse,
  ) {
    this.scheme = (req.stream.session?.socket as TLSSocket | undefined)?.encrypted ? 'https' : 'http';
    this.hasBody = !req.stream.endAfterHeaders;
    const cl = req.headers['content-length'];
    this.contentLength = cl !== undefined ? Number(cl) : -1;
  }

  private get sock(): TLSSocket | undefined {
    return this.req.stream.session?.socket as TLSSocket | undefined;
  }
  get remoteAddress(): string {
    return this.sock?.remoteAddress ?? '';
  }
  get remotePort(): number {
    return this.sock?.remotePort ?? 0;
  }
  get localAddress(): string {
    return this.sock?.localAddress ?? '';
  }
  get localPort(): number {
    return this.sock?.localPort ?? 0;
  }
  get connectionId(): number {
    return (this.sock as { wasmletId?: number } | undefined)?.wasmletId ?? 0;
  }
  get mtls(): boolean {
    return this.sock ? tlsMtls(this.sock) : false;
  }
  get serverName(): string {
    return this.sock ? tlsServerName(this.sock) : '';
  }
  get method(): string {
    return this.req.method;
  }

  requestHeaders(): HeaderMap {
    const req = this.req;
    const authority = req.headers[':authority'] ?? req.headers.host ?? '';
    const h = new HeaderMap([':authority', ':path', ':method', ':scheme'], [String(authority), req.url || '/', req.method, this.scheme]);
    const raw = req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      const k = raw[i]!;
      if (k.charCodeAt(0) === 58 /* : */ || h2Forbidden(k)) continue;
      h.keys.push(k);
      h.values.push(raw[i + 1]!);
    }
    return h;
  }

  onData(fn: (b: Buffer) => void): void {
    this.req.on('data', fn);
  }
  onEnd(fn: (trailers: readonly string[]) => void): void {
    this.req.on('end', () => fn(this.req.rawTrailers));
  }
  onClose(fn: (complete: boolean) => void): void {
    const stream = this.res.stream;
    stream.once('close', () => fn(this.res.writableEnded && stream.rstCode === constants.NGHTTP2_NO_ERROR));
  }
  pause(): void {
    this.req.pause();
  }
  resume(): void {
    this.req.resume();
  }
  get headersSent(): boolean {
    return this.headersPending || this.res.headersSent;
  }
  get writable(): boolean {
    return !this.res.stream.destroyed && !this.res.writableEnded;
  }
  get statusCode(): number {
    return this.res.statusCode;
  }
  private headersPending = false;
  writeHead(status: number, raw: string[]): void {
    const res = this.res;
    if (res.stream.destroyed) return;
    res.statusCode = status;
    const h = h2Headers(raw);
    for (const k of Object.keys(h)) res.setHeader(k, h[k]!);
    // sent with the first body bytes or the end, else a microtask later: a response ended at once
    // is one HEADERS frame with END_STREAM, as gRPC's trailers-only responses must be
    this.headersPending = true;
    queueMicrotask(() => {
      this.headersPending = false;
      if (!res.headersSent && !res.writableEnded && !res.stream.destroyed) res.writeHead(status);
    });
  }
  write(b: Buffer): boolean {
    return this.res.write(b);
  }
  onceDrain(fn: () => void): void {
    this.res.once('drain', fn);
  }
  end(trailers?: readonly string[]): void {
    if (trailers?.length) this.res.addTrailers(h2Headers(trailers));
    this.res.end();
  }
  reset(): void {
    // only this stream: the connection's other streams go on
    if (!this.res.stream.destroyed) this.res.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
  }
}
