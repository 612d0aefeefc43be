// Example: authorization by a gRPC service, like the Rust SDK's grpc_auth_random. Each request
// is paused while the service is asked; its answer continues the request or ends it with a 403.
//
// mode "call": one unary call (service/method), the request's authorization header as the
// message. The reply "allow" continues (x-auth-reply carries it upstream); any other reply, or a
// failed call, answers 403 with x-grpc-status (the failure's gRPC status) and the status message.
//
// mode "stream": a stream (service/stream_method) sent three messages in order (method, path,
// authorization), then half-closed (end_of_stream on the last send, or proxy_grpc_close with
// "half_close": "close"). Every reply is collected; on close with OK the request continues with
// x-stream-replies (the replies, comma-joined, in order), x-initial-md and x-trailing-md (the
// server's x-md initial and trailing metadata); any other status answers 403 as above.
//
// Configuration (JSON):
//   {"cluster": "auth", "service": "wasmlet.test.Auth", "method": "Check",
//    "stream_method": "Watch", "timeout_ms": 1000, "mode": "call", "half_close": "eos"}
// ("trap_on_response": true makes the call's callback trap: for testing failure policies.)
export * from "./sdk/exports";
export { proxy_on_grpc_receive_initial_metadata, proxy_on_grpc_receive, proxy_on_grpc_receive_trailing_metadata, proxy_on_grpc_close } from "./sdk/grpc";
import { Action, Header, HttpContext, RootContext, setRootContext } from "./sdk";
import { GrpcHttpContext } from "./sdk/grpc";
import { JsonKind, parseJson } from "./sdk/json";

class GrpcAuthRoot extends RootContext {
  cluster: string = "auth";
  service: string = "wasmlet.test.Auth";
  method: string = "Check";
  streamMethod: string = "Watch";
  timeoutMs: u32 = 1000;
  stream: bool = false;
  closeCall: bool = false;
  trap: bool = false;

  onConfigure(size: usize): bool {
    const cfg = parseJson(this.getPluginConfiguration());
    if (cfg == null || cfg.kind != JsonKind.Object) return false;
    this.cluster = cfg.getString("cluster", "auth");
    this.service = cfg.getString("service", "wasmlet.test.Auth");
    this.method = cfg.getString("method", "Check");
    this.streamMethod = cfg.getString("stream_method", "Watch");
    this.timeoutMs = <u32>cfg.getNumber("timeout_ms", 1000);
    this.stream = cfg.getString("mode", "call") == "stream";
    this.closeCall = cfg.getString("half_close", "eos") == "close";
    this.trap = cfg.getBool("trap_on_response", false);
    return true;
  }
  createHttpContext(id: u32): HttpContext | null {
    return new GrpcAuth(id, this);
  }
}

class GrpcAuth extends GrpcHttpContext {
  waiting: bool = false;
  replies: string[] = [];
  initialMd: string = "";
  trailingMd: string = "";

  onHttpRequestHeaders(n: usize, eos: bool): Action {
    const root = this.root as GrpcAuthRoot;
    const auth = this.getHttpRequestHeader("authorization") || "";
    const md: Header[] = [new Header("x-wasm-filter", "grpc_auth")];
    if (!root.stream) {
      const token = this.dispatchGrpcCall(root.cluster, root.service, root.method, md, String.UTF8.encode(auth), root.timeoutMs);
      if (token == 0) return this.deny(14, "cannot call cluster " + root.cluster);
      this.waiting = true;
      return Action.Pause;
    }
    const token = this.openGrpcStream(root.cluster, root.service, root.streamMethod, md);
    if (token == 0) return this.deny(14, "cannot open a stream to cluster " + root.cluster);
    this.sendGrpcStreamMessage(token, String.UTF8.encode(this.getHttpRequestHeader(":method") || ""), false);
    this.sendGrpcStreamMessage(token, String.UTF8.encode(this.getHttpRequestHeader(":path") || ""), false);
    this.sendGrpcStreamMessage(token, String.UTF8.encode(auth), !root.closeCall);
    if (root.closeCall) this.closeGrpcStream(token);
    this.waiting = true;
    return Action.Pause;
  }

  onHttpRequestBody(size: usize, eos: bool): Action {
    return this.waiting ? Action.Pause : Action.Continue;
  }

  deny(status: u32, message: string): Action {
    this.sendHttpResponse(403, [new Header("x-grpc-status", status.toString())], "denied: " + message + "\n");
    return Action.Pause;
  }

  onGrpcCallResponse(token: u32, status: u32, size: usize): void {
    if ((this.root as GrpcAuthRoot).trap) unreachable();
    this.waiting = false;
    if (status != 0) {
      this.deny(status, this.getGrpcStatusMessage());
      return;
    }
    const b = this.getGrpcReceiveBuffer(<u32>size);
    const reply = b == null ? "" : String.UTF8.decode(b);
    if (reply != "allow") {
      this.deny(0, reply);
      return;
    }
    this.setHttpRequestHeader("x-auth-reply", reply);
    this.resumeHttpRequest();
  }

  onGrpcStreamInitialMetadata(token: u32, n: u32): void {
    this.initialMd = this.getGrpcInitialMetadataValue("x-md") || "";
  }
  onGrpcStreamMessage(token: u32, size: usize): void {
    const b = this.getGrpcReceiveBuffer(<u32>size);
    this.replies.push(b == null ? "" : String.UTF8.decode(b));
  }
  onGrpcStreamTrailingMetadata(token: u32, n: u32): void {
    this.trailingMd = this.getGrpcTrailingMetadataValue("x-md") || "";
  }
  onGrpcStreamClose(token: u32, status: u32): void {
    this.waiting = false;
    if (status != 0) {
      this.deny(status, this.getGrpcStatusMessage());
      return;
    }
    this.setHttpRequestHeader("x-stream-replies", this.replies.join(","));
    this.setHttpRequestHeader("x-initial-md", this.initialMd);
    this.setHttpRequestHeader("x-trailing-md", this.trailingMd);
    this.resumeHttpRequest();
  }
}

setRootContext((id: u32): RootContext => new GrpcAuthRoot(id));
