/**
 * Active HTTP health checking of a cluster's endpoints, as Envoy's HTTP health checker does it:
 * every `interval` (plus jitter) each endpoint gets `GET path` with the Host header `host` (default
 * the cluster's name) and `user-agent: Envoy/HC`; a response whose status is in
 * `expected_statuses` (default 200) before `timeout` passes, anything else (another status, a
 * connect failure, a reset, the timeout) fails. An endpoint turns unhealthy after
 * `unhealthy_threshold` failures in a row and healthy again after `healthy_threshold` passes in a
 * row; at start every endpoint is unhealthy until its first check, and a single pass is enough
 * then (Envoy's rule), which the proxy waits for before it serves (cluster warming). With
 * `codec_client_type: HTTP2` the checks go over HTTP/2 on the checker's own session pool (the
 * cluster's TLS and HTTP/2 settings; upstream-h2.ts), one stream per check.
 *
 * The load balancer then picks among healthy endpoints only — unless fewer than
 * `healthy_panic_threshold` percent are healthy: then it ignores health and picks among all
 * (Envoy's panic mode). With the threshold at 0 and no healthy endpoint, there is no host: the
 * router answers 503 "no healthy upstream" (response flag UH).
 */
import { Agent, request } from 'node:http';
import { constants } from 'node:http2';
import { H2Pool, streamError } from './upstream-h2.js';
import { LogLevel } from './abi.js';
import type { ClusterConfig, HealthCheckConfig, SocketAddress } from './config.js';
import type { ProxyLogger } from './log.js';
import type { Metrics, ProxyCounter } from './metrics.js';

interface EndpointState {
  readonly ep: SocketAddress;
  healthy: boolean;
  /** no check finished yet */
  first: boolean;
  passes: number;
  fails: number;
  timer: NodeJS.Timeout | undefined;
  /** the first check's result, for warming */
  settled: (() => void) | undefined;
}

export class HealthChecker {
  private readonly states: EndpointState[];
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  /** HTTP/2 checks: one session per endpoint, apart from the cluster's traffic (as Envoy's checker connects on its own) */
  private readonly h2: H2Pool | undefined;
  private stopped = false;
  private healthyCount = 0;
  /** the healthy part of the cluster's rotation, recomputed on every health change */
  private healthyRotation: readonly SocketAddress[] = [];
  private readonly stats: {
    readonly attempt: ProxyCounter;
    readonly success: ProxyCounter;
    readonly failure: ProxyCounter;
    readonly networkFailure: ProxyCounter;
    readonly healthyGauge: ProxyCounter;
    readonly membershipHealthy: ProxyCounter;
    readonly membershipTotal: ProxyCounter;
  };

  constructor(
    private readonly cluster: ClusterConfig,
    private readonly hc: HealthCheckConfig,
    /** the cluster's weighted rotation (endpoints repeated by weight) */
    private readonly rotation: readonly SocketAddress[],
    metrics: Metrics,
    private readonly logger: ProxyLogger,
  ) {
    this.h2 = hc.codec === 'HTTP2' ? new H2Pool(cluster, cluster.endpoints.length) : undefined;
    this.states = cluster.endpoints.map((ep) => ({ ep, healthy: false, first: true, passes: 0, fails: 0, timer: undefined, settled: undefined }));
    const l = { envoy_cluster_name: cluster.name };
    this.stats = {
      attempt: metrics.counter('envoy_cluster_health_check_attempt', l, 'health checks sent'),
      success: metrics.counter('envoy_cluster_health_check_success', l, 'health checks passed'),
      failure: metrics.counter('envoy_cluster_health_check_failure', l, 'health checks failed (any reason)'),
      networkFailure: metrics.counter('envoy_cluster_health_check_network_failure', l, 'health checks failed by a connection failure, reset or timeout'),
      healthyGauge: metrics.counter('envoy_cluster_health_check_healthy', l, 'endpoints the health checker finds healthy', 'gauge'),
      membershipHealthy: metrics.counter('envoy_cluster_membership_healthy', l, 'healthy endpoints', 'gauge'),
      membershipTotal: metrics.counter('envoy_cluster_membership_total', l, 'endpoints', 'gauge'),
    };
    this.stats.membershipTotal.value = this.states.length;
    this.update();
  }

  /** Start checking; resolves when every endpoint's first check finished (cluster warming). */
  start(): Promise<void> {
    return Promise.all(
      this.states.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.settled = resolve;
            s.timer = setTimeout(() => this.check(s), Math.floor(Math.random() * this.hc.initialJitterMs));
          }),
      ),
    ).then(() => undefined);
  }

  /** The endpoints to balance over: the healthy ones, or all of them in panic mode; empty: none healthy. */
  usable(): readonly SocketAddress[] {
    const n = this.states.length;
    const healthy = this.healthyCount;
    if (healthy === n) return this.rotation;
    if (this.cluster.panicThreshold > 0 && (healthy * 100) / n < this.cluster.panicThreshold) return this.panic();
    return this.healthyRotation;
  }

  /** set by the cluster: counts panic picks */
  onPanic: (() => void) | undefined;

  private panic(): readonly SocketAddress[] {
    this.onPanic?.();
    return this.rotation;
  }

  /** whether an endpoint is healthy (tests, admin) */
  isHealthy(ep: SocketAddress): boolean {
    return this.states.find((s) => s.ep === ep)?.healthy ?? false;
  }

  private check(s: EndpointState): void {
    s.timer = undefined;
    if (this.stopped) return;
    this.stats.attempt.inc();
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (ok: boolean, network: boolean, why: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this.result(s, ok, network, why);
    };
    if (this.h2) return this.checkH2(s, finish);
    const req = request({
      agent: this.agent,
      host: s.ep.address,
      port: s.ep.port,
      family: this.cluster.family,
      method: 'GET',
      path: this.hc.path,
      headers: { host: this.hc.host ?? this.cluster.name, 'user-agent': 'Envoy/HC' },
      setHost: false,
    });
    timer = setTimeout(() => {
      req.destroy();
      finish(false, true, `timeout after ${this.hc.timeoutMs} ms`);
    }, this.hc.timeoutMs);
    req.on('error', (e) => finish(false, true, (e as NodeJS.ErrnoException).code ?? e.message));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      // the body is read and dropped so the connection can be reused
      res.resume();
      res.on('error', () => finish(false, true, 'reset'));
      res.on('end', () => finish(this.hc.expectedStatuses.some(([a, b]) => status >= a && status < b), false, `status ${status}`));
    });
    req.end();
  }

  private checkH2(s: EndpointState, finish: (ok: boolean, network: boolean, why: string) => void): void {
    const pool = this.h2!;
    let conn;
    let stream;
    try {
      conn = pool.reserve(s.ep, true)!;
      const authority = this.hc.host ?? this.cluster.name;
      stream = pool.request(conn, { ':method': 'GET', ':path': this.hc.path, ':authority': authority, ':scheme': this.cluster.tls ? 'https' : 'http', 'user-agent': 'Envoy/HC' }, { endStream: true });
    } catch (e) {
      setImmediate(() => finish(false, true, (e as Error).message));
      return;
    }
    const c = conn;
    const st = stream;
    const timer = setTimeout(() => {
      if (!st.closed) st.close(constants.NGHTTP2_CANCEL);
      finish(false, true, `timeout after ${this.hc.timeoutMs} ms`);
    }, this.hc.timeoutMs);
    const done = (ok: boolean, network: boolean, why: string) => {
      clearTimeout(timer);
      finish(ok, network, why);
    };
    let status = 0;
    st.on('response', (h) => (status = Number(h[':status'])));
    st.resume();
    st.on('end', () => done(this.hc.expectedStatuses.some(([a, b]) => status >= a && status < b), false, `status ${status}`));
    st.on('error', (e: Error) => done(false, true, streamError(e, c).message));
    st.on('close', () => done(false, true, status ? 'reset' : `reset before a response (code ${st.rstCode})`));
  }

  private result(s: EndpointState, ok: boolean, network: boolean, why: string): void {
    if (this.stopped) return;
    const was = s.healthy;
    if (ok) {
      this.stats.success.inc();
      s.fails = 0;
      s.passes++;
      // at start one pass is enough (Envoy)
      if (!s.healthy && (s.first || s.passes >= this.hc.healthyThreshold)) s.healthy = true;
    } else {
      this.stats.failure.inc();
      if (network) this.stats.networkFailure.inc();
      s.passes = 0;
      s.fails++;
      if (s.healthy && s.fails >= this.hc.unhealthyThreshold) s.healthy = false;
    }
    s.first = false;
    if (was !== s.healthy) {
      this.logger.log(LogLevel.Info, 'health', `${this.cluster.name} ${s.ep.address}:${s.ep.port} is now ${s.healthy ? 'healthy' : `unhealthy (${why})`}`);
      this.update();
    }
    const settled = s.settled;
    s.settled = undefined;
    settled?.();
    if (this.stopped) return;
    const jitter = this.hc.intervalJitterMs ? Math.floor(Math.random() * this.hc.intervalJitterMs) : 0;
    s.timer = setTimeout(() => this.check(s), this.hc.intervalMs + jitter);
  }

  /** write this checker's counts into the (shared, per cluster name) gauges */
  refreshStats(): void {
    this.stats.membershipTotal.value = this.states.length;
    this.update();
  }

  private update(): void {
    const healthy = new Set(this.states.filter((s) => s.healthy).map((s) => s.ep));
    this.healthyRotation = this.rotation.filter((ep) => healthy.has(ep));
    this.healthyCount = healthy.size;
    this.stats.membershipHealthy.value = healthy.size;
    this.stats.healthyGauge.value = healthy.size;
  }

  stop(): void {
    this.stopped = true;
    for (const s of this.states) {
      if (s.timer) clearTimeout(s.timer);
      s.timer = undefined;
      s.settled?.();
    }
    this.agent.destroy();
    this.h2?.destroy();
  }
}
