// Example: JSON body redaction with buffering. JSON responses are held until complete (the body
// callback pauses until end_of_stream, and is called again with the larger size as chunks
// arrive), then every member named in "fields" (at any depth) is replaced.
// Configuration (JSON):
//   {"fields": ["password", "ssn"], "replacement": "[redacted]", "max_body_bytes": 1048576}
export * from "./sdk/exports";
import { Action, defineMetric, HttpContext, incrementMetric, logWarn, MetricType, RootContext, setRootContext } from "./sdk";
import { JsonKind, JsonValue, parseJson, stringifyJson } from "./sdk/json";

class RedactRoot extends RootContext {
  poolHttpContexts(): bool {
    return true;
  }
  fields: string[] = [];
  replacement: string = "[redacted]";
  maxBytes: u32 = 1 << 20;
  redacted: u32 = 0;

  onConfigure(size: usize): bool {
    const cfg = parseJson(this.getPluginConfiguration());
    if (cfg == null || cfg.kind != JsonKind.Object) return false;
    this.fields = cfg.getStrings("fields");
    this.replacement = cfg.getString("replacement", "[redacted]");
    this.maxBytes = <u32>cfg.getNumber("max_body_bytes", 1048576.0);
    this.redacted = defineMetric(MetricType.Counter, "json_fields_redacted");
    return this.fields.length > 0;
  }
  createHttpContext(id: u32): HttpContext | null {
    return new Redact(id, this);
  }
}

function redact(v: JsonValue, root: RedactRoot): i32 {
  let n = 0;
  if (v.kind == JsonKind.Object) {
    for (let i = 0; i < v.keys.length; i++) {
      if (root.fields.includes(v.keys[i])) {
        v.items[i] = JsonValue.str(root.replacement);
        n++;
      } else n += redact(v.items[i], root);
    }
  } else if (v.kind == JsonKind.Array) {
    for (let i = 0; i < v.items.length; i++) n += redact(v.items[i], root);
  }
  return n;
}

class Redact extends HttpContext {
  reset(contextId: u32): void {
    super.reset(contextId);
    this.json = false;
  }
  json: bool = false;

  onHttpResponseHeaders(n: usize, eos: bool): Action {
    const ct = this.getHttpResponseHeader("content-type");
    this.json = !eos && ct != null && ct.includes("json");
    // the body will change size: announce none (the proxy then streams it chunked)
    if (this.json) this.setHttpResponseHeader("content-length", null);
    return Action.Continue;
  }

  onHttpResponseBody(size: usize, eos: bool): Action {
    if (!this.json) return Action.Continue;
    const root = this.root as RedactRoot;
    if (!eos) {
      if (<u32>size > root.maxBytes) {
        logWarn("json_redact: body over " + root.maxBytes.toString() + " bytes passed unredacted");
        this.json = false;
        return Action.Continue;
      }
      return Action.Pause; // keep buffering: we are called again with the larger size
    }
    const body = this.getHttpResponseBody(0, <u32>size);
    if (body == null) return Action.Continue;
    const doc = parseJson(String.UTF8.decode(body));
    if (doc == null) return Action.Continue; // not JSON after all: pass it on untouched
    const count = redact(doc, root);
    if (count > 0) {
      this.setHttpResponseBody(0, <u32>size, String.UTF8.encode(stringifyJson(doc)));
      incrementMetric(root.redacted, count);
    }
    return Action.Continue;
  }
}

setRootContext((id: u32): RootContext => new RedactRoot(id));
