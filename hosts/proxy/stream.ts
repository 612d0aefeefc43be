/**
 * One HTTP stream through a chain of proxy-wasm filters, run the way Envoy's filter manager runs
 * it. The request flows through the filters in order, the response in reverse order. Per filter
 * and direction the stream tracks what the filter holds: headers it paused on, body it buffers,
 * trailers. The rules:
 *
 * - A filter's context is created lazily, on its first request callback; response callbacks only
 *   reach filters whose context exists.
 * - A callback returning Continue passes on everything the filter holds (headers, then buffered
 *   body, then trailers); Pause (any value > 0) holds it. Body arriving at a filter that holds is
 *   appended to its buffer and the body callback runs again with the larger size; a body
 *   callback returning Continue also releases headers the filter paused on (Envoy's
 *   StopIteration semantics).
 * - continue_stream, close_stream and send_local_response are recorded by the hostcall and take
 *   effect after the callback returns (never re-entering the module).
 * - A local response before the response started runs the response callbacks of the filters
 *   whose context exists; during the response it replaces it directly (or resets the stream
 *   once the client has headers).
 * - At the end: on_done (false waits for proxy_done) → on_log → on_delete per filter.
 *
 * The stream knows nothing about sockets: what leaves the chain goes to a StreamSink (the router
 * and downstream writer in the proxy, recorders in the test harness).
 */
import { BufferType, MapType, Status, StreamType } from './abi.js';
import { BodyBuffer } from './body.js';
import { grpcLocalReplyHeaders, isGrpcRequest } from './grpc-reply.js';
import { HeaderMap } from './headers.js';
import { FAILED, type StreamContext, type StreamContextHost, type VmContext } from './context.js';
import type { Plugin } from './plugin.js';
import { streamProperty, type StreamInfo } from './properties.js';
import type { WasmVm } from './vm.js';

/** Where what leaves the chain goes. */
export interface StreamSink {
  /** request headers passed every filter: route and start the upstream request */
  upstreamHeaders(h: HeaderMap, eos: boolean): void;
  upstreamData(b: Buffer, eos: boolean): void;
  upstreamTrailers(t: HeaderMap): void;
  /** the request side was abandoned (local response): cancel any upstream request */
  abortUpstream(): void;
  downstreamHeaders(h: HeaderMap, eos: boolean): void;
  downstreamData(b: Buffer, eos: boolean): void;
  downstreamTrailers(t: HeaderMap): void;
  /** close the stream without (the rest of) a response */
  reset(reason: string): void;
}

export interface LocalReply {
  readonly status: number;
  readonly body: Buffer;
  readonly headers: HeaderMap;
  readonly details: string;
  readonly grpcStatus?: number;
}

const EMPTY_BODY = Buffer.alloc(0);

const REQ = 0;
const RES = 1;
type Dir = 0 | 1;

const HELD_HEADERS = 1;
const HELD_DATA = 2;
const HELD_TRAILERS = 4;
const HELD = 7;
/** headers passed this position */
const PASSED = 8;
/** end of stream arrived (as data) at this position and was not passed on yet */
const DATA_EOS = 16;
/** trailers arrived at this position and were not passed on yet */
const TRAILERS_AT = 32;

const EMPTY = Buffer.alloc(0);
const CONTINUE = 0;
const STOP = 1;

/**
 * Per-direction state: what each position in iteration order holds, as bit flags in one small
 * array (few objects per request: they live across event-loop turns, so each one costs GC).
 */
class DirState {
  /** flags per position: HELD_* | PASSED | DATA_EOS | TRAILERS_AT */
  readonly f: number[] = [];
  /** body held at each position (the array and each buffer made on first use: most requests have no body) */
  bufs: (BodyBuffer | undefined)[] | undefined;
  headersEos = false;
  /** headers entered the chain */
  started = false;
  /** abandoned (local reply, reset) or finished */
  dead = false;
  /** end of stream left the chain */
  ended = false;
  constructor(n: number) {
    // pushed one by one: a packed array of small integers (new Array(n).fill makes a holey one)
    for (let p = 0; p < n; p++) this.f.push(0);
  }
  buf(p: number): BodyBuffer {
    const bufs = (this.bufs ??= []);
    while (bufs.length <= p) bufs.push(undefined);
    return (bufs[p] ??= new BodyBuffer());
  }
  /** the body held at position p, if any was ever made */
  bufAt(p: number): BodyBuffer | undefined {
    return this.bufs === undefined ? undefined : this.bufs[p];
  }
  held(p: number): number {
    return this.f[p]! & HELD;
  }
  has(p: number, bit: number): boolean {
    return (this.f[p]! & bit) !== 0;
  }
  set(p: number, bit: number): void {
    this.f[p]! |= bit;
  }
  unset(p: number, bit: number): void {
    this.f[p]! &= ~bit;
  }
  clear(): void {
    for (let p = 0; p < this.f.length; p++) this.f[p] &= PASSED;
    if (this.bufs) for (const b of this.bufs) b?.clear();
  }
}

/** One filter's context in one stream. */
export class FilterStream implements StreamContextHost, StreamContext {
  readonly kind = 'stream' as const;
  contextId = 0;
  vm: WasmVm | undefined;
  /** the filter stream is its own VM context (no extra object per request) */
  ctx: StreamContext | undefined;
  created = false;
  /** skipped from now on: no context (fail open), or failed */
  bypass = false;
  deleted = false;
  waitingDone = false;
  /** continue_stream asked for: bit 1 << StreamType (Request 0, Response 1) */
  pendingContinue = 0;
  pendingClose = false;
  pendingLocal: LocalReply | null = null;
  inLog = false;

  constructor(
    readonly stream: HttpStream,
    readonly plugin: Plugin,
    /** position in request order */
    readonly index: number,
  ) {}

  get id(): number {
    return this.contextId;
  }
  get host(): StreamContextHost {
    return this;
  }

  // ---- StreamContextHost --------------------------------------------------------------------

  map(type: MapType): HeaderMap | undefined {
    const s = this.stream;
    switch (type) {
      case MapType.HttpRequestHeaders:
        return s.requestHeaders;
      case MapType.HttpRequestTrailers:
        return s.requestTrailers;
      case MapType.HttpResponseHeaders:
        return s.responseHeaders;
      case MapType.HttpResponseTrailers:
        return s.responseTrailers;
      default:
        return undefined;
    }
  }
  mapWritable(_type: MapType): boolean {
    return !this.inLog;
  }
  body(type: BufferType): BodyBuffer | undefined {
    const s = this.stream;
    if (type === BufferType.HttpRequestBody) return s.req.buf(this.index);
    if (type === BufferType.HttpResponseBody) return s.res.buf(s.n - 1 - this.index);
    return undefined;
  }
  bodyEos(type: BufferType): boolean {
    const s = this.stream;
    if (type === BufferType.HttpRequestBody) return s.req.has(this.index, DATA_EOS);
    return s.res.has(s.n - 1 - this.index, DATA_EOS);
  }
  bodyWritable(_type: BufferType): boolean {
    return !this.inLog;
  }
  continueStream(type: StreamType): Status {
    if (type > StreamType.Upstream) return Status.BadArgument;
    if (type === StreamType.Request || type === StreamType.Response) this.pendingContinue |= 1 << type;
    return Status.Ok;
  }
  closeStream(type: StreamType): Status {
    if (type > StreamType.Upstream) return Status.BadArgument;
    this.pendingClose = true;
    return Status.Ok;
  }
  sendLocalResponse(code: number, details: string, body: Buffer, headers: HeaderMap, grpcStatus: number): Status {
    if (code < 100 || code > 999) return Status.BadArgument;
    this.pendingLocal = { status: code, body, headers, details, grpcStatus };
    return Status.Ok;
  }
  clearRouteCache(): void {
    this.stream.routeCleared = true;
  }
  property(path: readonly string[]): Uint8Array | undefined {
    return streamProperty(path, this.stream);
  }
  setProperty(path: string, value: Uint8Array): Status {
    (this.stream.info.filterState ??= new Map()).set(path, value);
    return Status.Ok;
  }
  done(): Status {
    if (!this.waitingDone) return Status.NotFound;
    this.waitingDone = false;
    this.plugin.env.scheduler.defer(() => this.stream.finishFilter(this));
    return Status.Ok;
  }
  applyPending(): void {
    this.stream.applyPending(this);
  }
  failFilter(): void {
    this.stream.filterFailed(this, undefined, undefined);
  }
  get heldByFilter(): boolean {
    return !this.stream.finished && this.stream.holds(this);
  }
}

export class HttpStream {
  readonly n: number;
  readonly filters: FilterStream[];
  readonly req: DirState;
  readonly res: DirState;
  requestHeaders: HeaderMap | undefined;
  requestTrailers: HeaderMap | undefined;
  responseHeaders: HeaderMap | undefined;
  responseTrailers: HeaderMap | undefined;
  /** a filter called proxy_clear_route_cache */
  routeCleared = false;
  /** the response went (or is going) to the client; no local reply through the filters anymore */
  responseStarted = false;
  downstreamHeadersSent = false;
  finished = false;
  /**
   * Most body bytes one filter may hold while it pauses (Envoy's per-connection buffer limit):
   * beyond it the request gets 413, the response 500 (or a reset once the client has headers).
   */
  bufferLimit = Infinity;
  private finishing = false;
  private upstreamAborted = false;

  constructor(
    plugins: readonly Plugin[],
    readonly sink: StreamSink,
    readonly info: StreamInfo,
  ) {
    this.n = plugins.length;
    this.filters = plugins.map((p, i) => new FilterStream(this, p, i));
    this.req = new DirState(this.n);
    this.res = new DirState(this.n);
  }

  // ---- driving ------------------------------------------------------------------------------

  /** Request headers from the client. */
  decodeHeaders(h: HeaderMap, eos: boolean): void {
    if (this.req.started || this.req.dead) return;
    this.requestHeaders = h;
    this.req.started = true;
    this.req.headersEos = eos;
    this.headersAt(REQ, 0, eos);
  }
  decodeData(chunk: Buffer, eos: boolean): void {
    if (this.req.dead || !this.req.started) return;
    this.info.requestBodyBytes += chunk.length;
    this.dataAt(REQ, 0, chunk, eos);
  }
  decodeTrailers(t: HeaderMap): void {
    if (this.req.dead || !this.req.started) return;
    this.requestTrailers = t;
    this.trailersAt(REQ, 0);
  }

  /** Response headers from upstream. */
  encodeHeaders(h: HeaderMap, eos: boolean): void {
    if (this.res.started || this.res.dead) return;
    this.responseStarted = true;
    this.responseHeaders = h;
    this.info.responseCode = Number(h.get(':status')) || 0;
    if (!this.info.responseCodeDetails) this.info.responseCodeDetails = 'via_upstream';
    this.res.started = true;
    this.res.headersEos = eos;
    this.headersAt(RES, 0, eos);
  }
  encodeData(chunk: Buffer, eos: boolean): void {
    if (this.res.dead || !this.res.started) return;
    this.dataAt(RES, 0, chunk, eos);
  }
  encodeTrailers(t: HeaderMap): void {
    if (this.res.dead || !this.res.started) return;
    this.responseTrailers = t;
    this.trailersAt(RES, 0);
  }

  /** A local reply by the proxy itself (no route, upstream failure, timeout, …). */
  localReply(status: number, body: string | Buffer, details: string, headers?: HeaderMap): void {
    this.sendLocalReply({ status, body: typeof body === 'string' ? Buffer.from(body) : body, headers: headers ?? new HeaderMap(), details });
  }

  /** Reset the stream (client went away, upstream reset mid-response, close_stream). */
  reset(reason: string): void {
    if (this.finished) return;
    this.req.dead = true;
    this.res.dead = true;
    if (!this.info.responseCodeDetails) this.info.responseCodeDetails = reason;
    this.sink.reset(reason);
    this.finish();
  }

  // ---- the chain ------------------------------------------------------------------------------

  private dir(d: Dir): DirState {
    return d === REQ ? this.req : this.res;
  }

  /** the filter at position p in direction d, creating its context for the request direction */
  private slot(d: Dir, p: number): FilterStream | undefined {
    const fs = this.filters[d === REQ ? p : this.n - 1 - p]!;
    if (fs.bypass) return undefined;
    if (fs.created) return fs.vm!.failed ? this.failedSlot(fs, d, p) : fs;
    if (d === RES) return undefined;
    // lazy creation on the first request callback
    const vm = fs.plugin.acquireVm();
    if (!vm) {
      fs.bypass = true;
      if (!fs.plugin.failOpen) this.failClosed(fs);
      return undefined;
    }
    fs.vm = vm;
    fs.created = true;
    fs.contextId = vm.newContextId();
    fs.ctx = fs;
    vm.contexts.set(fs.contextId, fs);
    const r = vm.call('proxy_on_context_create', vm.cb.contextCreate, fs.ctx, 0, fs.contextId, vm.rootId);
    if (r === FAILED) {
      this.filterFailed(fs, undefined, undefined);
      return undefined;
    }
    return fs;
  }

  /**
   * A created filter whose VM failed meanwhile (another stream trapped it): apply the policy
   * (fail open releases what it holds first), then skip it.
   */
  private failedSlot(fs: FilterStream, _d: Dir, _p: number): undefined {
    this.filterFailed(fs, undefined, undefined);
    return undefined;
  }

  private callHeaders(fs: FilterStream, d: Dir, eos: boolean): number {
    const vm = fs.vm!;
    const m = d === REQ ? this.requestHeaders! : this.responseHeaders!;
    const r =
      d === REQ
        ? vm.call('proxy_on_request_headers', vm.cb.requestHeaders, fs.ctx!, 0, fs.contextId, m.size, eos ? 1 : 0)
        : vm.call('proxy_on_response_headers', vm.cb.responseHeaders, fs.ctx!, 0, fs.contextId, m.size, eos ? 1 : 0);
    return r === FAILED ? FAILED : r === 0 ? CONTINUE : STOP;
  }
  private callBody(fs: FilterStream, d: Dir, size: number, eos: boolean): number {
    const vm = fs.vm!;
    const r =
      d === REQ
        ? vm.call('proxy_on_request_body', vm.cb.requestBody, fs.ctx!, 0, fs.contextId, size, eos ? 1 : 0)
        : vm.call('proxy_on_response_body', vm.cb.responseBody, fs.ctx!, 0, fs.contextId, size, eos ? 1 : 0);
    return r === FAILED ? FAILED : r === 0 ? CONTINUE : STOP;
  }
  private callTrailers(fs: FilterStream, d: Dir): number {
    const vm = fs.vm!;
    const r =
      d === REQ
        ? vm.call('proxy_on_request_trailers', vm.cb.requestTrailers, fs.ctx!, 0, fs.contextId, this.requestTrailers!.size)
        : vm.call('proxy_on_response_trailers', vm.cb.responseTrailers, fs.ctx!, 0, fs.contextId, this.responseTrailers!.size);
    return r === FAILED ? FAILED : r === 0 ? CONTINUE : STOP;
  }

  private headersAt(d: Dir, p: number, eos: boolean): void {
    const st = this.dir(d);
    for (; p < this.n; p++) {
      if (st.dead) return;
      const fs = this.slot(d, p);
      if (st.dead) return;
      if (!fs || (d === REQ ? fs.vm!.cb.requestHeaders : fs.vm!.cb.responseHeaders) === undefined) {
        // no context, or a module without this callback (its answer would be Continue): pass
        st.set(p, PASSED);
        continue;
      }
      st.set(p, HELD_HEADERS);
      const r = this.callHeaders(fs, d, eos);
      this.after(fs, d, p, r);
      return;
    }
    if (st.dead) return;
    if (eos) st.ended = true;
    if (d === REQ) this.sink.upstreamHeaders(this.requestHeaders!, eos);
    else {
      this.downstreamHeadersSent = true;
      this.sink.downstreamHeaders(this.responseHeaders!, eos);
      if (eos) this.finish();
    }
  }

  private dataAt(d: Dir, p: number, chunk: Buffer, eos: boolean): void {
    const st = this.dir(d);
    for (; p < this.n; p++) {
      if (st.dead) return;
      const fs = this.slot(d, p);
      if (st.dead) return;
      if (!fs) continue;
      const holding = st.held(p) !== 0;
      // a module without this body callback answers Continue: data passes a position that holds
      // nothing without being buffered there (one that holds buffers it, as Envoy does)
      if (!holding && (d === REQ ? fs.vm!.cb.requestBody : fs.vm!.cb.responseBody) === undefined) continue;
      const buf = st.buf(p);
      buf.push(chunk);
      if (holding && buf.length > this.bufferLimit) {
        this.bufferOverflow(d);
        return;
      }
      if (eos) st.set(p, DATA_EOS);
      st.set(p, HELD_DATA);
      const r = this.callBody(fs, d, buf.length, eos);
      this.after(fs, d, p, r);
      return;
    }
    if (st.dead) return;
    if (eos) st.ended = true;
    if (d === REQ) this.sink.upstreamData(chunk, eos);
    else {
      if (d === RES) this.info.responseBodyBytes += chunk.length;
      this.sink.downstreamData(chunk, eos);
      if (eos) this.finish();
    }
  }

  private trailersAt(d: Dir, p: number): void {
    const st = this.dir(d);
    for (; p < this.n; p++) {
      if (st.dead) return;
      const fs = this.slot(d, p);
      if (st.dead) return;
      if (!fs) continue;
      if (st.held(p) === 0 && (d === REQ ? fs.vm!.cb.requestTrailers : fs.vm!.cb.responseTrailers) === undefined) continue;
      st.set(p, TRAILERS_AT | HELD_TRAILERS);
      const r = this.callTrailers(fs, d);
      this.after(fs, d, p, r);
      return;
    }
    if (st.dead) return;
    st.ended = true;
    if (d === REQ) this.sink.upstreamTrailers(this.requestTrailers!);
    else {
      this.sink.downstreamTrailers(this.responseTrailers!);
      this.finish();
    }
  }

  /** After a callback of `fs` at position p of direction d returned r. */
  private after(fs: FilterStream, d: Dir, p: number, r: number): void {
    if (r === FAILED) {
      this.filterFailed(fs, d, p);
      return;
    }
    const vm = fs.vm!;
    if (vm.touched.length > 1 || (vm.touched.length === 1 && vm.touched[0] !== fs)) {
      // the callback acted on other streams through proxy_set_effective_context
      for (const t of vm.touched.slice()) if (t !== fs) t.applyPending();
    }
    if (this.applyEffects(fs)) return;
    const other = (1 - d) as Dir;
    if (fs.pendingContinue & (1 << other)) {
      fs.pendingContinue &= ~(1 << other);
      this.releaseFilter(fs, other);
    }
    const cont = r === CONTINUE || (fs.pendingContinue & (1 << d)) !== 0;
    fs.pendingContinue &= ~(1 << d);
    if (cont && !this.dir(d).dead) this.release(d, p);
  }

  /** Local response and close requested by `fs`; true when the stream ended or was replaced. */
  private applyEffects(fs: FilterStream): boolean {
    if (fs.pendingClose) {
      fs.pendingClose = false;
      this.reset('wasm_close_stream');
      return true;
    }
    const lr = fs.pendingLocal;
    if (lr) {
      fs.pendingLocal = null;
      this.sendLocalReply(lr);
      return true;
    }
    return false;
  }

  /**
   * Apply what a filter asked for outside its own callbacks (an http-call answer, a tick, a queue
   * callback with this stream as effective context, or proxy_done).
   */
  applyPending(fs: FilterStream): void {
    if (this.finished) return;
    if (this.applyEffects(fs)) return;
    for (const d of [REQ, RES] as const) {
      if (fs.pendingContinue & (1 << d)) {
        fs.pendingContinue &= ~(1 << d);
        this.releaseFilter(fs, d);
      }
    }
  }

  private releaseFilter(fs: FilterStream, d: Dir): void {
    const p = d === REQ ? fs.index : this.n - 1 - fs.index;
    if (this.dir(d).held(p)) this.release(d, p);
  }

  /** Pass on everything position p of direction d holds: headers, buffered body, trailers. */
  private release(d: Dir, p: number): void {
    const st = this.dir(d);
    st.unset(p, HELD);
    if (!st.has(p, PASSED)) {
      st.set(p, PASSED);
      this.headersAt(d, p + 1, st.headersEos);
      if (st.dead) return;
    }
    const buf = st.bufAt(p);
    if ((buf !== undefined && buf.length > 0) || st.has(p, DATA_EOS)) {
      const eos = st.has(p, DATA_EOS) && !st.has(p, TRAILERS_AT);
      st.unset(p, DATA_EOS);
      this.dataAt(d, p + 1, buf === undefined ? EMPTY : buf.take(), eos);
      if (st.dead) return;
    }
    if (st.has(p, TRAILERS_AT)) {
      st.unset(p, TRAILERS_AT);
      this.trailersAt(d, p + 1);
    }
  }

  private sendLocalReply(lr: LocalReply): void {
    if (this.finished || this.finishing) return;
    this.info.responseCodeDetails = lr.details || 'wasm_local_reply';
    let h: HeaderMap;
    let body = lr.body;
    if (isGrpcRequest(this.requestHeaders)) {
      // a gRPC client gets a gRPC status: trailers-only, HTTP 200, no body (grpc-reply.ts)
      h = new HeaderMap([':status'], ['200']);
      grpcLocalReplyHeaders(h, lr.status, body, lr.grpcStatus);
      body = EMPTY_BODY;
    } else {
      h = new HeaderMap([':status'], [String(lr.status)]);
      if (body.length) {
        h.add('content-type', 'text/plain');
        h.add('content-length', String(body.length));
      } else h.add('content-length', '0');
    }
    this.info.responseCode = Number(h.get(':status'));
    for (let i = 0; i < lr.headers.keys.length; i++) h.set(lr.headers.keys[i]!, lr.headers.values[i]!);
    if (!this.upstreamAborted) {
      this.upstreamAborted = true;
      this.req.dead = true;
      this.req.clear();
      this.sink.abortUpstream();
    }
    if (this.responseStarted) {
      // Envoy's direct local reply: the response filters already saw a response
      if (this.downstreamHeadersSent) {
        this.reset('local_reply_after_response_started');
        return;
      }
      this.res.dead = true;
      this.res.clear();
      this.responseHeaders = h;
      this.downstreamHeadersSent = true;
      this.sink.downstreamHeaders(h, body.length === 0);
      if (body.length) {
        this.info.responseBodyBytes += body.length;
        this.sink.downstreamData(body, true);
      }
      this.finish();
      return;
    }
    this.responseStarted = true;
    this.responseHeaders = h;
    this.res.started = true;
    this.res.headersEos = body.length === 0;
    this.headersAt(RES, 0, this.res.headersEos);
    if (body.length && !this.res.dead) this.dataAt(RES, 0, body, true);
  }

  private bufferOverflow(d: Dir): void {
    if (d === REQ) {
      this.sendLocalReply({ status: 413, body: Buffer.from('Payload Too Large'), headers: new HeaderMap(), details: 'request_payload_too_large' });
    } else if (this.downstreamHeadersSent) {
      this.reset('response_payload_too_large');
    } else {
      this.sendLocalReply({ status: 500, body: Buffer.from('Internal Server Error'), headers: new HeaderMap(), details: 'response_payload_too_large' });
    }
  }

  // ---- failures -----------------------------------------------------------------------------------

  /** `fs`'s VM failed (now or earlier): apply its plugin's failure policy to this stream. */
  filterFailed(fs: FilterStream, d: Dir | undefined, p: number | undefined): void {
    if (fs.bypass) return;
    fs.bypass = true;
    fs.plugin.vmFailed(fs.vm);
    if (this.finished) return;
    if (fs.plugin.failOpen) {
      // as if the filter had continued: release whatever it holds, in both directions
      if (d !== undefined && p !== undefined) this.release(d, p);
      for (const dd of [REQ, RES] as const) this.releaseFilter(fs, dd);
      return;
    }
    this.failClosed(fs);
  }

  private failClosed(fs: FilterStream): void {
    fs.plugin.countFailedStream();
    this.sendLocalReply({ status: 503, body: Buffer.alloc(0), headers: new HeaderMap(), details: 'wasm_fail_stream' });
  }

  // ---- end of stream -------------------------------------------------------------------------------

  /** The response is complete (or the stream was reset): on_done → on_log → on_delete per filter. */
  finish(): void {
    if (this.finished || this.finishing) return;
    this.finishing = true;
    this.req.dead = true;
    this.res.dead = true;
    this.info.endTime = Date.now();
    for (const fs of this.filters) this.finishFilter(fs, true);
    this.finished = true;
  }

  /** on_done (then on_log and on_delete unless it answered false) for one filter */
  finishFilter(fs: FilterStream, first = false): void {
    finishStreamContext(fs, fs.ctx!, first);
  }

  /** Whether position p of direction d holds anything (for tests and failure handling). */
  holds(fs: FilterStream): boolean {
    return this.req.held(fs.index) !== 0 || this.res.held(this.n - 1 - fs.index) !== 0;
  }
}

/** A filter's per-stream state as ending its context needs it: HTTP (FilterStream) and TCP (NetworkFilter) streams */
export interface EndingContext {
  readonly created: boolean;
  deleted: boolean;
  waitingDone: boolean;
  inLog: boolean;
  readonly vm: WasmVm | undefined;
  readonly plugin: Plugin;
  readonly contextId: number;
}

/**
 * End a filter's stream context: on_done the first time (a filter answering false defers the
 * rest until it calls proxy_done), then on_log and on_delete; a failed or replaced VM only drops
 * the context.
 */
export function finishStreamContext(fs: EndingContext, ctx: VmContext, first: boolean): void {
  if (!fs.created || fs.deleted) return;
  const vm = fs.vm!;
  if (vm.failed || fs.plugin.vm !== vm) return dropContext(fs, vm);
  if (first) {
    const r = vm.call('proxy_on_done', vm.cb.done, ctx, 1, fs.contextId);
    if (r === FAILED) {
      fs.plugin.vmFailed(vm);
      return dropContext(fs, vm);
    }
    if (r === 0) {
      fs.waitingDone = true;
      return;
    }
  }
  fs.inLog = true;
  const r = vm.call('proxy_on_log', vm.cb.log, ctx, 0, fs.contextId);
  if (r !== FAILED) vm.call('proxy_on_delete', vm.cb.delete, ctx, 0, fs.contextId);
  else fs.plugin.vmFailed(vm);
  dropContext(fs, vm);
}

/** The context is gone from its VM (a function, not a closure per stream and filter). */
function dropContext(fs: EndingContext, vm: WasmVm): void {
  fs.deleted = true;
  vm.contexts.delete(fs.contextId);
  // gRPC calls it started can no longer be answered to it (Envoy cancels them with the context)
  vm.grpc?.contextGone(fs.contextId);
}
