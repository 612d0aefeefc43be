// The network (L4) filter callbacks (proxy-wasm ABI 0.2.1), dispatched to the connection's
// TcpContext. A network filter exports ./abi, these, and proxy_on_done / proxy_on_log from
// ./callbacks when its context overrides onDone / onLog.
import { RootContext, streamFor } from "./context";
import { TcpContext } from "./tcp";
import { collect } from "./gc";
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
  const r = tcp(id).onDownstreamData(size, eos != 0);
  collectAfter(size);
  return r;
}
export function proxy_on_upstream_data(id: u32, size: u32, eos: u32): u32 {
  const r = tcp(id).onUpstreamData(size, eos != 0);
  collectAfter(size);
  return r;
}

// The minimal runtime collects only when asked (./abi: every 1024 finished streams). One long
// connection can show a filter gigabytes, and each buffer it reads is garbage afterwards: collect
// once the data shown since the last collection passes COLLECT_BYTES, so memory stays bounded.
const COLLECT_BYTES: u32 = 4 << 20;
let shown: u32 = 0;
function collectAfter(size: u32): void {
  shown += size;
  if (shown >= COLLECT_BYTES) {
    shown = 0;
    collect();
  }
}
export function proxy_on_downstream_connection_close(id: u32, peer: u32): void {
  tcp(id).onDownstreamClose(<PeerType>peer);
}
export function proxy_on_upstream_connection_close(id: u32, peer: u32): void {
  tcp(id).onUpstreamClose(<PeerType>peer);
}
