/**
 * TCP listeners: envoy.filters.network.tcp_proxy behind a chain of Wasm network filters
 * (network.ts). Each accepted connection gets a NetworkSession; once the new connection passed
 * every filter, tcp_proxy connects to an endpoint of its cluster (weighted_clusters: picked at
 * random by weight, as Envoy does) and copies bytes both ways through the chain. Half-closes pass
 * through (a FIN from either side reaches the filters as end_of_stream and is forwarded), so
 * request/response protocols that shut down their write side work. When one side closes, the
 * other is closed after its pending writes flush, as Envoy's FlushWrite close.
 *
 * Flow control: a side stops reading while the other side's socket buffer is full, or while the
 * filters hold more than per_connection_buffer_limit_bytes of its data paused (Envoy's read
 * disable at the high watermark), so a slow peer or a pausing filter never makes memory grow.
 * idle_timeout (default 1 h, 0s disables) closes both connections when no byte moved either way.
 *
 * Stats as Envoy names them (`tcp.<stat_prefix>.*`): envoy_tcp_downstream_cx_total,
 * envoy_tcp_downstream_cx_rx_bytes_total, envoy_tcp_downstream_cx_tx_bytes_total,
 * envoy_tcp_idle_timeout; wasmlet's envoy_tcp_downstream_cx_active gauge; and per cluster
 * envoy_cluster_upstream_cx_total and envoy_cluster_upstream_cx_connect_fail.
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { LogLevel } from './abi.js';
import type { Cluster } from './cluster.js';
import type { ListenerConfig, TcpProxyConfig } from './config.js';
import type { ProxyEnv } from './env.js';
import type { ProxyCounter } from './metrics.js';
import { NetworkSession, PeerType, type NetworkSink } from './network.js';
import type { Plugin } from './plugin.js';
import { newStreamInfo } from './properties.js';

const EMPTY = Buffer.alloc(0);
const DOWN = 0;
const UP = 1;

interface TcpStats {
  /** downstream connections (named rq to match the HTTP listener's shape in /stats/filters) */
  readonly rq: ProxyCounter;
  readonly active: ProxyCounter;
  readonly rxBytes: ProxyCounter;
  readonly txBytes: ProxyCounter;
  readonly idleTimeout: ProxyCounter;
}

let connectionIds = 1 << 30; // apart from the HTTP listeners' connection ids

/** One tcp_proxy listener with its network filter chain. */
export class TcpListener {
  readonly server: Server;
  readonly stats: TcpStats;
  readonly tcp: TcpProxyConfig;
  port = 0;
  readonly connections = new Set<TcpConnection>();
  private readonly upstreamCx = new Map<string, ProxyCounter>();

  constructor(
    readonly env: ProxyEnv,
    /** replaced by a reload (which keeps this listener's chain) */
    public clusters: ReadonlyMap<string, Cluster>,
    readonly config: ListenerConfig,
    readonly plugins: Plugin[],
  ) {
    this.tcp = config.tcp!;
    const l = { envoy_tcp_prefix: this.tcp.statPrefix };
    const m = env.metrics;
    this.stats = {
      rq: m.counter('envoy_tcp_downstream_cx_total', l, 'downstream connections per tcp_proxy'),
      active: m.counter('envoy_tcp_downstream_cx_active', l, 'downstream connections open per tcp_proxy', 'gauge'),
      rxBytes: m.counter('envoy_tcp_downstream_cx_rx_bytes_total', l, 'bytes received from downstream'),
      txBytes: m.counter('envoy_tcp_downstream_cx_tx_bytes_total', l, 'bytes sent to downstream'),
      idleTimeout: m.counter('envoy_tcp_idle_timeout', l, 'connections closed by idle_timeout'),
    };
    for (const c of this.tcp.clusters) this.upstreamCx.set(c.name, m.counter('envoy_cluster_upstream_cx_total', { envoy_cluster_name: c.name }, 'upstream connections per cluster'));
    this.server = createServer({ allowHalfOpen: true, noDelay: true }, (sock) => {
      const c = new TcpConnection(this, sock);
      this.connections.add(c);
      c.start();
    });
  }

  /** the cluster for a new connection: weighted at random (one cluster: that one) */
  pickCluster(): Cluster {
    const cs = this.tcp.clusters;
    let name = cs[0]!.name;
    if (cs.length > 1) {
      let r = Math.random() * this.tcp.totalWeight;
      for (const c of cs) {
        name = c.name;
        if ((r -= c.weight) < 0) break;
      }
    }
    return this.clusters.get(name)!;
  }

  countUpstream(cluster: string): void {
    this.upstreamCx.get(cluster)?.inc();
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve(this.port);
      });
    });
  }

  /** Stop accepting and close every connection (their filters see the close events). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const c of this.connections) c.close('listener_closed', true);
    });
  }
}

/** One proxied connection: downstream socket ↔ network filter chain ↔ upstream socket. */
class TcpConnection implements NetworkSink {
  private readonly session: NetworkSession;
  private up: Socket | undefined;
  private upConnected = false;
  /** the socket closed; and whether we closed it (Local) rather than its peer (Remote) */
  private readonly gone = [false, false];
  private readonly ours = [false, false];
  /** reading paused because the other side's socket buffer is full */
  private readonly blocked = [false, false];
  private readonly limit: number;
  private idleTimer: NodeJS.Timeout | undefined;
  private lastActive = Date.now();

  constructor(
    private readonly listener: TcpListener,
    private readonly down: Socket,
  ) {
    this.limit = listener.config.perConnectionBufferLimitBytes;
    this.session = new NetworkSession(
      listener.plugins,
      this,
      newStreamInfo({
        protocol: '',
        downstreamAddress: down.remoteAddress ?? '',
        downstreamPort: down.remotePort ?? 0,
        localAddress: down.localAddress ?? '',
        localPort: down.localPort ?? 0,
        connectionId: ++connectionIds,
        listenerName: listener.config.name,
      }),
    );
  }

  start(): void {
    const l = this.listener;
    l.stats.rq.inc();
    l.stats.active.inc();
    const down = this.down;
    down.on('data', (chunk: Buffer) => {
      this.lastActive = Date.now();
      l.stats.rxBytes.inc(chunk.length);
      this.session.downstreamData(chunk, false);
      this.flow();
    });
    down.on('end', () => {
      this.session.downstreamData(EMPTY, true);
      this.flow();
    });
    down.on('error', (e) => l.env.logger.log(LogLevel.Debug, 'tcp_proxy', `downstream connection error: ${e.message}`));
    down.on('close', () => this.closed(DOWN));
    const idle = l.tcp.idleTimeoutMs;
    if (idle > 0) this.idleTimer = setTimeout(() => this.idleCheck(), idle);
    this.session.start();
  }

  private idleCheck(): void {
    const idle = this.listener.tcp.idleTimeoutMs;
    const left = this.lastActive + idle - Date.now();
    if (left > 0) {
      this.idleTimer = setTimeout(() => this.idleCheck(), left);
      return;
    }
    this.idleTimer = undefined;
    this.listener.stats.idleTimeout.inc();
    this.listener.env.logger.log(LogLevel.Debug, 'tcp_proxy', `connection ${this.session.info.connectionId} idle for ${idle} ms: closing`);
    this.close('idle_timeout', true);
  }

  // ---- NetworkSink ------------------------------------------------------------------------------

  connectUpstream(): void {
    const l = this.listener;
    const cluster = l.pickCluster();
    const ep = cluster.pick();
    if (!ep) {
      // health checks left no endpoint to use: Envoy's tcp_proxy closes the downstream connection
      l.env.logger.log(LogLevel.Debug, 'tcp_proxy', `no healthy upstream in ${cluster.name}`);
      this.close('no_healthy_upstream', true);
      return;
    }
    const info = this.session.info;
    info.clusterName = cluster.name;
    info.upstreamAddress = ep.address;
    info.upstreamPort = ep.port;
    l.countUpstream(cluster.name);
    const up = (this.up = connect({ host: ep.address, port: ep.port, family: cluster.config.family || undefined, allowHalfOpen: true, noDelay: true }));
    const ct = cluster.config.connectTimeoutMs;
    const timer = ct > 0 ? setTimeout(() => up.destroy(Object.assign(new Error(`connect timeout after ${ct} ms`), { code: 'UPSTREAM_CONNECT_TIMEOUT' })), ct) : undefined;
    up.once('connect', () => {
      clearTimeout(timer);
      this.upConnected = true;
    });
    up.on('data', (chunk: Buffer) => {
      this.lastActive = Date.now();
      this.session.upstreamData(chunk, false);
      this.flow();
    });
    up.on('end', () => {
      this.session.upstreamData(EMPTY, true);
      this.flow();
    });
    up.on('error', (e) => {
      if (!this.upConnected) {
        cluster.stats.cxConnectFail.inc();
        l.env.logger.log(LogLevel.Debug, 'tcp_proxy', `upstream connect to ${cluster.name} (${ep.address}:${ep.port}) failed: ${e.message}`);
      }
    });
    up.on('close', () => {
      clearTimeout(timer);
      this.closed(UP);
    });
  }

  upstreamWrite(b: Buffer, eos: boolean): void {
    const up = this.up;
    if (!up || this.gone[UP]) return;
    if (b.length && !up.write(b)) this.block(DOWN, up);
    if (eos) up.end();
  }

  downstreamWrite(b: Buffer, eos: boolean): void {
    const down = this.down;
    if (this.gone[DOWN]) return;
    if (b.length) {
      this.listener.stats.txBytes.inc(b.length);
      if (!down.write(b)) this.block(UP, down);
    }
    if (eos) down.end();
  }

  released(): void {
    this.flow();
  }

  /** Close both connections: flush what was written first (Envoy's FlushWrite), or right away. */
  close(reason: string, now = false): void {
    this.listener.env.logger.log(LogLevel.Debug, 'tcp_proxy', `connection ${this.session.info.connectionId} closed: ${reason}`);
    this.session.closed = true;
    this.shut(DOWN, now);
    this.shut(UP, now);
  }

  // ---- sockets --------------------------------------------------------------------------------------

  private sock(d: number): Socket | undefined {
    return d === DOWN ? this.down : this.up;
  }

  /** close one side (ours: its close event reports PeerType.Local) */
  private shut(d: number, now: boolean): void {
    const s = this.sock(d);
    if (!s || this.gone[d] || s.destroyed) return;
    this.ours[d] = true;
    if (now || !this.upConnectedOr(d)) {
      s.destroy();
      return;
    }
    if (s.writableFinished) s.destroy();
    else {
      s.once('finish', () => s.destroy());
      s.end();
    }
  }

  /** the downstream is always connected; the upstream once its connect completed */
  private upConnectedOr(d: number): boolean {
    return d === DOWN || this.upConnected;
  }

  /** side d's socket closed: tell the filters, close the other side, end the session when both are gone */
  private closed(d: number): void {
    if (this.gone[d]) return;
    this.gone[d] = true;
    const peer = this.ours[d] ? PeerType.Local : PeerType.Remote;
    if (d === DOWN) this.session.downstreamClosed(peer);
    else if (this.upConnected) this.session.upstreamClosed(peer);
    this.shut(1 - d, false);
    if (this.gone[DOWN] && (this.gone[UP] || !this.up)) this.end();
  }

  private end(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.listener.stats.active.inc(-1);
    this.listener.connections.delete(this);
    this.session.finish();
  }

  /** stop reading side `src` until `dst` drains */
  private block(src: number, dst: Socket): void {
    if (this.blocked[src]) return;
    this.blocked[src] = true;
    this.flow();
    dst.once('drain', () => {
      this.blocked[src] = false;
      this.flow();
    });
  }

  /** pause or resume reading each side: the other side's buffer is full, or paused filters hold too much */
  private flow(): void {
    for (const d of [DOWN, UP]) {
      const s = this.sock(d);
      if (!s || this.gone[d]) continue;
      const stop = this.blocked[d]! || this.session.heldBytes(d as 0 | 1) > this.limit;
      if (stop && !s.isPaused()) s.pause();
      else if (!stop && s.isPaused()) s.resume();
    }
  }
}
