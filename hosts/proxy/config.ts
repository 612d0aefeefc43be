/**
 * The proxy's configuration: the subset of Envoy's v3 bootstrap YAML that describes HTTP
 * listeners with Wasm filters and static clusters, checked strictly. Every field is known or an
 * error names its path (`static_resources.listeners[0].filter_chains[0].filters[0].typed_config.foo`),
 * as Envoy rejects unknown fields. lowerCamelCase spellings (proto JSON) are accepted too.
 *
 * Supported (see docs/proxy.md for the full list): admin.address; static_resources.listeners with
 * one filter chain holding envoy.filters.network.http_connection_manager (route_config with
 * virtual hosts, domains, prefix/path/safe_regex matches, route {cluster, timeout,
 * prefix_rewrite, host_rewrite_literal, retry_policy} or direct_response; access_log with the
 * file and stdout/stderr loggers; typed_per_filter_config FilterConfig {disabled}; http_filters:
 * envoy.filters.http.wasm (disabled too)
 * and the terminal envoy.filters.http.router); static_resources.clusters with load_assignment
 * endpoints, connect_timeout and lb_policy. A listener may instead hold envoy.filters.network.wasm
 * filters ending in envoy.filters.network.tcp_proxy (stat_prefix, cluster | weighted_clusters,
 * idle_timeout): ListenerConfig.tcp, run by tcp.ts.
 *
 * Wasm plugins: name, root_id, configuration (google.protobuf.StringValue), vm_config {vm_id,
 * runtime (any: the filter runs on wasmlet), code.local {filename | inline_bytes | inline_string},
 * configuration, environment_variables}, fail_open / failure_policy, reload_config.backoff, and one
 * wasmlet extension: `wasmlet_limits` {fuel_per_callback, max_memory_bytes, max_call_depth,
 * max_stack_bytes, tier}.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { Tier } from '../../core/index.js';
import { compileParts, DEFAULT_FORMAT, jsonFormatter, textFormatter, type Formatter, type JsonTemplate } from './access-log.js';
import { arr, bool, ConfigError, join, num, obj, str, typedConfig, type Obj } from './config-read.js';
import { parseHttp2Options, parseUpstreamProtocol, type Http2Options } from './h2-options.js';
import { parseDownstreamTls, parseUpstreamTls, type DownstreamTls, type UpstreamTls } from './tls.js';


// the readers moved to config-read.ts (tls.ts and h2-options.ts use them without importing this file)
export { arr, bool, ConfigError, join, num, obj, str, typedConfig, type Obj } from './config-read.js';
/** what a filter does when its module fails (Envoy's failure_policy plus wasmlet's fail_reload) */
export type FailurePolicy = 'fail_closed' | 'fail_open' | 'fail_reload';

/** per-VM limits (`wasmlet_limits`) */
export interface VmLimits {
  /** fuel per top-level callback (0: unmetered) */
  readonly fuelPerCallback?: number | undefined;
  /** linear memory budget in bytes */
  readonly maxMemoryBytes?: number | undefined;
  readonly maxCallDepth?: number | undefined;
  readonly maxStackBytes?: number | undefined;
  /** where the filter's functions run ('compiled' and 'auto' need the compiled tier loaded: `wasmlet/compiled`) */
  readonly tier?: Tier | undefined;
}

export interface SocketAddress {
  readonly address: string;
  readonly port: number;
}

export interface ClusterConfig {
  readonly name: string;
  readonly connectTimeoutMs: number;
  readonly type: 'STATIC' | 'STRICT_DNS' | 'LOGICAL_DNS';
  readonly lbPolicy: 'ROUND_ROBIN' | 'RANDOM' | 'LEAST_REQUEST';
  /** endpoints in load-balancing use (healthy or unknown health), each with its weight */
  readonly endpoints: readonly SocketAddress[];
  /** load_balancing_weight per endpoint (default 1), index-aligned with `endpoints` */
  readonly weights: readonly number[];
  /** address family for name resolution (dns_lookup_family): 0 any, 4 or 6 */
  readonly family: 0 | 4 | 6;
  /** transport_socket UpstreamTlsContext */
  readonly tls: UpstreamTls | undefined;
  /** HTTP/2 to the endpoints (http2_protocol_options or HttpProtocolOptions.explicit_http_config); undefined: HTTP/1.1 */
  readonly http2: Http2Options | undefined;
  /** health_checks[0] (an HTTP health check), or none */
  readonly healthCheck: HealthCheckConfig | undefined;
  /** common_lb_config.healthy_panic_threshold, percent (default 50; 0 disables panic mode) */
  readonly panicThreshold: number;
  /** circuit_breakers.thresholds for priority DEFAULT (Envoy's defaults when absent) */
  readonly breakers: BreakerThresholds;
}

/** core.v3.HealthCheck with http_health_check */
export interface HealthCheckConfig {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  /** a random part of the interval added to each wait (interval_jitter), ms */
  readonly intervalJitterMs: number;
  /** a random wait in [0, initial_jitter) before the first check, ms */
  readonly initialJitterMs: number;
  readonly unhealthyThreshold: number;
  readonly healthyThreshold: number;
  readonly path: string;
  /** the Host header (default: the cluster's name, as Envoy sends) */
  readonly host: string | undefined;
  /** [start, end) ranges of statuses that pass (default [200, 201)) */
  readonly expectedStatuses: readonly (readonly [number, number])[];
  /** codec_client_type: the protocol of the checks (Envoy's default HTTP1, also for HTTP/2 clusters) */
  readonly codec: 'HTTP1' | 'HTTP2';
}

/** cluster.circuit_breakers.thresholds[priority DEFAULT]: Envoy's defaults are 1024, 1024, 1024, 3 */
export interface BreakerThresholds {
  readonly maxConnections: number;
  readonly maxPendingRequests: number;
  readonly maxRequests: number;
  readonly maxRetries: number;
}

export type RouteAction =
  | {
      readonly kind: 'route';
      /** route.cluster, or one weighted_clusters entry each (a single cluster has weight 1) */
      readonly clusters: readonly WeightedCluster[];
      /** the sum of the weights (> 0) */
      readonly totalWeight: number;
      /** weighted_clusters.header_name: a request header whose integer value picks the cluster */
      readonly pickHeader: string | undefined;
      /** 0 disables the timeout */
      readonly timeoutMs: number;
      readonly prefixRewrite: string | undefined;
      readonly hostRewrite: string | undefined;
      /** the route's idle_timeout, overriding the listener's stream_idle_timeout (0 disables) */
      readonly idleTimeoutMs: number | undefined;
      /**
       * max_grpc_timeout: set, a gRPC request's timeout is its grpc-timeout header (none: no
       * timeout) instead of `timeoutMs`, capped at this (0: no cap); undefined: grpc-timeout is ignored
       */
      readonly maxGrpcTimeoutMs: number | undefined;
      /** grpc_timeout_offset: subtracted from grpc-timeout (a margin for the proxy's own reply) */
      readonly grpcTimeoutOffsetMs: number;
      /** route.retry_policy, else the virtual host's (Envoy does not merge the two) */
      readonly retry: RetryPolicy | undefined;
      /** the virtual host's include_request_attempt_count / include_attempt_count_in_response */
      readonly attemptCountInRequest: boolean;
      readonly attemptCountInResponse: boolean;
    }
  | { readonly kind: 'direct'; readonly status: number; readonly body: string };

/** retry_on conditions, as bits (several policies OR together, as the x-envoy-retry-on header does) */
export const RETRY_5XX = 1;
export const RETRY_GATEWAY_ERROR = 2;
export const RETRY_CONNECT_FAILURE = 4;
export const RETRY_RESET = 8;
export const RETRY_STATUS_CODES = 16;
export const RETRY_4XX = 32;
export const RETRY_ON: Readonly<Record<string, number>> = {
  '5xx': RETRY_5XX,
  'gateway-error': RETRY_GATEWAY_ERROR,
  'connect-failure': RETRY_CONNECT_FAILURE,
  reset: RETRY_RESET,
  'retriable-status-codes': RETRY_STATUS_CODES,
  'retriable-4xx': RETRY_4XX,
};

/** route.retry_policy (RetryPolicy) */
export interface RetryPolicy {
  /** RETRY_* bits */
  readonly retryOn: number;
  readonly numRetries: number;
  /** 0: none (the route timeout alone bounds the attempts) */
  readonly perTryTimeoutMs: number;
  readonly retriableStatusCodes: readonly number[];
  readonly baseIntervalMs: number;
  readonly maxIntervalMs: number;
}

export interface WeightedCluster {
  readonly name: string;
  readonly weight: number;
  /** where the cluster was named in the config, for errors found later (an unknown cluster) */
  readonly path: string;
}

/** Envoy's StringMatcher: one of exact/prefix/suffix/contains/safe_regex, optionally ignoring case */
export interface StringMatch {
  readonly kind: 'exact' | 'prefix' | 'suffix' | 'contains' | 'regex';
  /** the pattern, lower-cased when ignoreCase (unused for regex) */
  readonly value: string;
  readonly regex: RegExp | undefined;
  readonly ignoreCase: boolean;
}

/** route.match.headers[i] (HeaderMatcher): on the request headers, pseudo-headers included */
export interface HeaderMatch {
  readonly name: string;
  readonly test:
    | { readonly kind: 'string'; readonly match: StringMatch }
    | { readonly kind: 'present'; readonly present: boolean }
    | { readonly kind: 'range'; readonly start: bigint; readonly end: bigint };
  readonly invert: boolean;
  readonly missingAsEmpty: boolean;
}

/** route.match.query_parameters[i] (QueryParameterMatcher): on the raw (not decoded) query */
export interface QueryMatch {
  readonly name: string;
  /** undefined: present_match */
  readonly match: StringMatch | undefined;
}

export interface RouteConfigEntry {
  readonly name: string | undefined;
  readonly prefix: string | undefined;
  readonly path: string | undefined;
  readonly regex: RegExp | undefined;
  readonly caseSensitive: boolean;
  /** every one must match (Envoy ANDs them) */
  readonly headers: readonly HeaderMatch[];
  readonly query: readonly QueryMatch[];
  readonly action: RouteAction;
  /**
   * typed_per_filter_config FilterConfig.disabled per http filter name, merged from the route
   * config, the virtual host and the route (the most specific wins); undefined: none given
   */
  readonly filterDisabled: ReadonlyMap<string, boolean> | undefined;
}

export interface VirtualHostConfig {
  readonly name: string;
  readonly domains: readonly string[];
  readonly routes: readonly RouteConfigEntry[];
}

/** what a virtual host passes down to its routes */
interface VhDefaults {
  readonly filterDisabled: ReadonlyMap<string, boolean> | undefined;
  readonly retry: RetryPolicy | undefined;
  readonly attemptCountInRequest: boolean;
  readonly attemptCountInResponse: boolean;
}

export interface WasmFilterConfig {
  /** the http_filters entry name (envoy.filters.http.wasm) */
  readonly filterName: string;
  /** PluginConfig.name: the filter's name in logs and metrics */
  readonly name: string;
  readonly rootId: string;
  readonly vmId: string;
  readonly runtime: string;
  /** absolute path of the module, or its bytes */
  readonly code: { readonly filename: string } | { readonly bytes: Uint8Array };
  readonly configuration: string;
  readonly vmConfiguration: string;
  readonly envVars: Readonly<Record<string, string>>;
  readonly failurePolicy: FailurePolicy;
  readonly reloadBackoff: { readonly baseMs: number; readonly maxMs: number };
  readonly limits: VmLimits;
  /** http_filters[i].disabled: skipped unless a route enables it (FilterConfig with disabled: false) */
  readonly disabled: boolean;
}

/** http_connection_manager.access_log[i]: a file (or stdout/stderr) and a format */
export interface AccessLogConfig {
  readonly path: string;
  readonly formatter: Formatter;
  /** where the logger is configured, for an error opening the file at load time */
  readonly configPath: string;
}

export interface ListenerConfig {
  readonly name: string;
  readonly address: SocketAddress;
  readonly statPrefix: string;
  readonly virtualHosts: readonly VirtualHostConfig[];
  readonly routeConfigName: string;
  readonly filters: readonly WasmFilterConfig[];
  readonly perConnectionBufferLimitBytes: number;
  readonly requestTimeoutMs: number;
  /** no activity on a stream for this long ends it: 408 before the response started, else a reset (0 disables) */
  readonly streamIdleTimeoutMs: number;
  readonly generateRequestId: boolean;
  /** keep an edge request's x-request-id (by default Envoy replaces it) */
  readonly preserveExternalRequestId: boolean;
  /** copy the request's x-request-id into every response */
  readonly alwaysSetRequestIdInResponse: boolean;
  readonly useRemoteAddress: boolean;
  readonly serverName: string | undefined;
  readonly accessLogs: readonly AccessLogConfig[];
  /** filter_chains[0].transport_socket DownstreamTlsContext */
  readonly tls: DownstreamTls | undefined;
  /** codec_type: AUTO (HTTP/1.1 or HTTP/2: prior knowledge in clear text, ALPN over TLS), HTTP1, HTTP2 */
  readonly codec: 'AUTO' | 'HTTP1' | 'HTTP2';
  readonly http2: Http2Options;
  /** a network (L4) listener: Wasm network filters (in `filters`) ahead of tcp_proxy; no HTTP fields apply */
  readonly tcp?: TcpProxyConfig | undefined;
}

/** envoy.filters.network.tcp_proxy (TcpProxy) */
export interface TcpProxyConfig {
  readonly statPrefix: string;
  /** `cluster`, or the weighted_clusters entries (`path`: the full config path of the name) */
  readonly clusters: readonly WeightedCluster[];
  readonly totalWeight: number;
  /** no bytes either way for this long closes both connections (Envoy's default 1h; 0 disables) */
  readonly idleTimeoutMs: number;
}

export interface ProxyConfig {
  readonly admin: SocketAddress | undefined;
  readonly nodeId: string;
  readonly nodeCluster: string;
  readonly listeners: readonly ListenerConfig[];
  readonly clusters: readonly ClusterConfig[];
}

const T_HCM = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
const T_WASM = 'type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm';
const T_NET_WASM = 'type.googleapis.com/envoy.extensions.filters.network.wasm.v3.Wasm';
const T_TCP_PROXY = 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy';
const T_ROUTER = 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router';
const T_STRING = 'type.googleapis.com/google.protobuf.StringValue';
const T_FILTER_CONFIG = 'type.googleapis.com/envoy.config.route.v3.FilterConfig';
const T_FILE_LOG = 'type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog';
const T_STDOUT_LOG = 'type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog';
const T_STDERR_LOG = 'type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StderrAccessLog';

/** num() restricted to integers in [min, max]; `what` is the message for anything else */
function int(o: Obj, k: string, path: string, min: number, max: number, what: string, dflt?: number): number {
  const n = num(o, k, path, dflt);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(what, join(path, k));
  return n;
}

function oneOf<T extends string>(o: Obj, k: string, path: string, values: readonly T[], dflt: T): T {
  const v = o[k];
  if (v === undefined || v === null) return dflt;
  if (!values.includes(v as T)) throw new ConfigError(`expected one of ${values.join(', ')}`, join(path, k));
  return v as T;
}

/** A protobuf Duration in its JSON form ("0.25s"), or {seconds, nanos}; in milliseconds. */
function duration(o: Obj, k: string, path: string, dfltMs: number): number {
  const v = o[k];
  const p = join(path, k);
  if (v === undefined || v === null) return dfltMs;
  if (typeof v === 'string') {
    const m = /^(\d+(?:\.\d+)?)s$/.exec(v.trim());
    if (!m) throw new ConfigError(`expected a duration like "0.25s", got "${v}"`, p);
    return Math.round(Number(m[1]) * 1000);
  }
  if (typeof v === 'object' && !Array.isArray(v)) {
    const d = obj(v, p, ['seconds', 'nanos']);
    return num(d, 'seconds', p, 0) * 1000 + Math.round(num(d, 'nanos', p, 0) / 1e6);
  }
  throw new ConfigError('expected a duration like "0.25s"', p);
}

/** A google.protobuf.StringValue (Any) — or a plain string, which Envoy's YAML also allows here. */
function stringValue(v: unknown, path: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  const o = typedConfig(v, path, T_STRING, ['value']);
  return str(o, 'value', path, '');
}

function socketAddress(v: unknown, path: string): SocketAddress {
  const a = obj(v, path, ['socket_address']);
  const p = join(path, 'socket_address');
  const s = obj(a['socket_address'], p, ['address', 'port_value', 'protocol'], ['ipv4_compat', 'named_port', 'resolver_name']);
  if (s['protocol'] !== undefined && s['protocol'] !== 'TCP') throw new ConfigError('only TCP is supported', join(p, 'protocol'));
  const port = num(s, 'port_value', p, 0);
  if (!Number.isInteger(port) || port > 65535) throw new ConfigError('expected a port number', join(p, 'port_value'));
  return { address: str(s, 'address', p), port };
}

export interface LoadOptions {
  /** directory that relative code filenames are resolved against (default: the config file's) */
  readonly baseDir?: string;
}

/** Read and check a configuration file. */
export function loadConfigFile(file: string): ProxyConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read ${file}: ${(e as Error).message}`);
  }
  return parseConfig(text, { baseDir: dirname(resolve(file)) });
}

/** Parse and check configuration text (YAML or JSON). */
export function parseConfig(text: string, opts: LoadOptions = {}): ProxyConfig {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw new ConfigError(`invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const raw = doc.toJS() as unknown;
  return checkConfig(raw, opts);
}

/** Check an already-parsed configuration object. */
export function checkConfig(raw: unknown, opts: LoadOptions = {}): ProxyConfig {
  const baseDir = opts.baseDir ?? process.cwd();
  const top = obj(raw, '', ['admin', 'static_resources', 'node']);
  let admin: SocketAddress | undefined;
  if (top['admin'] !== undefined) {
    const a = obj(top['admin'], 'admin', ['address'], ['access_log_path', 'access_log', 'profile_path', 'socket_options', 'ignore_global_conn_limit']);
    if (a['address'] === undefined) throw new ConfigError('required field is missing', 'admin.address');
    admin = socketAddress(a['address'], 'admin.address');
  }
  const node = obj(top['node'], 'node', ['id', 'cluster']);
  const sr = obj(top['static_resources'], 'static_resources', ['listeners', 'clusters']);
  const clusters = arr(sr['clusters'], 'static_resources.clusters').map((c, i) => parseCluster(c, `static_resources.clusters[${i}]`, baseDir));
  const names = new Set<string>();
  for (const c of clusters) {
    if (names.has(c.name)) throw new ConfigError(`duplicate cluster name "${c.name}"`, 'static_resources.clusters');
    names.add(c.name);
  }
  const listeners = arr(sr['listeners'], 'static_resources.listeners').map((l, i) => parseListener(l, `static_resources.listeners[${i}]`, baseDir));
  for (const l of listeners) for (const c of l.tcp?.clusters ?? []) if (!names.has(c.name)) throw new ConfigError(`unknown cluster "${c.name}"`, c.path);
  for (const [li, l] of listeners.entries()) {
    for (const [vi, vh] of l.virtualHosts.entries()) {
      for (const [ri, r] of vh.routes.entries()) {
        if (r.action.kind !== 'route') continue;
        for (const c of r.action.clusters) {
          if (!names.has(c.name)) {
            throw new ConfigError(`unknown cluster "${c.name}"`, `static_resources.listeners[${li}].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[${vi}].routes[${ri}].${c.path}`);
          }
        }
      }
    }
  }
  return { admin, nodeId: str(node, 'id', 'node', 'wasmlet'), nodeCluster: str(node, 'cluster', 'node', ''), listeners, clusters };
}

/** Health states of an endpoint that take it out of load balancing (no health checks run here). */
const OUT_OF_ROTATION = ['UNHEALTHY', 'DRAINING', 'TIMEOUT'];

/** A cluster's upstream HTTP/2 settings (undefined: HTTP/1.1); over TLS, ALPN must be able to pick h2. */
function upstreamHttp2(c: Obj, path: string, tls: UpstreamTls | undefined): Http2Options | undefined {
  const h2 = parseUpstreamProtocol(c, path);
  if (h2 && tls && tls.alpn.length && !tls.alpn.includes('h2')) {
    throw new ConfigError('an HTTP/2 cluster must offer "h2" in alpn_protocols (or leave them out)', join(path, 'transport_socket.typed_config.common_tls_context.alpn_protocols'));
  }
  return h2;
}

function parseCluster(v: unknown, path: string, baseDir: string): ClusterConfig {
  const c = obj(v, path, ['name', 'connect_timeout', 'type', 'lb_policy', 'load_assignment', 'dns_lookup_family', 'health_checks', 'common_lb_config', 'circuit_breakers', 'transport_socket', 'typed_extension_protocol_options', 'http2_protocol_options'], [
    'per_connection_buffer_limit_bytes',
    'outlier_detection',
    'upstream_connection_options',
  ]);
  const name = str(c, 'name', path);
  const type = oneOf(c, 'type', path, ['STATIC', 'STRICT_DNS', 'LOGICAL_DNS'] as const, 'STATIC');
  const la = obj(c['load_assignment'], join(path, 'load_assignment'), ['cluster_name', 'endpoints'], ['policy', 'named_endpoints']);
  // cluster_name is informational here (the cluster's own name identifies it), as for Envoy's static clusters
  str(la, 'cluster_name', join(path, 'load_assignment'), '');
  const endpoints: SocketAddress[] = [];
  const weights: number[] = [];
  let listed = 0;
  arr(la['endpoints'], join(path, 'load_assignment.endpoints')).forEach((e, i) => {
    const ep = `${path}.load_assignment.endpoints[${i}]`;
    const lo = obj(e, ep, ['lb_endpoints', 'priority'], ['locality', 'load_balancing_weight', 'proximity', 'leds_cluster_locality_config']);
    if (num(lo, 'priority', ep, 0) !== 0) throw new ConfigError('only priority 0 is supported', join(ep, 'priority'));
    arr(lo['lb_endpoints'], join(ep, 'lb_endpoints')).forEach((le, j) => {
      const lp = `${ep}.lb_endpoints[${j}]`;
      const l = obj(le, lp, ['endpoint', 'load_balancing_weight', 'health_status'], ['metadata', 'endpoint_name']);
      const en = obj(l['endpoint'], join(lp, 'endpoint'), ['address'], ['hostname', 'health_check_config', 'additional_addresses']);
      const addr = socketAddress(en['address'], join(lp, 'endpoint.address'));
      if (type === 'STATIC' && isIP(addr.address) === 0) {
        throw new ConfigError(`a STATIC cluster needs IP addresses, not "${addr.address}" (use STRICT_DNS or LOGICAL_DNS for names)`, join(lp, 'endpoint.address.socket_address.address'));
      }
      const weight = int(l, 'load_balancing_weight', lp, 1, 128, 'expected an integer from 1 to 128', 1);
      const health = oneOf(l, 'health_status', lp, ['UNKNOWN', 'HEALTHY', 'UNHEALTHY', 'DRAINING', 'TIMEOUT'] as const, 'UNKNOWN');
      listed++;
      if (OUT_OF_ROTATION.includes(health)) return;
      endpoints.push(addr);
      weights.push(weight);
    });
  });
  if (listed === 0) throw new ConfigError('a cluster needs at least one endpoint in load_assignment', path);
  if (endpoints.length === 0) throw new ConfigError('every endpoint is out of rotation (health_status)', join(path, 'load_assignment'));
  const fam = oneOf(c, 'dns_lookup_family', path, ['AUTO', 'V4_ONLY', 'V6_ONLY', 'V4_PREFERRED', 'ALL'] as const, 'AUTO');
  const tls = c['transport_socket'] === undefined ? undefined : parseUpstreamTls(c['transport_socket'], join(path, 'transport_socket'), baseDir);
  return {
    name,
    connectTimeoutMs: duration(c, 'connect_timeout', path, 5000),
    type,
    lbPolicy: oneOf(c, 'lb_policy', path, ['ROUND_ROBIN', 'RANDOM', 'LEAST_REQUEST'] as const, 'ROUND_ROBIN'),
    endpoints,
    weights,
    family: fam === 'V4_ONLY' ? 4 : fam === 'V6_ONLY' ? 6 : 0,
    tls,
    http2: upstreamHttp2(c, path, tls),
    healthCheck: parseHealthChecks(c['health_checks'], join(path, 'health_checks')),
    panicThreshold: parsePanicThreshold(c['common_lb_config'], join(path, 'common_lb_config')),
    breakers: parseBreakers(c['circuit_breakers'], join(path, 'circuit_breakers')),
  };
}

/** cluster.health_checks: one HTTP health check (core.v3.HealthCheck) */
function parseHealthChecks(v: unknown, path: string): HealthCheckConfig | undefined {
  const list = arr(v, path);
  if (list.length === 0) return undefined;
  if (list.length > 1) throw new ConfigError('only one health check per cluster is supported by wasmlet', path);
  const p = `${path}[0]`;
  const h = obj(list[0], p, ['timeout', 'interval', 'initial_jitter', 'interval_jitter', 'unhealthy_threshold', 'healthy_threshold', 'http_health_check', 'no_traffic_interval', 'reuse_connection'], [
    'interval_jitter_percent',
    'alt_port',
    'unhealthy_interval',
    'unhealthy_edge_interval',
    'healthy_edge_interval',
    'no_traffic_healthy_interval',
    'event_log_path',
    'event_logger',
    'always_log_health_check_failures',
    'always_log_health_check_success',
    'tls_options',
    'transport_socket_match_criteria',
    'tcp_health_check',
    'grpc_health_check',
    'custom_health_check',
  ]);
  for (const k of ['timeout', 'interval', 'unhealthy_threshold', 'healthy_threshold', 'http_health_check']) if (h[k] === undefined) throw new ConfigError('required field is missing', join(p, k));
  const timeoutMs = duration(h, 'timeout', p, 0);
  const intervalMs = duration(h, 'interval', p, 0);
  if (timeoutMs <= 0) throw new ConfigError('must be greater than 0', join(p, 'timeout'));
  if (intervalMs <= 0) throw new ConfigError('must be greater than 0', join(p, 'interval'));
  // no_traffic_interval is accepted and checked; wasmlet checks every `interval`, traffic or not
  duration(h, 'no_traffic_interval', p, 60_000);
  bool(h, 'reuse_connection', p, true);
  const threshold = (k: string) => {
    const t = h[k];
    // a UInt32Value: a number or { value }
    const o = t !== null && typeof t === 'object' && !Array.isArray(t) ? obj(t, join(p, k), ['value']) : { value: t };
    return int(o, 'value', join(p, k), 1, 0xffffffff, 'expected an integer from 1');
  };
  const hp = join(p, 'http_health_check');
  const hh = obj(h['http_health_check'], hp, ['path', 'host', 'expected_statuses', 'codec_client_type'], [
    'send',
    'receive',
    'response_buffer_size',
    'request_headers_to_add',
    'request_headers_to_remove',
    'retriable_statuses',
    'service_name_matcher',
    'method',
  ]);
  const hpath = str(hh, 'path', hp);
  if (!hpath.startsWith('/')) throw new ConfigError('expected a path starting with "/"', join(hp, 'path'));
  const expected = arr(hh['expected_statuses'], join(hp, 'expected_statuses')).map((r, i): [number, number] => {
    const rp = `${hp}.expected_statuses[${i}]`;
    const o = obj(r, rp, ['start', 'end']);
    const start = int(o, 'start', rp, 100, 599, 'expected a status from 100 to 599');
    const end = int(o, 'end', rp, 101, 600, 'expected a status from 101 to 600 (exclusive)');
    if (start >= end) throw new ConfigError('needs start < end (the range is [start, end))', rp);
    return [start, end];
  });
  return {
    timeoutMs,
    intervalMs,
    intervalJitterMs: duration(h, 'interval_jitter', p, 0),
    initialJitterMs: duration(h, 'initial_jitter', p, 0),
    unhealthyThreshold: threshold('unhealthy_threshold'),
    healthyThreshold: threshold('healthy_threshold'),
    path: hpath,
    codec: oneOf(hh, 'codec_client_type', hp, ['HTTP1', 'HTTP2'] as const, 'HTTP1'),
    host: hh['host'] === undefined ? undefined : str(hh, 'host', hp),
    expectedStatuses: expected.length ? expected : [[200, 201]],
  };
}

/** common_lb_config: healthy_panic_threshold (a Percent {value}) only */
function parsePanicThreshold(v: unknown, path: string): number {
  const c = obj(v, path, ['healthy_panic_threshold'], ['zone_aware_lb_config', 'locality_weighted_lb_config', 'update_merge_window', 'ignore_new_hosts_until_first_hc', 'close_connections_on_host_set_change', 'consistent_hashing_lb_config', 'override_host_status']);
  if (c['healthy_panic_threshold'] === undefined) return 50;
  const pp = join(path, 'healthy_panic_threshold');
  const n = num(obj(c['healthy_panic_threshold'], pp, ['value']), 'value', pp, 0);
  if (n > 100) throw new ConfigError('expected a percentage from 0 to 100', join(pp, 'value'));
  return n;
}

/** circuit_breakers.thresholds: priority DEFAULT only */
function parseBreakers(v: unknown, path: string): BreakerThresholds {
  const dflt = { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3 };
  const cb = obj(v, path, ['thresholds'], ['per_host_thresholds']);
  const list = arr(cb['thresholds'], join(path, 'thresholds'));
  let out: BreakerThresholds = dflt;
  let seen = false;
  list.forEach((t, i) => {
    const tp = `${path}.thresholds[${i}]`;
    const o = obj(t, tp, ['priority', 'max_connections', 'max_pending_requests', 'max_requests', 'max_retries', 'track_remaining'], ['retry_budget', 'max_connection_pools']);
    const pr = oneOf(o, 'priority', tp, ['DEFAULT', 'HIGH'] as const, 'DEFAULT');
    if (pr === 'HIGH') throw new ConfigError('priority HIGH is not supported by wasmlet (routes have no priority; DEFAULT applies)', join(tp, 'priority'));
    if (seen) throw new ConfigError('priority DEFAULT is given twice', tp);
    seen = true;
    // track_remaining is accepted: the remaining_* gauges are always in /stats
    bool(o, 'track_remaining', tp, false);
    const u32 = (k: string, d: number) => {
      const x = o[k];
      const w = x !== null && typeof x === 'object' && !Array.isArray(x) ? obj(x, join(tp, k), ['value']) : { value: x };
      return int(w, 'value', join(tp, k), 0, 0xffffffff, 'expected a non-negative integer', d);
    };
    out = { maxConnections: u32('max_connections', 1024), maxPendingRequests: u32('max_pending_requests', 1024), maxRequests: u32('max_requests', 1024), maxRetries: u32('max_retries', 3) };
  });
  return out;
}

function parseListener(v: unknown, path: string, baseDir: string): ListenerConfig {
  const l = obj(v, path, ['name', 'address', 'filter_chains', 'per_connection_buffer_limit_bytes'], [
    'traffic_direction',
    'listener_filters',
    'socket_options',
    'default_filter_chain',
    'access_log',
    'reuse_port',
    'enable_reuse_port',
  ]);
  const name = str(l, 'name', path, '');
  const chains = arr(l['filter_chains'], join(path, 'filter_chains'));
  if (chains.length !== 1) throw new ConfigError('exactly one filter chain is supported', join(path, 'filter_chains'));
  const cp = `${path}.filter_chains[0]`;
  const chain = obj(chains[0], cp, ['filters', 'name', 'transport_socket'], ['filter_chain_match']);
  const filters = arr(chain['filters'], join(cp, 'filters'));
  if (isNetworkChain(filters)) {
    // TLS is terminated only by the HTTP connection manager's listener (tls.ts); a tcp_proxy chain would pass ciphertext
    if (chain['transport_socket'] !== undefined) throw new ConfigError('TLS on a tcp_proxy listener is not supported by wasmlet', join(cp, 'transport_socket'));
    return parseNetworkListener(l, path, name, filters, join(cp, 'filters'), baseDir);
  }
  if (filters.length !== 1) throw new ConfigError('expected exactly one network filter: envoy.filters.network.http_connection_manager', join(cp, 'filters'));
  const fp = `${cp}.filters[0]`;
  const f = obj(filters[0], fp, ['name', 'typed_config']);
  const fname = str(f, 'name', fp);
  if (fname !== 'envoy.filters.network.http_connection_manager' && fname !== 'envoy.http_connection_manager') {
    throw new ConfigError(`unsupported network filter "${fname}" (only envoy.filters.network.http_connection_manager)`, join(fp, 'name'));
  }
  const hp = join(fp, 'typed_config');
  const hcm = typedConfig(
    f['typed_config'],
    hp,
    T_HCM,
    ['stat_prefix', 'codec_type', 'route_config', 'http_filters', 'stream_idle_timeout', 'request_timeout', 'generate_request_id', 'preserve_external_request_id', 'always_set_request_id_in_response', 'use_remote_address', 'server_name', 'access_log', 'http2_protocol_options'],
    ['rds', 'tracing', 'request_id_extension', 'access_log_options', 'common_http_protocol_options', 'http_protocol_options', 'upgrade_configs', 'xff_num_trusted_hops', 'normalize_path', 'merge_slashes'],
  );
  const codec = oneOf(hcm, 'codec_type', hp, ['AUTO', 'HTTP1', 'HTTP2'] as const, 'AUTO');
  const rp = join(hp, 'route_config');
  const rc = obj(hcm['route_config'], rp, ['name', 'virtual_hosts', 'typed_per_filter_config'], ['request_headers_to_add', 'request_headers_to_remove', 'response_headers_to_add', 'response_headers_to_remove', 'internal_only_headers', 'validate_clusters']);
  const rcFilters = perFilterConfig(rc['typed_per_filter_config'], join(rp, 'typed_per_filter_config'), undefined);
  const virtualHosts = arr(rc['virtual_hosts'], join(rp, 'virtual_hosts')).map((vh, i) => parseVirtualHost(vh, `${rp}.virtual_hosts[${i}]`, rcFilters));
  const fl = arr(hcm['http_filters'], join(hp, 'http_filters'));
  const wasm: WasmFilterConfig[] = [];
  let router = false;
  fl.forEach((hf, i) => {
    const p = `${hp}.http_filters[${i}]`;
    if (router) throw new ConfigError('envoy.filters.http.router must be the last http filter', p);
    const o = obj(hf, p, ['name', 'typed_config', 'disabled'], ['is_optional', 'config_discovery']);
    const n = str(o, 'name', p);
    const disabled = bool(o, 'disabled', p, false);
    const t = o['typed_config'] as Obj | undefined;
    const type = t && typeof t === 'object' ? t['@type'] : undefined;
    if (type === T_ROUTER || (type === undefined && n === 'envoy.filters.http.router')) {
      if (disabled) throw new ConfigError('the router cannot be disabled', join(p, 'disabled'));
      typedConfig(o['typed_config'] ?? { '@type': T_ROUTER }, join(p, 'typed_config'), T_ROUTER, []);
      router = true;
      return;
    }
    if (type === T_WASM || n === 'envoy.filters.http.wasm') {
      wasm.push({ ...parseWasm(n, o['typed_config'], join(p, 'typed_config'), baseDir), disabled });
      return;
    }
    throw new ConfigError(`unsupported http filter "${n}" (supported: envoy.filters.http.wasm, envoy.filters.http.router)`, p);
  });
  if (!router) throw new ConfigError('the last http filter must be envoy.filters.http.router', join(hp, 'http_filters'));
  // a per-route setting for a filter the chain does not have is a typo, not a no-op
  const filterNames = new Set(wasm.map((w) => w.filterName));
  virtualHosts.forEach((vh, vi) =>
    vh.routes.forEach((r, ri) => {
      for (const name of r.filterDisabled?.keys() ?? []) {
        if (!filterNames.has(name)) throw new ConfigError(`typed_per_filter_config names "${name}", which is not one of this listener's Wasm http filters (${[...filterNames].join(', ') || 'none'})`, `${rp}.virtual_hosts[${vi}].routes[${ri}]`);
      }
    }),
  );
  const names = new Set<string>();
  for (const w of wasm) {
    if (names.has(w.name)) throw new ConfigError(`two Wasm filters are named "${w.name}"; give each plugin a distinct config.name`, join(hp, 'http_filters'));
    names.add(w.name);
  }
  return {
    name,
    address: socketAddress(l['address'], join(path, 'address')),
    statPrefix: str(hcm, 'stat_prefix', hp, name || 'http'),
    virtualHosts,
    routeConfigName: str(rc, 'name', rp, ''),
    filters: wasm,
    perConnectionBufferLimitBytes: num(l, 'per_connection_buffer_limit_bytes', path, 1 << 20),
    requestTimeoutMs: duration(hcm, 'request_timeout', hp, 0),
    streamIdleTimeoutMs: duration(hcm, 'stream_idle_timeout', hp, 300_000),
    generateRequestId: bool(hcm, 'generate_request_id', hp, true),
    preserveExternalRequestId: bool(hcm, 'preserve_external_request_id', hp, false),
    alwaysSetRequestIdInResponse: bool(hcm, 'always_set_request_id_in_response', hp, false),
    useRemoteAddress: bool(hcm, 'use_remote_address', hp, false),
    serverName: hcm['server_name'] === undefined ? undefined : str(hcm, 'server_name', hp),
    accessLogs: arr(hcm['access_log'], join(hp, 'access_log')).map((a, i) => parseAccessLog(a, `${hp}.access_log[${i}]`)),
    tls: listenerTls(chain['transport_socket'], join(cp, 'transport_socket'), baseDir, codec),
    codec,
    http2: parseHttp2Options(hcm['http2_protocol_options'], join(hp, 'http2_protocol_options')),
  };
}

/** the codecs' ALPN names: what each codec_type can serve */
const CODEC_ALPN = { HTTP1: ['http/1.1'], HTTP2: ['h2'], AUTO: ['h2', 'http/1.1'] } as const;

/** a listener's DownstreamTlsContext, whose alpn_protocols must be ones its codec_type serves (never a protocol the server cannot speak) */
function listenerTls(v: unknown, path: string, baseDir: string, codec: 'AUTO' | 'HTTP1' | 'HTTP2'): DownstreamTls | undefined {
  if (v === undefined) return undefined;
  const tls = parseDownstreamTls(v, path, baseDir);
  const ok: readonly string[] = CODEC_ALPN[codec];
  const bad = tls.alpn.find((p) => !ok.includes(p));
  if (bad !== undefined) throw new ConfigError(`ALPN protocol "${bad}" is not served by codec_type ${codec} (it serves ${ok.join(', ')})`, join(path, 'typed_config.common_tls_context.alpn_protocols'));
  return tls;
}

const typeOf = (f: Obj) => ((f['typed_config'] ?? f['typedConfig']) as Obj | undefined)?.['@type'];
const isTcpProxy = (f: Obj) => f['name'] === 'envoy.filters.network.tcp_proxy' || typeOf(f) === T_TCP_PROXY;
const isNetWasm = (f: Obj) => f['name'] === 'envoy.filters.network.wasm' || typeOf(f) === T_NET_WASM;

/** a filter chain of network filters (Wasm, tcp_proxy) rather than the HTTP connection manager */
function isNetworkChain(filters: unknown[]): boolean {
  return filters.some((f) => f !== null && typeof f === 'object' && (isTcpProxy(f as Obj) || isNetWasm(f as Obj)));
}

/**
 * A listener whose filter chain is envoy.filters.network.wasm filters (any number, in order) ending
 * in envoy.filters.network.tcp_proxy: the network filters take the HTTP filters' place in
 * `filters` (same plugin and VM configuration), tcp_proxy's settings go to `tcp`.
 */
function parseNetworkListener(l: Obj, path: string, name: string, filters: unknown[], fsp: string, baseDir: string): ListenerConfig {
  const wasm: WasmFilterConfig[] = [];
  let tcp: TcpProxyConfig | undefined;
  filters.forEach((v, i) => {
    const fp = `${fsp}[${i}]`;
    const f = obj(v, fp, ['name', 'typed_config']);
    const n = str(f, 'name', fp);
    if (tcp) throw new ConfigError('envoy.filters.network.tcp_proxy must be the last network filter', fp);
    const tp = join(fp, 'typed_config');
    if (isTcpProxy(f)) {
      tcp = parseTcpProxy(f['typed_config'], tp);
      return;
    }
    if (isNetWasm(f)) {
      wasm.push(parseWasm(n, f['typed_config'], tp, baseDir, T_NET_WASM));
      return;
    }
    throw new ConfigError(`unsupported network filter "${n}" in a tcp_proxy chain (supported: envoy.filters.network.wasm, then envoy.filters.network.tcp_proxy)`, join(fp, 'name'));
  });
  if (!tcp) throw new ConfigError('the last network filter must be envoy.filters.network.tcp_proxy', fsp);
  const names = new Set<string>();
  for (const w of wasm) {
    if (names.has(w.name)) throw new ConfigError(`two Wasm filters are named "${w.name}"; give each plugin a distinct config.name`, fsp);
    names.add(w.name);
  }
  return {
    name,
    address: socketAddress(l['address'], join(path, 'address')),
    statPrefix: tcp.statPrefix,
    virtualHosts: [],
    routeConfigName: '',
    filters: wasm,
    perConnectionBufferLimitBytes: num(l, 'per_connection_buffer_limit_bytes', path, 1 << 20),
    requestTimeoutMs: 0,
    streamIdleTimeoutMs: 0,
    generateRequestId: false,
    preserveExternalRequestId: false,
    alwaysSetRequestIdInResponse: false,
    useRemoteAddress: false,
    serverName: undefined,
    accessLogs: [],
    tls: undefined,
    codec: 'HTTP1',
    http2: parseHttp2Options(undefined, path),
    tcp,
  };
}

/** envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy: stat_prefix, cluster | weighted_clusters, idle_timeout */
function parseTcpProxy(v: unknown, path: string): TcpProxyConfig {
  const t = typedConfig(v, path, T_TCP_PROXY, ['stat_prefix', 'cluster', 'weighted_clusters', 'idle_timeout'], [
    'on_demand',
    'metadata_match',
    'access_log',
    'max_connect_attempts',
    'backoff_options',
    'hash_policy',
    'tunneling_config',
    'max_downstream_connection_duration',
    'access_log_flush_interval',
    'access_log_options',
    'upstream_filters',
    'proxy_protocol_tlvs',
    'flush_access_log_on_connected',
  ]);
  const statPrefix = str(t, 'stat_prefix', path);
  if (!statPrefix) throw new ConfigError('stat_prefix must not be empty', join(path, 'stat_prefix'));
  if ((t['cluster'] === undefined) === (t['weighted_clusters'] === undefined)) throw new ConfigError('tcp_proxy needs exactly one of cluster, weighted_clusters', path);
  let clusters: WeightedCluster[];
  if (t['cluster'] !== undefined) clusters = [{ name: str(t, 'cluster', path), weight: 1, path: join(path, 'cluster') }];
  else {
    const wp = join(path, 'weighted_clusters');
    const w = obj(t['weighted_clusters'], wp, ['clusters']);
    clusters = arr(w['clusters'], join(wp, 'clusters')).map((c, i) => {
      const p = `${wp}.clusters[${i}]`;
      const o = obj(c, p, ['name', 'weight'], ['metadata_match']);
      return { name: str(o, 'name', p), weight: int(o, 'weight', p, 1, 2 ** 32 - 1, 'expected an integer from 1 to 4294967295'), path: join(p, 'name') };
    });
    if (clusters.length === 0) throw new ConfigError('weighted_clusters needs at least one cluster', join(wp, 'clusters'));
  }
  return { statPrefix, clusters, totalWeight: clusters.reduce((n, c) => n + c.weight, 0), idleTimeoutMs: duration(t, 'idle_timeout', path, 3_600_000) };
}

/** AccessLog with the file, stdout or stderr logger */
function parseAccessLog(v: unknown, path: string): AccessLogConfig {
  const a = obj(v, path, ['name', 'typed_config'], ['filter']);
  // the logger is chosen by typed_config's type, as in Envoy; the name is informational
  str(a, 'name', path, '');
  const tp = join(path, 'typed_config');
  const t = a['typed_config'];
  const type = t !== null && typeof t === 'object' ? (t as Obj)['@type'] : undefined;
  if (type === T_STDOUT_LOG || type === T_STDERR_LOG) {
    const o = typedConfig(t, tp, type, ['log_format']);
    return { path: type === T_STDOUT_LOG ? '/dev/stdout' : '/dev/stderr', formatter: logFormat(o['log_format'], join(tp, 'log_format')), configPath: tp };
  }
  const o = typedConfig(t, tp, T_FILE_LOG, ['path', 'log_format', 'format', 'json_format'], ['typed_json_format']);
  const given = ['log_format', 'format', 'json_format'].filter((k) => o[k] !== undefined);
  if (given.length > 1) throw new ConfigError(`give one of log_format, format, json_format (got ${given.join(', ')})`, tp);
  let formatter: Formatter;
  if (o['format'] !== undefined) formatter = textFormatter(parts(str(o, 'format', tp), join(tp, 'format')), false);
  else if (o['json_format'] !== undefined) formatter = jsonFormatter(jsonTemplate(o['json_format'], join(tp, 'json_format'), false), false);
  else formatter = logFormat(o['log_format'], join(tp, 'log_format'));
  const file = str(o, 'path', tp);
  if (!file) throw new ConfigError('required field is missing', join(tp, 'path'));
  return { path: file, formatter, configPath: join(tp, 'path') };
}

function parts(fmt: string, path: string): Exclude<ReturnType<typeof compileParts>, string> {
  const p = compileParts(fmt);
  if (typeof p === 'string') throw new ConfigError(p, path);
  return p;
}

/** SubstitutionFormatString: text_format, text_format_source.inline_string or json_format; none: Envoy's default format */
function logFormat(v: unknown, path: string): Formatter {
  if (v === undefined || v === null) return textFormatter(parts(DEFAULT_FORMAT, path), false);
  const f = obj(v, path, ['text_format', 'text_format_source', 'json_format', 'omit_empty_values', 'json_format_options'], ['typed_json_format', 'content_type', 'formatters']);
  const given = ['text_format', 'text_format_source', 'json_format'].filter((k) => f[k] !== undefined);
  if (given.length !== 1) throw new ConfigError('a log format needs exactly one of text_format, text_format_source, json_format', path);
  const omit = bool(f, 'omit_empty_values', path, false);
  const op = join(path, 'json_format_options');
  const sort = bool(obj(f['json_format_options'], op, ['sort_properties']), 'sort_properties', op, false);
  if (f['json_format'] !== undefined) return jsonFormatter(jsonTemplate(f['json_format'], join(path, 'json_format'), sort), omit);
  if (f['text_format'] !== undefined) return textFormatter(parts(str(f, 'text_format', path), join(path, 'text_format')), omit);
  const sp = join(path, 'text_format_source');
  const src = obj(f['text_format_source'], sp, ['inline_string'], ['filename', 'inline_bytes', 'environment_variable']);
  return textFormatter(parts(str(src, 'inline_string', sp), join(sp, 'inline_string')), omit);
}

/** json_format: a mapping of format strings and nested mappings */
function jsonTemplate(v: unknown, path: string, sort: boolean): JsonTemplate {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ConfigError('expected a mapping', path);
  const keys = Object.keys(v as Obj);
  if (sort) keys.sort();
  const out: Record<string, JsonTemplate | ReturnType<typeof parts>> = {};
  for (const k of keys) {
    const x = (v as Obj)[k];
    const kp = join(path, k);
    if (typeof x === 'string') out[k] = parts(x, kp);
    else if (x !== null && typeof x === 'object' && !Array.isArray(x)) out[k] = jsonTemplate(x, kp, sort);
    else throw new ConfigError('expected a format string or a mapping', kp);
  }
  return out;
}

/**
 * typed_per_filter_config: http filter name → envoy.config.route.v3.FilterConfig {disabled,
 * is_optional}, merged over `outer`. Per-route configuration of a filter itself (FilterConfig.config,
 * or the filter's own per-route type) is not supported: the Wasm filter has none in Envoy either.
 */
function perFilterConfig(v: unknown, path: string, outer: ReadonlyMap<string, boolean> | undefined): ReadonlyMap<string, boolean> | undefined {
  if (v === undefined || v === null) return outer;
  if (typeof v !== 'object' || Array.isArray(v)) throw new ConfigError('expected a mapping of http filter names', path);
  const out = new Map(outer);
  for (const [name, c] of Object.entries(v as Obj)) {
    const p = join(path, name);
    const t = c !== null && typeof c === 'object' ? (c as Obj)['@type'] : undefined;
    if (t !== undefined && t !== T_FILTER_CONFIG) throw new ConfigError(`per-route configuration of a filter is not supported by wasmlet (only ${T_FILTER_CONFIG} with disabled)`, join(p, '@type'));
    const f = typedConfig(c, p, T_FILTER_CONFIG, ['disabled', 'is_optional'], ['config']);
    bool(f, 'is_optional', p, false);
    out.set(name, bool(f, 'disabled', p, false));
  }
  return out;
}

function parseVirtualHost(v: unknown, path: string, rcFilters: ReadonlyMap<string, boolean> | undefined): VirtualHostConfig {
  const vh = obj(v, path, ['name', 'domains', 'routes', 'retry_policy', 'include_request_attempt_count', 'include_attempt_count_in_response', 'typed_per_filter_config'], [
    'require_tls',
    'virtual_clusters',
    'rate_limits',
    'request_headers_to_add',
    'request_headers_to_remove',
    'response_headers_to_add',
    'response_headers_to_remove',
    'cors',
    'hedge_policy',
    'retry_policy_typed_config',
    'per_request_buffer_limit_bytes',
  ]);
  const domains = arr(vh['domains'], join(path, 'domains')).map((d, i) => {
    if (typeof d !== 'string') throw new ConfigError('expected a string', `${path}.domains[${i}]`);
    return d.toLowerCase();
  });
  if (domains.length === 0) throw new ConfigError('a virtual host needs at least one domain ("*" matches all)', join(path, 'domains'));
  const dflt: VhDefaults = {
    filterDisabled: perFilterConfig(vh['typed_per_filter_config'], join(path, 'typed_per_filter_config'), rcFilters),
    retry: vh['retry_policy'] === undefined ? undefined : parseRetryPolicy(vh['retry_policy'], join(path, 'retry_policy')),
    attemptCountInRequest: bool(vh, 'include_request_attempt_count', path, false),
    attemptCountInResponse: bool(vh, 'include_attempt_count_in_response', path, false),
  };
  const routes = arr(vh['routes'], join(path, 'routes')).map((r, i) => parseRoute(r, `${path}.routes[${i}]`, dflt));
  return { name: str(vh, 'name', path, ''), domains, routes };
}

function parseRoute(v: unknown, path: string, vh: VhDefaults): RouteConfigEntry {
  const r = obj(v, path, ['name', 'match', 'route', 'direct_response', 'typed_per_filter_config'], ['redirect', 'filter_action', 'non_forwarding_action', 'metadata', 'decorator', 'request_headers_to_add', 'request_headers_to_remove', 'response_headers_to_add', 'response_headers_to_remove']);
  const mp = join(path, 'match');
  const m = obj(r['match'], mp, ['prefix', 'path', 'safe_regex', 'case_sensitive', 'headers', 'query_parameters'], ['runtime_fraction', 'grpc', 'path_separated_prefix', 'path_match_policy', 'connect_matcher', 'tls_context', 'dynamic_metadata']);
  const kinds = ['prefix', 'path', 'safe_regex'].filter((k) => m[k] !== undefined);
  if (kinds.length !== 1) throw new ConfigError('a route match needs exactly one of prefix, path, safe_regex', mp);
  const regex = m['safe_regex'] === undefined ? undefined : safeRegex(m['safe_regex'], join(mp, 'safe_regex'));
  const headers = arr(m['headers'], join(mp, 'headers')).map((h, i) => parseHeaderMatch(h, `${mp}.headers[${i}]`));
  const query = arr(m['query_parameters'], join(mp, 'query_parameters')).map((q, i) => parseQueryMatch(q, `${mp}.query_parameters[${i}]`));
  let action: RouteAction;
  if ((r['route'] === undefined) === (r['direct_response'] === undefined)) throw new ConfigError('a route needs exactly one of route, direct_response', path);
  if (r['route'] !== undefined) {
    const ap = join(path, 'route');
    const a = obj(r['route'], ap, ['cluster', 'weighted_clusters', 'timeout', 'prefix_rewrite', 'host_rewrite_literal', 'idle_timeout', 'retry_policy', 'max_grpc_timeout', 'grpc_timeout_offset'], [
      'cluster_header',
      'regex_rewrite',
      'retry_policy_typed_config',
      'hedge_policy',
      'auto_host_rewrite',
      'request_mirror_policies',
      'hash_policy',
      'cors',
      'rate_limits',
      'max_stream_duration',
    ]);
    action = {
      kind: 'route',
      ...routeTargets(a, ap),
      timeoutMs: duration(a, 'timeout', ap, 15_000),
      prefixRewrite: a['prefix_rewrite'] === undefined ? undefined : str(a, 'prefix_rewrite', ap),
      hostRewrite: a['host_rewrite_literal'] === undefined ? undefined : str(a, 'host_rewrite_literal', ap),
      idleTimeoutMs: a['idle_timeout'] === undefined ? undefined : duration(a, 'idle_timeout', ap, 0),
      maxGrpcTimeoutMs: a['max_grpc_timeout'] === undefined ? undefined : duration(a, 'max_grpc_timeout', ap, 0),
      grpcTimeoutOffsetMs: duration(a, 'grpc_timeout_offset', ap, 0),
      retry: a['retry_policy'] === undefined ? vh.retry : parseRetryPolicy(a['retry_policy'], join(ap, 'retry_policy')),
      attemptCountInRequest: vh.attemptCountInRequest,
      attemptCountInResponse: vh.attemptCountInResponse,
    };
  } else {
    const dp = join(path, 'direct_response');
    const d = obj(r['direct_response'], dp, ['status', 'body']);
    const b = obj(d['body'], join(dp, 'body'), ['inline_string']);
    action = { kind: 'direct', status: num(d, 'status', dp), body: str(b, 'inline_string', join(dp, 'body'), '') };
  }
  return {
    name: r['name'] === undefined ? undefined : str(r, 'name', path),
    prefix: m['prefix'] === undefined ? undefined : str(m, 'prefix', mp),
    path: m['path'] === undefined ? undefined : str(m, 'path', mp),
    regex,
    caseSensitive: bool(m, 'case_sensitive', mp, true),
    headers,
    query,
    action,
    filterDisabled: perFilterConfig(r['typed_per_filter_config'], join(path, 'typed_per_filter_config'), vh.filterDisabled),
  };
}

/** retry_on's comma-separated conditions as RETRY_* bits, or the first unknown condition */
export function retryOnBits(s: string): number | string {
  let bits = 0;
  for (const part of s.split(',')) {
    const k = part.trim();
    if (!k) continue;
    const b = RETRY_ON[k];
    if (b === undefined) return k;
    bits |= b;
  }
  return bits;
}

const RETRY_ON_ENVOY_ONLY = ['reset-before-request', 'envoy-ratelimited', 'refused-stream', 'retriable-headers', 'http3-post-connect-failure', 'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable'];

/** RetryPolicy: Envoy's defaults (num_retries 1, base_interval 25ms, max_interval 10× base) */
function parseRetryPolicy(v: unknown, path: string): RetryPolicy {
  const r = obj(v, path, ['retry_on', 'num_retries', 'per_try_timeout', 'retriable_status_codes', 'retry_back_off'], [
    'per_try_idle_timeout',
    'retry_priority',
    'retry_host_predicate',
    'retry_options_predicates',
    'host_selection_retry_max_attempts',
    'rate_limited_retry_back_off',
    'retriable_headers',
    'retriable_request_headers',
  ]);
  const on = str(r, 'retry_on', path, '');
  const retryOn = retryOnBits(on);
  if (typeof retryOn === 'string') {
    throw new ConfigError(RETRY_ON_ENVOY_ONLY.includes(retryOn) ? `retry condition "${retryOn}" is not supported by wasmlet (supported: ${Object.keys(RETRY_ON).join(', ')})` : `unknown retry condition "${retryOn}" (known: ${Object.keys(RETRY_ON).join(', ')})`, join(path, 'retry_on'));
  }
  const codes = arr(r['retriable_status_codes'], join(path, 'retriable_status_codes')).map((c, i) => {
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 100 || c > 599) throw new ConfigError('expected an HTTP status code', `${path}.retriable_status_codes[${i}]`);
    return c;
  });
  const bp = join(path, 'retry_back_off');
  const bo = obj(r['retry_back_off'], bp, ['base_interval', 'max_interval']);
  if (r['retry_back_off'] !== undefined && bo['base_interval'] === undefined) throw new ConfigError('required field is missing', join(bp, 'base_interval'));
  const baseIntervalMs = duration(bo, 'base_interval', bp, 25);
  if (baseIntervalMs <= 0) throw new ConfigError('must be greater than 0', join(bp, 'base_interval'));
  const maxIntervalMs = duration(bo, 'max_interval', bp, 10 * baseIntervalMs);
  if (maxIntervalMs < baseIntervalMs) throw new ConfigError('must be at least base_interval', join(bp, 'max_interval'));
  return {
    retryOn,
    numRetries: int(r, 'num_retries', path, 0, 0xffffffff, 'expected a non-negative integer', 1),
    perTryTimeoutMs: duration(r, 'per_try_timeout', path, 0),
    retriableStatusCodes: codes,
    baseIntervalMs,
    maxIntervalMs,
  };
}

/** route.cluster or route.weighted_clusters (exactly one) */
function routeTargets(a: Obj, path: string): { clusters: WeightedCluster[]; totalWeight: number; pickHeader: string | undefined } {
  if ((a['cluster'] === undefined) === (a['weighted_clusters'] === undefined)) throw new ConfigError('a route needs exactly one of cluster, weighted_clusters', path);
  if (a['cluster'] !== undefined) return { clusters: [{ name: str(a, 'cluster', path), weight: 1, path: 'route.cluster' }], totalWeight: 1, pickHeader: undefined };
  const wp = join(path, 'weighted_clusters');
  const w = obj(a['weighted_clusters'], wp, ['clusters', 'total_weight', 'header_name'], ['runtime_key_prefix', 'random_value_specifier']);
  const clusters = arr(w['clusters'], join(wp, 'clusters')).map((c, i) => {
    const cp = `${wp}.clusters[${i}]`;
    const e = obj(c, cp, ['name', 'weight'], ['cluster_header', 'metadata_match', 'request_headers_to_add', 'request_headers_to_remove', 'response_headers_to_add', 'response_headers_to_remove', 'typed_per_filter_config', 'host_rewrite_literal']);
    const weight = int(e, 'weight', cp, 0, 0xffffffff, 'expected a weight from 0 to 4294967295');
    return { name: str(e, 'name', cp), weight, path: `route.weighted_clusters.clusters[${i}].name` };
  });
  if (clusters.length === 0) throw new ConfigError('weighted_clusters needs at least one cluster', join(wp, 'clusters'));
  const totalWeight = clusters.reduce((t, c) => t + c.weight, 0);
  if (totalWeight === 0) throw new ConfigError('the weights add up to 0: no cluster could be picked', join(wp, 'clusters'));
  // the deprecated total_weight, when given, must be the sum (as Envoy checks)
  if (w['total_weight'] !== undefined && num(w, 'total_weight', wp) !== totalWeight) throw new ConfigError(`total_weight is ${String(w['total_weight'])} but the weights add up to ${totalWeight}`, join(wp, 'total_weight'));
  const pickHeader = w['header_name'] === undefined ? undefined : str(w, 'header_name', wp).toLowerCase();
  return { clusters, totalWeight, pickHeader };
}

/** RegexMatcher: RE2 syntax, which JS regexes accept for the patterns routes use; anchored (full match) */
function safeRegex(v: unknown, path: string, flags = ''): RegExp {
  const sr = obj(v, path, ['regex', 'google_re2']);
  // google_re2 {} is the (deprecated, empty) engine choice; its max_program_size is not supported
  obj(sr['google_re2'], join(path, 'google_re2'), [], ['max_program_size']);
  try {
    return new RegExp(`^(?:${str(sr, 'regex', path)})$`, flags);
  } catch (e) {
    throw new ConfigError(`invalid regex: ${(e as Error).message}`, join(path, 'regex'));
  }
}

const STRING_KINDS = { exact: 'exact', prefix: 'prefix', suffix: 'suffix', contains: 'contains', safe_regex: 'regex' } as const;

function parseStringMatch(v: unknown, path: string): StringMatch {
  const o = obj(v, path, ['exact', 'prefix', 'suffix', 'contains', 'safe_regex', 'ignore_case']);
  const kinds = Object.keys(STRING_KINDS).filter((k) => o[k] !== undefined) as (keyof typeof STRING_KINDS)[];
  if (kinds.length !== 1) throw new ConfigError('a string matcher needs exactly one of exact, prefix, suffix, contains, safe_regex', path);
  const k = kinds[0]!;
  const ignoreCase = bool(o, 'ignore_case', path, false);
  if (k === 'safe_regex') {
    // Envoy ignores ignore_case for safe_regex (the regex says it); so do we
    return { kind: 'regex', value: '', regex: safeRegex(o[k], join(path, k)), ignoreCase: false };
  }
  const value = str(o, k, path);
  return { kind: STRING_KINDS[k], value: ignoreCase ? value.toLowerCase() : value, regex: undefined, ignoreCase };
}

export function stringMatches(m: StringMatch, s: string): boolean {
  if (m.kind === 'regex') return m.regex!.test(s);
  const v = m.ignoreCase ? s.toLowerCase() : s;
  switch (m.kind) {
    case 'exact':
      return v === m.value;
    case 'prefix':
      return v.startsWith(m.value);
    case 'suffix':
      return v.endsWith(m.value);
    case 'contains':
      return v.includes(m.value);
  }
}

const HEADER_SHORTHANDS = ['exact_match', 'prefix_match', 'suffix_match', 'contains_match', 'safe_regex_match'] as const;

function parseHeaderMatch(v: unknown, path: string): HeaderMatch {
  const h = obj(v, path, ['name', 'string_match', 'present_match', 'range_match', 'invert_match', 'treat_missing_header_as_empty', ...HEADER_SHORTHANDS]);
  const name = str(h, 'name', path).toLowerCase();
  const given = ['string_match', 'present_match', 'range_match', ...HEADER_SHORTHANDS].filter((k) => h[k] !== undefined);
  if (given.length > 1) throw new ConfigError(`a header matcher takes one of string_match, present_match, range_match (got ${given.join(', ')})`, path);
  const k = given[0];
  let test: HeaderMatch['test'];
  if (k === undefined) {
    // no match specifier: Envoy matches on presence
    test = { kind: 'present', present: true };
  } else if (k === 'present_match') {
    test = { kind: 'present', present: bool(h, k, path, true) };
  } else if (k === 'range_match') {
    const rp = join(path, k);
    const r = obj(h[k], rp, ['start', 'end']);
    const int = (f: string) => {
      const x = r[f];
      if ((typeof x !== 'number' || !Number.isInteger(x)) && (typeof x !== 'string' || !/^-?\d+$/.test(x))) throw new ConfigError('expected an integer', join(rp, f));
      return BigInt(x);
    };
    const start = int('start');
    const end = int('end');
    if (start >= end) throw new ConfigError('range_match needs start < end (the range is [start, end))', rp);
    test = { kind: 'range', start, end };
  } else if (k === 'string_match') {
    test = { kind: 'string', match: parseStringMatch(h[k], join(path, k)) };
  } else {
    // the deprecated shorthands, as Envoy still reads them
    const kind = k.slice(0, -'_match'.length) as 'exact' | 'prefix' | 'suffix' | 'contains' | 'safe_regex';
    test = { kind: 'string', match: kind === 'safe_regex' ? { kind: 'regex', value: '', regex: safeRegex(h[k], join(path, k)), ignoreCase: false } : { kind, value: str(h, k, path), regex: undefined, ignoreCase: false } };
  }
  return { name, test, invert: bool(h, 'invert_match', path, false), missingAsEmpty: bool(h, 'treat_missing_header_as_empty', path, false) };
}

function parseQueryMatch(v: unknown, path: string): QueryMatch {
  const q = obj(v, path, ['name', 'string_match', 'present_match']);
  const name = str(q, 'name', path);
  if ((q['string_match'] === undefined) === (q['present_match'] === undefined)) throw new ConfigError('a query parameter matcher needs exactly one of string_match, present_match', path);
  if (q['present_match'] !== undefined && !bool(q, 'present_match', path, true)) throw new ConfigError('present_match: false is not a matcher (Envoy requires true)', join(path, 'present_match'));
  return { name, match: q['string_match'] === undefined ? undefined : parseStringMatch(q['string_match'], join(path, 'string_match')) };
}

function parseWasm(filterName: string, v: unknown, path: string, baseDir: string, type = T_WASM): WasmFilterConfig {
  const w = typedConfig(v, path, type, ['config']);
  if (w['config'] === undefined) throw new ConfigError('required field is missing', join(path, 'config'));
  const cp = join(path, 'config');
  const c = obj(w['config'], cp, ['name', 'root_id', 'vm_config', 'configuration', 'fail_open', 'failure_policy', 'reload_config', 'wasmlet_limits'], ['capability_restriction_config']);
  const vp = join(cp, 'vm_config');
  const vm = obj(c['vm_config'], vp, ['vm_id', 'runtime', 'code', 'configuration', 'allow_precompiled', 'nack_on_code_cache_miss', 'environment_variables']);
  // both are about code Envoy fetches or precompiles; with local code interpreted by wasmlet they
  // change nothing (as in Envoy with local code), so they are checked and accepted
  bool(vm, 'allow_precompiled', vp, false);
  bool(vm, 'nack_on_code_cache_miss', vp, false);
  const codep = join(vp, 'code');
  const code = obj(vm['code'], codep, ['local'], ['remote']);
  const lp = join(codep, 'local');
  const local = obj(code['local'], lp, ['filename', 'inline_bytes', 'inline_string']);
  let src: WasmFilterConfig['code'];
  if (local['filename'] !== undefined) {
    const f = str(local, 'filename', lp);
    src = { filename: isAbsolute(f) ? f : resolve(baseDir, f) };
  } else if (local['inline_bytes'] !== undefined) {
    src = { bytes: Buffer.from(str(local, 'inline_bytes', lp), 'base64') };
  } else if (local['inline_string'] !== undefined) {
    src = { bytes: Buffer.from(str(local, 'inline_string', lp), 'latin1') };
  } else throw new ConfigError('vm_config.code.local needs filename, inline_bytes or inline_string', lp);
  const ep = join(vp, 'environment_variables');
  const env = obj(vm['environment_variables'], ep, ['host_env_keys', 'key_values']);
  const envVars: Record<string, string> = {};
  arr(env['host_env_keys'], join(ep, 'host_env_keys')).forEach((k) => {
    const val = process.env[String(k)];
    if (val !== undefined) envVars[String(k)] = val;
  });
  const kvp = join(ep, 'key_values');
  const kv = env['key_values'];
  if (kv !== undefined && (typeof kv !== 'object' || kv === null || Array.isArray(kv))) throw new ConfigError('expected a mapping', kvp);
  for (const [k, val] of Object.entries((kv as Obj | undefined) ?? {})) envVars[k] = String(val);
  let policy: FailurePolicy = bool(c, 'fail_open', cp, false) ? 'fail_open' : 'fail_closed';
  const fp = oneOf(c, 'failure_policy', cp, ['UNSPECIFIED', 'FAIL_CLOSED', 'FAIL_OPEN', 'FAIL_RELOAD'] as const, 'UNSPECIFIED');
  if (fp !== 'UNSPECIFIED') policy = fp.toLowerCase() as FailurePolicy;
  const rp = join(cp, 'reload_config');
  const rc = obj(c['reload_config'], rp, ['backoff']);
  const bo = obj(rc['backoff'], join(rp, 'backoff'), ['base_interval', 'max_interval']);
  const baseMs = duration(bo, 'base_interval', join(rp, 'backoff'), 1000);
  const maxMs = duration(bo, 'max_interval', join(rp, 'backoff'), Math.max(30_000, baseMs));
  const lmp = join(cp, 'wasmlet_limits');
  const lm = obj(c['wasmlet_limits'], lmp, ['fuel_per_callback', 'max_memory_bytes', 'max_call_depth', 'max_stack_bytes', 'tier']);
  const limits: VmLimits = {
    fuelPerCallback: lm['fuel_per_callback'] === undefined ? undefined : num(lm, 'fuel_per_callback', lmp),
    maxMemoryBytes: lm['max_memory_bytes'] === undefined ? undefined : num(lm, 'max_memory_bytes', lmp),
    maxCallDepth: lm['max_call_depth'] === undefined ? undefined : num(lm, 'max_call_depth', lmp),
    maxStackBytes: lm['max_stack_bytes'] === undefined ? undefined : num(lm, 'max_stack_bytes', lmp),
    tier: lm['tier'] === undefined ? undefined : oneOf(lm, 'tier', lmp, ['interpreter', 'compiled', 'auto'] as const, 'interpreter'),
  };
  const name = str(c, 'name', cp, '') || str(c, 'root_id', cp, '') || filterName;
  return {
    filterName,
    name,
    rootId: str(c, 'root_id', cp, ''),
    vmId: str(vm, 'vm_id', vp, ''),
    runtime: str(vm, 'runtime', vp, 'envoy.wasm.runtime.v8'),
    code: src,
    configuration: stringValue(c['configuration'], join(cp, 'configuration')),
    vmConfiguration: stringValue(vm['configuration'], join(vp, 'configuration')),
    envVars,
    failurePolicy: policy,
    reloadBackoff: { baseMs, maxMs },
    limits,
    disabled: false,
  };
}
