/**
 * Upstream HTTP/2: the node:http2 session pool of a cluster (`H2Pool`: sessions per endpoint,
 * each carrying up to max_concurrent_streams streams, more sessions opened up to max_connections,
 * then streams wait for a free slot), shared by the router, proxy_http_call, HTTP/2 health checks
 * and the gRPC client of grpc.ts; and the router's request/response over one stream
 * (`H2Request`, `H2Response`), shaped like node:http's ClientRequest and IncomingMessage so the
 * exchange in proxy.ts drives either protocol through the same `UpstreamRequest` interface.
 *
 * A stream is opened a microtask after the router asks for it, so a request without a body
 * (the router ends it right away) goes out as one HEADERS frame with END_STREAM. Request trailers
 * are sent as a trailing HEADERS frame; response trailers arrive as `rawTrailers`. Bodies stream
 * under HTTP/2 flow control both ways: `write` returns false while the stream's buffer is full
 * ('drain' follows), and pausing the response stops reading it (no WINDOW_UPDATE is sent).
 */
import { EventEmitter } from 'node:events';
import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream, type ClientSessionRequestOptions, type IncomingHttpHeaders, type OutgoingHttpHeaders, type SecureClientSessionOptions } from 'node:http2';
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ClusterConfig, SocketAddress } from './config.js';
import { h2Settings } from './h2-options.js';
import { h2Headers } from './h2.js';
import { clientTlsOptions } from './tls.js';

/** An idle pooled session (no streams) closes after this long. */
const SESSION_IDLE_MS = 60_000;

/** One pooled session and the streams it carries (reserved slots included). */
export interface H2Conn {
  readonly session: ClientHttp2Session;
  readonly key: string;
  /** the cluster's name (for errors) */
  readonly cluster: string;
  streams: number;
  /** the session finished its handshake (a failure before it is a connect failure) */
  connected: boolean;
}

/**
 * The HTTP/2 sessions of one cluster (or one health checker): `reserve` finds a session to `ep`
 * with a free stream slot, opening one when all are full and fewer than `maxConnections` are
 * open; `release` gives the slot back (and to the first waiter for that endpoint).
 */
export class H2Pool {
  private readonly conns = new Map<string, H2Conn[]>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private open = 0;
  private closed = false;
  /** streams per session (http2_protocol_options.max_concurrent_streams; the server's SETTINGS may lower it) */
  private readonly streamLimit: number;

  constructor(
    private readonly config: ClusterConfig,
    private readonly maxConnections: number,
  ) {
    this.streamLimit = config.http2?.maxConcurrentStreams ?? 2147483647;
  }

  /** sessions open (tests, stats) */
  get sessions(): number {
    return this.open;
  }

  private capacity(c: H2Conn): number {
    const peer = c.connected ? c.session.remoteSettings.maxConcurrentStreams : undefined;
    return peer === undefined ? this.streamLimit : Math.min(this.streamLimit, peer);
  }

  /**
   * A slot on a session to `ep`: the first session with room, else a new session within
   * max_connections. undefined: every session is full at the limit (the caller waits) — unless
   * `force`: then the least-loaded session takes the stream anyway (nghttp2 queues streams over
   * the server's limit; gRPC calls from filters never wait for a slot).
   */
  reserve(ep: SocketAddress, force = false): H2Conn | undefined {
    if (this.closed) throw Object.assign(new Error('the cluster was closed'), { code: 'ERR_HTTP2_INVALID_SESSION' });
    const key = `${ep.address}:${ep.port}`;
    const list = this.conns.get(key);
    let least: H2Conn | undefined;
    if (list) {
      for (const c of list) {
        if (c.streams < this.capacity(c)) {
          c.streams++;
          return c;
        }
        if (!least || c.streams < least.streams) least = c;
      }
    }
    if (this.open < this.maxConnections || (force && !least)) {
      const c = this.connect(ep, key);
      c.streams++;
      return c;
    }
    if (!force || !least) return undefined;
    least.streams++;
    return least;
  }

  /** give a slot back; the first request waiting for `c`'s endpoint gets it */
  release(c: H2Conn): void {
    c.streams--;
    this.wake(c.key);
  }

  /** call `fn` when a slot to `ep` may be free (it reserves again); returns a cancel function */
  wait(ep: SocketAddress, fn: () => void): () => void {
    const key = `${ep.address}:${ep.port}`;
    let q = this.waiters.get(key);
    if (!q) this.waiters.set(key, (q = []));
    q.push(fn);
    return () => {
      const i = q.indexOf(fn);
      if (i >= 0) q.splice(i, 1);
    };
  }

  private wake(key: string): void {
    const q = this.waiters.get(key);
    const fn = q?.shift();
    if (q && q.length === 0) this.waiters.delete(key);
    fn?.();
  }

  /** a stream on `c` (its slot was reserved; released when the stream closes) */
  request(c: H2Conn, headers: OutgoingHttpHeaders, opts: ClientSessionRequestOptions): ClientHttp2Stream {
    let stream: ClientHttp2Stream;
    try {
      stream = c.session.request(headers, opts);
    } catch (e) {
      this.release(c);
      throw e;
    }
    stream.once('close', () => this.release(c));
    return stream;
  }

  private connect(ep: SocketAddress, key: string): H2Conn {
    const cfg = this.config;
    const tls = cfg.tls;
    const host = isIP(ep.address) === 6 ? `[${ep.address}]` : ep.address;
    const h2 = cfg.http2;
    const opts: SecureClientSessionOptions & { family?: number } = {
      // (family reaches net.connect, which resolves the endpoint's name)
      family: cfg.family || undefined,
      settings: { enablePush: false, ...(h2 ? h2Settings(h2) : {}) },
      ...(tls ? clientTlsOptions(tls, ['h2']) : {}),
    };
    const session = connect(`${tls ? 'https' : 'http'}://${host}:${ep.port}`, opts);
    const c: H2Conn = { session, key, cluster: cfg.name, streams: 0, connected: false };
    let list = this.conns.get(key);
    if (!list) this.conns.set(key, (list = []));
    list.push(c);
    this.open++;
    let gone = false;
    const forget = () => {
      if (gone) return;
      gone = true;
      this.open--;
      const l = this.conns.get(key);
      const i = l ? l.indexOf(c) : -1;
      if (i >= 0) l!.splice(i, 1);
      if (l && l.length === 0) this.conns.delete(key);
      // waiters may open a new session now
      this.wake(key);
    };
    // errors reach the session's streams (as their 'error'); the session only leaves the pool
    session.on('error', forget);
    session.on('close', forget);
    session.on('goaway', forget);
    session.once('connect', () => {
      // Envoy's explicit HTTP/2 pool never falls back to HTTP/1.1: a TLS server that did not
      // select h2 cannot be spoken to (HTTP/2 frames to an HTTP/1.1 server), so the session
      // fails as a connect failure that says why, before any stream goes out on it
      const alpn = tls ? (session.socket as TLSSocket | undefined)?.alpnProtocol : 'h2c';
      if (tls && alpn !== 'h2') {
        session.destroy(alpnRefused(cfg.name, key, alpn || 'none'));
        return;
      }
      c.connected = true;
      const win = h2?.initialConnectionWindowSize;
      if (win !== undefined) session.setLocalWindowSize(win);
    });
    // a server SETTINGS frame can raise or lower the limit: requests waiting may fit now
    session.on('remoteSettings', () => this.wake(key));
    session.setTimeout(SESSION_IDLE_MS, () => {
      if (c.streams === 0) session.close();
    });
    session.unref();
    const ct = cfg.connectTimeoutMs;
    if (ct > 0) {
      const t = setTimeout(() => session.destroy(connectTimeout(ct)), ct);
      t.unref();
      session.once('connect', () => clearTimeout(t));
      session.once('close', () => clearTimeout(t));
    }
    return c;
  }

  /** close every session (streams in flight finish; nothing new is accepted) */
  close(): void {
    this.closed = true;
    for (const list of this.conns.values()) for (const c of list) c.session.close();
    this.waiters.clear();
  }

  /** destroy every session now */
  destroy(): void {
    this.closed = true;
    for (const list of [...this.conns.values()]) for (const c of [...list]) c.session.destroy();
    this.waiters.clear();
  }
}

/** The error of an HTTP/2 TLS session whose server selected `alpn` (a protocol, or "none") instead of h2. */
export function alpnRefused(cluster: string, endpoint: string, alpn: string): Error {
  return Object.assign(new Error(`HTTP/2 cluster ${cluster}: ${endpoint} did not negotiate h2 over TLS (ALPN: ${alpn}); an HTTP/2 cluster needs a server that selects h2, or configure the cluster as HTTP/1.1`), { code: ALPN_REFUSED });
}
export const ALPN_REFUSED = 'UPSTREAM_ALPN_H2_REFUSED';

export function connectTimeout(ms: number): Error {
  return Object.assign(new Error(`connect timeout after ${ms} ms`), { code: 'UPSTREAM_CONNECT_TIMEOUT' });
}

/**
 * A failed stream's error as the router classifies it: `connectFailure` when its session never
 * connected (refused, unreachable, connect timeout, TLS or ALPN failure), with the cause's code.
 */
export function streamError(e: Error, c: H2Conn): Error {
  if (c.connected) return e;
  let cause = (e as { cause?: Error }).cause ?? e;
  // the server's TLS stack refused every protocol offered (h2): the same failure as selecting another one
  if ((cause as { code?: string }).code === 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL') cause = alpnRefused(c.cluster, c.key, 'no protocol in common with h2');
  return Object.assign(new Error(`upstream connect error: ${cause.message}`), { code: (cause as { code?: string }).code, connectFailure: true });
}

/** What the router needs of an upstream request (node:http's ClientRequest is one). */
export interface UpstreamRequest {
  on(ev: 'error', fn: (e: Error) => void): this;
  on(ev: 'response', fn: (res: UpstreamResponse) => void): this;
  on(ev: 'drain', fn: () => void): this;
  write(b: Buffer): boolean;
  addTrailers(t: [string, string][]): void;
  end(): void;
  destroy(): void;
  readonly writableEnded: boolean;
}

/** What the router needs of an upstream response (node:http's IncomingMessage is one). */
export interface UpstreamResponse {
  readonly statusCode?: number | undefined;
  /** [name, value, …] without pseudo-headers */
  readonly rawHeaders: string[];
  /** for content-length and transfer-encoding */
  readonly headers: { readonly [k: string]: string | string[] | undefined };
  readonly rawTrailers: string[];
  on(ev: 'data', fn: (b: Buffer) => void): this;
  on(ev: 'end' | 'aborted', fn: () => void): this;
  on(ev: 'error', fn: (e: Error) => void): this;
  pause(): this;
  resume(): this;
  destroy(): void;
}

/** an http2 headers object → [name, value, …] without pseudo-headers */
export function flatHeaders(h: IncomingHttpHeaders): string[] {
  const out: string[] = [];
  for (const k of Object.keys(h)) {
    if (k.charCodeAt(0) === 58 /* : */) continue;
    const v = h[k];
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) out.push(k, x);
    else out.push(k, String(v));
  }
  return out;
}

/**
 * The router's headers (node:http style: [name, value, …] with `host`) as an HTTP/2 request:
 * :method, :scheme, :authority (the host), :path, then the rest without connection-specific
 * headers. A gRPC request gets `te: trailers` (RFC 9113 allows it; gRPC servers may require it).
 */
export function h2RequestHeaders(method: string, path: string, raw: readonly string[], scheme: 'http' | 'https'): OutgoingHttpHeaders {
  let authority = '';
  for (let i = 0; i < raw.length; i += 2) if (raw[i] === 'host') authority = raw[i + 1]!;
  const h: OutgoingHttpHeaders = { ':method': method, ':scheme': scheme, ':authority': authority, ':path': path };
  h2Headers(raw, h);
  const ct = h['content-type'];
  if (typeof ct === 'string' && ct.startsWith('application/grpc')) h['te'] = 'trailers';
  return h;
}

/** One upstream request over a pooled HTTP/2 stream. */
export class H2Request extends EventEmitter implements UpstreamRequest {
  writableEnded = false;
  private stream: ClientHttp2Stream | undefined;
  private queued: Buffer[] | undefined;
  private trailers: OutgoingHttpHeaders | undefined;
  private dead = false;
  private cancelWait: (() => void) | undefined;
  private response: H2Response | undefined;
  private failed = false;
  private closed = false;

  constructor(
    private readonly pool: H2Pool,
    private readonly ep: SocketAddress,
    private readonly headers: OutgoingHttpHeaders,
    private conn: H2Conn | undefined,
    /** the request got its stream slot after waiting */
    private readonly onSlot: () => void,
    /** the exchange with the upstream is over (breaker bookkeeping) */
    private readonly onClose: () => void,
  ) {
    super();
    if (conn) queueMicrotask(() => this.start());
    else this.cancelWait = pool.wait(ep, () => this.retake());
  }

  private retake(): void {
    this.cancelWait = undefined;
    if (this.dead) return;
    let c: H2Conn | undefined;
    try {
      c = this.pool.reserve(this.ep);
    } catch (e) {
      return this.fail(e as Error);
    }
    if (!c) {
      this.cancelWait = this.pool.wait(this.ep, () => this.retake());
      return;
    }
    this.conn = c;
    this.onSlot();
    this.start();
  }

  private start(): void {
    const c = this.conn!;
    if (this.dead) {
      this.pool.release(c);
      return;
    }
    const queued = this.queued;
    this.queued = undefined;
    // all known already: a bodiless request is one HEADERS frame; otherwise trailers may follow
    const endStream = this.writableEnded && !queued && !this.trailers;
    const waitForTrailers = !this.writableEnded || this.trailers !== undefined;
    let s: ClientHttp2Stream;
    try {
      s = this.pool.request(c, this.headers, { endStream, waitForTrailers });
    } catch (e) {
      return this.fail(e as Error);
    }
    this.stream = s;
    s.on('wantTrailers', () => s.sendTrailers(this.trailers ?? {}));
    s.on('response', (h, flags) => {
      if (this.dead) return;
      this.response = new H2Response(s, h, (flags & constants.NGHTTP2_FLAG_END_STREAM) !== 0);
      this.emit('response', this.response);
    });
    s.on('drain', () => this.emit('drain'));
    s.on('error', (e: Error) => {
      if (this.response) this.response.abort();
      else this.fail(streamError(e, c));
    });
    s.on('close', () => {
      if (this.response) this.response.abort();
      else if (s.rstCode !== constants.NGHTTP2_NO_ERROR) this.fail(Object.assign(new Error(`upstream reset the stream (code ${s.rstCode})`), { code: 'ECONNRESET' }));
      else this.fail(Object.assign(new Error('upstream closed the stream without a response'), { code: 'ECONNRESET' }));
      this.finish();
    });
    if (queued) {
      for (const b of queued) s.write(b);
      // the writes that waited here returned false: let the client's request flow again
      this.emit('drain');
    }
    if (this.writableEnded && !endStream) s.end();
  }

  private fail(e: Error): void {
    if (this.failed || this.dead) return;
    this.failed = true;
    this.emit('error', e);
    if (!this.stream) this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }

  write(b: Buffer): boolean {
    if (this.dead || this.writableEnded) return true;
    const s = this.stream;
    if (s) return s.write(b);
    (this.queued ??= []).push(b);
    // until the stream exists the body waits here: hold the client back ('drain' follows)
    return false;
  }

  addTrailers(t: [string, string][]): void {
    const flat: string[] = [];
    for (const [k, v] of t) flat.push(k, v);
    this.trailers = h2Headers(flat);
  }

  end(): void {
    if (this.writableEnded) return;
    this.writableEnded = true;
    this.stream?.end();
  }

  destroy(): void {
    if (this.dead) return;
    this.dead = true;
    this.cancelWait?.();
    this.cancelWait = undefined;
    const s = this.stream;
    if (s && !s.closed) s.close(constants.NGHTTP2_CANCEL);
    // not started (waiting, or a microtask away): start() gives the slot back
    if (!s) this.finish();
  }
}

/** The response on an upstream HTTP/2 stream, as the router reads node:http's IncomingMessage. */
export class H2Response extends EventEmitter implements UpstreamResponse {
  readonly statusCode: number;
  readonly rawHeaders: string[];
  readonly headers: { readonly [k: string]: string | string[] | undefined };
  rawTrailers: string[] = [];
  private ended = false;
  private aborted = false;

  constructor(
    private readonly stream: ClientHttp2Stream,
    h: IncomingHttpHeaders,
    endStream: boolean,
  ) {
    super();
    this.statusCode = Number(h[':status']);
    this.rawHeaders = flatHeaders(h);
    const cl = h['content-length'];
    // a HEADERS frame that ends the stream (gRPC's trailers-only) has no body: the router reads
    // that from the content-length it looks up here
    this.headers = { 'content-length': endStream ? '0' : cl };
    stream.on('trailers', (t) => (this.rawTrailers = flatHeaders(t)));
    stream.on('data', (b: Buffer) => this.emit('data', b));
    stream.on('end', () => {
      this.ended = true;
      this.emit('end');
    });
  }

  /** the stream closed or failed before its end */
  abort(): void {
    if (this.ended || this.aborted) return;
    this.aborted = true;
    this.emit('aborted');
  }

  pause(): this {
    this.stream.pause();
    return this;
  }

  resume(): this {
    this.stream.resume();
    return this;
  }

  destroy(): void {
    if (!this.stream.closed) this.stream.close(constants.NGHTTP2_CANCEL);
  }
}
