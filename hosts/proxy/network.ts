/**
 * One TCP connection through a chain of proxy-wasm network (L4) filters, run the way Envoy runs
 * envoy.filters.network.wasm ahead of tcp_proxy. Downstream data (client → upstream) flows
 * through the filters in order, upstream data (upstream → client) in reverse order, as Envoy runs
 * write filters. The lifecycle per filter: proxy_on_context_create → proxy_on_new_connection →
 * proxy_on_downstream_data / proxy_on_upstream_data (size, end_of_stream) →
 * proxy_on_downstream_connection_close / proxy_on_upstream_connection_close (peer type) →
 * proxy_on_done → proxy_on_log → proxy_on_delete.
 *
 * The rules:
 * - Contexts are created lazily, when the connection (or its first data) reaches a filter.
 * - proxy_on_new_connection returning Pause stops the new connection at that filter: later
 *   filters see it, and the upstream is connected, when the filter continues
 *   (proxy_continue_stream(Downstream)) or when data first passes it (Envoy's
 *   onContinueReading).
 * - A data callback returning Continue passes on what the filter holds (DownstreamData or
 *   UpstreamData, as it left it: read, replaced, prepended, appended with
 *   proxy_set_buffer_bytes); Pause (any value > 0, Envoy's StopIteration) holds it, and data
 *   arriving meanwhile is appended and shown again with the larger size. Each position has a
 *   buffer of its own, so a filter never sees bytes twice (Envoy re-runs earlier filters over
 *   its shared read buffer).
 * - continue_stream(Downstream | Upstream) and close_stream take effect after the callback
 *   returns (never re-entering the module); close_stream closes both connections.
 * - A failed VM applies the plugin's policy: fail closed closes this connection, fail open skips
 *   the filter (releasing what it holds). Other connections carry on.
 *
 * The session knows nothing about sockets: what leaves the chain goes to a NetworkSink
 * (tcp.ts's tcp_proxy).
 */
import { BufferType, MapType, Status, StreamType } from './abi.js';
import { BodyBuffer } from './body.js';
import { FAILED, type StreamContext, type StreamContextHost } from './context.js';
import type { HeaderMap } from './headers.js';
import type { Plugin } from './plugin.js';
import { streamProperty, type StreamInfo, type StreamView } from './properties.js';
import { finishStreamContext } from './stream.js';
import type { WasmVm } from './vm.js';

/** proxy-wasm PeerType: who closed a connection */
export const PeerType = { Unknown: 0, Local: 1, Remote: 2 } as const;
export type PeerType = (typeof PeerType)[keyof typeof PeerType];

/** Where what leaves the chain goes. */
export interface NetworkSink {
  /** the new connection passed every filter: connect upstream (writes before that are queued) */
  connectUpstream(): void;
  /** downstream data left the chain (eos: the client half-closed) */
  upstreamWrite(b: Buffer, eos: boolean): void;
  /** upstream data left the chain (eos: the upstream half-closed) */
  downstreamWrite(b: Buffer, eos: boolean): void;
  /** close both connections (close_stream, a filter failing closed) */
  close(reason: string): void;
  /** a paused filter let go of what it held outside a data callback (reading may resume) */
  released(): void;
}

const DOWN = 0;
const UP = 1;
type Dir = 0 | 1;
const CONTINUE = 0;

/** One filter's context in one connection. */
export class NetworkFilter implements StreamContextHost, StreamContext {
  readonly kind = 'stream' as const;
  contextId = 0;
  vm: WasmVm | undefined;
  created = false;
  /** skipped from now on: no context (fail open), or failed */
  bypass = false;
  deleted = false;
  waitingDone = false;
  /** continue_stream asked for: bit 1 << direction (Downstream 0, Upstream 1) */
  pendingContinue = 0;
  pendingClose = false;
  inLog = false;

  constructor(
    readonly session: NetworkSession,
    readonly plugin: Plugin,
    /** position in downstream order */
    readonly index: number,
  ) {}

  get id(): number {
    return this.contextId;
  }
  get host(): StreamContextHost {
    return this;
  }

  private pos(type: BufferType): [Dir, number] | undefined {
    if (type === BufferType.DownstreamData) return [DOWN, this.index];
    if (type === BufferType.UpstreamData) return [UP, this.session.n - 1 - this.index];
    return undefined;
  }

  // ---- StreamContextHost --------------------------------------------------------------------

  map(_type: MapType): HeaderMap | undefined {
    return undefined; // a TCP connection has no header maps
  }
  mapWritable(_type: MapType): boolean {
    return false;
  }
  body(type: BufferType): BodyBuffer | undefined {
    const at = this.pos(type);
    return at && this.session.bufs[at[0]][at[1]];
  }
  bodyEos(type: BufferType): boolean {
    const at = this.pos(type);
    return at !== undefined && this.session.eosAt[at[0]][at[1]] === 1;
  }
  bodyWritable(_type: BufferType): boolean {
    return !this.inLog;
  }
  continueStream(type: StreamType): Status {
    // Request/Response belong to HTTP streams
    if (type !== StreamType.Downstream && type !== StreamType.Upstream) return Status.BadArgument;
    this.pendingContinue |= 1 << (type === StreamType.Downstream ? DOWN : UP);
    return Status.Ok;
  }
  closeStream(type: StreamType): Status {
    if (type > StreamType.Upstream) return Status.BadArgument;
    this.pendingClose = true;
    return Status.Ok;
  }
  sendLocalResponse(): Status {
    return Status.BadArgument; // no HTTP response on a TCP connection
  }
  clearRouteCache(): void {
    /* no routes */
  }
  property(path: readonly string[]): Uint8Array | undefined {
    return streamProperty(path, this.session);
  }
  setProperty(path: string, value: Uint8Array): Status {
    (this.session.info.filterState ??= new Map()).set(path, value);
    return Status.Ok;
  }
  done(): Status {
    if (!this.waitingDone) return Status.NotFound;
    this.waitingDone = false;
    this.plugin.env.scheduler.defer(() => this.session.finishFilter(this));
    return Status.Ok;
  }
  applyPending(): void {
    this.session.applyPending(this);
  }
  failFilter(): void {
    this.session.filterFailed(this);
  }
  get heldByFilter(): boolean {
    return !this.session.finished && this.session.holds(this);
  }
}

export class NetworkSession implements StreamView {
  readonly n: number;
  readonly filters: NetworkFilter[];
  /** per direction and position: the bytes the filter there holds (or is being shown) */
  readonly bufs: [BodyBuffer[], BodyBuffer[]];
  /** per direction and position: end of stream arrived there and was not passed on */
  readonly eosAt: [Uint8Array, Uint8Array];
  /** per direction and position: the filter returned Pause and holds its buffer */
  private readonly held: [Uint8Array, Uint8Array];
  /** per position: proxy_on_new_connection ran (or the filter is skipped) */
  private readonly initialized: Uint8Array;
  /** the position whose proxy_on_new_connection paused, or −1 */
  private newConnectionHeldAt = -1;
  /** the upstream was asked for */
  connected = false;
  /** the connection was closed (by a filter, a failure or the tcp_proxy) */
  closed = false;
  finished = false;
  private finishing = false;
  readonly requestHeaders = undefined;
  readonly requestTrailers = undefined;
  readonly responseHeaders = undefined;
  readonly responseTrailers = undefined;

  constructor(
    plugins: readonly Plugin[],
    readonly sink: NetworkSink,
    readonly info: StreamInfo,
  ) {
    const n = (this.n = plugins.length);
    this.filters = plugins.map((p, i) => new NetworkFilter(this, p, i));
    const bufs = () => Array.from({ length: n }, () => new BodyBuffer());
    this.bufs = [bufs(), bufs()];
    this.eosAt = [new Uint8Array(n), new Uint8Array(n)];
    this.held = [new Uint8Array(n), new Uint8Array(n)];
    this.initialized = new Uint8Array(n);
  }

  // ---- driving ------------------------------------------------------------------------------

  /** The connection was accepted: proxy_on_new_connection through the chain, then connect upstream. */
  start(): void {
    this.newConnectionAt(0);
  }
  /** Bytes (or the client's FIN: eos) from downstream. */
  downstreamData(chunk: Buffer, eos: boolean): void {
    this.dataAt(DOWN, 0, chunk, eos);
  }
  /** Bytes (or the upstream's FIN: eos) from upstream. */
  upstreamData(chunk: Buffer, eos: boolean): void {
    this.dataAt(UP, 0, chunk, eos);
  }
  /** The downstream connection closed: proxy_on_downstream_connection_close on every filter. */
  downstreamClosed(peer: PeerType): void {
    this.closeEvent(DOWN, peer);
  }
  /** The upstream connection closed: proxy_on_upstream_connection_close on every filter. */
  upstreamClosed(peer: PeerType): void {
    this.closeEvent(UP, peer);
  }
  /** bytes held by paused filters in direction d (tcp.ts stops reading beyond the buffer limit) */
  heldBytes(d: Dir): number {
    let total = 0;
    for (let p = 0; p < this.n; p++) if (this.held[d][p]) total += this.bufs[d][p]!.length;
    return total;
  }

  // ---- the chain ------------------------------------------------------------------------------

  /** the filter at position p of direction d, its context created on first use (downstream order) */
  private slot(d: Dir, p: number): NetworkFilter | undefined {
    const fs = this.filters[d === DOWN ? p : this.n - 1 - p]!;
    if (fs.bypass) return undefined;
    if (fs.created) {
      if (!fs.vm!.failed) return fs;
      this.filterFailed(fs);
      return undefined;
    }
    const vm = fs.plugin.acquireVm();
    if (!vm) {
      fs.bypass = true;
      if (!fs.plugin.failOpen) this.failClosed(fs);
      return undefined;
    }
    fs.vm = vm;
    fs.created = true;
    fs.contextId = vm.newContextId();
    vm.contexts.set(fs.contextId, fs);
    if (vm.call('proxy_on_context_create', vm.cb.contextCreate, fs, 0, fs.contextId, vm.rootId) === FAILED) {
      this.filterFailed(fs);
      return undefined;
    }
    return fs;
  }

  /** proxy_on_new_connection from position p on until a filter pauses; past the last one, connect upstream */
  private newConnectionAt(p: number): void {
    for (; p < this.n; p++) {
      if (this.closed) return;
      if (this.initialized[p]) continue;
      this.initialized[p] = 1;
      const fs = this.slot(DOWN, p);
      if (this.closed) return;
      if (!fs) continue;
      const vm = fs.vm!;
      const r = vm.call('proxy_on_new_connection', vm.cb.newConnection, fs, 0, fs.contextId);
      if (!this.after(fs, r)) return;
      if (r !== CONTINUE && !(fs.pendingContinue & (1 << DOWN))) {
        this.newConnectionHeldAt = p;
        return;
      }
      fs.pendingContinue &= ~(1 << DOWN);
    }
    if (!this.closed && !this.connected) {
      this.connected = true;
      this.sink.connectUpstream();
    }
  }

  private dataAt(d: Dir, p: number, chunk: Buffer, eos: boolean): void {
    const bufs = this.bufs[d];
    const eosAt = this.eosAt[d];
    for (; p < this.n; p++) {
      if (this.closed) return;
      // data reaching a filter the new connection has not reached yet (an earlier one paused on it)
      if (d === DOWN && !this.initialized[p]) {
        if (this.newConnectionHeldAt >= 0 && this.newConnectionHeldAt < p) this.newConnectionHeldAt = -1;
        this.newConnectionAt(p);
        if (this.closed) return;
        if (this.newConnectionHeldAt === p) {
          // paused on the new connection: hold the data until it continues
          bufs[p]!.push(chunk);
          if (eos) eosAt[p] = 1;
          this.held[d][p] = 1;
          return;
        }
      }
      const fs = this.slot(d, p);
      if (this.closed) return;
      if (!fs) continue;
      const buf = bufs[p]!;
      buf.push(chunk);
      if (eos) eosAt[p] = 1;
      const vm = fs.vm!;
      const r =
        d === DOWN
          ? vm.call('proxy_on_downstream_data', vm.cb.downstreamData, fs, 0, fs.contextId, buf.length, eosAt[p]!)
          : vm.call('proxy_on_upstream_data', vm.cb.upstreamData, fs, 0, fs.contextId, buf.length, eosAt[p]!);
      if (!this.after(fs, r)) return;
      const bit = 1 << d;
      if (r !== CONTINUE && !(fs.pendingContinue & bit)) {
        this.held[d][p] = 1;
        return;
      }
      fs.pendingContinue &= ~bit;
      this.held[d][p] = 0;
      chunk = buf.take();
      eos = eosAt[p] === 1;
      eosAt[p] = 0;
    }
    if (this.closed) return;
    if (chunk.length === 0 && !eos) return;
    if (d === DOWN) {
      if (!this.connected) {
        // Envoy: data passing every filter starts tcp_proxy's connection even if a filter paused the new one
        this.newConnectionHeldAt = -1;
        this.connected = true;
        this.sink.connectUpstream();
      }
      this.sink.upstreamWrite(chunk, eos);
    } else this.sink.downstreamWrite(chunk, eos);
  }

  /**
   * After a callback of `fs` returned r: apply a failure, close_stream, and continues it asked for
   * in the other direction or on other connections. False when the chain must stop here.
   */
  private after(fs: NetworkFilter, r: number): boolean {
    if (r === FAILED) {
      this.filterFailed(fs);
      return false;
    }
    const vm = fs.vm!;
    if (vm.touched.length > 1 || (vm.touched.length === 1 && vm.touched[0] !== fs)) {
      for (const t of vm.touched.slice()) if (t !== fs) t.applyPending();
    }
    if (fs.pendingClose) {
      fs.pendingClose = false;
      this.close('wasm_close_stream');
      return false;
    }
    return !this.closed;
  }

  /** continue_stream or close_stream asked for outside the filter's own callbacks (a tick, an http-call answer, proxy_done) */
  applyPending(fs: NetworkFilter): void {
    if (this.closed) return;
    if (fs.pendingClose) {
      fs.pendingClose = false;
      this.close('wasm_close_stream');
      return;
    }
    for (const d of [DOWN, UP] as const) {
      if (fs.pendingContinue & (1 << d)) {
        fs.pendingContinue &= ~(1 << d);
        this.release(fs, d);
      }
    }
  }

  /** Pass on what filter `fs` holds in direction d (and the new connection it paused). */
  private release(fs: NetworkFilter, d: Dir): void {
    const p = d === DOWN ? fs.index : this.n - 1 - fs.index;
    if (d === DOWN && this.newConnectionHeldAt === p) {
      this.newConnectionHeldAt = -1;
      this.newConnectionAt(p + 1);
      if (this.closed) return;
    }
    if (!this.held[d][p]) return;
    this.held[d][p] = 0;
    const eos = this.eosAt[d][p] === 1;
    this.eosAt[d][p] = 0;
    const chunk = this.bufs[d][p]!.take();
    if (chunk.length || eos) this.dataAt(d, p + 1, chunk, eos);
    this.sink.released();
  }

  /** Close both connections (the sink reports the close events back). */
  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.sink.close(reason);
  }

  private closeEvent(d: Dir, peer: PeerType): void {
    for (const fs of this.filters) {
      if (!fs.created || fs.bypass || fs.deleted) continue;
      const vm = fs.vm!;
      if (vm.failed) continue;
      const r =
        d === DOWN
          ? vm.call('proxy_on_downstream_connection_close', vm.cb.downstreamClose, fs, 0, fs.contextId, peer)
          : vm.call('proxy_on_upstream_connection_close', vm.cb.upstreamClose, fs, 0, fs.contextId, peer);
      if (r === FAILED) {
        fs.bypass = true;
        fs.plugin.vmFailed(vm);
      }
    }
  }

  // ---- failures -----------------------------------------------------------------------------------

  /** `fs`'s VM failed (now or earlier): apply its plugin's failure policy to this connection. */
  filterFailed(fs: NetworkFilter): void {
    if (fs.bypass) return;
    fs.bypass = true;
    fs.plugin.vmFailed(fs.vm);
    if (this.finished || this.closed) return;
    if (!fs.plugin.failOpen) {
      this.failClosed(fs);
      return;
    }
    // as if the filter had continued: pass on whatever it holds, both ways
    fs.pendingContinue = 0;
    for (const d of [DOWN, UP] as const) {
      const p = d === DOWN ? fs.index : this.n - 1 - fs.index;
      if (this.bufs[d][p]!.length || this.eosAt[d][p]) this.held[d][p] = 1;
      this.release(fs, d);
    }
  }

  private failClosed(fs: NetworkFilter): void {
    fs.plugin.countFailedStream();
    if (!this.info.responseCodeDetails) this.info.responseCodeDetails = 'wasm_fail_stream';
    this.close('wasm_fail_stream');
  }

  /** Whether `fs` holds data or the new connection (it waits on its VM). */
  holds(fs: NetworkFilter): boolean {
    const down = fs.index;
    const up = this.n - 1 - fs.index;
    return this.held[DOWN][down] === 1 || this.held[UP][up] === 1 || this.newConnectionHeldAt === down;
  }

  // ---- end ------------------------------------------------------------------------------------------

  /** Both connections are closed: on_done → on_log → on_delete per filter. */
  finish(): void {
    if (this.finished || this.finishing) return;
    this.finishing = true;
    this.closed = true;
    this.info.endTime = Date.now();
    for (const fs of this.filters) this.finishFilter(fs, true);
    this.finished = true;
  }

  /** on_done (then on_log and on_delete unless it answered false) for one filter */
  finishFilter(fs: NetworkFilter, first = false): void {
    finishStreamContext(fs, fs, first);
  }
}
