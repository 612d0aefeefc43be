/**
 * HTTP/2's downstream side of an exchange over node:http2 (`H2Downstream`, the HTTP/2 twin of
 * H1Downstream) and the header conversions between proxy-wasm pairs and node:http2 objects. The
 * Envoy settings (http2_protocol_options, a cluster's HttpProtocolOptions) are in h2-options.ts,
 * the upstream side in upstream-h2.ts.
 *
 * Filters see an HTTP/2 request as Envoy shows it: the pseudo-headers :method, :path, :authority
 * and :scheme first, then the regular headers; trailers (gRPC's grpc-status) pass both ways.
 */
import { constants, type Http2ServerRequest, type Http2ServerResponse, type OutgoingHttpHeaders } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import type { Downstream } from './downstream.js';
import { tlsMtls, tlsServerName } from './downstream.js';
import { HeaderMap, HOP_BY_HOP } from './headers.js';

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
