// The stream callbacks (proxy-wasm ABI 0.2.1), dispatched to the stream's HttpContext. A filter
// may export only those its contexts implement: the host skips callbacks a module does not
// export (as Envoy does), and each one skipped saves an interpreter entry per request. Export
// proxy_on_done and proxy_on_log when a context overrides onDone or onLog.
import { roots, streamFor, streamOrNull } from "./context";

export function proxy_on_request_headers(id: u32, n: u32, eos: u32): u32 {
  return streamFor(id).onHttpRequestHeaders(n, eos != 0);
}
export function proxy_on_request_body(id: u32, size: u32, eos: u32): u32 {
  return streamFor(id).onHttpRequestBody(size, eos != 0);
}
export function proxy_on_request_trailers(id: u32, n: u32): u32 {
  return streamFor(id).onHttpRequestTrailers(n);
}
export function proxy_on_response_headers(id: u32, n: u32, eos: u32): u32 {
  return streamFor(id).onHttpResponseHeaders(n, eos != 0);
}
export function proxy_on_response_body(id: u32, size: u32, eos: u32): u32 {
  return streamFor(id).onHttpResponseBody(size, eos != 0);
}
export function proxy_on_response_trailers(id: u32, n: u32): u32 {
  return streamFor(id).onHttpResponseTrailers(n);
}
export function proxy_on_done(id: u32): u32 {
  const s = streamOrNull(id);
  if (s != null) return s.onDone() ? 1 : 0;
  if (roots.has(id)) return roots.get(id).onDone() ? 1 : 0;
  return 1;
}
export function proxy_on_log(id: u32): void {
  const s = streamOrNull(id);
  if (s != null) s.onLog();
}
