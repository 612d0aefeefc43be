// Example: add, set and remove request and response headers.
// Configuration (JSON):
//   {"request":  {"add": {"x-a": "1"}, "set": {"x-b": "2"}, "remove": ["x-c"]},
//    "response": {"add": {...}, "set": {...}, "remove": [...]}}
// only the stream callbacks this filter implements: the host skips the others (no interpreter
// entry, and body passes through without being buffered here)
export * from "./sdk/abi";
export { proxy_on_request_headers, proxy_on_response_headers } from "./sdk/callbacks";
import { Action, HttpContext, logWarn, RootContext, setRootContext } from "./sdk";
import { JsonKind, JsonValue, parseJson } from "./sdk/json";

function utf8(s: string): ArrayBuffer {
  return String.UTF8.encode(s);
}

/** Header edits, names and values encoded once at configure time. */
class Edits {
  addNames: ArrayBuffer[] = [];
  addValues: ArrayBuffer[] = [];
  setNames: ArrayBuffer[] = [];
  setValues: ArrayBuffer[] = [];
  remove: ArrayBuffer[] = [];

  static from(v: JsonValue | null): Edits {
    const e = new Edits();
    if (v == null) return e;
    const add = v.get("add");
    if (add != null && add.kind == JsonKind.Object) {
      for (let i = 0; i < add.keys.length; i++) { e.addNames.push(utf8(add.keys[i])); e.addValues.push(utf8(add.items[i].text)); }
    }
    const set = v.get("set");
    if (set != null && set.kind == JsonKind.Object) {
      for (let i = 0; i < set.keys.length; i++) { e.setNames.push(utf8(set.keys[i])); e.setValues.push(utf8(set.items[i].text)); }
    }
    const rm = v.getStrings("remove");
    for (let i = 0; i < rm.length; i++) e.remove.push(utf8(rm[i]));
    return e;
  }
}

class AddHeadersRoot extends RootContext {
  poolHttpContexts(): bool {
    return true;
  }
  request: Edits = new Edits();
  response: Edits = new Edits();

  onConfigure(size: usize): bool {
    const cfg = parseJson(this.getPluginConfiguration());
    if (cfg == null || cfg.kind != JsonKind.Object) {
      logWarn("add_headers: configuration must be a JSON object");
      return false;
    }
    this.request = Edits.from(cfg.get("request"));
    this.response = Edits.from(cfg.get("response"));
    return true;
  }
  createHttpContext(id: u32): HttpContext | null {
    return new AddHeaders(id, this);
  }
}

class AddHeaders extends HttpContext {
  onHttpRequestHeaders(n: usize, eos: bool): Action {
    const e = (this.root as AddHeadersRoot).request;
    for (let i = 0; i < e.remove.length; i++) this.setHttpRequestHeaderBytes(e.remove[i], null);
    for (let i = 0; i < e.setNames.length; i++) this.setHttpRequestHeaderBytes(e.setNames[i], e.setValues[i]);
    for (let i = 0; i < e.addNames.length; i++) this.addHttpRequestHeaderBytes(e.addNames[i], e.addValues[i]);
    return Action.Continue;
  }
  onHttpResponseHeaders(n: usize, eos: bool): Action {
    const e = (this.root as AddHeadersRoot).response;
    for (let i = 0; i < e.remove.length; i++) this.setHttpResponseHeaderBytes(e.remove[i], null);
    for (let i = 0; i < e.setNames.length; i++) this.setHttpResponseHeaderBytes(e.setNames[i], e.setValues[i]);
    for (let i = 0; i < e.addNames.length; i++) this.addHttpResponseHeaderBytes(e.addNames[i], e.addValues[i]);
    return Action.Continue;
  }
}

setRootContext((id: u32): RootContext => new AddHeadersRoot(id));
