/**
 * `ListenerServer` builds a listener's server for its codec_type and transport socket: HTTP/1.1
 * (node:http or node:https), HTTP/2 (node:http2, h2c with prior knowledge or h2 over TLS), or
 * AUTO — over TLS, ALPN picks (node:http2 with allowHTTP1); in clear text the first bytes do, as
 * Envoy sniffs the HTTP/2 connection preface. Each request reaches the chain as a Downstream.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureServer, createServer as createH2Server, Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ListenerConfig } from './config.js';
import { H1Downstream, type Downstream } from './downstream.js';
import { h2Settings } from './h2-options.js';
import { H2Downstream } from './h2.js';
import { checkClientCertificate, serverTlsOptions } from './tls.js';

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
