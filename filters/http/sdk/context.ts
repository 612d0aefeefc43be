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
  /** finished contexts kept for reuse (see poolHttpContexts) */
  pool: HttpContext[] = [];

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

/**
 * Stream contexts by id: an open-addressing table (ids are small and sequential), cheaper than
 * Map on the per-request path.
 */
export class ContextTable {
  ids: StaticArray<u32> = new StaticArray<u32>(64);
  ctxs: StaticArray<HttpContext | null> = new StaticArray<HttpContext | null>(64);
  size: i32 = 0;

  private find(id: u32): i32 {
    const mask = this.ids.length - 1;
    let i = <i32>(id & <u32>mask);
    while (true) {
      const k = unchecked(this.ids[i]);
      if (k == id || k == 0) return i;
      i = (i + 1) & mask;
    }
  }
  has(id: u32): bool {
    return unchecked(this.ids[this.find(id)]) == id;
  }
  get(id: u32): HttpContext {
    return unchecked(this.ctxs[this.find(id)]) as HttpContext;
  }
  set(id: u32, ctx: HttpContext): void {
    if ((this.size + 1) * 2 > this.ids.length) this.grow();
    const i = this.find(id);
    if (unchecked(this.ids[i]) == 0) this.size++;
    unchecked((this.ids[i] = id));
    unchecked((this.ctxs[i] = ctx));
  }
  delete(id: u32): void {
    const mask = this.ids.length - 1;
    let i = this.find(id);
    if (unchecked(this.ids[i]) != id) return;
    unchecked((this.ids[i] = 0));
    unchecked((this.ctxs[i] = null));
    this.size--;
    // re-insert the rest of the probe run
    i = (i + 1) & mask;
    while (unchecked(this.ids[i]) != 0) {
      const k = unchecked(this.ids[i]);
      const c = unchecked(this.ctxs[i]);
      unchecked((this.ids[i] = 0));
      unchecked((this.ctxs[i] = null));
      this.size--;
      this.set(k, c as HttpContext);
      i = (i + 1) & mask;
    }
  }
  private grow(): void {
    const ids = this.ids;
    const ctxs = this.ctxs;
    this.ids = new StaticArray<u32>(ids.length * 2);
    this.ctxs = new StaticArray<HttpContext | null>(ids.length * 2);
    this.size = 0;
    for (let i = 0; i < ids.length; i++) if (unchecked(ids[i]) != 0) this.set(unchecked(ids[i]), unchecked(ctxs[i]) as HttpContext);
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

let lastRootId: u32 = 0;
let lastRoot: RootContext | null = null;

export function createContext(contextId: u32, rootId: u32): void {
  if (rootId == 0) {
    const f = rootFactory;
    roots.set(contextId, f == null ? new RootContext(contextId) : f(contextId));
    return;
  }
  const root = rootId == lastRootId && lastRoot != null ? (lastRoot as RootContext) : roots.has(rootId) ? roots.get(rootId) : new RootContext(rootId);
  lastRootId = rootId;
  lastRoot = root;
  if (root.pool.length > 0) {
    const reused = root.pool.pop();
    reused.reset(contextId);
    streams.set(contextId, reused);
    return;
  }
  const ctx = root.createHttpContext(contextId);
  streams.set(contextId, ctx == null ? new HttpContext(contextId, root) : ctx);
}

/** A stream ended: keep its context for reuse when its root pools them. */
export function releaseContext(ctx: HttpContext): void {
  // answers to its calls can no longer reach it (nor a stream that reuses it)
  if (pendingCalls.size > 0) {
    const tokens = pendingCalls.keys();
    for (let i = 0; i < tokens.length; i++) if (pendingCalls.get(tokens[i]) == ctx) pendingCalls.delete(tokens[i]);
  }
  const root = ctx.root;
  if (root.poolHttpContexts() && root.pool.length < 64) root.pool.push(ctx);
}

export { Status };
