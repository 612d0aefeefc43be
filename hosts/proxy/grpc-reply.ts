/**
 * gRPC and the proxy's own replies: Envoy answers a gRPC request (content-type application/grpc,
 * or application/grpc+proto and the like — not gRPC-Web) that it does not pass upstream (no route,
 * a connect failure, a timeout, a filter's send_local_response) with a trailers-only response,
 * HTTP 200 with grpc-status mapped from the HTTP status and grpc-message the body, so gRPC
 * clients see a gRPC status rather than an HTTP error (Envoy's Utility::sendLocalReply).
 */
import type { HeaderMap } from './headers.js';

/** HTTP status → gRPC status (gRPC's doc/http-grpc-status-mapping.md, as Envoy applies it). */
export function httpToGrpcStatus(http: number): number {
  switch (http) {
    case 400:
      return 13; // INTERNAL
    case 401:
      return 16; // UNAUTHENTICATED
    case 403:
      return 7; // PERMISSION_DENIED
    case 404:
      return 12; // UNIMPLEMENTED
    case 429:
    case 502:
    case 503:
    case 504:
      return 14; // UNAVAILABLE
    default:
      return 2; // UNKNOWN
  }
}

/** Envoy's Grpc::Common::hasGrpcContentType: application/grpc, optionally followed by + or ; */
export function isGrpcRequest(h: HeaderMap | undefined): boolean {
  const ct = h?.get('content-type');
  if (ct === undefined || !ct.startsWith('application/grpc')) return false;
  const c = ct.charCodeAt(16);
  return ct.length === 16 || c === 43 /* + */ || c === 59 /* ; */;
}

/** gRPC's percent-encoding of grpc-message: printable ASCII except %, everything else as %XX of its UTF-8 bytes. */
export function encodeGrpcMessage(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) out += b >= 0x20 && b <= 0x7e && b !== 0x25 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/**
 * The trailers-only headers of a local reply to a gRPC request: :status 200, content-type
 * application/grpc, grpc-status (`grpcStatus` when the filter gave one, 0–16, else mapped from
 * `status`), grpc-message from the body (its final newline dropped), then the reply's own headers.
 */
export function grpcLocalReplyHeaders(into: HeaderMap, status: number, body: Buffer, grpcStatus: number | undefined): void {
  into.add('content-type', 'application/grpc');
  into.add('grpc-status', String(grpcStatus !== undefined && grpcStatus >= 0 && grpcStatus <= 16 ? grpcStatus : httpToGrpcStatus(status)));
  let text = body.toString('utf8');
  if (text.endsWith('\n')) text = text.slice(0, -1);
  if (text) into.add('grpc-message', encodeGrpcMessage(text));
}

/** ms per grpc-timeout unit: Hours, Minutes, Seconds, milliseconds, microseconds, nanoseconds */
const GRPC_TIMEOUT_UNITS: Readonly<Record<string, number>> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 };

/**
 * The grpc-timeout header in ms (gRPC's PROTOCOL-HTTP2: 1–8 digits and a unit), or undefined when
 * it is absent or malformed (Envoy's Grpc::Common::getGrpcTimeout treats both as no timeout).
 * A sub-millisecond value rounds up, so a deadline that was set never becomes "no timeout".
 */
export function grpcTimeoutMs(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d{1,8})([HMSmun])$/.exec(v.trim());
  if (!m) return undefined;
  return Math.ceil(Number(m[1]) * GRPC_TIMEOUT_UNITS[m[2]!]!);
}
