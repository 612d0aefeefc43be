/**
 * A cluster's circuit breakers (thresholds for priority DEFAULT), counted the way Envoy's HTTP/1
 * connection pool counts them:
 *
 * - max_requests: requests outstanding to the cluster (sent or waiting for a connection);
 * - max_connections: upstream connections (the pool's node:http Agent gets maxTotalSockets); a
 *   request that finds every connection busy at the limit counts upstream_cx_overflow and waits;
 * - max_pending_requests: requests waiting for a connection;
 * - max_retries: requests in a retry at once.
 *
 * HTTP/2 clusters count the same way with streams for requests: a request waits (pending) only
 * when every session is at max_concurrent_streams and max_connections sessions are open
 * (`admitStream`).
 *
 * A request over max_requests or max_pending_requests is not sent: the router answers 503
 * (response flag UO, `x-envoy-overloaded: true`) and upstream_rq_pending_overflow counts it, as
 * Envoy does. A retry over max_retries is not made (upstream_rq_retry_overflow): the attempt's
 * result is passed on.
 */
import type { BreakerThresholds } from './config.js';
import type { Metrics, ProxyCounter } from './metrics.js';

export class CircuitBreaker {
  /** requests admitted and not finished */
  active = 0;
  /** admitted requests without a connection yet */
  pending = 0;
  /** requests in a retry */
  retries = 0;
  readonly stats: {
    readonly rqPendingOverflow: ProxyCounter;
    readonly cxOverflow: ProxyCounter;
    readonly rqRetryOverflow: ProxyCounter;
    readonly rqActive: ProxyCounter;
    readonly rqPendingActive: ProxyCounter;
  };

  constructor(
    readonly limits: BreakerThresholds,
    metrics: Metrics,
    cluster: string,
  ) {
    const l = { envoy_cluster_name: cluster };
    this.stats = {
      rqPendingOverflow: metrics.counter('envoy_cluster_upstream_rq_pending_overflow', l, 'requests refused by the max_requests or max_pending_requests circuit breaker'),
      cxOverflow: metrics.counter('envoy_cluster_upstream_cx_overflow', l, 'times the max_connections circuit breaker held a request back'),
      rqRetryOverflow: metrics.counter('envoy_cluster_upstream_rq_retry_overflow', l, 'retries not made because of the max_retries circuit breaker'),
      rqActive: metrics.counter('envoy_cluster_upstream_rq_active', l, 'requests outstanding', 'gauge'),
      rqPendingActive: metrics.counter('envoy_cluster_upstream_rq_pending_active', l, 'requests waiting for a connection', 'gauge'),
    };
  }

  /**
   * Admit a request: 'sent' (a connection is free or can be opened), 'pending' (it waits for a
   * connection), or undefined: overflow, not sent.
   */
  admit(): 'sent' | 'pending' | undefined {
    return this.admitStream(this.active - this.pending >= this.limits.maxConnections);
  }

  /**
   * Admit a request on an HTTP/2 cluster: `wait` when no session has a free stream slot and no
   * more may be opened (it is pending until a slot frees up).
   */
  admitStream(wait: boolean): 'sent' | 'pending' | undefined {
    const l = this.limits;
    if (this.active >= l.maxRequests) {
      this.stats.rqPendingOverflow.inc();
      return undefined;
    }
    let how: 'sent' | 'pending' = 'sent';
    if (wait) {
      this.stats.cxOverflow.inc();
      if (this.pending >= l.maxPendingRequests) {
        this.stats.rqPendingOverflow.inc();
        return undefined;
      }
      how = 'pending';
      this.pending++;
      this.stats.rqPendingActive.value = this.pending;
    }
    this.active++;
    this.stats.rqActive.value = this.active;
    return how;
  }

  /** a pending request got its connection */
  connected(): void {
    this.pending--;
    this.stats.rqPendingActive.value = this.pending;
  }

  /** an admitted request finished (`pending`: before it got a connection) */
  finished(pending: boolean): void {
    if (pending) this.connected();
    this.active--;
    this.stats.rqActive.value = this.active;
  }

  /** Start a retry, or false when max_retries are in progress (counted). */
  retry(): boolean {
    if (this.retries >= this.limits.maxRetries) {
      this.stats.rqRetryOverflow.inc();
      return false;
    }
    this.retries++;
    return true;
  }

  retryDone(): void {
    this.retries--;
  }
}
