// gRPC for filters: GrpcHttpContext (an HttpContext that makes gRPC calls and streams) and the
// gRPC callbacks of proxy-wasm ABI 0.2.1. A filter that uses them extends GrpcHttpContext and
// re-exports the four proxy_on_grpc_* functions of this module next to ./exports (other filters
// stay as small as before).
//
// The host delivers the callbacks to the root context; like the Rust SDK, they go to the stream
// that started the call (by token), with that stream as effective context. A unary call ends in
// proxy_on_grpc_receive (OK) or proxy_on_grpc_close (a failure status), both reported as
// onGrpcCallResponse; a stream reports each step. Answers for a stream that ended are dropped
// (the host also cancels its calls when its context is deleted).
import * as host from "./hostcalls";
import { HttpContext, streams } from "./context";
import { BufferType, Header, MapType, Status } from "./types";

class Pending {
  constructor(public ctx: GrpcHttpContext, public contextId: u32) {}
}
const pending = new Map<u32, Pending>();

export class GrpcHttpContext extends HttpContext {
  /** A gRPC call ended: status 0 with the response (getGrpcReceiveBuffer), else the failure status. */
  onGrpcCallResponse(tokenId: u32, status: u32, responseSize: usize): void {}
  onGrpcStreamInitialMetadata(tokenId: u32, numElements: u32): void {}
  onGrpcStreamMessage(tokenId: u32, messageSize: usize): void {}
  onGrpcStreamTrailingMetadata(tokenId: u32, numElements: u32): void {}
  onGrpcStreamClose(tokenId: u32, status: u32): void {}

  /** A unary gRPC call to a cluster (answered in onGrpcCallResponse); 0 when refused. */
  dispatchGrpcCall(cluster: string, serviceName: string, method: string, metadata: Header[], message: ArrayBuffer | null, timeoutMs: u32): u32 {
    const token = host.grpcCall(cluster, serviceName, method, metadata, message, timeoutMs);
    if (token != 0) pending.set(token, new Pending(this, this.contextId));
    return token;
  }
  /** A gRPC stream to a cluster (onGrpcStream* callbacks); 0 when refused. */
  openGrpcStream(cluster: string, serviceName: string, method: string, metadata: Header[]): u32 {
    const token = host.grpcStream(cluster, serviceName, method, metadata);
    if (token != 0) pending.set(token, new Pending(this, this.contextId));
    return token;
  }
  sendGrpcStreamMessage(token: u32, message: ArrayBuffer, endOfStream: bool): Status { return host.grpcSend(token, message, endOfStream); }
  /** Half-close a stream (its answers still arrive), or cancel a call. */
  closeGrpcStream(token: u32): Status { return host.grpcClose(token); }
  /** Reset a call or stream: nothing more arrives for it. */
  cancelGrpc(token: u32): Status {
    pending.delete(token);
    return host.grpcCancel(token);
  }
  getGrpcReceiveBuffer(size: u32): ArrayBuffer | null { return host.getBufferBytes(BufferType.GrpcReceiveBuffer, 0, size); }
  getGrpcInitialMetadataValue(name: string): string | null { return host.getMapValue(MapType.GrpcReceiveInitialMetadata, name); }
  getGrpcTrailingMetadataValue(name: string): string | null { return host.getMapValue(MapType.GrpcReceiveTrailingMetadata, name); }
  /** The message of the status the current onGrpcCallResponse/onGrpcStreamClose reports. */
  getGrpcStatusMessage(): string { return host.getStatusMessage(); }
}

/** Call tokens are odd, stream tokens even (the host's numbering). */
@inline function isCall(token: u32): bool {
  return (token & 1) == 1;
}

function target(token: u32, ends: bool): GrpcHttpContext | null {
  if (!pending.has(token)) return null;
  const p = pending.get(token);
  if (ends) pending.delete(token);
  // the stream ended meanwhile (its pooled context may serve another stream now)
  if (p.ctx.contextId != p.contextId || !streams.has(p.contextId)) {
    pending.delete(token);
    return null;
  }
  host.setEffectiveContext(p.contextId);
  return p.ctx;
}

export function proxy_on_grpc_receive_initial_metadata(rootId: u32, token: u32, n: u32): void {
  const ctx = target(token, false);
  if (ctx != null) ctx.onGrpcStreamInitialMetadata(token, n);
}
export function proxy_on_grpc_receive(rootId: u32, token: u32, size: u32): void {
  const ctx = target(token, isCall(token));
  if (ctx == null) return;
  if (isCall(token)) ctx.onGrpcCallResponse(token, 0, size);
  else ctx.onGrpcStreamMessage(token, size);
}
export function proxy_on_grpc_receive_trailing_metadata(rootId: u32, token: u32, n: u32): void {
  const ctx = target(token, false);
  if (ctx != null) ctx.onGrpcStreamTrailingMetadata(token, n);
}
export function proxy_on_grpc_close(rootId: u32, token: u32, status: u32): void {
  const ctx = target(token, true);
  if (ctx == null) return;
  if (isCall(token)) ctx.onGrpcCallResponse(token, status, 0);
  else ctx.onGrpcStreamClose(token, status);
}
