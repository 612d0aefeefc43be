// The callbacks the host calls (proxy-wasm ABI 0.2.1), dispatched to the registered contexts,
// and the allocator the host uses for data it returns.
import { createContext, HttpContext, pendingCalls, releaseContext, roots, streams } from "./context";
import { log } from "./hostcalls";
import { setEffectiveContext } from "./hostcalls";
import { LogLevel } from "./types";

export function proxy_abi_version_0_2_1(): void {}

/** Memory for data the host returns: an ArrayBuffer, pinned until the SDK takes it over. */
export function malloc(size: usize): usize {
  return __pin(changetype<usize>(new ArrayBuffer(<i32>size)));
}

export function proxy_on_context_create(contextId: u32, rootId: u32): void {
  createContext(contextId, rootId);
}
export function proxy_on_vm_start(rootId: u32, size: u32): u32 {
  return roots.get(rootId).onVmStart(size) ? 1 : 0;
}
export function proxy_on_configure(rootId: u32, size: u32): u32 {
  return roots.get(rootId).onConfigure(size) ? 1 : 0;
}
export function proxy_on_tick(rootId: u32): void {
  roots.get(rootId).onTick();
}
export function proxy_on_queue_ready(rootId: u32, queueId: u32): void {
  roots.get(rootId).onQueueReady(queueId);
}
// the stream of the previous callback: consecutive callbacks usually concern the same stream
let lastId: u32 = 0;
let last: HttpContext | null = null;

function stream(id: u32): HttpContext {
  if (id == lastId && last != null) return last as HttpContext;
  const s = streams.get(id);
  lastId = id;
  last = s;
  return s;
}

export function proxy_on_request_headers(id: u32, n: u32, eos: u32): u32 {
  return stream(id).onHttpRequestHeaders(n, eos != 0);
}
export function proxy_on_request_body(id: u32, size: u32, eos: u32): u32 {
  return stream(id).onHttpRequestBody(size, eos != 0);
}
export function proxy_on_request_trailers(id: u32, n: u32): u32 {
  return stream(id).onHttpRequestTrailers(n);
}
export function proxy_on_response_headers(id: u32, n: u32, eos: u32): u32 {
  return stream(id).onHttpResponseHeaders(n, eos != 0);
}
export function proxy_on_response_body(id: u32, size: u32, eos: u32): u32 {
  return stream(id).onHttpResponseBody(size, eos != 0);
}
export function proxy_on_response_trailers(id: u32, n: u32): u32 {
  return stream(id).onHttpResponseTrailers(n);
}
export function proxy_on_http_call_response(rootId: u32, token: u32, numHeaders: u32, bodySize: u32, numTrailers: u32): void {
  if (pendingCalls.has(token)) {
    const ctx = pendingCalls.get(token);
    pendingCalls.delete(token);
    if (!streams.has(ctx.contextId)) return; // the stream ended meanwhile
    setEffectiveContext(ctx.contextId);
    ctx.onHttpCallResponse(token, numHeaders, bodySize, numTrailers);
    return;
  }
  if (roots.has(rootId)) roots.get(rootId).onHttpCallResponse(token, numHeaders, bodySize, numTrailers);
}
export function proxy_on_done(id: u32): u32 {
  if (id == lastId && last != null) return (last as HttpContext).onDone() ? 1 : 0;
  if (streams.has(id)) return streams.get(id).onDone() ? 1 : 0;
  if (roots.has(id)) return roots.get(id).onDone() ? 1 : 0;
  return 1;
}
export function proxy_on_log(id: u32): void {
  if (id == lastId && last != null) (last as HttpContext).onLog();
  else if (streams.has(id)) streams.get(id).onLog();
}
let deletes: u32 = 0;

export function proxy_on_delete(id: u32): void {
  if (id == lastId) {
    lastId = 0;
    last = null;
  }
  if (streams.has(id)) {
    releaseContext(streams.get(id));
    streams.delete(id);
  } else roots.delete(id);
  // filters build with the "minimal" runtime: collect garbage every few streams instead of
  // stepping an incremental collector on every allocation (cheaper per request, memory bounded)
  if (++deletes % GC_EVERY == 0) __collect();
}

const GC_EVERY: u32 = 1024;

/** AssemblyScript's abort (failed assertions, thrown errors): log, then trap. */
// @ts-ignore: decorator
@global
export function proxy_abort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  let m = "abort: " + (message == null ? "" : message);
  if (fileName != null) m += " at " + fileName + ":" + line.toString() + ":" + column.toString();
  log(LogLevel.Critical, m);
  unreachable();
}
