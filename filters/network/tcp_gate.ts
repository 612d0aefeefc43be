// Example network (L4) filter: admits a connection only when the client's first bytes are the
// configured text (a protocol magic or greeting), closing it otherwise before a byte reaches the
// upstream. It waits (Pause) while fewer bytes than the text arrived; once admitted the rest of
// the connection passes untouched. Metrics: tcp_gate.accepted, tcp_gate.rejected.
export * from "../http/sdk/abi";
export * from "../http/sdk/network";
import { Action, defineMetric, HttpContext, incrementMetric, logWarn, MetricType, RootContext, setRootContext, TcpContext } from "../http/sdk";

class GateRoot extends RootContext {
  magic: Uint8Array = new Uint8Array(0);
  accepted: u32 = 0;
  rejected: u32 = 0;
  onConfigure(size: usize): bool {
    const b = String.UTF8.encode(this.getPluginConfiguration());
    if (b.byteLength == 0) return false; // nothing to check against
    this.magic = Uint8Array.wrap(b);
    this.accepted = defineMetric(MetricType.Counter, "tcp_gate.accepted");
    this.rejected = defineMetric(MetricType.Counter, "tcp_gate.rejected");
    return true;
  }
  createHttpContext(id: u32): HttpContext | null {
    return new Gate(id, this);
  }
}

class Gate extends TcpContext {
  admitted: bool = false;

  onDownstreamData(size: usize, eos: bool): Action {
    if (this.admitted) return Action.Continue;
    const r = <GateRoot>this.root;
    const magic = r.magic;
    const n = <u32>magic.length;
    const have = <u32>size < n ? <u32>size : n;
    if (have > 0) {
      const got = this.getDownstreamData(0, have);
      if (got == null) return this.reject("unreadable data");
      const b = Uint8Array.wrap(got);
      for (let i: u32 = 0; i < have; i++) if (b[i] != magic[i]) return this.reject("first bytes do not match");
    }
    if (have < n) return eos ? this.reject("closed before the greeting") : Action.Pause;
    this.admitted = true;
    incrementMetric(r.accepted, 1);
    return Action.Continue;
  }

  reject(why: string): Action {
    logWarn("rejected connection: " + why);
    incrementMetric((<GateRoot>this.root).rejected, 1);
    this.closeDownstream();
    return Action.Pause;
  }
}

setRootContext((id: u32): RootContext => new GateRoot(id));
