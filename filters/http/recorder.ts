// Test filter (not an example): logs every callback ("<callback> <size> <eos>") and answers as its
// configuration says, for the lifecycle tests.
// Configuration (JSON):
//   {"pause": ["request_headers", "request_body", "request_trailers", "response_headers",
//              "response_body", "response_trailers"],        callbacks that return Pause
//    "pause_until_eos": true,         body callbacks pause until end_of_stream
//    "resume_on_tick": true,          paused streams are resumed from the root's on_tick
//    "local_reply_on": "request_headers" | "request_body" | "response_headers",
//    "tick_ms": 100,
//    "log_headers": true,             also log the request's pseudo-headers and every trailer seen
//    "response_trailer": ["x-name", "value"]}   set this response trailer (in on_http_response_trailers)
export * from "./sdk/exports";
import { Action, Header, HttpContext, logInfo, RootContext, setRootContext } from "./sdk";
import { setEffectiveContext, continueStream, getMapPairs, setMapValue } from "./sdk/hostcalls";
import { MapType, StreamType } from "./sdk/types";
import { JsonKind, parseJson } from "./sdk/json";

class RecorderRoot extends RootContext {
  pause: string[] = [];
  untilEos: bool = false;
  resumeOnTick: bool = false;
  localReplyOn: string = "";
  paused: u32[] = [];
  logHeaders: bool = false;
  responseTrailer: string[] = [];

  onVmStart(size: usize): bool {
    logInfo("vm_start " + size.toString() + " " + this.getVmConfiguration());
    return true;
  }
  onConfigure(size: usize): bool {
    const text = this.getPluginConfiguration();
    logInfo("configure " + size.toString());
    if (text.length == 0) return true;
    const cfg = parseJson(text);
    if (cfg == null || cfg.kind != JsonKind.Object) return false;
    this.pause = cfg.getStrings("pause");
    this.untilEos = cfg.getBool("pause_until_eos", false);
    this.resumeOnTick = cfg.getBool("resume_on_tick", false);
    this.localReplyOn = cfg.getString("local_reply_on", "");
    this.logHeaders = cfg.getBool("log_headers", false);
    this.responseTrailer = cfg.getStrings("response_trailer");
    const tick = <u32>cfg.getNumber("tick_ms", 0);
    if (tick > 0) this.setTickPeriod(tick);
    return true;
  }
  onTick(): void {
    logInfo("tick " + this.paused.length.toString());
    if (!this.resumeOnTick) return;
    for (let i = 0; i < this.paused.length; i++) {
      setEffectiveContext(this.paused[i]);
      continueStream(StreamType.Request);
      continueStream(StreamType.Response);
    }
    this.paused = [];
  }
  createHttpContext(id: u32): HttpContext | null {
    logInfo("create " + id.toString());
    return new Recorder(id, this);
  }
}

class Recorder extends HttpContext {
  act(cb: string, size: usize, eos: bool, body: bool): Action {
    const root = this.root as RecorderRoot;
    logInfo(cb + " " + size.toString() + " " + (eos ? "eos" : "more"));
    if (root.localReplyOn == cb) {
      this.sendHttpResponse(418, [new Header("x-local", cb)], "local from " + cb);
      return Action.Pause;
    }
    if (body && root.untilEos && !eos) return Action.Pause;
    if (root.pause.includes(cb)) {
      if (root.resumeOnTick) root.paused.push(this.contextId);
      return Action.Pause;
    }
    return Action.Continue;
  }
  onHttpRequestHeaders(n: usize, eos: bool): Action {
    if ((this.root as RecorderRoot).logHeaders) {
      const names = [":method", ":path", ":authority", ":scheme"];
      let line = "pseudo";
      for (let i = 0; i < names.length; i++) line += " " + names[i] + "=" + (this.getHttpRequestHeader(names[i]) || "-");
      logInfo(line);
    }
    return this.act("request_headers", n, eos, false);
  }
  logPairs(what: string, type: MapType): void {
    if (!(this.root as RecorderRoot).logHeaders) return;
    const pairs = getMapPairs(type);
    let line = what;
    for (let i = 0; i < pairs.length; i++) line += " " + pairs[i].name + "=" + pairs[i].value;
    logInfo(line);
  }
  onHttpRequestBody(size: usize, eos: bool): Action { return this.act("request_body", size, eos, true); }
  onHttpRequestTrailers(n: usize): Action {
    this.logPairs("request_trailer_pairs", MapType.HttpRequestTrailers);
    return this.act("request_trailers", n, false, false);
  }
  onHttpResponseHeaders(n: usize, eos: bool): Action { return this.act("response_headers", n, eos, false); }
  onHttpResponseBody(size: usize, eos: bool): Action { return this.act("response_body", size, eos, true); }
  onHttpResponseTrailers(n: usize): Action {
    this.logPairs("response_trailer_pairs", MapType.HttpResponseTrailers);
    const t = (this.root as RecorderRoot).responseTrailer;
    if (t.length == 2) setMapValue(MapType.HttpResponseTrailers, t[0], t[1]);
    return this.act("response_trailers", n, false, false);
  }
  onDone(): bool { logInfo("done"); return true; }
  onLog(): void { logInfo("log " + (this.getHttpResponseHeader(":status") || "-")); }
}

setRootContext((id: u32): RootContext => new RecorderRoot(id));
