// Example: a token-bucket rate limit kept in shared data (so every plugin of the same vm_id
// shares the bucket; the token count is a little-endian i64) and refilled by ticks. Requests take a token with a compare-and-swap loop;
// an empty bucket answers 429 locally.
// Configuration (JSON):
//   {"bucket": "global", "capacity": 10, "refill": 10, "interval_ms": 1000}
// only the stream callbacks this filter implements: the host skips the others (no interpreter
// entry, and body passes through without being buffered here)
export * from "./sdk/abi";
export { proxy_on_request_headers, proxy_on_response_headers } from "./sdk/callbacks";
import {
  Action, defineMetric, getSharedDataBytes, Header, HttpContext, incrementMetric, logDebug, MetricType, RootContext,
  peekedCas, peekedPtr, peekSharedData, setRootContext, setSharedDataBytes, Status,
} from "./sdk";
import { JsonKind, parseJson } from "./sdk/json";
import * as abi from "./sdk/imports";
import { MapType } from "./sdk/types";

// the bucket is one little-endian i64 in shared data (no text parsing on the request path)
function tokensOf(v: ArrayBuffer | null): i64 {
  return v == null || v.byteLength < 8 ? -1 : load<i64>(changetype<usize>(v));
}
function peekTokens(key: ArrayBuffer): i64 {
  return peekSharedData(key) < 8 ? -1 : load<i64>(peekedPtr());
}
// one reusable buffer: the host copies what it is given, so nothing is allocated per request
const SCRATCH = new ArrayBuffer(8);
function encode(tokens: i64): ArrayBuffer {
  store<i64>(changetype<usize>(SCRATCH), tokens);
  return SCRATCH;
}

// decimal digits of the remaining-tokens header, written into reusable memory
const DIGITS: usize = memory.data(24);
// "00" … "99": two digits per division (each interpreted instruction counts)
const PAIRS: usize = memory.data(200);
for (let i = 0; i < 100; i++) {
  store<u8>(PAIRS + 2 * i, <u8>(48 + i / 10));
  store<u8>(PAIRS + 2 * i + 1, <u8>(48 + i % 10));
}
function addRemainingHeader(n: i64): void {
  let v = <u64>max<i64>(n, 0);
  let end = DIGITS + 24;
  let p = end;
  // nine digits at a time in u32 arithmetic: one i64 division per nine digits, not per digit
  while (v >= 1_000_000_000) {
    let lo = <u32>(v % 1_000_000_000);
    v /= 1_000_000_000;
    for (let i = 0; i < 4; i++) {
      p -= 2;
      store<u16>(p, load<u16>(PAIRS + ((lo % 100) << 1)));
      lo /= 100;
    }
    p--;
    store<u8>(p, <u8>(48 + lo));
  }
  let w = <u32>v;
  while (w >= 100) {
    p -= 2;
    store<u16>(p, load<u16>(PAIRS + ((w % 100) << 1)));
    w /= 100;
  }
  if (w >= 10) {
    p -= 2;
    store<u16>(p, load<u16>(PAIRS + (w << 1)));
  } else {
    p--;
    store<u8>(p, <u8>(48 + w));
  }
  abi.proxy_add_header_map_value(MapType.HttpResponseHeaders, changetype<usize>(REMAINING), REMAINING.byteLength, p, end - p);
}

const REMAINING = String.UTF8.encode("x-ratelimit-remaining");

class LimitRoot extends RootContext {
  poolHttpContexts(): bool {
    return true;
  }
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
  reset(contextId: u32): void {
    super.reset(contextId);
    this.remaining = -1;
  }
  /** tokens left after this request took one; -1 when it was limited */
  remaining: i64 = -1;
  onHttpRequestHeaders(n: usize, eos: bool): Action {
    const root = this.root as LimitRoot;
    for (let attempt = 0; attempt < 16; attempt++) {
      // peek: the counter is read in place, nothing is allocated per request
      const tokens = peekTokens(root.key);
      if (tokens <= 0) break;
      if (setSharedDataBytes(root.key, encode(tokens - 1), peekedCas()) == Status.Ok) {
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
    if (this.remaining >= 0) addRemainingHeader(this.remaining);
    return Action.Continue;
  }
}

setRootContext((id: u32): RootContext => new LimitRoot(id));
