// Test filter (not an example): misbehaves on request, for the failure-policy and limits tests.
// The request header "x-chaos" chooses how:
//   trap   unreachable            spin   loop forever (runs out of fuel)
//   grow   allocate until memory runs out        abort  an AssemblyScript abort
//   hold   pause and never resume                log    log at every level
// A configuration of "fail-configure" makes proxy_on_configure return false.
export * from "./sdk/exports";
import { Action, HttpContext, log, LogLevel, RootContext, setRootContext } from "./sdk";

let sink: ArrayBuffer[] = [];
let spins: i32 = 0;

class ChaosRoot extends RootContext {
  ticks: i32 = 0;
  onConfigure(size: usize): bool {
    return this.getPluginConfiguration() != "fail-configure";
  }
  onTick(): void {
    this.ticks++;
  }
  createHttpContext(id: u32): HttpContext | null {
    return new Chaos(id, this);
  }
}

class Chaos extends HttpContext {
  onHttpRequestHeaders(n: usize, eos: bool): Action {
    const how = this.getHttpRequestHeader("x-chaos");
    if (how == null) {
      this.addHttpRequestHeader("x-chaos-passed", "1");
      return Action.Continue;
    }
    if (how == "trap") unreachable();
    if (how == "spin") {
      while (spins != -1) spins = (spins + 1) & 0x3fffffff;
    }
    if (how == "grow") {
      while (true) sink.push(new ArrayBuffer(1 << 20));
    }
    if (how == "abort") assert(false, "chaos abort");
    if (how == "hold") return Action.Pause;
    if (how == "log") {
      for (let l = 0; l <= 5; l++) log(<LogLevel>l, "chaos log level " + l.toString());
    }
    return Action.Continue;
  }
}

setRootContext((id: u32): RootContext => new ChaosRoot(id));
