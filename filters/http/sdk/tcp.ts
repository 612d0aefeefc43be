// TcpContext: a network (L4) filter's per-connection context, in the Rust SDK's StreamContext
// vocabulary (on_new_connection, on_downstream_data, on_downstream_close, on_upstream_data,
// on_upstream_close). It extends HttpContext so the SDK's one context table and
// RootContext.createHttpContext serve both kinds: a network filter's root returns a TcpContext
// there. The callbacks that dispatch to it are in ./network.
import { HttpContext } from "./context";
import * as host from "./hostcalls";
import { Action, BufferType, PeerType, StreamType } from "./types";

export class TcpContext extends HttpContext {
  /** A client connected (Pause: hold the connection until resumeDownstream or data passes). */
  onNewConnection(): Action { return Action.Continue; }
  /** `size` bytes from the client are readable (all this filter holds); eos: the client half-closed. */
  onDownstreamData(size: usize, endOfStream: bool): Action { return Action.Continue; }
  /** `size` bytes from the upstream are readable; eos: the upstream half-closed. */
  onUpstreamData(size: usize, endOfStream: bool): Action { return Action.Continue; }
  onDownstreamClose(peer: PeerType): void {}
  onUpstreamClose(peer: PeerType): void {}

  getDownstreamData(start: u32, maxSize: u32): ArrayBuffer | null { return host.getBufferBytes(BufferType.DownstreamData, start, maxSize); }
  /** Replace `size` bytes at 0 (start 0; size 0 prepends) or append (start ≥ the length). */
  setDownstreamData(start: u32, size: u32, value: ArrayBuffer): void { host.setBufferBytes(BufferType.DownstreamData, start, size, value); }
  getUpstreamData(start: u32, maxSize: u32): ArrayBuffer | null { return host.getBufferBytes(BufferType.UpstreamData, start, maxSize); }
  setUpstreamData(start: u32, size: u32, value: ArrayBuffer): void { host.setBufferBytes(BufferType.UpstreamData, start, size, value); }
  resumeDownstream(): void { host.continueStream(StreamType.Downstream); }
  resumeUpstream(): void { host.continueStream(StreamType.Upstream); }
  /** Close the connection (both sides), after the current callback. */
  closeDownstream(): void { host.closeStream(StreamType.Downstream); }
  closeUpstream(): void { host.closeStream(StreamType.Upstream); }
}
