// RootContext and HttpContext in the Rust SDK's vocabulary, and the registry that maps the
// host's context ids to them.
import * as host from "./hostcalls";
import { Action, BufferType, Header, MapType, Status, StreamType } from "./types";

export class RootContext {
  constructor(public contextId: u32) {}

  /** The VM started; `vmConfigurationSize` bytes of VM configuration are readable. */
  onVmStart(vmConfigurationSize: usize): bool { return true; }
  /** The plugin is (re)configured; return false to reject the configuration. */
  onConfigure(pluginConfigurationSize: usize): bool { return true; }
  onTick(): void {}
  onQueueReady(queueId: u32): void {}
  /** Create the context of a new HTTP stream (null: a pass-through context). */
  createHttpContext(contextId: u32): HttpContext | null { return null; }
  /** An http call dispatched from this root context (not from a stream) was answered. */
  onHttpCallResponse(tokenId: u32, numHeaders: u32, bodySize: usize, numTrailers: u32): void {}
  onDone(): bool { return true; }

  /**
   * Reuse finished HttpContext objects for new streams instead of allocating (and later
   * collecting) one per stream. Filters that opt in reset their per-stream fields in
   * HttpContext.reset.
   */
  poolHttpContexts(): bool { return false; }
  /** poolHttpContexts(), asked once when the root context is created */
  pooling: bool = false;
  /** finished contexts kept for reuse (see poolHttpContexts): a fixed-size stack */
  pool: StaticArray<HttpContext | null> = new StaticArray<HttpContext | null>(POOL_SIZE);
  pooled: i32 = 0;

  getVmConfiguration(): string {
    const b = host.getBufferBytes(BufferType.VmConfiguration, 0, u32.MAX_VALUE);
    return b == null ? "" : String.UTF8.decode(b);
  }
  getPluginConfiguration(): string {
    const b = host.getBufferBytes(BufferType.PluginConfiguration, 0, u32.MAX_VALUE);
    return b == null ? "" : String.UTF8.decode(b);
  }
  setTickPeriod(ms: u32): void {
    host.setTickPeriodMilliseconds(ms);
  }
  /** An http call answered in this root context's onHttpCallResponse; 0 when refused. */
  dispatchHttpCall(upstream: string, headers: Header[], body: ArrayBuffer | null, trailers: Header[], timeoutMs: u32): u32 {
    return host.httpCall(upstream, headers, body, trailers, timeoutMs);
  }
}

export class HttpContext {
  constructor(public contextId: u32, public root: RootContext) {}

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action { return Action.Continue; }
  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action { return Action.Continue; }
  onHttpRequestTrailers(numTrailers: usize): Action { return Action.Continue; }
  onHttpResponseHeaders(numHeaders: usize, endOfStream: bool): Action { return Action.Continue; }
  onHttpResponseBody(bodySize: usize, endOfStream: bool): Action { return Action.Continue; }
  onHttpResponseTrailers(numTrailers: usize): Action { return Action.Continue; }
  /** An http call this stream dispatched was answered (numHeaders 0: it failed). */
  onHttpCallResponse(tokenId: u32, numHeaders: u32, bodySize: usize, numTrailers: u32): void {}
  onLog(): void {}
  onDone(): bool { return true; }

  /** Prepare a pooled context for a new stream (override to reset fields; call super.reset). */
  reset(contextId: u32): void {
    this.contextId = contextId;
  }

  // request
  getHttpRequestHeaders(): Header[] { return host.getMapPairs(MapType.HttpRequestHeaders); }
  setHttpRequestHeaders(headers: Header[]): void { host.setMapPairs(MapType.HttpRequestHeaders, headers); }
  getHttpRequestHeader(name: string): string | null { return host.getMapValue(MapType.HttpRequestHeaders, name); }
  /** Replace a request header (null removes it). */
  setHttpRequestHeader(name: string, value: string | null): void { host.setMapValue(MapType.HttpRequestHeaders, name, value); }
  addHttpRequestHeader(name: string, value: string): void { host.addMapValue(MapType.HttpRequestHeaders, name, value); }
  getHttpRequestHeaderBytes(name: ArrayBuffer): ArrayBuffer | null { return host.getMapValueBytes(MapType.HttpRequestHeaders, name); }
  setHttpRequestHeaderBytes(name: ArrayBuffer, value: ArrayBuffer | null): void { host.setMapValueBytes(MapType.HttpRequestHeaders, name, value); }
  addHttpRequestHeaderBytes(name: ArrayBuffer, value: ArrayBuffer): void { host.addMapValueBytes(MapType.HttpRequestHeaders, name, value); }
  getHttpRequestTrailer(name: string): string | null { return host.getMapValue(MapType.HttpRequestTrailers, name); }
  getHttpRequestBody(start: u32, maxSize: u32): ArrayBuffer | null { return host.getBufferBytes(BufferType.HttpRequestBody, start, maxSize); }
  setHttpRequestBody(start: u32, size: u32, value: ArrayBuffer): void { host.setBufferBytes(BufferType.HttpRequestBody, start, size, value); }
  resumeHttpRequest(): void { host.continueStream(StreamType.Request); }

  // response
  getHttpResponseHeaders(): Header[] { return host.getMapPairs(MapType.HttpResponseHeaders); }
  setHttpResponseHeaders(headers: Header[]): void { host.setMapPairs(MapType.HttpResponseHeaders, headers); }
  getHttpResponseHeader(name: string): string | null { return host.getMapValue(MapType.HttpResponseHeaders, name); }
  setHttpResponseHeader(name: string, value: string | null): void { host.setMapValue(MapType.HttpResponseHeaders, name, value); }
  addHttpResponseHeader(name: string, value: string): void { host.addMapValue(MapType.HttpResponseHeaders, name, value); }
  getHttpResponseHeaderBytes(name: ArrayBuffer): ArrayBuffer | null { return host.getMapValueBytes(MapType.HttpResponseHeaders, name); }
  setHttpResponseHeaderBytes(name: ArrayBuffer, value: ArrayBuffer | null): void { host.setMapValueBytes(MapType.HttpResponseHeaders, name, value); }
  addHttpResponseHeaderBytes(name: ArrayBuffer, value: ArrayBuffer): void { host.addMapValueBytes(MapType.HttpResponseHeaders, name, value); }
  getHttpResponseTrailer(name: string): string | null { return host.getMapValue(MapType.HttpResponseTrailers, name); }
  getHttpResponseBody(start: u32, maxSize: u32): ArrayBuffer | null { return host.getBufferBytes(BufferType.HttpResponseBody, start, maxSize); }
  setHttpResponseBody(start: u32, size: u32, value: ArrayBuffer): void { host.setBufferBytes(BufferType.HttpResponseBody, start, size, value); }
  resumeHttpResponse(): void { host.continueStream(StreamType.Response); }

  /** Answer the client directly (takes effect when the current callback returns). */
  sendHttpResponse(status: u32, headers: Header[], body: string): void {
    host.sendLocalResponse(status, "", String.UTF8.encode(body), headers);
  }

  /** An http call whose answer arrives in this context's onHttpCallResponse; 0 when refused. */
  dispatchHttpCall(upstream: string, headers: Header[], body: ArrayBuffer | null, trailers: Header[], timeoutMs: u32): u32 {
    const token = host.httpCall(upstream, headers, body, trailers, timeoutMs);
    if (token != 0) pendingCalls.set(token, this);
    return token;
  }
  getHttpCallResponseHeaders(): Header[] { return host.getMapPairs(MapType.HttpCallResponseHeaders); }
  getHttpCallResponseHeader(name: string): string | null { return host.getMapValue(MapType.HttpCallResponseHeaders, name); }
  getHttpCallResponseBody(start: u32, maxSize: u32): ArrayBuffer | null { return host.getBufferBytes(BufferType.HttpCallResponseBody, start, maxSize); }

  getProperty(path: string[]): string | null { return host.getPropertyString(path); }
}

// ---- registry -------------------------------------------------------------------------------------

const POOL_SIZE = 64;

/** Largest direct-mapped table; beyond it colliding contexts go to the overflow map. */
const MAX_DIRECT = 4096;

/**
 * Stream contexts by id. The host numbers contexts sequentially, so a table indexed by
 * `id & (size - 1)` holds nearly every context in a slot of its own: a lookup is one probe. When
 * a new id lands on a live one (a stream outlived `size` newer ones) the table doubles, which never
 * makes two live ids collide; past MAX_DIRECT slots such a long-lived stream's successor goes to
 * an overflow map instead. Every operation is O(1): linear probing over sequential ids formed one
 * probe run as long as the number of streams in flight, which each deletion had to walk.
 */
export class ContextTable {
  ids: StaticArray<u32> = new StaticArray<u32>(64);
  ctxs: StaticArray<HttpContext | null> = new StaticArray<HttpContext | null>(64);
  overflow: Map<u32, HttpContext> = new Map<u32, HttpContext>();
  size: i32 = 0;

  @inline private slot(id: u32): i32 {
    return <i32>(id & <u32>(this.ids.length - 1));
  }
  has(id: u32): bool {
    if (id == 0) return false;
    if (unchecked(this.ids[this.slot(id)]) == id) return true;
    return this.overflow.size > 0 && this.overflow.has(id);
  }
  get(id: u32): HttpContext {
    const i = this.slot(id);
    if (id != 0 && unchecked(this.ids[i]) == id) return unchecked(this.ctxs[i]) as HttpContext;
    return this.overflow.get(id);
  }
  set(id: u32, ctx: HttpContext): void {
    if (this.overflow.size > 0 && this.overflow.has(id)) {
      this.overflow.set(id, ctx);
      return;
    }
    while (true) {
      const i = this.slot(id);
      const k = unchecked(this.ids[i]);
      if (k == 0 || k == id) {
        if (k == 0) this.size++;
        unchecked((this.ids[i] = id));
        unchecked((this.ctxs[i] = ctx));
        return;
      }
      if (this.ids.length >= MAX_DIRECT) {
        this.overflow.set(id, ctx);
        this.size++;
        return;
      }
      this.grow();
    }
  }
  delete(id: u32): void {
    this.take(id);
  }
  /** Remove the context of `id` and return it (null when there is none). */
  take(id: u32): HttpContext | null {
    if (id == 0) return null;
    const i = this.slot(id);
    if (unchecked(this.ids[i]) == id) {
      const found = unchecked(this.ctxs[i]);
      unchecked((this.ids[i] = 0));
      unchecked((this.ctxs[i] = null));
      this.size--;
      return found;
    }
    if (this.overflow.size > 0 && this.overflow.has(id)) {
      const found = this.overflow.get(id);
      this.overflow.delete(id);
      this.size--;
      return found;
    }
    return null;
  }
  /** Double the table: ids distinct modulo n stay distinct modulo 2n, so nothing collides. */
  private grow(): void {
    const ids = this.ids;
    const ctxs = this.ctxs;
    const n = ids.length * 2;
    this.ids = new StaticArray<u32>(n);
    this.ctxs = new StaticArray<HttpContext | null>(n);
    for (let i = 0; i < ids.length; i++) {
      const k = unchecked(ids[i]);
      if (k != 0) {
        const j = <i32>(k & <u32>(n - 1));
        unchecked((this.ids[j] = k));
        unchecked((this.ctxs[j] = unchecked(ctxs[i])));
      }
    }
  }
}

let rootFactory: ((contextId: u32) => RootContext) | null = null;
export const roots = new Map<u32, RootContext>();
export const streams = new ContextTable();
export const pendingCalls = new Map<u32, HttpContext>();

/** Register the filter: `setRootContext((id) => new MyRoot(id))` at module top level. */
export function setRootContext(factory: (contextId: u32) => RootContext): void {
  rootFactory = factory;
}

// the stream of the previous callback: consecutive callbacks usually concern the same stream
let lastId: u32 = 0;
let last: HttpContext | null = null;

/** The HttpContext of stream `id` (aborts when there is none). */
export function streamFor(id: u32): HttpContext {
  if (id == lastId && last != null) return last as HttpContext;
  const s = streams.get(id);
  lastId = id;
  last = s;
  return s;
}

/** The HttpContext of stream `id`, or null when `id` is not a stream. */
export function streamOrNull(id: u32): HttpContext | null {
  if (id == lastId && last != null) return last;
  return streams.has(id) ? streamFor(id) : null;
}

/** Stream `id` ended: drop it from the cache of streamFor. */
export function forgetStream(id: u32): void {
  if (id == lastId) {
    lastId = 0;
    last = null;
  }
}

let lastRootId: u32 = 0;
let lastRoot: RootContext | null = null;

export function createContext(contextId: u32, rootId: u32): void {
  if (rootId == 0) {
    const f = rootFactory;
    const r = f == null ? new RootContext(contextId) : f(contextId);
    r.pooling = r.poolHttpContexts();
    roots.set(contextId, r);
    return;
  }
  let root: RootContext;
  if (rootId == lastRootId && lastRoot != null) root = lastRoot as RootContext;
  else {
    root = roots.has(rootId) ? roots.get(rootId) : new RootContext(rootId);
    lastRootId = rootId;
    lastRoot = root;
  }
  const n = root.pooled;
  if (n > 0) {
    const reused = unchecked(root.pool[n - 1]) as HttpContext;
    unchecked((root.pool[n - 1] = null));
    root.pooled = n - 1;
    reused.reset(contextId);
    streams.set(contextId, reused);
    return;
  }
  const ctx = root.createHttpContext(contextId);
  streams.set(contextId, ctx == null ? new HttpContext(contextId, root) : ctx);
}

/** A root context ended. */
export function deleteRoot(rootId: u32): void {
  if (rootId == lastRootId) {
    lastRootId = 0;
    lastRoot = null;
  }
  if (roots.has(rootId)) roots.delete(rootId);
}

/** A stream ended: keep its context for reuse when its root pools them. */
export function releaseContext(ctx: HttpContext): void {
  // answers to its calls can no longer reach it (nor a stream that reuses it)
  if (pendingCalls.size > 0) {
    const tokens = pendingCalls.keys();
    for (let i = 0; i < tokens.length; i++) if (pendingCalls.get(tokens[i]) == ctx) pendingCalls.delete(tokens[i]);
  }
  const root = ctx.root;
  const n = root.pooled;
  if (root.pooling && n < POOL_SIZE) {
    unchecked((root.pool[n] = ctx));
    root.pooled = n + 1;
  }
}

export { Status };
