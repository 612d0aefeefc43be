// Example: a token-bucket rate limit kept in shared data (so every plugin of the same vm_id
// shares the bucket; the token count is a little-endian i64) and refilled by ticks. Requests take a token with a compare-and-swap loop;
// an empty bucket answers 429 locally.
// Configuration (JSON):
//   {"bucket": "global", "capacity": 10, "refill": 10, "interval_ms": 1000}
export * from "./sdk/exports";
import {
  Action, defineMetric, getSharedDataBytes, Header, HttpContext, incrementMetric, logDebug, MetricType, RootContext,
  setRootContext, setSharedDataBytes, Status,
} from "./sdk";
import { JsonKind, parseJson } from "./sdk/json";

// the bucket is one little-endian i64 in shared data (no text parsing on the request path)
function tokensOf(v: ArrayBuffer | null): i64 {
  return v == null || v.byteLength < 8 ? -1 : load<i64>(changetype<usize>(v));
}
function encode(tokens: i64): ArrayBuffer {
  const b = new ArrayBuffer(8);
  store<i64>(changetype<usize>(b), tokens);
  return b;
}

const REMAINING = String.UTF8.encode("x-ratelimit-remaining");

class LimitRoot extends RootContext {
  key: ArrayBuffer = new ArrayBuffer(0);
  capacity: i64 = 10;
  refill: i64 = 10;
  limited: u32 = 0;

  onConfigure(size: usize): bool {
    const cfg = parseJson(this.getPluginConfiguration());
    if (cfg == null || cfg.kind != JsonKind.Object) return false;
    this.key = String.UTF8.encode("rate_limit:" + cfg.getString("bucket", "global"));
    this.capacity = <i64>cfg.getNumber("capacity", 10);
    this.refill = <i64>cfg.getNumber("refill", <f64>this.capacity);
    const interval = <u32>cfg.getNumber("interval_ms", 1000);
    if (this.capacity <= 0 || interval == 0) return false;
    // fill the bucket once (another plugin of the same VM id may have done it already)
    if (tokensOf(getSharedDataBytes(this.key).value) < 0) setSharedDataBytes(this.key, encode(this.capacity), 0);
    this.limited = defineMetric(MetricType.Counter, "rate_limited");
    this.setTickPeriod(interval);
    return true;
  }

  onTick(): void {
    for (let attempt = 0; attempt < 16; attempt++) {
      const d = getSharedDataBytes(this.key);
      let tokens: i64 = max<i64>(0, tokensOf(d.value));
      if (tokens >= this.capacity) return;
      tokens = min(this.capacity, tokens + this.refill);
      if (setSharedDataBytes(this.key, encode(tokens), d.cas) == Status.Ok) {
        logDebug("rate_limit: refilled to " + tokens.toString());
        return;
      }
    }
  }

  createHttpContext(id: u32): HttpContext | null {
    return new Limit(id, this);
  }
}

class Limit extends HttpContext {
  /** tokens left after this request took one; -1 when it was limited */
  remaining: i64 = -1;
  onHttpRequestHeaders(n: usize, eos: bool): Action {
    const root = this.root as LimitRoot;
    for (let attempt = 0; attempt < 16; attempt++) {
      const d = getSharedDataBytes(root.key);
      const tokens = tokensOf(d.value);
      if (tokens <= 0) break;
      if (setSharedDataBytes(root.key, encode(tokens - 1), d.cas) == Status.Ok) {
        this.remaining = tokens - 1;
        return Action.Continue;
      }
      // CAS_MISMATCH: someone else took a token meanwhile; read again
    }
    incrementMetric(root.limited, 1);
    this.sendHttpResponse(429, [new Header("retry-after", "1"), new Header("x-ratelimit-remaining", "0")], "rate limited\n");
    return Action.Pause;
  }
  onHttpResponseHeaders(n: usize, eos: bool): Action {
    if (this.remaining >= 0) this.addHttpResponseHeaderBytes(REMAINING, String.UTF8.encode(this.remaining.toString()));
    return Action.Continue;
  }
}

setRootContext((id: u32): RootContext => new LimitRoot(id));
