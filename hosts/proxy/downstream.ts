/**
 * The downstream side of an exchange, whatever the codec: `Downstream` is what the Exchange needs
 * of a client's request and response (headers with the proxy-wasm pseudo-headers, body chunks,
 * trailers, back-pressure, writing the response, resetting), with one implementation over
 * node:http (HTTP/1.1, also over TLS) here and one over node:http2 (h2c and h2) in h2.ts;
 * listener-server.ts builds the servers they come from.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { fromRawHeaders, HeaderMap } from './headers.js';

export interface Downstream {
  /** %PROTOCOL% and request.protocol: "HTTP/1.1" or "HTTP/2" */
  readonly protocol: string;
  readonly scheme: 'http' | 'https';
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly localAddress: string;
  readonly localPort: number;
  readonly connectionId: number;
  /** a client certificate was presented and verified */
  readonly mtls: boolean;
  /** the TLS SNI the client sent ('' without) */
  readonly serverName: string;
  readonly method: string;
  /** the request headers: :authority, :path, :method, :scheme, then the rest (hop-by-hop dropped) */
  requestHeaders(): HeaderMap;
  /** the request has a body (or trailers) to come */
  readonly hasBody: boolean;
  /** content-length of the request, -1 when not announced */
  readonly contentLength: number;
  onData(fn: (b: Buffer) => void): void;
  /** the request ended, with its raw trailers ([name, value, …], empty for none) */
  onEnd(fn: (trailers: readonly string[]) => void): void;
  /** the exchange closed; `complete`: the whole response was delivered */
  onClose(fn: (complete: boolean) => void): void;
  pause(): void;
  resume(): void;
  readonly headersSent: boolean;
  /** the response can still be written */
  readonly writable: boolean;
  readonly statusCode: number;
  /** response headers without pseudo-headers; `raw` is [name, value, …] */
  writeHead(status: number, raw: string[]): void;
  /** false: wait for onceDrain */
  write(b: Buffer): boolean;
  onceDrain(fn: () => void): void;
  /** end the response, with trailers when given (HTTP/1.1 sends them only on a chunked body) */
  end(trailers?: readonly string[]): void;
  /** abort: before the response, no answer at all (HTTP/1.1 closes the connection, HTTP/2 resets the stream) */
  reset(): void;
}

/** The node:http request/response pair (HTTP/1.1, clear text or TLS). */
export class H1Downstream implements Downstream {
  readonly protocol = 'HTTP/1.1';
  readonly scheme: 'http' | 'https';
  readonly hasBody: boolean;
  readonly contentLength: number;
  private readonly chunked: boolean;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    this.scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
    const cl = req.headers['content-length'];
    this.chunked = req.headers['transfer-encoding'] !== undefined;
    this.contentLength = !this.chunked && cl !== undefined ? Number(cl) : -1;
    this.hasBody = this.chunked || this.contentLength > 0;
  }

  get remoteAddress(): string {
    return this.req.socket.remoteAddress ?? '';
  }
  get remotePort(): number {
    return this.req.socket.remotePort ?? 0;
  }
  get localAddress(): string {
    return this.req.socket.localAddress ?? '';
  }
  get localPort(): number {
    return this.req.socket.localPort ?? 0;
  }
  get connectionId(): number {
    return (this.req.socket as Socket & { wasmletId?: number }).wasmletId ?? 0;
  }
  get mtls(): boolean {
    return tlsMtls(this.req.socket);
  }
  get serverName(): string {
    return tlsServerName(this.req.socket);
  }
  get method(): string {
    return this.req.method ?? 'GET';
  }

  requestHeaders(): HeaderMap {
    const req = this.req;
    const h = new HeaderMap([':authority', ':path', ':method', ':scheme'], [req.headers.host ?? '', req.url ?? '/', req.method ?? 'GET', this.scheme]);
    fromRawHeaders(h, req.rawHeaders);
    h.remove('host');
    return h;
  }

  onData(fn: (b: Buffer) => void): void {
    this.req.on('data', fn);
  }
  onEnd(fn: (trailers: readonly string[]) => void): void {
    this.req.on('end', () => fn(this.req.rawTrailers));
  }
  onClose(fn: (complete: boolean) => void): void {
    this.res.on('close', () => fn(this.res.writableFinished));
  }
  pause(): void {
    this.req.pause();
  }
  resume(): void {
    this.req.resume();
  }
  get headersSent(): boolean {
    return this.res.headersSent;
  }
  get writable(): boolean {
    return !this.res.destroyed && !this.res.writableEnded;
  }
  get statusCode(): number {
    return this.res.statusCode;
  }
  writeHead(status: number, raw: string[]): void {
    if (this.res.destroyed) return;
    this.res.writeHead(status, raw);
  }
  write(b: Buffer): boolean {
    return this.res.write(b);
  }
  onceDrain(fn: () => void): void {
    this.res.once('drain', fn);
  }
  end(trailers?: readonly string[]): void {
    if (trailers?.length) this.res.addTrailers(pairs(trailers));
    this.res.end();
  }
  reset(): void {
    // nothing reached the client yet: close the connection without a response
    if (!this.res.headersSent && !this.res.destroyed) this.req.socket.destroy();
    else this.res.destroy();
  }
}

export function pairs(raw: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

export function tlsMtls(sock: Socket): boolean {
  const t = sock as TLSSocket;
  if (!t.encrypted || !t.authorized) return false;
  const peer = t.getPeerCertificate();
  return !!peer && Object.keys(peer).length > 0;
}

export function tlsServerName(sock: Socket): string {
  const n = (sock as TLSSocket & { servername?: string | false }).servername;
  return typeof n === 'string' ? n : '';
}
