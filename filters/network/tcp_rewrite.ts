// Example network (L4) filter: counts connections and bytes both ways (metrics
// tcp_rewrite.connections, tcp_rewrite.downstream_bytes, tcp_rewrite.upstream_bytes), logs the
// connection's addresses and every close, and rewrites the stream as its configuration asks
// (words separated by ";"):
//   upper          upper-case what the client sends (the buffer replaced in place)
//   banner=TEXT    prepend TEXT to the first bytes the upstream sends
//   trailer=TEXT   append TEXT when the upstream half-closes (end of stream)
//   lines          hold what the client sends until it holds a newline (Pause), then pass it all
//   hold           pause each new connection (and its data) until the next tick, which resumes it
//                  with proxy_continue_stream through proxy_set_effective_context (bytes held
//                  meanwhile pass as they are: the other options act in data callbacks only)
export * from "../http/sdk/abi";
export * from "../http/sdk/network";
export { proxy_on_log } from "../http/sdk/callbacks";
import {
  Action, defineMetric, getPropertyString, HttpContext, incrementMetric, logInfo, MetricType, PeerType,
  RootContext, setRootContext, TcpContext,
} from "../http/sdk";
import { setEffectiveContext } from "../http/sdk/hostcalls";

const PEERS = ["unknown", "local", "remote"];

class RewriteRoot extends RootContext {
  upper: bool = false;
  lines: bool = false;
  hold: bool = false;
  banner: ArrayBuffer | null = null;
  trailer: ArrayBuffer | null = null;
  connections: u32 = 0;
  downBytes: u32 = 0;
  upBytes: u32 = 0;
  /** connections paused by "hold", resumed on the next tick */
  waiting: Rewrite[] = [];

  onConfigure(size: usize): bool {
    const words = this.getPluginConfiguration().split(";");
    for (let i = 0; i < words.length; i++) {
      const w = words[i].trim();
      if (w == "") continue;
      if (w == "upper") this.upper = true;
      else if (w == "lines") this.lines = true;
      else if (w == "hold") this.hold = true;
      else if (w.startsWith("banner=")) this.banner = String.UTF8.encode(w.slice(7));
      else if (w.startsWith("trailer=")) this.trailer = String.UTF8.encode(w.slice(8));
      else {
        logInfo("unknown option: " + w);
        return false;
      }
    }
    this.connections = defineMetric(MetricType.Counter, "tcp_rewrite.connections");
    this.downBytes = defineMetric(MetricType.Counter, "tcp_rewrite.downstream_bytes");
    this.upBytes = defineMetric(MetricType.Counter, "tcp_rewrite.upstream_bytes");
    if (this.hold) this.setTickPeriod(20);
    return true;
  }

  onTick(): void {
    const w = this.waiting;
    for (let i = 0; i < w.length; i++) {
      const c = w[i];
      c.holding = false;
      // the connection may have closed meanwhile: the host then refuses the context
      if (setEffectiveContext(c.contextId) == 0) c.resumeDownstream();
    }
    this.waiting = [];
  }

  createHttpContext(id: u32): HttpContext | null {
    return new Rewrite(id, this);
  }
}

class Rewrite extends TcpContext {
  holding: bool = false;
  sentBanner: bool = false;
  down: u64 = 0;
  up: u64 = 0;

  get cfg(): RewriteRoot {
    return <RewriteRoot>this.root;
  }

  onNewConnection(): Action {
    const r = this.cfg;
    incrementMetric(r.connections, 1);
    const src = getPropertyString(["source", "address"]);
    const dst = getPropertyString(["destination", "address"]);
    logInfo("new connection from " + (src == null ? "?" : src) + " to " + (dst == null ? "?" : dst));
    if (r.hold) {
      this.holding = true;
      r.waiting.push(this);
      return Action.Pause;
    }
    return Action.Continue;
  }

  onDownstreamData(size: usize, eos: bool): Action {
    const r = this.cfg;
    if (this.holding) return Action.Pause;
    if (eos) logInfo("downstream end of stream");
    if (size == 0) return Action.Continue;
    const data = this.getDownstreamData(0, <u32>size);
    if (data == null) return Action.Continue;
    const bytes = Uint8Array.wrap(data);
    if (r.lines && !eos && bytes.indexOf(10) < 0) return Action.Pause;
    if (r.upper) {
      for (let i = 0; i < bytes.length; i++) {
        const c = bytes[i];
        if (c >= 97 && c <= 122) bytes[i] = c - 32;
      }
      this.setDownstreamData(0, <u32>size, data);
    }
    this.down += size;
    incrementMetric(r.downBytes, <i64>size);
    return Action.Continue;
  }

  onUpstreamData(size: usize, eos: bool): Action {
    const r = this.cfg;
    this.up += size;
    incrementMetric(r.upBytes, <i64>size);
    const banner = r.banner;
    if (!this.sentBanner && banner != null && size > 0) {
      this.sentBanner = true;
      this.setUpstreamData(0, 0, banner); // start 0, nothing replaced: prepended
    }
    if (eos) {
      logInfo("upstream end of stream");
      const trailer = r.trailer;
      if (trailer != null) this.setUpstreamData(<u32>size + (banner != null && this.sentBanner ? banner.byteLength : 0), 0, trailer);
    }
    return Action.Continue;
  }

  onDownstreamClose(peer: PeerType): void {
    logInfo("downstream closed (" + PEERS[<i32>peer] + ")");
  }
  onUpstreamClose(peer: PeerType): void {
    logInfo("upstream closed (" + PEERS[<i32>peer] + ")");
  }
  onLog(): void {
    logInfo("connection done: " + this.down.toString() + " bytes from downstream, " + this.up.toString() + " from upstream");
  }
}

setRootContext((id: u32): RootContext => new RewriteRoot(id));
