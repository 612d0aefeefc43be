// Example: external authorization via http_call. Each request is paused while the authorization
// service (a cluster) is asked; 2xx continues the request with the headers the service named,
// anything else is answered locally with the service's status and body. A failed call answers
// 503 (or continues, with "fail_open": true).
// Configuration (JSON):
//   {"cluster": "authz", "path": "/check", "timeout_ms": 1000,
//    "forward_headers": ["authorization"], "upstream_headers": ["x-user"], "fail_open": false}
export * from "./sdk/exports";
import { Action, Header, HttpContext, logWarn, RootContext, setRootContext } from "./sdk";
import { JsonKind, parseJson } from "./sdk/json";

class AuthzRoot extends RootContext {
  poolHttpContexts(): bool {
    return true;
  }
  cluster: string = "authz";
  path: string = "/check";
  timeoutMs: u32 = 1000;
  forward: string[] = [];
  upstream: string[] = [];
  failOpen: bool = false;

  onConfigure(size: usize): bool {
    const cfg = parseJson(this.getPluginConfiguration());
    if (cfg == null || cfg.kind != JsonKind.Object) return false;
    this.cluster = cfg.getString("cluster", "authz");
    this.path = cfg.getString("path", "/check");
    this.timeoutMs = <u32>cfg.getNumber("timeout_ms", 1000);
    this.forward = cfg.getStrings("forward_headers");
    this.upstream = cfg.getStrings("upstream_headers");
    this.failOpen = cfg.getBool("fail_open", false);
    return true;
  }
  createHttpContext(id: u32): HttpContext | null {
    return new Authz(id, this);
  }
}

class Authz extends HttpContext {
  reset(contextId: u32): void {
    super.reset(contextId);
    this.waiting = false;
  }
  waiting: bool = false;

  onHttpRequestHeaders(n: usize, eos: bool): Action {
    const root = this.root as AuthzRoot;
    const headers: Header[] = [
      new Header(":method", "GET"),
      new Header(":path", root.path),
      new Header(":authority", root.cluster),
      new Header("x-original-method", this.getHttpRequestHeader(":method") || ""),
      new Header("x-original-path", this.getHttpRequestHeader(":path") || ""),
    ];
    for (let i = 0; i < root.forward.length; i++) {
      const v = this.getHttpRequestHeader(root.forward[i]);
      if (v != null) headers.push(new Header(root.forward[i], v));
    }
    const token = this.dispatchHttpCall(root.cluster, headers, null, [], root.timeoutMs);
    if (token == 0) {
      logWarn("ext_authz: cannot call cluster " + root.cluster);
      if (root.failOpen) return Action.Continue;
      this.sendHttpResponse(503, [], "authorization service unavailable\n");
      return Action.Pause;
    }
    this.waiting = true;
    return Action.Pause;
  }

  // body arriving while we wait must not release the request (Envoy's StopIteration semantics)
  onHttpRequestBody(size: usize, eos: bool): Action {
    return this.waiting ? Action.Pause : Action.Continue;
  }

  onHttpCallResponse(token: u32, numHeaders: u32, bodySize: usize, numTrailers: u32): void {
    const root = this.root as AuthzRoot;
    this.waiting = false;
    if (numHeaders == 0) {
      if (root.failOpen) this.resumeHttpRequest();
      else this.sendHttpResponse(503, [], "authorization service unavailable\n");
      return;
    }
    const status = I32.parseInt(this.getHttpCallResponseHeader(":status") || "500");
    if (status >= 200 && status < 300) {
      for (let i = 0; i < root.upstream.length; i++) {
        const v = this.getHttpCallResponseHeader(root.upstream[i]);
        if (v != null) this.setHttpRequestHeader(root.upstream[i], v);
      }
      this.resumeHttpRequest();
      return;
    }
    const body = this.getHttpCallResponseBody(0, <u32>bodySize);
    const ct = this.getHttpCallResponseHeader("content-type");
    const headers: Header[] = [];
    if (ct != null) headers.push(new Header("content-type", ct));
    this.sendHttpResponse(<u32>status, headers, body == null ? "" : String.UTF8.decode(body));
  }
}

setRootContext((id: u32): RootContext => new AuthzRoot(id));
