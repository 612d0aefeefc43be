// Test network filter (not an example): misbehaves on what the client sends, for the failure
// policy and limits tests. Data containing
//   trap   hits unreachable              spin   loops forever (runs out of fuel)
//   grow   allocates until memory runs out
// passes through otherwise.
export * from "../http/sdk/abi";
export * from "../http/sdk/network";
import { Action, HttpContext, RootContext, setRootContext, TcpContext } from "../http/sdk";

let sink: ArrayBuffer[] = [];
let spins: i32 = 0;

class ChaosRoot extends RootContext {
  createHttpContext(id: u32): HttpContext | null {
    return new Chaos(id, this);
  }
}

class Chaos extends TcpContext {
  onDownstreamData(size: usize, eos: bool): Action {
    if (size == 0) return Action.Continue;
    const data = this.getDownstreamData(0, <u32>size);
    const text = data == null ? "" : String.UTF8.decode(data);
    if (text.includes("trap")) unreachable();
    if (text.includes("spin")) {
      while (spins != -1) spins = (spins + 1) & 0x3fffffff;
    }
    if (text.includes("grow")) {
      while (true) sink.push(new ArrayBuffer(1 << 20));
    }
    return Action.Continue;
  }
}

setRootContext((id: u32): RootContext => new ChaosRoot(id));
