// The exports every filter needs (proxy-wasm ABI 0.2.1): the ABI marker, the allocator the host
// uses for data it returns, context creation and deletion, the root context's callbacks and
// AssemblyScript's abort. The stream callbacks are in ./callbacks; ./exports has both.
import { createContext, deleteRoot, forgetStream, pendingCalls, releaseContext, roots, streams } from "./context";
import { hostAlloc, log, setEffectiveContext } from "./hostcalls";
import { collectIfAllocated } from "./gc";
import { LogLevel } from "./types";

export function proxy_abi_version_0_2_1(): void {}

/** Memory for data the host returns: an ArrayBuffer, pinned until the SDK takes it over. */
export function malloc(size: usize): usize {
  return hostAlloc(size);
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
let deletes: u32 = 0;

export function proxy_on_delete(id: u32): void {
  forgetStream(id);
  const ctx = streams.take(id);
  if (ctx != null) releaseContext(ctx);
  else deleteRoot(id);
  // filters build with the "minimal" runtime: collect garbage every few streams instead of
  // stepping an incremental collector on every allocation (cheaper per request, memory bounded),
  // and only when something was allocated since the last collection (./gc)
  if (++deletes % GC_EVERY == 0) collectIfAllocated();
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
