/**
 * A test harness for proxy-wasm filter authors, usable in vitest (or any test runner) without
 * starting a server: load one filter or a chain with their configurations, drive streams
 * (request/response headers, chunked bodies, trailers), fire ticks on a manual clock, answer the
 * filters' http calls, and assert on what reached the upstream and the client, local responses,
 * logs, metrics and shared data. It runs the very same host and stream engine as the proxy.
 *
 *   const h = FilterHarness.load({ wasm: 'filters/http/build/auth.wasm', configuration: '{"api_keys":["k"]}' });
 *   const s = h.stream();
 *   s.sendRequestHeaders({ ':method': 'GET', ':path': '/', ':authority': 'x' }, { endOfStream: true });
 *   expect(s.localResponse?.status).toBe(401);
 */
import { readFileSync } from 'node:fs';
import { ArgumentError } from '../errors.js';
import { LogLevel, parseLogLevel, Status } from './abi.js';
import { ProxyEnv, type HttpCallResponse, type Scheduler } from './env.js';
import { HeaderMap } from './headers.js';
import { MemoryLogger, type LogRecord, type ProxyLogger } from './log.js';
import { Plugin, type FailurePolicy } from './plugin.js';
import { newStreamInfo, type StreamInfo } from './properties.js';
import { HttpStream, type StreamSink } from './stream.js';
import type { VmLimits } from './vm.js';

export type HeadersInit = HeaderMap | Record<string, string | readonly string[]> | Iterable<readonly [string, string]>;

export interface HarnessFilter {
  /** path of the .wasm file, or its bytes */
  readonly wasm: string | Uint8Array;
  readonly name?: string;
  readonly rootId?: string;
  readonly vmId?: string;
  readonly configuration?: string | Uint8Array;
  readonly vmConfiguration?: string | Uint8Array;
  readonly failurePolicy?: FailurePolicy;
  readonly reloadBackoff?: { readonly baseMs: number; readonly maxMs: number };
  readonly limits?: VmLimits;
  readonly envVars?: Readonly<Record<string, string>>;
}

/** Answers an http call: a response, null for a failed call, or a Promise of either. */
export type HttpCallHandler = (call: PendingHttpCall) => HttpCallAnswer | null | undefined | Promise<HttpCallAnswer | null>;

export interface HttpCallAnswer {
  readonly status?: number;
  readonly headers?: HeadersInit;
  readonly body?: string | Uint8Array;
  readonly trailers?: HeadersInit;
}

export interface HarnessOptions {
  /** clusters filters may call; a handler answers automatically, null leaves calls pending */
  readonly clusters?: Readonly<Record<string, HttpCallHandler | null>>;
  /** level below which filter logs are dropped (and what proxy_get_log_level reports); default trace */
  readonly logLevel?: LogLevel | string;
  /** also print logs through this logger */
  readonly logger?: ProxyLogger;
  /** start of the manual clock, ms since the epoch */
  readonly startTime?: number;
}

export class PendingHttpCall {
  answered = false;
  constructor(
    readonly cluster: string,
    readonly headers: HeaderMap,
    readonly body: Buffer,
    readonly trailers: HeaderMap,
    readonly timeoutMs: number,
    readonly plugin: string,
    private readonly done: (res: HttpCallResponse | null) => void,
  ) {}
  respond(answer: HttpCallAnswer | null): void {
    if (this.answered) throw new ArgumentError('http call already answered');
    this.answered = true;
    this.done(answer ? toResponse(answer) : null);
  }
}

function toResponse(a: HttpCallAnswer): HttpCallResponse {
  const headers = HeaderMap.from(a.headers as HeadersInit | undefined);
  if (!headers.has(':status')) {
    headers.keys.unshift(':status');
    headers.values.unshift(String(a.status ?? 200));
  }
  const body = a.body === undefined ? Buffer.alloc(0) : typeof a.body === 'string' ? Buffer.from(a.body) : Buffer.from(a.body);
  return { headers, body, trailers: HeaderMap.from(a.trailers as HeadersInit | undefined) };
}

interface Timer {
  readonly id: number;
  at: number;
  readonly every: number;
  readonly fn: () => void;
}

/** A clock that only moves when told to, with timers and deferred tasks run on demand. */
export class ManualScheduler implements Scheduler {
  private timers: Timer[] = [];
  private deferred: (() => void)[] = [];
  private nextId = 1;
  constructor(public nowMs: number) {}
  nowNs(): bigint {
    return BigInt(Math.round(this.nowMs * 1000)) * 1000n;
  }
  setInterval(fn: () => void, ms: number): unknown {
    const t = { id: this.nextId++, at: this.nowMs + ms, every: Math.max(ms, 1), fn };
    this.timers.push(t);
    return t.id;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const t = { id: this.nextId++, at: this.nowMs + ms, every: 0, fn };
    this.timers.push(t);
    return t.id;
  }
  clearInterval(h: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== h);
  }
  clearTimeout(h: unknown): void {
    this.clearInterval(h);
  }
  defer(fn: () => void): void {
    this.deferred.push(fn);
  }
  /** Run deferred tasks until none are left. */
  flush(): void {
    for (let i = 0; i < 100_000 && this.deferred.length; i++) this.deferred.shift()!();
  }
  /** Move the clock forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    this.flush();
    for (;;) {
      let next: Timer | undefined;
      for (const t of this.timers) if (t.at <= target && (!next || t.at < next.at)) next = t;
      if (!next) break;
      this.nowMs = next.at;
      if (next.every) next.at += next.every;
      else this.timers = this.timers.filter((t) => t !== next);
      next.fn();
      this.flush();
    }
    this.nowMs = target;
  }
}

export interface StreamOptions {
  readonly info?: Partial<StreamInfo>;
  /** most body bytes a pausing filter may hold (default: unlimited) */
  readonly bufferLimit?: number;
}

export interface SendOptions {
  readonly endOfStream?: boolean;
}

/** What one side of the stream received from the chain. */
export interface Received {
  headers: HeaderMap | undefined;
  body: Buffer;
  trailers: HeaderMap | undefined;
  /** end of stream arrived */
  ended: boolean;
  /** number of body chunks (to see buffering) */
  chunks: number;
}

/** One stream through the harness's filter chain. */
export class TestStream {
  readonly upstream: Received = { headers: undefined, body: Buffer.alloc(0), trailers: undefined, ended: false, chunks: 0 };
  readonly downstream: Received = { headers: undefined, body: Buffer.alloc(0), trailers: undefined, ended: false, chunks: 0 };
  /** the request side was abandoned (local response, or the stream was reset) */
  upstreamAborted = false;
  resetReason: string | undefined;
  readonly stream: HttpStream;

  constructor(
    private readonly harness: FilterHarness,
    info: StreamInfo,
  ) {
    const up = this.upstream;
    const down = this.downstream;
    const sink: StreamSink = {
      upstreamHeaders: (h, eos) => {
        up.headers = h.clone();
        up.ended = eos;
      },
      upstreamData: (b, eos) => {
        up.body = Buffer.concat([up.body, b]);
        up.chunks++;
        up.ended = eos;
      },
      upstreamTrailers: (t) => {
        up.trailers = t.clone();
        up.ended = true;
      },
      abortUpstream: () => {
        this.upstreamAborted = true;
      },
      downstreamHeaders: (h, eos) => {
        down.headers = h.clone();
        down.ended = eos;
      },
      downstreamData: (b, eos) => {
        down.body = Buffer.concat([down.body, b]);
        down.chunks++;
        down.ended = eos;
      },
      downstreamTrailers: (t) => {
        down.trailers = t.clone();
        down.ended = true;
      },
      reset: (reason) => {
        // as in the proxy, a reset abandons the upstream request too
        this.resetReason ??= reason;
        this.upstreamAborted = true;
      },
    };
    this.stream = new HttpStream(harness.plugins, sink, info);
  }

  // ---- driving ----------------------------------------------------------------------------------

  sendRequestHeaders(h: HeadersInit, opts: SendOptions = {}): this {
    const m = HeaderMap.from(h);
    const defaults = [
      [':authority', 'localhost'],
      [':path', '/'],
      [':scheme', 'http'],
      [':method', 'GET'],
    ] as const;
    for (const [k, v] of defaults) {
      if (!m.has(k)) {
        m.keys.unshift(k);
        m.values.unshift(v);
      }
    }
    this.stream.decodeHeaders(m, opts.endOfStream ?? false);
    this.harness.flush();
    return this;
  }
  sendRequestBody(chunk: string | Uint8Array, opts: SendOptions = {}): this {
    this.stream.decodeData(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk), opts.endOfStream ?? false);
    this.harness.flush();
    return this;
  }
  sendRequestTrailers(t: HeadersInit): this {
    this.stream.decodeTrailers(HeaderMap.from(t));
    this.harness.flush();
    return this;
  }
  sendResponseHeaders(h: HeadersInit, opts: SendOptions = {}): this {
    const m = HeaderMap.from(h);
    if (!m.has(':status')) {
      m.keys.unshift(':status');
      m.values.unshift('200');
    }
    this.stream.encodeHeaders(m, opts.endOfStream ?? false);
    this.harness.flush();
    return this;
  }
  sendResponseBody(chunk: string | Uint8Array, opts: SendOptions = {}): this {
    this.stream.encodeData(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk), opts.endOfStream ?? false);
    this.harness.flush();
    return this;
  }
  sendResponseTrailers(t: HeadersInit): this {
    this.stream.encodeTrailers(HeaderMap.from(t));
    this.harness.flush();
    return this;
  }
  /** The client went away (the stream is reset). */
  abort(reason = 'downstream_remote_disconnect'): this {
    this.stream.reset(reason);
    this.harness.flush();
    return this;
  }

  // ---- observations ---------------------------------------------------------------------------------

  /** the local response the client got (status, headers, body, details), if any */
  get localResponse(): { status: number; headers: HeaderMap; body: string; details: string } | undefined {
    const h = this.downstream.headers;
    const details = this.stream.info.responseCodeDetails;
    if (!h || details === 'via_upstream') return undefined;
    return { status: Number(h.get(':status')), headers: h, body: this.downstream.body.toString(), details };
  }
  /** response status the client got */
  get status(): number | undefined {
    const s = this.downstream.headers?.get(':status');
    return s === undefined ? undefined : Number(s);
  }
  get finished(): boolean {
    return this.stream.finished;
  }
  /** request headers as they left the chain (undefined while a filter holds them) */
  get upstreamHeaders(): Record<string, string> | undefined {
    return this.upstream.headers?.toObject();
  }
  get responseHeaders(): Record<string, string> | undefined {
    return this.downstream.headers?.toObject();
  }
}

export class FilterHarness {
  readonly env: ProxyEnv;
  readonly plugins: Plugin[];
  readonly scheduler: ManualScheduler;
  /** calls to clusters without a handler, waiting for respond() */
  readonly httpCalls: PendingHttpCall[] = [];
  private readonly memory: MemoryLogger;
  private readonly pending = new Set<Promise<unknown>>();
  private streamCount = 0;

  private constructor(filters: readonly HarnessFilter[], opts: HarnessOptions) {
    this.scheduler = new ManualScheduler(opts.startTime ?? Date.now());
    const level = typeof opts.logLevel === 'string' ? parseLogLevel(opts.logLevel) : (opts.logLevel ?? LogLevel.Trace);
    this.memory = new MemoryLogger(level, opts.logger);
    this.env = new ProxyEnv({ logger: this.memory, scheduler: this.scheduler });
    const clusters = opts.clusters;
    this.env.httpCall = (req, done) => {
      if (clusters && !(req.cluster in clusters)) return Status.BadArgument;
      const call = new PendingHttpCall(req.cluster, req.headers, req.body, req.trailers, req.timeoutMs, req.plugin, done);
      const handler = clusters?.[req.cluster];
      if (!handler) {
        this.httpCalls.push(call);
        return Status.Ok;
      }
      // answer on the next flush, never inside the hostcall
      this.scheduler.defer(() => {
        const r = handler(call);
        if (r && typeof (r as Promise<unknown>).then === 'function') {
          const p = (r as Promise<HttpCallAnswer | null>).then(
            (a) => call.respond(a),
            () => call.respond(null),
          );
          this.pending.add(p);
          void p.finally(() => this.pending.delete(p));
        } else if (r !== undefined) call.respond(r as HttpCallAnswer | null);
        else this.httpCalls.push(call);
      });
      return Status.Ok;
    };
    this.plugins = filters.map((f, i) => {
      const bytes = typeof f.wasm === 'string' ? readFileSync(f.wasm) : f.wasm;
      return new Plugin(this.env, {
        name: f.name ?? (typeof f.wasm === 'string' ? f.wasm.replace(/^.*[\\/]/, '').replace(/\.wasm$/, '') : `filter${i}`),
        rootId: f.rootId,
        vmId: f.vmId,
        module: bytes,
        configuration: f.configuration,
        vmConfiguration: f.vmConfiguration,
        failurePolicy: f.failurePolicy,
        reloadBackoff: f.reloadBackoff,
        limits: f.limits,
        envVars: f.envVars,
      });
    });
    for (const p of this.plugins) p.start();
    this.flush();
  }

  /** Load one filter, or a chain (request order). Throws PluginLoadError like the proxy would. */
  static load(filters: HarnessFilter | readonly HarnessFilter[], opts: HarnessOptions = {}): FilterHarness {
    return new FilterHarness(Array.isArray(filters) ? filters : [filters as HarnessFilter], opts);
  }

  /** A new stream through the chain. */
  stream(opts: StreamOptions = {}): TestStream {
    const id = ++this.streamCount;
    const t = new TestStream(this, newStreamInfo({ requestId: `harness-${id}`, connectionId: id, startTime: this.scheduler.nowMs, ...opts.info }));
    if (opts.bufferLimit !== undefined) t.stream.bufferLimit = opts.bufferLimit;
    return t;
  }

  /** Run deferred work: http-call answers, queue notifications, proxy_done continuations. */
  flush(): void {
    this.scheduler.flush();
  }

  /** Wait for asynchronous http-call handlers, then flush. */
  async settle(): Promise<void> {
    while (this.pending.size) {
      await Promise.all([...this.pending]);
      this.flush();
    }
    this.flush();
  }

  /** Move the clock forward by `ms`, firing ticks and timers that fall due. */
  advance(ms: number): void {
    this.scheduler.advance(ms);
  }

  /** Fire proxy_on_tick once on every filter that set a tick period (or on the named one). */
  tick(filter?: string): void {
    for (const p of this.plugins) if ((filter === undefined || p.name === filter) && p.tickPeriodMs > 0) p.tick();
    this.flush();
  }

  plugin(name: string): Plugin {
    const p = this.plugins.find((x) => x.name === name);
    if (!p) throw new ArgumentError(`no filter named "${name}"`);
    return p;
  }

  /** every log record so far (optionally of one filter) */
  logs(filter?: string): LogRecord[] {
    return filter === undefined ? this.memory.records : this.memory.records.filter((r) => r.source === filter);
  }
  /** log messages only, for quick assertions */
  messages(filter?: string): string[] {
    return this.logs(filter).map((r) => r.message);
  }

  /** a filter-defined metric's value (counter/gauge; histogram sample count) */
  metric(name: string): number | undefined {
    return this.env.metrics.value(name);
  }

  /** shared data of a VM id ('' when the filter has none) */
  sharedData(key: string, vmId = ''): { value: Buffer; cas: number } | undefined {
    const e = this.env.sharedData.get(vmId, key);
    return e ? { value: Buffer.from(e.value), cas: e.cas } : undefined;
  }

  /** the oldest unanswered http call (to a cluster without handler) */
  nextHttpCall(): PendingHttpCall | undefined {
    return this.httpCalls.find((c) => !c.answered);
  }

  /** Answer a pending http call and run what follows. */
  respond(call: PendingHttpCall, answer: HttpCallAnswer | null): void {
    call.respond(answer);
    this.flush();
  }

  /** Stop timers and end the root contexts. */
  close(): void {
    for (const p of this.plugins) p.stop();
    this.flush();
  }
}
