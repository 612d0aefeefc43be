/**
 * Stream information and the properties filters read with proxy_get_property, named as Envoy's
 * attributes are (request.*, response.*, source.*, destination.*, connection.*, upstream.*,
 * xds.route_name, …). Values are encoded as Envoy encodes them: strings as their bytes, integers
 * as 8-byte little-endian int64, timestamps and durations as int64 nanoseconds, booleans as one
 * byte, maps in the header-map encoding. Values set with proxy_set_property are read back by path.
 */
import type { HeaderMap } from './headers.js';

export interface StreamInfo {
  readonly startTime: number;
  endTime: number;
  readonly requestId: string;
  readonly protocol: string;
  readonly downstreamAddress: string;
  readonly downstreamPort: number;
  readonly localAddress: string;
  readonly localPort: number;
  readonly connectionId: number;
  readonly listenerName: string;
  /** the client presented a verified certificate */
  readonly mtls: boolean;
  /** TLS SNI from the client ('' without TLS or SNI) */
  readonly requestedServerName: string;
  upstreamAddress: string | undefined;
  upstreamPort: number | undefined;
  routeName: string | undefined;
  clusterName: string | undefined;
  responseCode: number;
  responseCodeDetails: string;
  /** Envoy's response flags (RF_* bits) */
  responseFlags: number;
  requestBodyBytes: number;
  responseBodyBytes: number;
  /** values set with proxy_set_property (created on first use) */
  filterState: Map<string, Uint8Array> | undefined;
}

/** What stream properties are read from (an HttpStream). */
export interface StreamView {
  readonly info: StreamInfo;
  readonly requestHeaders: HeaderMap | undefined;
  readonly requestTrailers: HeaderMap | undefined;
  readonly responseHeaders: HeaderMap | undefined;
  readonly responseTrailers: HeaderMap | undefined;
}

/**
 * Envoy's response flags (StreamInfo::ResponseFlag): the bit values of its enum, which is also the
 * order access logs list them in, with their short names. Only those the proxy can produce are set.
 */
export const RF_NO_HEALTHY_UPSTREAM = 0x2;
export const RF_UPSTREAM_REQUEST_TIMEOUT = 0x4;
export const RF_UPSTREAM_CONNECTION_FAILURE = 0x20;
export const RF_UPSTREAM_CONNECTION_TERMINATION = 0x40;
export const RF_UPSTREAM_OVERFLOW = 0x80;
export const RF_NO_ROUTE_FOUND = 0x100;
export const RF_DOWNSTREAM_CONNECTION_TERMINATION = 0x4000;
export const RF_UPSTREAM_RETRY_LIMIT_EXCEEDED = 0x8000;
export const RF_STREAM_IDLE_TIMEOUT = 0x10000;
const RF_NAMES: readonly (readonly [number, string])[] = [
  [RF_NO_HEALTHY_UPSTREAM, 'UH'],
  [RF_UPSTREAM_REQUEST_TIMEOUT, 'UT'],
  [RF_UPSTREAM_CONNECTION_FAILURE, 'UF'],
  [RF_UPSTREAM_CONNECTION_TERMINATION, 'UC'],
  [RF_UPSTREAM_OVERFLOW, 'UO'],
  [RF_NO_ROUTE_FOUND, 'NR'],
  [RF_DOWNSTREAM_CONNECTION_TERMINATION, 'DC'],
  [RF_UPSTREAM_RETRY_LIMIT_EXCEEDED, 'URX'],
  [RF_STREAM_IDLE_TIMEOUT, 'SI'],
];

/** %RESPONSE_FLAGS%: the short names joined by "," in Envoy's order, "-" for none */
export function responseFlagsString(flags: number): string {
  if (flags === 0) return '-';
  let out = '';
  for (const [bit, name] of RF_NAMES) if (flags & bit) out = out ? `${out},${name}` : name;
  return out;
}

export function newStreamInfo(init: Partial<StreamInfo> = {}): StreamInfo {
  return {
    startTime: Date.now(),
    endTime: 0,
    requestId: '',
    protocol: 'HTTP/1.1',
    downstreamAddress: '127.0.0.1',
    downstreamPort: 0,
    localAddress: '127.0.0.1',
    localPort: 0,
    connectionId: 0,
    listenerName: '',
    mtls: false,
    requestedServerName: '',
    upstreamAddress: undefined,
    upstreamPort: undefined,
    routeName: undefined,
    clusterName: undefined,
    responseCode: 0,
    responseCodeDetails: '',
    responseFlags: 0,
    requestBodyBytes: 0,
    responseBodyBytes: 0,
    filterState: undefined,
    ...init,
  };
}

export function int64(n: number | bigint): Uint8Array {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(BigInt(typeof n === 'number' ? Math.trunc(n) : n));
  return b;
}

const str = (s: string | undefined) => (s === undefined ? undefined : Buffer.from(s, 'latin1'));
const bool = (v: boolean) => Uint8Array.of(v ? 1 : 0);

function hostPort(addr: string, port: number): string {
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}

/** A stream-level property, or undefined when unknown or not available. */
export function streamProperty(path: readonly string[], s: StreamView): Uint8Array | undefined {
  const info = s.info;
  if (info.filterState) {
    const set = info.filterState.get(path.join('.'));
    if (set) return set;
  }
  const [head, sub] = path;
  const rq = s.requestHeaders;
  const rs = s.responseHeaders;
  if (path.length === 1) {
    // legacy top-level names
    if (head === 'route_name') return str(info.routeName);
    if (head === 'cluster_name') return str(info.clusterName);
    if (head === 'listener_direction') return int64(1);
    return undefined;
  }
  switch (head) {
    case 'request': {
      if (!rq) return undefined;
      const p = rq.get(':path') ?? '';
      const q = p.indexOf('?');
      switch (sub) {
        case 'path':
          return str(p);
        case 'url_path':
          return str(q < 0 ? p : p.slice(0, q));
        case 'query':
          return str(q < 0 ? '' : p.slice(q + 1));
        case 'host':
          return str(rq.get(':authority'));
        case 'scheme':
          return str(rq.get(':scheme'));
        case 'method':
          return str(rq.get(':method'));
        case 'referer':
          return str(rq.get('referer'));
        case 'useragent':
          return str(rq.get('user-agent'));
        case 'id':
          return str(rq.get('x-request-id') ?? info.requestId);
        case 'protocol':
          return str(info.protocol);
        case 'time':
          return int64(BigInt(info.startTime) * 1_000_000n);
        case 'duration':
          return info.endTime ? int64(BigInt(info.endTime - info.startTime) * 1_000_000n) : undefined;
        case 'size':
          return int64(info.requestBodyBytes);
        case 'total_size':
          return int64(info.requestBodyBytes + rq.byteSize());
        case 'headers':
          if (path.length === 3) return str(rq.get(path[2]!.toLowerCase()));
          return rq.encode();
        default:
          return undefined;
      }
    }
    case 'response': {
      switch (sub) {
        case 'code':
          return info.responseCode ? int64(info.responseCode) : undefined;
        case 'code_details':
          return info.responseCodeDetails ? str(info.responseCodeDetails) : undefined;
        case 'flags':
          return int64(info.responseFlags);
        case 'size':
          return int64(info.responseBodyBytes);
        case 'total_size':
          return int64(info.responseBodyBytes + (rs?.byteSize() ?? 0));
        case 'headers':
          if (!rs) return undefined;
          if (path.length === 3) return str(rs.get(path[2]!.toLowerCase()));
          return rs.encode();
        case 'trailers':
          return s.responseTrailers?.encode();
        default:
          return undefined;
      }
    }
    case 'source':
      if (sub === 'address') return str(hostPort(info.downstreamAddress, info.downstreamPort));
      if (sub === 'port') return int64(info.downstreamPort);
      return undefined;
    case 'destination':
      if (sub === 'address') return str(hostPort(info.localAddress, info.localPort));
      if (sub === 'port') return int64(info.localPort);
      return undefined;
    case 'upstream':
      if (info.upstreamAddress === undefined) return undefined;
      if (sub === 'address') return str(hostPort(info.upstreamAddress, info.upstreamPort ?? 0));
      if (sub === 'port') return int64(info.upstreamPort ?? 0);
      return undefined;
    case 'connection':
      if (sub === 'id') return int64(info.connectionId);
      if (sub === 'mtls') return bool(info.mtls);
      if (sub === 'requested_server_name') return str(info.requestedServerName);
      return undefined;
    case 'xds':
      if (sub === 'route_name') return str(info.routeName);
      if (sub === 'cluster_name') return str(info.clusterName);
      if (sub === 'listener_name') return str(info.listenerName);
      return undefined;
    default:
      return undefined;
  }
}
