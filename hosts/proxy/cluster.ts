/**
 * Upstream clusters: a set of endpoints picked round-robin (or at random), one keep-alive
 * connection pool per cluster (node:http Agent for HTTP/1.1, the session pool of upstream-h2.ts
 * for a cluster with http2_protocol_options), connect timeouts, and the counters Envoy keeps per
 * cluster. Also the dispatcher behind proxy_http_call: a whole request out, a whole response
 * (headers, body, trailers) back, or null on failure or timeout.
 */
import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Status } from './abi.js';
import type { ClusterConfig, SocketAddress } from './config.js';
import type { HttpCallDispatcher } from './env.js';
import { fromRawHeaders, HeaderMap, toRawHeaders } from './headers.js';
import { CircuitBreaker } from './breaker.js';
import { HealthChecker } from './health.js';
import type { ProxyLogger } from './log.js';
import type { Metrics, ProxyCounter } from './metrics.js';
import { clientTlsOptions } from './tls.js';
import { H2Pool, H2Request, h2RequestHeaders, type UpstreamRequest, type UpstreamResponse } from './upstream-h2.js';
export type { UpstreamRequest, UpstreamResponse } from './upstream-h2.js';

/**
 * A failure to connect (Envoy's connection failure: the upstream answers 503 "connection
 * failure", retry_on connect-failure covers it): refused, unreachable, unresolvable, the connect
 * timeout, or a TLS handshake that failed (marked in Cluster.open).
 */
export function isConnectFailure(e: Error): boolean {
  const code = (e as { code?: string }).code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'UPSTREAM_CONNECT_TIMEOUT' ||
    code === 'EHOSTUNREACH' ||
    code === 'ENOTFOUND' ||
    (e as { tlsHandshake?: boolean }).tlsHandshake === true ||
    // an HTTP/2 stream whose session never connected (upstream-h2.ts streamError)
    (e as { connectFailure?: boolean }).connectFailure === true
  );
}

export class Cluster {
  readonly agent: Agent | HttpsAgent;
  private next = 0;
  /**
   * Endpoints in round-robin order, each as often as its load_balancing_weight, interleaved
   * (weights 2 and 1 give a, b, a rather than a, a, b).
   */
  private readonly rotation: readonly SocketAddress[];
  /** requests in flight per endpoint (LEAST_REQUEST) */
  private readonly active = new Map<SocketAddress, number>();
  readonly stats: {
    readonly rq: ProxyCounter;
    readonly rqTimeout: ProxyCounter;
    readonly cxConnectFail: ProxyCounter;
    readonly rq2xx: ProxyCounter;
    readonly rq4xx: ProxyCounter;
    readonly rq5xx: ProxyCounter;
    readonly rqRetry: ProxyCounter;
    readonly rqRetrySuccess: ProxyCounter;
    readonly rqRetryLimitExceeded: ProxyCounter;
    readonly rqPerTryTimeout: ProxyCounter;
    readonly lbHealthyPanic: ProxyCounter;
    readonly cxNoneHealthy: ProxyCounter;
  };
  readonly breaker: CircuitBreaker;
  /** active health checking (health_checks), when configured */
  readonly health: HealthChecker | undefined;
  private warming: Promise<void> | undefined;
  private h2pool: H2Pool | undefined;

  constructor(
    readonly config: ClusterConfig,
    metrics: Metrics,
    logger?: ProxyLogger,
  ) {
    // max_connections is the pool's socket limit; requests beyond it wait in the agent (pending)
    const pool = { keepAlive: true, keepAliveMsecs: 1000, scheduling: 'lifo' as const, timeout: 60_000, maxTotalSockets: config.breakers.maxConnections || 1 };
    this.agent = config.tls ? new HttpsAgent({ ...pool, ...clientTlsOptions(config.tls, ['http/1.1']) }) : new Agent(pool);
    this.breaker = new CircuitBreaker(config.breakers, metrics, config.name);
    const rotation: SocketAddress[] = [];
    const max = Math.max(...config.weights);
    for (let round = 0; round < max; round++) {
      config.endpoints.forEach((ep, i) => {
        if (config.weights[i]! > round) rotation.push(ep);
      });
    }
    this.rotation = rotation;
    const l = { envoy_cluster_name: config.name };
    this.stats = {
      rq: metrics.counter('envoy_cluster_upstream_rq_total', l, 'requests sent upstream per cluster'),
      rqTimeout: metrics.counter('envoy_cluster_upstream_rq_timeout', l, 'upstream requests that timed out'),
      cxConnectFail: metrics.counter('envoy_cluster_upstream_cx_connect_fail', l, 'upstream connection failures'),
      rq2xx: metrics.counter('envoy_cluster_upstream_rq_xx', { ...l, envoy_response_code_class: '2' }, 'upstream responses by class'),
      rq4xx: metrics.counter('envoy_cluster_upstream_rq_xx', { ...l, envoy_response_code_class: '4' }),
      rq5xx: metrics.counter('envoy_cluster_upstream_rq_xx', { ...l, envoy_response_code_class: '5' }),
      rqRetry: metrics.counter('envoy_cluster_upstream_rq_retry', l, 'retries sent upstream'),
      rqRetrySuccess: metrics.counter('envoy_cluster_upstream_rq_retry_success', l, 'retried requests whose response was not retriable'),
      rqRetryLimitExceeded: metrics.counter('envoy_cluster_upstream_rq_retry_limit_exceeded', l, 'requests still retriable when their retries ran out'),
      rqPerTryTimeout: metrics.counter('envoy_cluster_upstream_rq_per_try_timeout', l, 'attempts ended by per_try_timeout'),
      lbHealthyPanic: metrics.counter('envoy_cluster_lb_healthy_panic', l, 'endpoints picked in panic mode (too few healthy: health ignored)'),
      cxNoneHealthy: metrics.counter('envoy_cluster_upstream_cx_none_healthy', l, 'requests not sent: no healthy endpoint'),
    };
    if (config.healthCheck && logger) {
      this.health = new HealthChecker(config, config.healthCheck, rotation, metrics, logger);
      this.health.onPanic = () => this.stats.lbHealthyPanic.inc();
    }
  }

  /**
   * The cluster's HTTP/2 sessions: the router's and proxy_http_call's for an HTTP/2 cluster, and
   * gRPC calls' from filters whatever the cluster's protocol (gRPC is HTTP/2).
   */
  get h2(): H2Pool {
    return (this.h2pool ??= new H2Pool(this.config, this.config.breakers.maxConnections || 1));
  }

  /** close the HTTP/2 sessions (streams in flight finish) */
  closeH2(): void {
    this.h2pool?.close();
    this.h2pool = undefined;
  }

  /** Start health checking (once); resolves when every endpoint had its first check (Envoy's cluster warming). */
  warm(): Promise<void> {
    return (this.warming ??= this.health ? this.health.start() : Promise.resolve());
  }

  get name(): string {
    return this.config.name;
  }

  /**
   * The next endpoint to use: round-robin over the weighted rotation, a random one, or for
   * LEAST_REQUEST Envoy's default "power of two choices" — of two random picks, the one with
   * fewer requests in flight.
   */
  pick(): SocketAddress | undefined {
    // health checked: the healthy endpoints (all of them in panic mode); none: no host to use
    const eps = this.health ? this.health.usable() : this.rotation;
    if (eps.length <= 1) return eps[0];
    if (this.config.lbPolicy === 'RANDOM') return eps[Math.floor(Math.random() * eps.length)]!;
    if (this.config.lbPolicy === 'LEAST_REQUEST') {
      const a = eps[Math.floor(Math.random() * eps.length)]!;
      const b = eps[Math.floor(Math.random() * eps.length)]!;
      return (this.active.get(b) ?? 0) < (this.active.get(a) ?? 0) ? b : a;
    }
    const ep = eps[this.next % eps.length]!;
    this.next = (this.next + 1) % eps.length;
    return ep;
  }

  countResponse(status: number): void {
    if (status >= 500) this.stats.rq5xx.inc();
    else if (status >= 400) this.stats.rq4xx.inc();
    else if (status >= 200 && status < 300) this.stats.rq2xx.inc();
  }

  /**
   * Start a request to the next endpoint. Connect failures surface as an 'error' on the request;
   * the connect timeout destroys the socket with a ConnectTimeout error.
   */
  open(method: string, path: string, headers: string[], ep: SocketAddress): UpstreamRequest | undefined {
    if (this.config.http2) return this.openH2(method, path, headers, ep);
    const how = this.breaker.admit();
    // over a circuit breaker: not sent (the caller answers 503 UO)
    if (how === undefined) return undefined;
    this.stats.rq.inc();
    const tls = this.config.tls !== undefined;
    const req = (tls ? httpsRequest : request)({ agent: this.agent, host: ep.address, port: ep.port, family: this.config.family, method, path, headers, setHost: false });
    let pending = how === 'pending';
    if (pending) {
      req.once('socket', () => {
        pending = false;
        this.breaker.connected();
      });
    }
    req.once('close', () => this.breaker.finished(pending));
    if (this.config.lbPolicy === 'LEAST_REQUEST') {
      this.active.set(ep, (this.active.get(ep) ?? 0) + 1);
      req.once('close', () => this.active.set(ep, this.active.get(ep)! - 1));
    }
    const ct = this.config.connectTimeoutMs;
    req.on('socket', (sock) => {
      sock.setNoDelay(true);
      if (!sock.connecting) return;
      // the connect timeout covers the TLS handshake too, as Envoy's does
      const connected = tls ? 'secureConnect' : 'connect';
      if (ct > 0) {
        const t = setTimeout(() => {
          const e = new Error(`connect timeout after ${ct} ms`);
          (e as Error & { code: string }).code = 'UPSTREAM_CONNECT_TIMEOUT';
          req.destroy(e);
        }, ct);
        sock.once(connected, () => clearTimeout(t));
        sock.once('close', () => clearTimeout(t));
      }
      if (tls) {
        let secured = false;
        sock.once('secureConnect', () => (secured = true));
        // before the request sees it: an error during the handshake is a connect failure
        sock.prependOnceListener('error', (e: Error) => {
          if (!secured) (e as Error & { tlsHandshake: boolean }).tlsHandshake = true;
        });
      }
    });
    return req;
  }

  /**
   * An HTTP/2 request: a stream on a pooled session with a free slot, else (every session full
   * at max_connections) a pending request that waits for one, as Envoy's HTTP/2 pool does.
   */
  private openH2(method: string, path: string, headers: string[], ep: SocketAddress): UpstreamRequest | undefined {
    const pool = this.h2;
    const conn = pool.reserve(ep);
    const how = this.breaker.admitStream(conn === undefined);
    if (how === undefined) {
      if (conn) pool.release(conn);
      return undefined;
    }
    this.stats.rq.inc();
    let pending = how === 'pending';
    const least = this.config.lbPolicy === 'LEAST_REQUEST';
    if (least) this.active.set(ep, (this.active.get(ep) ?? 0) + 1);
    const h = h2RequestHeaders(method, path, headers, this.config.tls ? 'https' : 'http');
    return new H2Request(
      pool,
      ep,
      h,
      conn,
      () => {
        pending = false;
        this.breaker.connected();
      },
      () => {
        this.breaker.finished(pending);
        if (least) this.active.set(ep, this.active.get(ep)! - 1);
      },
    );
  }

  /** stop health checking (a reload replaced the cluster; its draining streams keep the last health seen) */
  stopHealth(): void {
    this.health?.stop();
  }

  /** the pool was closed (shutdown, or replaced by a reload) */
  closed = false;

  close(): void {
    this.closed = true;
    this.health?.stop();
    this.agent.destroy();
    this.closeH2();
  }
}

/** proxy_http_call over the configured clusters. */
export function clusterDispatcher(clusters: ReadonlyMap<string, Cluster>): HttpCallDispatcher {
  return (call, done) => {
    const cluster = clusters.get(call.cluster);
    if (!cluster) return Status.BadArgument;
    const h = call.headers;
    const authority = h.get(':authority')!;
    const headers = toRawHeaders(h, true);
    headers.push('host', authority);
    if (call.body.length) headers.push('content-length', String(call.body.length));
    let finished = false;
    const finish = (res: Parameters<typeof done>[0]) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      done(res);
    };
    const ep = cluster.pick();
    if (!ep) {
      // no healthy endpoint: the call fails, as Envoy's async client fails it
      cluster.stats.cxNoneHealthy.inc();
      setImmediate(() => done(null));
      return Status.Ok;
    }
    let req: UpstreamRequest | undefined;
    try {
      req = cluster.open(h.get(':method')!, h.get(':path')!, headers, ep);
    } catch {
      return Status.BadArgument;
    }
    if (!req) {
      // a circuit breaker overflowed: the call fails
      setImmediate(() => done(null));
      return Status.Ok;
    }
    const sent = req;
    const timeout = call.timeoutMs > 0 ? call.timeoutMs : 60_000;
    const timer = setTimeout(() => {
      cluster.stats.rqTimeout.inc();
      sent.destroy();
      finish(null);
    }, timeout);
    sent.on('error', (e) => {
      if (isConnectFailure(e)) cluster.stats.cxConnectFail.inc();
      finish(null);
    });
    sent.on('response', (res: UpstreamResponse) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', () => finish(null));
      res.on('aborted', () => finish(null));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        cluster.countResponse(status);
        const headers = fromRawHeaders(new HeaderMap([':status'], [String(status)]), res.rawHeaders);
        const trailers = fromRawHeaders(new HeaderMap(), res.rawTrailers);
        finish({ headers, body: Buffer.concat(chunks), trailers });
      });
    });
    if (call.body.length) sent.write(call.body);
    sent.end();
    return Status.Ok;
  };
}
