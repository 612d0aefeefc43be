// Example: authentication with a local 401. Accepts either an API key from a header, or an
// HS256-signed JWT in "authorization: Bearer <token>" (signature, exp, nbf and optional iss
// checked; the "sub" claim is passed upstream in a header).
// Configuration (JSON):
//   {"api_keys": ["k1", "k2"], "api_key_header": "x-api-key",
//    "jwt_secret": "…", "jwt_issuer": "…", "subject_header": "x-auth-subject"}
// only the stream callbacks this filter implements: the host skips the others (no interpreter
// entry, and body passes through without being buffered here)
export * from "./sdk/abi";
export { proxy_on_request_headers } from "./sdk/callbacks";
import { Action, defineMetric, getCurrentTimeNanos, Header, HttpContext, incrementMetric, logInfo, MapType, MetricType, peekedEquals, peekMapValue, RootContext, setRootContext } from "./sdk";
import { base64urlDecode, base64urlEncode, hmacSha256 } from "./sdk/crypto";
import { JsonKind, parseJson } from "./sdk/json";

class AuthRoot extends RootContext {
  poolHttpContexts(): bool {
    return true;
  }
  keys: ArrayBuffer[] = [];
  keyHeader: ArrayBuffer = new ArrayBuffer(0);
  secret: string = "";
  issuer: string = "";
  subjectHeader: string = "x-auth-subject";
  allowed: u32 = 0;
  denied: u32 = 0;

  onConfigure(size: usize): bool {
    const cfg = parseJson(this.getPluginConfiguration());
    if (cfg == null || cfg.kind != JsonKind.Object) return false;
    const keys = cfg.getStrings("api_keys");
    for (let i = 0; i < keys.length; i++) this.keys.push(String.UTF8.encode(keys[i]));
    this.keyHeader = String.UTF8.encode(cfg.getString("api_key_header", "x-api-key"));
    this.secret = cfg.getString("jwt_secret", "");
    this.issuer = cfg.getString("jwt_issuer", "");
    this.subjectHeader = cfg.getString("subject_header", "x-auth-subject");
    if (this.keys.length == 0 && this.secret.length == 0) return false; // nothing would ever pass
    this.allowed = defineMetric(MetricType.Counter, "auth_allowed");
    this.denied = defineMetric(MetricType.Counter, "auth_denied");
    return true;
  }
  createHttpContext(id: u32): HttpContext | null {
    return new Auth(id, this);
  }
}

/** Verify an HS256 JWT; returns its subject ("" if none) or null when invalid. */
function verifyJwt(token: string, secret: string, issuer: string): string | null {
  const a = token.indexOf(".");
  const b = token.lastIndexOf(".");
  if (a <= 0 || b <= a) return null;
  const header = base64urlDecode(token.substring(0, a));
  const payload = base64urlDecode(token.substring(a + 1, b));
  if (header == null || payload == null) return null;
  const h = parseJson(String.UTF8.decode(header.buffer));
  if (h == null || h.getString("alg", "") != "HS256") return null;
  const mac = hmacSha256(Uint8Array.wrap(String.UTF8.encode(secret)), Uint8Array.wrap(String.UTF8.encode(token.substring(0, b))));
  if (base64urlEncode(mac) != token.substring(b + 1)) return null;
  const claims = parseJson(String.UTF8.decode(payload.buffer));
  if (claims == null || claims.kind != JsonKind.Object) return null;
  const now = <f64>(getCurrentTimeNanos() / 1_000_000_000);
  const exp = claims.getNumber("exp", Infinity);
  const nbf = claims.getNumber("nbf", 0);
  if (now >= exp || now < nbf) return null;
  if (issuer.length > 0 && claims.getString("iss", "") != issuer) return null;
  return claims.getString("sub", "");
}

class Auth extends HttpContext {
  onHttpRequestHeaders(n: usize, eos: bool): Action {
    const root = this.root as AuthRoot;
    if (root.keys.length > 0) {
      // peek: the key is compared in place, nothing is allocated per request
      const n = peekMapValue(MapType.HttpRequestHeaders, root.keyHeader);
      if (n >= 0) {
        for (let i = 0; i < root.keys.length; i++) {
          if (peekedEquals(n, root.keys[i])) {
            this.setHttpRequestHeaderBytes(root.keyHeader, null); // not for the upstream's eyes
            incrementMetric(root.allowed, 1);
            return Action.Continue;
          }
        }
      }
    }
    if (root.secret.length > 0) {
      const authz = this.getHttpRequestHeader("authorization");
      if (authz != null && authz.startsWith("Bearer ")) {
        const sub = verifyJwt(authz.substring(7).trim(), root.secret, root.issuer);
        if (sub != null) {
          this.setHttpRequestHeader(root.subjectHeader, sub);
          incrementMetric(root.allowed, 1);
          return Action.Continue;
        }
      }
    }
    incrementMetric(root.denied, 1);
    logInfo("auth: denied " + (this.getHttpRequestHeader(":path") || ""));
    const headers: Header[] = [
      new Header("www-authenticate", root.secret.length > 0 ? "Bearer realm=\"wasmlet\"" : "ApiKey realm=\"wasmlet\""),
      new Header("content-type", "application/json"),
    ];
    this.sendHttpResponse(401, headers, "{\"error\":\"unauthorized\"}");
    return Action.Pause;
  }
}

setRootContext((id: u32): RootContext => new AuthRoot(id));
