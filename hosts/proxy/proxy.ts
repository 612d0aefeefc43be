/**
 * The HTTP proxy: HTTP/1.1 and HTTP/2 listeners (downstream.ts, h2.ts) whose requests run
 * through the listener's Wasm filter chain (an HttpStream each), a router that picks a virtual
 * host by authority and a route by path once the request headers leave the chain, upstream
 * requests over keep-alive cluster pools, bodies streamed in both directions with back-pressure,
 * timeouts answered as Envoy answers them (504 on a route timeout, 503 on a connect failure, 404
 * without route), retries as a route's retry_policy asks (the body kept for replay only then),
 * and an admin listener with Prometheus metrics and a ready endpoint.
 *
 * The per-request path keeps allocations low: header maps are built straight from rawHeaders,
 * written back as flat arrays, and body chunks pass through untouched unless a filter buffers.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { LogLevel } from './abi.js';
import { AccessLogFile, type Formatter } from './access-log.js';
import { Cluster, clusterDispatcher, isConnectFailure, type UpstreamRequest, type UpstreamResponse } from './cluster.js';
import { ALPN_REFUSED } from './upstream-h2.js';
import { closeGrpcPool, clusterGrpc } from './grpc.js';
import {
  ConfigError,
  RETRY_4XX,
  RETRY_5XX,
  RETRY_CONNECT_FAILURE,
  RETRY_GATEWAY_ERROR,
  RETRY_RESET,
  RETRY_STATUS_CODES,
  retryOnBits,
  stringMatches,
  type HeaderMatch,
  type ListenerConfig,
  type ProxyConfig,
  type QueryMatch,
  type RetryPolicy,
  type RouteAction,
  type RouteConfigEntry,
  type VirtualHostConfig,
} from './config.js';
import { pairs as toPairs, type Downstream } from './downstream.js';
import { ListenerServer } from './listener-server.js';
import { ProxyEnv } from './env.js';
import { fromRawHeaders, HeaderMap, toRawHeaders } from './headers.js';
import { grpcTimeoutMs, isGrpcRequest } from './grpc-reply.js';
import type { ProxyLogger } from './log.js';
import type { ProxyCounter } from './metrics.js';
import { Plugin, PluginLoadError } from './plugin.js';
import {
  newStreamInfo,
  RF_DOWNSTREAM_CONNECTION_TERMINATION,
  RF_NO_HEALTHY_UPSTREAM,
  RF_NO_ROUTE_FOUND,
  RF_STREAM_IDLE_TIMEOUT,
  RF_UPSTREAM_CONNECTION_FAILURE,
  RF_UPSTREAM_CONNECTION_TERMINATION,
  RF_UPSTREAM_OVERFLOW,
  RF_UPSTREAM_REQUEST_TIMEOUT,
  RF_UPSTREAM_RETRY_LIMIT_EXCEEDED,
} from './properties.js';
import { listen, Reloader, type Chain, type ReloadHost, type ReloadResult, type ReloadSource } from './reload.js';
import { HttpStream, type StreamSink } from './stream.js';
import { TcpListener } from './tcp.js';
import { compileFilter, type FilterModule, type VmLimits } from './vm.js';

export interface ProxyOptions {
  readonly logger?: ProxyLogger;
  readonly logLevel?: LogLevel;
  /** defaults for every filter's limits (a filter's wasmlet_limits override them) */
  readonly limits?: VmLimits;
  /** listen on this host instead of each address in the config (tests: 127.0.0.1) */
  readonly hostOverride?: string;
  /** use port 0 (ephemeral) for every listener and the admin listener */
  readonly ephemeralPorts?: boolean;
  /** the file `config` was read from: what reload() reads again by default */
  readonly configFile?: string;
}

interface ListenerStats {
  readonly rq: ProxyCounter;
  readonly active: ProxyCounter;
  readonly xx: readonly ProxyCounter[];
  readonly idleTimeout: ProxyCounter;
}

/** One HTTP listener: its server, filter chain and routes. */
export class Listener implements Chain {
  readonly server: ListenerServer;
  readonly plugins: Plugin[];
  readonly stats: ListenerStats;
  /** the HCM's access logs; undefined when there are none (nothing is recorded for them then) */
  readonly logs: readonly { readonly file: AccessLogFile; readonly formatter: Formatter }[] | undefined;
  /** some filter is disabled by default or per route: the route is looked up before the chain runs */
  readonly filterSwitches: boolean;
  port = 0;
  /**
   * the clusters this chain routes to: the proxy's at build time; a reload gives new listeners
   * the new map while draining ones keep theirs (their routes name their config's clusters)
   */
  clusters: ReadonlyMap<string, Cluster>;
  /** exchanges of this chain still running (a reload releases the old chain's VMs at 0) */
  inflight = 0;
  /** set by a reload on the replaced chain: called once its last exchange ended */
  onDrained: (() => void) | undefined;

  constructor(
    readonly proxy: Proxy,
    readonly config: ListenerConfig,
    plugins: Plugin[],
    /** the bound server of the chain this one replaces (a reload keeps the socket) */
    server?: ListenerServer,
  ) {
    this.plugins = plugins;
    this.clusters = proxy.clusters;
    this.filterSwitches = config.filters.some((f) => f.disabled) || config.virtualHosts.some((vh) => vh.routes.some((r) => r.filterDisabled !== undefined));
    this.logs = config.accessLogs.length ? config.accessLogs.map((a) => ({ file: proxy.accessLogFile(a.path, a.configPath), formatter: a.formatter })) : undefined;
    const l = { envoy_http_conn_manager_prefix: config.statPrefix };
    const m = proxy.env.metrics;
    this.stats = {
      rq: m.counter('envoy_http_downstream_rq_total', l, 'downstream requests per listener'),
      active: m.counter('envoy_http_downstream_rq_active', l, 'requests in flight', 'gauge'),
      xx: [1, 2, 3, 4, 5].map((c) => m.counter('envoy_http_downstream_rq_xx', { ...l, envoy_response_code_class: String(c) }, 'downstream responses by class')),
      idleTimeout: m.counter('envoy_http_downstream_rq_idle_timeout', l, 'streams ended by stream_idle_timeout'),
    };
    this.server = server ?? new ListenerServer(config);
    this.serve();
  }

  /** Route the server's requests (new ones, on new and kept-alive connections, new HTTP/2 streams) to this chain. */
  serve(): void {
    this.server.handler = (ds) => new Exchange(this, ds).start();
    if (this.server.http1) this.server.http1.requestTimeout = this.config.requestTimeoutMs;
  }

  /** @internal an exchange of this chain ended */
  exchangeDone(): void {
    if (--this.inflight === 0 && this.onDrained) {
      const f = this.onDrained;
      this.onDrained = undefined;
      f();
    }
  }

  /** The virtual host for an authority: exact, then *.suffix (longest), then prefix.*, then "*". */
  virtualHost(authority: string): VirtualHostConfig | undefined {
    const host = authority.toLowerCase();
    const noPort = host.replace(/:\d+$/, '');
    let best: VirtualHostConfig | undefined;
    let bestScore = -1;
    for (const vh of this.config.virtualHosts) {
      for (const d of vh.domains) {
        let score = -1;
        if (d === host || d === noPort) score = 1e6;
        else if (d.startsWith('*') && d.length > 1 && (noPort.endsWith(d.slice(1)) || host.endsWith(d.slice(1)))) score = 1000 + d.length;
        else if (d.endsWith('*') && d.length > 1 && (noPort.startsWith(d.slice(0, -1)) || host.startsWith(d.slice(0, -1)))) score = 500 + d.length;
        else if (d === '*') score = 0;
        if (score > bestScore) {
          bestScore = score;
          best = vh;
        }
      }
    }
    return best;
  }

  route(h: HeaderMap): RouteConfigEntry | undefined {
    const vh = this.virtualHost(h.get(':authority') ?? '');
    if (!vh) return undefined;
    const full = h.get(':path') ?? '/';
    const q = full.indexOf('?');
    const path = q < 0 ? full : full.slice(0, q);
    let params: Map<string, string> | undefined;
    for (const r of vh.routes) {
      if (r.prefix !== undefined) {
        if (!(r.caseSensitive ? full.startsWith(r.prefix) : full.toLowerCase().startsWith(r.prefix.toLowerCase()))) continue;
      } else if (r.path !== undefined) {
        if (!(r.caseSensitive ? path === r.path : path.toLowerCase() === r.path.toLowerCase())) continue;
      } else if (!r.regex || !r.regex.test(path)) continue;
      if (!r.headers.every((m) => headerMatches(m, h))) continue;
      if (r.query.length) {
        params ??= queryParams(q < 0 ? '' : full.slice(q + 1));
        if (!r.query.every((m) => queryMatches(m, params!))) continue;
      }
      return r;
    }
    return undefined;
  }
}

const U64_MAX = (1n << 64n) - 1n;

/**
 * Envoy's default internal addresses (internal_address_config unset): loopback, RFC 1918 and
 * IPv6 unique local (fc00::/7), also as IPv4-mapped IPv6. Requests from anywhere else are edge
 * requests when use_remote_address is set.
 */
export function isInternalAddress(addr: string): boolean {
  const a = addr.startsWith('::ffff:') ? addr.slice(7) : addr;
  if (a.includes(':')) return a === '::1' || /^f[cd][0-9a-f]{0,2}:/i.test(a);
  const p = a.split('.').map(Number);
  if (p.length !== 4) return false;
  const [x, y] = p as [number, number];
  return x === 127 || x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168);
}

/**
 * The cluster for one request. weighted_clusters: header_name's value when it is a uint64 (as
 * Envoy parses it), else a random value, taken modulo the total, walks the weights in order.
 */
function pickCluster(a: Extract<RouteAction, { kind: 'route' }>, h: HeaderMap): string {
  const cs = a.clusters;
  if (cs.length === 1) return cs[0]!.name;
  const v = a.pickHeader === undefined ? undefined : h.get(a.pickHeader);
  const big = v !== undefined && /^\d{1,20}$/.test(v) ? BigInt(v) : undefined;
  let left = big !== undefined && big <= U64_MAX ? Number(big % BigInt(a.totalWeight)) : Math.floor(Math.random() * a.totalWeight);
  for (const c of cs) {
    if (left < c.weight) return c.name;
    left -= c.weight;
  }
  // unreachable: left < totalWeight, the sum of the weights
  return cs[cs.length - 1]!.name;
}

/** Envoy's HeaderUtility::matchHeaders: several values are joined with ","; invert_match flips the result. */
function headerMatches(m: HeaderMatch, h: HeaderMap): boolean {
  const values = h.getAll(m.name);
  if (values.length === 0 && !m.missingAsEmpty) {
    // an absent header matches only "present_match: false", or "present_match: true" inverted
    return m.test.kind === 'present' && m.test.present === m.invert;
  }
  const v = values.join(',');
  let ok: boolean;
  switch (m.test.kind) {
    case 'present':
      ok = m.test.present;
      break;
    case 'string':
      ok = stringMatches(m.test.match, v);
      break;
    case 'range':
      ok = /^-?\d+$/.test(v) && BigInt(v) >= m.test.start && BigInt(v) < m.test.end;
      break;
  }
  return ok !== m.invert;
}

/** The first value of each parameter, raw (Envoy matches query values undecoded). */
function queryParams(qs: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of qs.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    if (!out.has(k)) out.set(k, eq < 0 ? '' : part.slice(eq + 1));
  }
  return out;
}

function queryMatches(m: QueryMatch, params: Map<string, string>): boolean {
  const v = params.get(m.name);
  return v !== undefined && (m.match === undefined || stringMatches(m.match, v));
}

/**
 * The route timeout of one request. Envoy's max_grpc_timeout: when the route sets it, a gRPC
 * request's grpc-timeout (less grpc_timeout_offset) replaces the route timeout, absent meaning
 * none, and max_grpc_timeout caps it unless it is 0 (no cap); without it grpc-timeout is ignored.
 */
function routeTimeout(a: Extract<RouteAction, { kind: 'route' }>, h: HeaderMap): number {
  const max = a.maxGrpcTimeoutMs;
  if (max === undefined || !isGrpcRequest(h)) return a.timeoutMs;
  let t = grpcTimeoutMs(h.get('grpc-timeout')) ?? 0;
  // an offset larger than the deadline leaves the deadline as it is (Envoy does the same)
  if (t > a.grpcTimeoutOffsetMs) t -= a.grpcTimeoutOffsetMs;
  if (max > 0 && (t === 0 || t > max)) t = max;
  return t;
}

const NO_BODY_STATUS = (s: number) => s === 204 || s === 304 || (s >= 100 && s < 200);

/**
 * The route's retry policy as this request changes it: x-envoy-retry-on adds conditions,
 * x-envoy-max-retries replaces num_retries, x-envoy-retriable-status-codes adds codes (Envoy
 * reads them, then removes them before forwarding). undefined: nothing to retry on, so nothing
 * is buffered. A route without a policy looks for the first two headers only.
 */
function requestRetryPolicy(p: RetryPolicy | undefined, h: HeaderMap): RetryPolicy | undefined {
  const on = h.get('x-envoy-retry-on');
  const max = h.get('x-envoy-max-retries');
  if (on === undefined && max === undefined && p === undefined) return undefined;
  const codes = h.get('x-envoy-retriable-status-codes');
  if (on === undefined && max === undefined && codes === undefined) return p!.retryOn ? p : undefined;
  h.remove('x-envoy-retry-on');
  h.remove('x-envoy-max-retries');
  h.remove('x-envoy-retriable-status-codes');
  // unknown conditions in the header are ignored, as Envoy ignores them
  let bits = p?.retryOn ?? 0;
  if (on !== undefined) {
    for (const k of on.split(',')) {
      const b = retryOnBits(k);
      if (typeof b === 'number') bits |= b;
    }
  }
  if (!bits) return undefined;
  const n = max !== undefined && /^\d{1,9}$/.test(max.trim()) ? Number(max) : undefined;
  return {
    retryOn: bits,
    numRetries: n ?? p?.numRetries ?? 1,
    perTryTimeoutMs: p?.perTryTimeoutMs ?? 0,
    retriableStatusCodes: codes === undefined ? (p?.retriableStatusCodes ?? []) : [...(p?.retriableStatusCodes ?? []), ...codes.split(',').map(Number).filter((c) => Number.isInteger(c) && c > 0)],
    baseIntervalMs: p?.baseIntervalMs ?? 25,
    maxIntervalMs: p?.maxIntervalMs ?? 250,
  };
}

/** What a request with a retry policy keeps to send again (only such requests pay for it). */
class RetryState {
  /** retries left */
  left: number;
  /** attempts started, the first one included */
  attempts = 1;
  /** the request body so far; undefined once it outgrew the buffer limit (no more retries then) */
  body: Buffer[] | undefined = [];
  bytes = 0;
  trailers: HeaderMap | undefined;
  /** the downstream request ended */
  ended = false;
  /** the backoff timer between attempts, or the per-try timer during one */
  timer: NodeJS.Timeout | undefined;

  constructor(
    readonly policy: RetryPolicy,
    readonly method: string,
    readonly path: string,
    readonly headers: string[],
    /** index in `headers` of x-envoy-attempt-count's value, or -1 */
    readonly countAt: number,
  ) {
    this.left = policy.numRetries;
  }

  keep(b: Buffer, limit: number): void {
    if (!this.body) return;
    this.bytes += b.length;
    // Envoy: a body larger than the buffer limit cannot be replayed, so retries stop
    if (this.bytes > limit) this.body = undefined;
    else if (b.length) this.body.push(b);
  }

  /** whether the policy retries this outcome: a status, or a failure without a response */
  retries(outcome: number | 'connect' | 'reset'): boolean {
    const on = this.policy.retryOn;
    if (outcome === 'connect') return (on & (RETRY_5XX | RETRY_GATEWAY_ERROR | RETRY_RESET | RETRY_CONNECT_FAILURE)) !== 0;
    // a reset, a disconnect or a per-try timeout: no response at all
    if (outcome === 'reset') return (on & (RETRY_5XX | RETRY_GATEWAY_ERROR | RETRY_RESET)) !== 0;
    if (on & RETRY_5XX && outcome >= 500) return true;
    if (on & RETRY_GATEWAY_ERROR && (outcome === 502 || outcome === 503 || outcome === 504)) return true;
    if (on & RETRY_4XX && outcome === 409) return true;
    return (on & RETRY_STATUS_CODES) !== 0 && this.policy.retriableStatusCodes.includes(outcome);
  }

  /**
   * Envoy's fully jittered exponential backoff: retry N waits a random time in
   * [0, (2^N − 1) × base), the bound capped at max_interval.
   */
  backoffMs(): number {
    const n = this.attempts - 1;
    const bound = Math.min((2 ** n - 1) * this.policy.baseIntervalMs, this.policy.maxIntervalMs);
    return Math.floor(Math.random() * bound);
  }
}

/** One request/response exchange: downstream (node:http) ↔ filter chain ↔ upstream. */
class Exchange implements StreamSink {
  private readonly stream: HttpStream;
  private upstream: UpstreamRequest | undefined;
  private upstreamRes: UpstreamResponse | undefined;
  private cluster: Cluster | undefined;
  private routeTimer: NodeJS.Timeout | undefined;
  private routeTimeoutMs = 0;
  private upstreamDone = false;
  private aborted = false;
  /** only when the route has a retry policy */
  private retry: RetryState | undefined;
  private attemptCountInResponse = false;
  private reqLeft = -1;
  private resLeft = -1;
  private reqEosSent = false;
  private resEosSent = false;
  private isHead = false;
  /** the response content-length we announced (to check the body against it) */
  private announced = -1;
  private written = 0;
  private reqAnnounced = -1;
  private reqWritten = 0;
  /** stream_idle_timeout (or the route's idle_timeout), ms; 0: none */
  private idleMs = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  /** when the stream last saw activity (Date.now()): set per chunk, checked when the timer fires */
  private lastActive = 0;

  constructor(
    private readonly listener: Listener,
    private readonly ds: Downstream,
  ) {
    this.stream = new HttpStream(
      listener.plugins,
      this,
      newStreamInfo({
        protocol: ds.protocol,
        downstreamAddress: ds.remoteAddress,
        downstreamPort: ds.remotePort,
        localAddress: ds.localAddress,
        localPort: ds.localPort,
        connectionId: ds.connectionId,
        listenerName: listener.config.name,
        mtls: ds.mtls,
        requestedServerName: ds.serverName,
      }),
    );
  }

  start(): void {
    const { ds, stream, listener } = this;
    stream.bufferLimit = listener.config.perConnectionBufferLimitBytes;
    listener.stats.rq.inc();
    listener.stats.active.inc();
    listener.inflight++;
    const cfg = listener.config;
    this.setIdleTimeout(cfg.streamIdleTimeoutMs);
    const h = ds.requestHeaders();
    if (cfg.generateRequestId) {
      // Envoy: a request without one gets an id; an edge request (use_remote_address, from an
      // external address) gets a new one unless preserve_external_request_id
      const i = h.keys.indexOf('x-request-id');
      if (i < 0) h.add('x-request-id', randomUUID());
      else if (cfg.useRemoteAddress && !cfg.preserveExternalRequestId && !isInternalAddress(stream.info.downstreamAddress)) h.values[i] = randomUUID();
    }
    if (cfg.useRemoteAddress) {
      const xff = h.get('x-forwarded-for');
      h.set('x-forwarded-for', xff ? `${xff}, ${stream.info.downstreamAddress}` : stream.info.downstreamAddress);
    }
    if (!h.has('x-forwarded-proto')) h.add('x-forwarded-proto', ds.scheme);
    this.isHead = ds.method === 'HEAD';
    this.reqLeft = ds.contentLength;
    const hasBody = ds.hasBody;
    ds.onClose((complete) => {
      if (!complete && !stream.finished) {
        stream.info.responseFlags |= RF_DOWNSTREAM_CONNECTION_TERMINATION;
        stream.reset('downstream_remote_disconnect');
      }
      this.done();
    });
    if (listener.filterSwitches) this.switchFilters(h);
    if (listener.logs && !hasBody) this.reqEndAt = Date.now();
    stream.decodeHeaders(h, !hasBody);
    if (!hasBody) return;
    ds.onData((chunk: Buffer) => {
      this.lastActive = Date.now();
      let eos = false;
      if (this.reqLeft >= 0) {
        this.reqLeft -= chunk.length;
        eos = this.reqLeft <= 0;
      }
      if (eos) this.reqEosSent = true;
      stream.decodeData(chunk, eos);
    });
    // request_timeout: node:http applies it to HTTP/1.1; an HTTP/2 stream gets this timer (Envoy's 408)
    let reqTimer: NodeJS.Timeout | undefined;
    if (cfg.requestTimeoutMs > 0 && ds.protocol === 'HTTP/2') {
      reqTimer = setTimeout(() => {
        if (stream.finished) return;
        if (stream.responseStarted) stream.reset('request_overall_timeout');
        else stream.localReply(408, 'request timeout', 'request_overall_timeout');
      }, cfg.requestTimeoutMs);
      ds.onClose(() => clearTimeout(reqTimer));
    }
    ds.onEnd((t) => {
      if (reqTimer) clearTimeout(reqTimer);
      if (listener.logs) this.reqEndAt = Date.now();
      if (this.reqEosSent) return;
      this.reqEosSent = true;
      if (t.length) stream.decodeTrailers(fromRawHeaders(new HeaderMap(), t));
      else stream.decodeData(EMPTY, true);
    });
  }

  /**
   * Envoy decides which filters run from the route matched on the request headers as they
   * arrive, before any filter: http_filters[].disabled, overridden by the route's (virtual host's,
   * route config's) FilterConfig.disabled. A disabled filter never sees the stream.
   */
  private switchFilters(h: HeaderMap): void {
    const route = this.listener.route(h);
    const fcs = this.listener.config.filters;
    const fss = this.stream.filters;
    for (let i = 0; i < fss.length; i++) {
      const f = fcs[i]!;
      if (route?.filterDisabled?.get(f.filterName) ?? f.disabled) fss[i]!.bypass = true;
    }
  }

  /** this exchange holds one of the cluster's max_retries */
  private retryHeld = false;

  private done(): void {
    if (this.retryHeld) {
      this.retryHeld = false;
      this.cluster!.breaker.retryDone();
    }
    if (this.routeTimer) clearTimeout(this.routeTimer);
    this.routeTimer = undefined;
    if (this.retry?.timer) clearTimeout(this.retry.timer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (!this.counted) {
      this.counted = true;
      this.listener.stats.active.value--;
      const s = this.stream.info.responseCode || this.ds.statusCode;
      const c = Math.floor(s / 100);
      if (c >= 1 && c <= 5) this.listener.stats.xx[c - 1]!.inc();
      if (this.listener.logs) this.accessLog(this.listener.logs);
      this.listener.exchangeDone();
    }
  }

  /** One line per access log, when the downstream exchange is over (as Envoy logs at stream end). */
  private accessLog(logs: NonNullable<Listener['logs']>): void {
    const now = Date.now();
    const { info } = this.stream;
    const record = {
      info,
      request: this.stream.requestHeaders,
      response: this.stream.responseHeaders,
      trailers: this.stream.responseTrailers,
      responseCode: info.responseCode,
      bytesSent: this.written,
      durationMs: now - info.startTime,
      requestDurationMs: this.reqEndAt ? this.reqEndAt - info.startTime : undefined,
      responseDurationMs: this.resStartAt ? this.resStartAt - info.startTime : undefined,
      attempts: this.cluster ? (this.retry?.attempts ?? 1) : 0,
    };
    for (const l of logs) {
      try {
        l.file.append(l.formatter.format(record));
      } catch (e) {
        this.listener.proxy.env.logger.log(LogLevel.Error, 'proxy', `access log ${l.file.path}: ${(e as Error).message}`);
      }
    }
  }
  /** for access logs only: when the request ended and the upstream response began (ms) */
  private reqEndAt = 0;
  private resStartAt = 0;
  private counted = false;

  /**
   * Envoy's stream idle timeout: a stream with no activity (request or response bytes, response
   * headers, the client draining) for `ms` ends with 408 before the response started, else with a
   * reset. One timer per stream, rescheduled only when it fires (activity just records the time).
   */
  private setIdleTimeout(ms: number): void {
    this.idleMs = ms;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (ms <= 0) return;
    this.lastActive = Date.now();
    this.idleTimer = setTimeout(idleFired, ms, this);
  }

  /** @internal the idle timer fired */
  idleCheck(): void {
    this.idleTimer = undefined;
    if (this.stream.finished || this.idleMs <= 0) return;
    const left = this.lastActive + this.idleMs - Date.now();
    if (left > 0) {
      this.idleTimer = setTimeout(idleFired, left, this);
      return;
    }
    this.listener.stats.idleTimeout.inc();
    this.stream.info.responseFlags |= RF_STREAM_IDLE_TIMEOUT;
    this.listener.proxy.env.logger.log(LogLevel.Debug, 'proxy', `stream idle for ${this.idleMs} ms: ending it`);
    if (this.stream.responseStarted) this.stream.reset('stream_idle_timeout');
    else this.stream.localReply(408, 'stream timeout', 'stream_idle_timeout');
  }

  // ---- request side: router and upstream ------------------------------------------------------

  upstreamHeaders(h: HeaderMap, eos: boolean): void {
    const route = this.listener.route(h);
    const info = this.stream.info;
    if (!route) {
      info.responseCodeDetails = 'route_not_found';
      info.responseFlags |= RF_NO_ROUTE_FOUND;
      this.stream.localReply(404, '', 'route_not_found');
      return;
    }
    info.routeName = route.name;
    const a = route.action;
    if (a.kind === 'route' && a.idleTimeoutMs !== undefined) this.setIdleTimeout(a.idleTimeoutMs);
    if (a.kind === 'direct') {
      this.stream.localReply(a.status, a.body, 'direct_response');
      return;
    }
    const cluster = this.listener.clusters.get(pickCluster(a, h))!;
    this.cluster = cluster;
    info.clusterName = cluster.name;
    let path = h.get(':path') ?? '/';
    if (a.prefixRewrite !== undefined && route.prefix !== undefined) path = a.prefixRewrite + path.slice(route.prefix.length);
    const policy = requestRetryPolicy(a.retry, h);
    const headers = toRawHeaders(h);
    headers.push('host', a.hostRewrite ?? h.get(':authority') ?? '');
    const method = h.get(':method') ?? 'GET';
    if (eos && !h.has('content-length') && (method === 'POST' || method === 'PUT')) headers.push('content-length', '0');
    let countAt = -1;
    if (a.attemptCountInRequest) {
      headers.push('x-envoy-attempt-count', '1');
      countAt = headers.length - 1;
    }
    const cl = h.get('content-length');
    this.reqAnnounced = cl === undefined ? -1 : Number(cl);
    this.routeTimeoutMs = routeTimeout(a, h);
    this.attemptCountInResponse = a.attemptCountInResponse;
    if (policy) this.retry = new RetryState(policy, method, path, headers, countAt);
    if (!this.attempt(method, path, headers)) return;
    if (eos) this.endUpstream();
  }

  /**
   * Start an upstream request to the cluster's next endpoint (each retry picks again); undefined:
   * no healthy endpoint, answered 503 UH as Envoy answers it.
   */
  private attempt(method: string, path: string, headers: string[]): UpstreamRequest | undefined {
    const cluster = this.cluster!;
    const info = this.stream.info;
    const ep = cluster.pick();
    if (!ep) {
      cluster.stats.cxNoneHealthy.inc();
      this.upstream = undefined;
      this.upstreamDone = true;
      info.responseFlags |= RF_NO_HEALTHY_UPSTREAM;
      this.stream.localReply(503, 'no healthy upstream', 'no_healthy_upstream', this.replyHeaders());
      return undefined;
    }
    info.upstreamAddress = ep.address;
    info.upstreamPort = ep.port;
    const up = cluster.open(method, path, headers, ep);
    if (!up) {
      // a circuit breaker overflowed: Envoy's 503 UO, with x-envoy-overloaded
      this.upstream = undefined;
      this.upstreamDone = true;
      info.responseFlags |= RF_UPSTREAM_OVERFLOW;
      const h = this.replyHeaders() ?? new HeaderMap();
      h.add('x-envoy-overloaded', 'true');
      this.stream.localReply(503, 'upstream connect error or disconnect/reset before headers. reset reason: overflow', 'upstream_reset_before_response_started{overflow}', h);
      return undefined;
    }
    this.upstream = up;
    this.upstreamDone = false;
    // events of an attempt given up on (a retry replaced it) are ignored
    up.on('error', (e) => {
      if (up === this.upstream) this.upstreamError(e);
    });
    up.on('response', (ures) => {
      if (up === this.upstream) this.upstreamResponse(ures);
      else ures.destroy();
    });
    up.on('drain', () => {
      this.lastActive = Date.now();
      this.ds.resume();
    });
    return up;
  }

  /** The backoff is over: send the request again, with what arrived of it so far. */
  retryNow(): void {
    const r = this.retry!;
    r.timer = undefined;
    if (this.aborted || this.stream.finished || !r.body) return;
    if (r.countAt >= 0) r.headers[r.countAt] = String(r.attempts);
    const up = this.attempt(r.method, r.path, r.headers);
    if (!up) return;
    for (const b of r.body!) up.write(b);
    this.ds.resume();
    if (!r.ended) return;
    if (r.trailers) up.addTrailers(toPairs(toRawHeaders(r.trailers)));
    this.endAttempt(up);
  }

  /**
   * After a failed attempt: retry when the policy covers the outcome and retries are left (true:
   * a retry is scheduled). Never once the response started, nor when the body was not kept.
   */
  private retryAfter(outcome: number | 'connect' | 'reset'): boolean {
    const r = this.retry;
    if (!r || !r.body || this.aborted || this.stream.responseStarted || !r.retries(outcome)) return false;
    const cluster = this.cluster!;
    if (r.left === 0) {
      cluster.stats.rqRetryLimitExceeded.inc();
      this.stream.info.responseFlags |= RF_UPSTREAM_RETRY_LIMIT_EXCEEDED;
      return false;
    }
    // max_retries: retries in progress over the cluster (held until this exchange ends)
    if (!this.retryHeld) {
      if (!cluster.breaker.retry()) return false;
      this.retryHeld = true;
    }
    r.left--;
    r.attempts++;
    if (r.timer) clearTimeout(r.timer);
    // a response is drained (its connection goes back to the pool) once the request was all sent
    const up = this.upstream;
    if (up && (typeof outcome !== 'number' || !up.writableEnded)) up.destroy();
    this.upstream = undefined;
    this.upstreamRes = undefined;
    cluster.stats.rqRetry.inc();
    const ms = r.backoffMs();
    this.listener.proxy.env.logger.log(LogLevel.Debug, 'router', `retrying (${String(outcome)}) on ${cluster.name} in ${ms} ms, attempt ${r.attempts}`);
    r.timer = setTimeout(retryFired, ms, this);
    return true;
  }

  upstreamData(b: Buffer, eos: boolean): void {
    const up = this.upstream;
    const r = this.retry;
    if (r) {
      if (this.aborted) return;
      r.keep(b, this.listener.config.perConnectionBufferLimitBytes);
      if (!r.body && !up && r.attempts > 1) {
        // a retry is waiting and cannot replay the body: Envoy answers 507
        this.stream.localReply(507, 'exceeded request buffer limit while retrying upstream', 'request_payload_exceeded_retry_buffer_limit');
        return;
      }
    } else if (!up || this.aborted) return;
    this.reqWritten += b.length;
    if (this.reqAnnounced >= 0 && (this.reqWritten > this.reqAnnounced || (eos && this.reqWritten !== this.reqAnnounced))) {
      // a filter changed the body without removing content-length: never send a broken message
      this.listener.proxy.env.logger.log(LogLevel.Error, 'proxy', `request body (${this.reqWritten} bytes) does not match its content-length (${this.reqAnnounced}); resetting (a filter should remove content-length when it changes the body)`);
      this.stream.reset('request_content_length_mismatch');
      return;
    }
    // between attempts there is no upstream request: the body waits in the retry buffer
    if (up && b.length && !up.write(b)) this.ds.pause();
    if (eos) this.endUpstream();
  }

  upstreamTrailers(t: HeaderMap): void {
    const up = this.upstream;
    if (this.aborted || (!up && !this.retry)) return;
    if (this.retry) this.retry.trailers = t;
    up?.addTrailers(toPairs(toRawHeaders(t)));
    this.endUpstream();
  }

  private endUpstream(): void {
    if (this.retry) this.retry.ended = true;
    if (this.upstream) this.endAttempt(this.upstream);
    // Envoy's route timeout runs from the end of the request to the end of the response, over all attempts
    if (this.routeTimeoutMs > 0 && !this.routeTimer) this.routeTimer = setTimeout(() => this.timeout(), this.routeTimeoutMs);
  }

  /** the request is all sent on this attempt: its per_try_timeout starts */
  private endAttempt(up: UpstreamRequest): void {
    up.end();
    const r = this.retry;
    if (r && r.policy.perTryTimeoutMs > 0) r.timer = setTimeout(perTryFired, r.policy.perTryTimeoutMs, this);
  }

  /** @internal this attempt's per_try_timeout fired */
  perTryTimeout(): void {
    const r = this.retry!;
    r.timer = undefined;
    if (this.aborted || this.upstreamDone) return;
    this.cluster!.stats.rqPerTryTimeout.inc();
    if (this.retryAfter('reset')) return;
    this.upstreamTimedOut(r.policy.perTryTimeoutMs);
  }

  abortUpstream(): void {
    this.aborted = true;
    if (this.routeTimer) clearTimeout(this.routeTimer);
    if (this.retry?.timer) clearTimeout(this.retry.timer);
    if (this.upstream && !this.upstreamDone) this.upstream.destroy();
    this.upstreamRes?.destroy();
  }

  private timeout(): void {
    this.routeTimer = undefined;
    if (this.aborted || this.upstreamDone) return;
    if (this.retry?.timer) clearTimeout(this.retry.timer);
    this.upstreamTimedOut(this.routeTimeoutMs);
  }

  private upstreamTimedOut(ms: number): void {
    this.cluster?.stats.rqTimeout.inc();
    this.stream.info.responseFlags |= RF_UPSTREAM_REQUEST_TIMEOUT;
    this.listener.proxy.env.logger.log(LogLevel.Debug, 'router', `upstream request timeout after ${ms} ms (${this.cluster?.name})`);
    if (this.stream.responseStarted) this.stream.reset('upstream_response_timeout');
    else this.stream.localReply(504, 'upstream request timeout', 'upstream_response_timeout', this.replyHeaders());
  }

  private upstreamError(e: Error): void {
    if (this.aborted || this.upstreamDone) return;
    const connect = isConnectFailure(e);
    if (connect) {
      this.cluster?.stats.cxConnectFail.inc();
      // a wrong protocol setup is the operator's to fix: said at warn, other causes at debug
      const alpn = (e as { code?: string }).code === ALPN_REFUSED;
      this.listener.proxy.env.logger.log(alpn ? LogLevel.Warn : LogLevel.Debug, 'router', `upstream connect failure (${this.cluster?.name}): ${e.message}`);
    }
    if (this.retry && this.retryAfter(connect ? 'connect' : 'reset')) return;
    this.upstreamDone = true;
    this.stream.info.responseFlags |= connect ? RF_UPSTREAM_CONNECTION_FAILURE : RF_UPSTREAM_CONNECTION_TERMINATION;
    if (this.stream.responseStarted) {
      this.stream.reset('upstream_reset_after_response_started');
      return;
    }
    const reason = connect ? 'connection failure' : 'remote reset';
    this.stream.localReply(503, `upstream connect error or disconnect/reset before headers. reset reason: ${reason}`, `upstream_reset_before_response_started{${reason.replace(' ', '_')}}`, this.replyHeaders());
  }

  /** headers of the router's own replies: x-envoy-attempt-count with include_attempt_count_in_response, as Envoy adds it */
  private replyHeaders(): HeaderMap | undefined {
    if (!this.attemptCountInResponse) return undefined;
    return new HeaderMap(['x-envoy-attempt-count'], [String(this.retry?.attempts ?? 1)]);
  }

  private upstreamResponse(ures: UpstreamResponse): void {
    if (this.aborted) {
      ures.destroy();
      return;
    }
    this.upstreamRes = ures;
    this.lastActive = Date.now();
    const status = ures.statusCode ?? 502;
    this.cluster?.countResponse(status);
    if (this.listener.logs) this.resStartAt = Date.now();
    const r = this.retry;
    if (r) {
      if (this.retryAfter(status)) {
        // drained rather than destroyed, so its connection goes back to the pool
        ures.resume();
        return;
      }
      if (r.attempts > 1 && !(this.stream.info.responseFlags & RF_UPSTREAM_RETRY_LIMIT_EXCEEDED)) this.cluster!.stats.rqRetrySuccess.inc();
    }
    const h = new HeaderMap([':status'], [String(status)]);
    fromRawHeaders(h, ures.rawHeaders);
    if (this.attemptCountInResponse) h.add('x-envoy-attempt-count', String(r?.attempts ?? 1));
    const cl = ures.headers['content-length'];
    const chunked = ures.headers['transfer-encoding'] !== undefined;
    if (!chunked && cl !== undefined) this.resLeft = Number(cl);
    const hasBody = !this.isHead && !NO_BODY_STATUS(status) && (chunked || this.resLeft !== 0);
    ures.on('error', () => this.upstreamResetMidway());
    ures.on('aborted', () => this.upstreamResetMidway());
    ures.on('end', () => {
      this.upstreamDone = true;
      if (this.routeTimer) clearTimeout(this.routeTimer);
      if (r?.timer) clearTimeout(r.timer);
      if (this.resEosSent || !hasBody) return;
      this.resEosSent = true;
      const t = ures.rawTrailers;
      if (t.length) this.stream.encodeTrailers(fromRawHeaders(new HeaderMap(), t));
      else this.stream.encodeData(EMPTY, true);
    });
    if (hasBody) {
      ures.on('data', (chunk: Buffer) => {
        this.lastActive = Date.now();
        let eos = false;
        if (this.resLeft >= 0) {
          this.resLeft -= chunk.length;
          eos = this.resLeft <= 0;
        }
        if (eos) this.resEosSent = true;
        this.stream.encodeData(chunk, eos);
      });
    } else {
      ures.resume();
    }
    this.stream.encodeHeaders(h, !hasBody);
  }

  private upstreamResetMidway(): void {
    if (this.aborted || this.upstreamDone) return;
    this.upstreamDone = true;
    this.stream.info.responseFlags |= RF_UPSTREAM_CONNECTION_TERMINATION;
    this.stream.reset('upstream_reset_after_response_started');
  }

  // ---- response side: the client -------------------------------------------------------------------

  downstreamHeaders(h: HeaderMap, eos: boolean): void {
    const res = this.ds;
    if (res.headersSent || !res.writable) return;
    const status = Number(h.get(':status')) || 502;
    const raw = toRawHeaders(h);
    const cl = h.get('content-length');
    this.announced = cl === undefined ? -1 : Number(cl);
    const cfg = this.listener.config;
    if (cfg.serverName !== undefined) raw.push('server', cfg.serverName);
    if (cfg.alwaysSetRequestIdInResponse) {
      const id = this.stream.requestHeaders?.get('x-request-id');
      if (id !== undefined) {
        let i = 0;
        while (i < raw.length && raw[i] !== 'x-request-id') i += 2;
        if (i < raw.length) raw[i + 1] = id;
        else raw.push('x-request-id', id);
      }
    }
    // HTTP/1.1 frames a body-less keep-alive response by content-length: 0; HTTP/2 ends the stream
    // on the HEADERS frame instead, and a gRPC trailers-only reply carries no content-length (Envoy)
    if (eos && cl === undefined && !NO_BODY_STATUS(status) && !this.isHead && this.ds.protocol !== 'HTTP/2' && !isGrpcRequest(this.stream.requestHeaders)) raw.push('content-length', '0');
    res.writeHead(status, raw);
    if (eos) res.end();
  }

  downstreamData(b: Buffer, eos: boolean): void {
    const res = this.ds;
    if (!res.writable) return;
    if (b.length) {
      this.written += b.length;
      if (this.announced >= 0 && this.written > this.announced) {
        // a filter changed the body without removing content-length: never send a broken message
        this.listener.proxy.env.logger.log(LogLevel.Error, 'proxy', `response body exceeds its content-length (${this.announced}); resetting (a filter should remove content-length when it changes the body)`);
        this.stream.reset('response_content_length_mismatch');
        return;
      }
      if (!res.write(b) && this.upstreamRes) {
        const ures = this.upstreamRes;
        ures.pause();
        res.onceDrain(() => {
          this.lastActive = Date.now();
          ures.resume();
        });
      }
    }
    if (eos) {
      if (this.announced >= 0 && this.written !== this.announced) {
        this.listener.proxy.env.logger.log(LogLevel.Error, 'proxy', `response body (${this.written} bytes) does not match its content-length (${this.announced}); resetting`);
        this.stream.reset('response_content_length_mismatch');
        return;
      }
      res.end();
    }
  }

  downstreamTrailers(t: HeaderMap): void {
    const res = this.ds;
    if (!res.writable) return;
    // HTTP/1.1 carries trailers only on a chunked body (none announced a length)
    res.end(this.announced < 0 || this.ds.protocol === 'HTTP/2' ? toRawHeaders(t) : undefined);
  }

  reset(_reason: string): void {
    this.abortUpstream();
    this.ds.reset();
  }
}

const EMPTY = Buffer.alloc(0);

function idleFired(x: Exchange): void {
  x.idleCheck();
}

function retryFired(x: Exchange): void {
  x.retryNow();
}

function perTryFired(x: Exchange): void {
  x.perTryTimeout();
}

/** Proxy.filterStats(): what each filter did, listener by listener */
export interface FilterStatsSnapshot {
  readonly filters: readonly {
    readonly listener: string;
    readonly filter: string;
    readonly policy: string;
    /** the filter has a live VM */
    readonly active: boolean;
    readonly calls: number;
    readonly failures: number;
    readonly failedStreams: number;
    readonly reloads: number;
    readonly fuel: number;
    /** callback latency, µs, over the recent calls */
    readonly p50Us: number;
    readonly p99Us: number;
    readonly maxUs: number;
  }[];
  readonly listeners: readonly { readonly name: string; readonly port: number; readonly requests: number; readonly active: number }[];
  readonly events: readonly { readonly at: number; readonly filter: string; readonly text: string }[];
}

export class Proxy implements ReloadHost<Listener> {
  readonly env: ProxyEnv;
  /** the clusters new streams use (a reload replaces the map; see Listener.clusters) */
  clusters = new Map<string, Cluster>();
  readonly listeners: Listener[] = [];
  /** listeners whose filter chain ends in tcp_proxy (tcp.ts) */
  readonly tcpListeners: TcpListener[] = [];
  admin: Server | undefined;
  adminPort = 0;
  ready = false;
  /** @internal compiled filter modules by file name (or listener/filter for inline code), with their bytes' hash */
  modules = new Map<string, { readonly module: FilterModule; readonly hash: string }>();
  private readonly logFiles: AccessLogFile[] = [];
  /** @internal hot reload state (hosts/proxy/reload.ts) */
  readonly reloader: Reloader<Listener>;

  constructor(
    /** the running configuration (a successful reload replaces it) */
    public config: ProxyConfig,
    /** @internal */
    readonly opts: ProxyOptions = {},
  ) {
    this.env = new ProxyEnv({ logger: opts.logger, logLevel: opts.logLevel });
    for (const c of config.clusters) this.clusters.set(c.name, new Cluster(c, this.env.metrics, this.env.logger));
    this.env.httpCall = clusterDispatcher(this.clusters);
    this.env.grpc = clusterGrpc(this.clusters);
    this.reloader = new Reloader(this, opts.configFile);
  }

  /**
   * Replace the configuration: the config file again (`{ file }`, default the one the proxy was
   * started from), or YAML text. New streams use the new filter chains; streams in flight finish on
   * the old ones, whose VMs are released when their last stream ends; listener sockets stay bound.
   * A configuration or filter that does not load throws its typed error (ConfigError,
   * PluginLoadError) and the running configuration stays. See docs/proxy.md, "Hot reload".
   */
  reload(source?: ReloadSource): Promise<ReloadResult> {
    return this.reloader.reload(source);
  }

  /** @internal a filter module, compiled once per content (a reload recompiles a changed file only) */
  module(code: { filename: string } | { bytes: Uint8Array }, key: string, into: Map<string, { readonly module: FilterModule; readonly hash: string }> = this.modules): FilterModule {
    const k = 'filename' in code ? code.filename : key;
    const known = into.get(k);
    if (known) return known.module;
    let bytes: Uint8Array;
    try {
      bytes = 'filename' in code ? readFileSync(code.filename) : code.bytes;
    } catch (e) {
      throw new Error(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const hash = createHash('sha256').update(bytes).digest('hex');
    const old = this.modules.get(k);
    const module = old && old.hash === hash ? old.module : compileFilter(bytes);
    into.set(k, { module, hash });
    return module;
  }

  /**
   * @internal One listener's chain: every filter loaded (canary + start) — or none: a filter that
   * fails stops the ones already started and throws PluginLoadError naming the filter and its module.
   */
  buildListener(lc: ListenerConfig, modules = this.modules, server?: ListenerServer): Listener {
    const plugins = this.buildPlugins(lc, modules);
    return new Listener(this, lc, plugins, server);
  }

  /** Load and start a listener's filters (all or none: a failure stops the ones started). */
  private buildPlugins(lc: ListenerConfig, modules = this.modules): Plugin[] {
    const plugins: Plugin[] = [];
    try {
      for (const f of lc.filters) {
        let module: FilterModule;
        try {
          module = this.module(f.code, `${lc.name}/${f.name}`, modules);
        } catch (e) {
          throw new PluginLoadError(f.name, 'filename' in f.code ? `${f.code.filename}: ${(e as Error).message}` : (e as Error).message);
        }
        const p = new Plugin(this.env, {
          name: f.name,
          rootId: f.rootId,
          vmId: f.vmId,
          module,
          configuration: f.configuration,
          vmConfiguration: f.vmConfiguration,
          failurePolicy: f.failurePolicy,
          reloadBackoff: f.reloadBackoff,
          limits: { ...this.opts.limits, ...stripUndefined(f.limits) },
          envVars: f.envVars,
        });
        p.start();
        plugins.push(p);
        this.env.logger.log(LogLevel.Info, f.name, `loaded (ABI ${module.abi}, runtime ${f.runtime} → wasmlet, policy ${f.failurePolicy})`);
      }
      return plugins;
    } catch (e) {
      for (const p of plugins) p.stop();
      throw e;
    }
  }

  /**
   * @internal A chain is done (replaced by a reload and drained, or never committed): end its
   * filters' root contexts and close its access log files (a reload opened its own).
   */
  releaseListener(l: Listener): void {
    for (const p of l.plugins) p.stop();
    if (l.plugins.length) this.env.logger.log(LogLevel.Debug, 'proxy', `released a replaced chain of ${l.config.name || l.config.statPrefix}: ${l.plugins.map((p) => p.name).join(', ')}`);
    for (const { file } of l.logs ?? []) {
      const i = this.logFiles.indexOf(file);
      if (i >= 0) this.logFiles.splice(i, 1);
      void file.close();
    }
  }

  /** @internal the bind address of a listener (hostOverride and ephemeralPorts applied) */
  bindAddress(a: { address: string; port: number }): { host: string; port: number } {
    return { host: this.opts.hostOverride ?? a.address, port: this.opts.ephemeralPorts ? 0 : a.port };
  }

  /** Open an access log file for appending; failing to is a configuration error naming where it is configured. */
  accessLogFile(path: string, configPath: string): AccessLogFile {
    try {
      const f = new AccessLogFile(path, (m) => this.env.logger.log(LogLevel.Error, 'proxy', m));
      this.logFiles.push(f);
      return f;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      throw new ConfigError(`cannot open access log ${path}: ${typeof code === 'string' ? code : (e as Error).message}`, configPath);
    }
  }

  /** number of filters over all listeners */
  get filterCount(): number {
    return this.allListeners().reduce((n, l) => n + l.plugins.length, 0);
  }

  /**
   * Per-filter call statistics (calls, fuel, callback latency percentiles, failures, failure-policy
   * events) and per-listener request counts: the admin listener's `/stats/filters` and the
   * dashboard's proxy view.
   */
  filterStats(): FilterStatsSnapshot {
    const filters: FilterStatsSnapshot['filters'][number][] = [];
    const events: FilterStatsSnapshot['events'][number][] = [];
    for (const l of this.allListeners()) {
      const listener = l.config.name || l.config.statPrefix;
      for (const p of l.plugins) {
        const lat = p.stats.latency();
        filters.push({
          listener,
          filter: p.name,
          policy: p.policy,
          active: !!p.vm && !p.vm.failed,
          calls: p.stats.calls,
          failures: p.failures,
          failedStreams: p.stats.failedStreams,
          reloads: p.reloads,
          fuel: p.stats.fuel,
          p50Us: lat.p50,
          p99Us: lat.p99,
          maxUs: lat.max,
        });
        for (const e of p.stats.events) events.push({ at: e.at, filter: p.name, text: e.text });
      }
    }
    events.sort((a, b) => a.at - b.at);
    return {
      filters,
      listeners: this.allListeners().map((l) => ({ name: l.config.name || l.config.statPrefix, port: l.port, requests: l.stats.rq.value, active: l.stats.active.value })),
      events: events.slice(-100),
    };
  }

  /** @internal a reload's new clusters, for the tcp_proxy listeners it keeps */
  retarget(clusters: ReadonlyMap<string, Cluster>): void {
    for (const t of this.tcpListeners) t.clusters = clusters;
  }

  /** HTTP and TCP listeners, in no particular order between the two kinds */
  allListeners(): (Listener | TcpListener)[] {
    return [...this.listeners, ...this.tcpListeners];
  }

  /** Load every filter (canary + start) without listening (`wasmlet proxy --check`). */
  startFiltersOnly(): void {
    if (this.listeners.length || this.tcpListeners.length) return;
    for (const lc of this.config.listeners) {
      if (lc.tcp) this.tcpListeners.push(new TcpListener(this.env, this.clusters, lc, this.buildPlugins(lc)));
      else this.listeners.push(this.buildListener(lc));
    }
    this.reloader.loaded();
  }

  /** Load every filter (canary + start), then open the listeners and the admin listener. */
  async start(): Promise<void> {
    this.startFiltersOnly();
    // health-checked clusters warm first: every endpoint had its first check
    await Promise.all([...this.clusters.values()].map((c) => c.warm()));
    for (const l of this.listeners) {
      const b = this.bindAddress(l.config.address);
      l.port = await listen(l.server.server, b.port, b.host);
      this.env.logger.log(LogLevel.Info, 'proxy', `listener ${l.config.name || l.config.statPrefix} on ${b.host}:${l.port}`);
    }
    for (const l of this.tcpListeners) {
      const a = l.config.address;
      await l.listen(this.opts.ephemeralPorts ? 0 : a.port, this.opts.hostOverride ?? a.address);
      this.env.logger.log(LogLevel.Info, 'proxy', `tcp listener ${l.config.name || l.config.statPrefix} on ${this.opts.hostOverride ?? a.address}:${l.port}`);
    }
    const adm = this.config.admin;
    if (adm) {
      this.admin = createServer((req, res) => this.adminRequest(req, res));
      this.adminPort = await listen(this.admin, this.opts.ephemeralPorts ? 0 : adm.port, this.opts.hostOverride ?? adm.address);
      this.env.logger.log(LogLevel.Info, 'admin', `listening on ${this.opts.hostOverride ?? adm.address}:${this.adminPort}`);
    }
    this.ready = true;
  }

  private adminRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = (req.url ?? '/').split('?')[0];
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    switch (url) {
      case '/ready':
        return send(this.ready ? 200 : 503, this.ready ? 'LIVE\n' : 'PRE_INITIALIZING\n');
      case '/stats/prometheus':
      case '/metrics':
        return send(200, this.env.metrics.renderPrometheus(), 'text/plain; version=0.0.4; charset=utf-8');
      case '/stats/filters':
        return send(200, JSON.stringify(this.filterStats()), 'application/json');
      case '/server_info':
        return send(
          200,
          JSON.stringify({
            version: 'wasmlet/0.1.0',
            state: this.ready ? 'LIVE' : 'PRE_INITIALIZING',
            node: { id: this.config.nodeId, cluster: this.config.nodeCluster },
            listeners: this.allListeners().map((l) => ({ name: l.config.name, port: l.port, filters: l.plugins.map((p) => ({ name: p.name, abi: p.filter.abi, policy: p.policy, failed: !!p.vm?.failed })) })),
            clusters: [...this.clusters.keys()],
            config: this.reloader.info(),
          }),
          'application/json',
        );
      case '/':
        return send(200, 'wasmlet admin: /ready /stats/prometheus /metrics /stats/filters /server_info\n');
      default:
        return send(404, 'not found\n');
    }
  }

  /** Stop listening, end filters' root contexts and close upstream pools. */
  async stop(): Promise<void> {
    this.ready = false;
    const close = (s: { close(done: () => void): unknown; closeAllConnections(): void }) =>
      new Promise<void>((r) => {
        s.close(() => r());
        s.closeAllConnections();
      });
    this.reloader.close();
    await Promise.all([
      ...this.listeners.map((l) => close(l.server)),
      ...this.reloader.drainingServers().map(close),
      ...this.tcpListeners.map((l) => l.close()),
      ...(this.admin ? [close(this.admin)] : []),
    ]);
    for (const l of [...this.allListeners(), ...this.reloader.draining()]) for (const p of l.plugins) p.stop();
    for (const c of this.clusters.values()) {
      c.close();
      closeGrpcPool(c);
    }
    await Promise.all(this.logFiles.map((f) => f.close()));
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
