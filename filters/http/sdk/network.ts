// The network (L4) filter callbacks (proxy-wasm ABI 0.2.1), dispatched to the connection's
// TcpContext. A network filter exports ./abi, these, and proxy_on_done / proxy_on_log from
// ./callbacks when its context overrides onDone / onLog.
import { RootContext, streamFor } from "./context";
import { TcpContext } from "./tcp";
import { PeerType } from "./types";

// a root that created no TcpContext gets a pass-through one
const passThrough = new TcpContext(0, new RootContext(0));

function tcp(id: u32): TcpContext {
  const s = streamFor(id);
  return s instanceof TcpContext ? <TcpContext>s : passThrough;
}

export function proxy_on_new_connection(id: u32): u32 {
  return tcp(id).onNewConnection();
}
export function proxy_on_downstream_data(id: u32, size: u32, eos: u32): u32 {
  return tcp(id).onDownstreamData(size, eos != 0);
}
export function proxy_on_upstream_data(id: u32, size: u32, eos: u32): u32 {
  return tcp(id).onUpstreamData(size, eos != 0);
}
export function proxy_on_downstream_connection_close(id: u32, peer: u32): void {
  tcp(id).onDownstreamClose(<PeerType>peer);
}
export function proxy_on_upstream_connection_close(id: u32, peer: u32): void {
  tcp(id).onUpstreamClose(<PeerType>peer);
}
