/**
 * The downstream side of an exchange, whatever the codec: `Downstream` is what the Exchange needs
 * of a client's request and response (headers with the proxy-wasm pseudo-headers, body chunks,
 * trailers, back-pressure, writing the response, resetting), with one implementation over
 * node:http (HTTP/1.1, also over TLS) here and one over node:http2 (h2c and h2) in h2.ts.
 *
 * `listenerServer` builds a listener's server for its codec_type and transport socket: HTTP/1.1
 * (node:http or node:https), HTTP/2 (node:http2, h2c with prior knowledge or h2 over TLS), or
 * AUTO — over TLS, ALPN picks (node:http2 with allowHTTP1); in clear text the first bytes do, as
 * Envoy sniffs the HTTP/2 connection preface.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureServer, createServer as createH2Server, Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { fromRawHeaders } from './cluster.js';
import type { ListenerConfig } from './config.js';
import { H2Downstream, h2Settings } from './h2.js';
import { HeaderMap } from './headers.js';
import { checkClientCertificate, serverTlsOptions } from './tls.js';

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

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

let connectionIds = 0;

/**
 * A listener's server for its codec and TLS settings; every request (either protocol) goes to
 * `handler` as a Downstream. A reload keeps the server (its socket stays bound) and points
 * `handler` at the new chain: new requests on new and kept-alive connections, and new streams of
 * open HTTP/2 sessions, use it; requests in flight finish where they started.
 */
export class ListenerServer {
  /** the server that listens */
  readonly server: NetServer;
  /** the HTTP/1.1 server requests arrive on, when the listener speaks HTTP/1.1 (for its timeouts) */
  readonly http1: HttpServer | undefined;
  handler: (ds: Downstream) => void = () => undefined;
  private readonly sockets = new Set<Socket>();
  private readonly sessions = new Set<Http2Session>();

  constructor(readonly config: ListenerConfig) {
    const track = (sock: Socket & { wasmletId?: number }) => {
      sock.wasmletId ??= ++connectionIds;
      this.sockets.add(sock);
      sock.once('close', () => this.sockets.delete(sock));
    };
    const onH1 = (req: IncomingMessage, res: ServerResponse) => this.handler(new H1Downstream(req, res));
    const onH2 = (req: Http2ServerRequest, res: Http2ServerResponse) => this.handler(new H2Downstream(req, res));
    const h2opts = { settings: h2Settings(config.http2) };
    const tls = config.tls;
    let server: NetServer;
    let http1: HttpServer | undefined;
    let h2server: NetServer | undefined;
    if (tls) {
      const alpn = config.codec === 'HTTP1' ? ['http/1.1'] : config.codec === 'HTTP2' ? ['h2'] : ['h2', 'http/1.1'];
      const opts = serverTlsOptions(tls, alpn);
      if (config.codec === 'HTTP1') {
        const s = createHttpsServer({ ...opts, keepAlive: true, noDelay: true }, onH1);
        http1 = s;
        server = s;
      } else {
        const s = createSecureServer({ ...opts, ...h2opts, allowHTTP1: config.codec === 'AUTO' }, (req, res) => {
          if (req instanceof Http2ServerRequest) onH2(req, res);
          else onH1(req as unknown as IncomingMessage, res as unknown as ServerResponse);
        });
        server = s;
        h2server = s;
      }
      server.on('secureConnection', (sock: TLSSocket) => {
        if (checkClientCertificate(tls, sock)) track(sock);
      });
      // a failed handshake (a refused client certificate, a client that does not speak TLS) only ends that connection
      server.on('tlsClientError', (_e: Error, sock: TLSSocket) => sock.destroy());
    } else if (config.codec === 'HTTP1') {
      http1 = createHttpServer({ keepAlive: true, noDelay: true }, onH1);
      server = http1;
      server.on('connection', track);
    } else {
      const h2 = createH2Server(h2opts, onH2);
      h2server = h2;
      if (config.codec === 'HTTP2') {
        server = h2;
        server.on('connection', track);
      } else {
        // AUTO in clear text: the HTTP/2 preface picks node:http2, anything else node:http
        http1 = createHttpServer({ keepAlive: true, noDelay: true }, onH1);
        const h1 = http1;
        server = createNetServer({ noDelay: true }, (sock) => {
          track(sock);
          let seen: Buffer = Buffer.alloc(0);
          const sniff = () => {
            const b = sock.read() as Buffer | null;
            if (b === null) {
              // the client closed before the protocol was known: nothing to serve
              if (sock.readableEnded) sock.destroy();
              else sock.once('readable', sniff);
              return;
            }
            seen = seen.length ? Buffer.concat([seen, b]) : b;
            const n = Math.min(seen.length, PREFACE.length);
            const h2ish = seen.subarray(0, n).equals(PREFACE.subarray(0, n));
            // a prefix of the preface so far: wait for more bytes to tell "PRI * HTTP/2.0" from "POST"
            if (h2ish && n < PREFACE.length) {
              sock.once('readable', sniff);
              return;
            }
            sock.unshift(seen);
            (h2ish ? h2 : h1).emit('connection', sock);
          };
          sock.once('readable', sniff);
        });
      }
    }
    const win = config.http2.initialConnectionWindowSize;
    h2server?.on('session', (session: Http2Session) => {
      this.sessions.add(session);
      session.once('close', () => this.sessions.delete(session));
      if (win !== undefined) session.setLocalWindowSize(win);
    });
    if (http1) {
      http1.keepAliveTimeout = 60_000;
      http1.headersTimeout = 61_000;
      http1.on('clientError', (_e, sock: Socket) => {
        if (sock.writable) sock.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
        else sock.destroy();
      });
    }
    this.server = server;
    this.http1 = http1;
  }

  /** stop accepting connections; `done` when the last one closed */
  close(done?: () => void): void {
    this.server.close(() => done?.());
  }

  /** close idle connections: HTTP/1.1 ones between requests now, HTTP/2 sessions with GOAWAY (their open streams finish) */
  closeIdleConnections(): void {
    this.http1?.closeIdleConnections();
    for (const s of this.sessions) if (!s.closed) s.close();
  }

  /** destroy every connection */
  closeAllConnections(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
}
