/**
 * Envoy v3 YAML for one listener (on an ephemeral 127.0.0.1 port, admin too) with a Wasm filter
 * chain, routes and static clusters of local upstream ports: what the demo, the tests and anyone
 * embedding the proxy for local runs need without writing YAML by hand.
 */
export interface FilterSpec {
  readonly name: string;
  readonly file: string;
  readonly rootId?: string;
  readonly vmId?: string;
  readonly configuration?: string;
  readonly vmConfiguration?: string;
  readonly failurePolicy?: 'FAIL_CLOSED' | 'FAIL_OPEN' | 'FAIL_RELOAD';
  readonly reloadBaseInterval?: string;
  readonly limits?: { fuel_per_callback?: number; max_memory_bytes?: number; tier?: string };
  /** the http_filters entry's name (default envoy.filters.http.wasm) */
  readonly httpName?: string;
  /** http_filters[].disabled: off unless a route enables it */
  readonly disabled?: boolean;
}

export interface RouteSpec {
  readonly domains?: readonly string[];
  readonly prefix: string;
  readonly cluster?: string;
  readonly timeout?: string;
  readonly prefixRewrite?: string;
  readonly direct?: { status: number; body: string };
  /** route.match.headers, as Envoy's HeaderMatcher objects (written as JSON flow) */
  readonly headers?: readonly object[];
  /** route.match.query_parameters, as Envoy's QueryParameterMatcher objects */
  readonly queryParameters?: readonly object[];
  /** route.weighted_clusters instead of `cluster` (Envoy's WeightedCluster object) */
  readonly weightedClusters?: object;
  /** route.retry_policy (Envoy's RetryPolicy object) */
  readonly retryPolicy?: object;
  /** more RouteAction fields (max_grpc_timeout, …), written as JSON flow */
  readonly action?: Readonly<Record<string, unknown>>;
  /** the route's typed_per_filter_config (http filter name → Any) */
  readonly perFilter?: object;
}

/** the route's match mapping, in flow style */
const match = (r: RouteSpec) =>
  `{ prefix: ${q(r.prefix)}${r.headers ? `, headers: ${JSON.stringify(r.headers)}` : ''}${r.queryParameters ? `, query_parameters: ${JSON.stringify(r.queryParameters)}` : ''} }`;

export interface ConfigSpec {
  readonly filters?: readonly FilterSpec[];
  /** cluster name → upstream ports */
  readonly clusters: Readonly<Record<string, readonly number[]>>;
  /** default: one route "/" to the first cluster */
  readonly routes?: readonly RouteSpec[];
  readonly connectTimeout?: string;
  /** the filter chain's transport_socket (Envoy's TransportSocket object) */
  readonly listenerTransportSocket?: object;
  /** the connection manager's codec_type */
  readonly codec?: 'AUTO' | 'HTTP1' | 'HTTP2';
  /** the connection manager's http2_protocol_options */
  readonly http2Options?: object;
  /** extra fields per cluster (transport_socket, http2_protocol_options, …), as Envoy objects */
  readonly clusterFields?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const q = (s: string) => JSON.stringify(s);

/** Envoy v3 YAML for one listener with the given filter chain, routes and clusters. */
export function envoyYaml(spec: ConfigSpec): string {
  const clusterNames = Object.keys(spec.clusters);
  const routes = spec.routes ?? [{ prefix: '/', cluster: clusterNames[0] }];
  const byDomains = new Map<string, RouteSpec[]>();
  for (const r of routes) {
    const k = JSON.stringify(r.domains ?? ['*']);
    byDomains.set(k, [...(byDomains.get(k) ?? []), r]);
  }
  const vhosts = [...byDomains]
    .map(
      ([domains, rs], i) => `            - name: vh${i}
              domains: ${domains}
              routes:
${rs
  .map((r) =>
    (r.perFilter ? `              - typed_per_filter_config: ${JSON.stringify(r.perFilter)}\n                match: ${match(r)}` : `              - match: ${match(r)}`) +
    (r.direct
      ? `

                direct_response: { status: ${r.direct.status}, body: { inline_string: ${q(r.direct.body)} } }`
      : `
                route: { ${r.weightedClusters ? `weighted_clusters: ${JSON.stringify(r.weightedClusters)}` : `cluster: ${q(r.cluster!)}`}${r.timeout ? `, timeout: ${r.timeout}` : ''}${r.prefixRewrite !== undefined ? `, prefix_rewrite: ${q(r.prefixRewrite)}` : ''}${r.retryPolicy ? `, retry_policy: ${JSON.stringify(r.retryPolicy)}` : ''}${r.action ? Object.entries(r.action).map(([k, v]) => `, ${k}: ${JSON.stringify(v)}`).join('') : ''} }`),
  )
  .join('\n')}`,
    )
    .join('\n');
  const filters = (spec.filters ?? [])
    .map(
      (f) => `          - name: ${q(f.httpName ?? 'envoy.filters.http.wasm')}
${f.disabled ? '            disabled: true\n' : ''}            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm
              config:
                name: ${q(f.name)}
                root_id: ${q(f.rootId ?? '')}
${f.configuration !== undefined ? `                configuration:\n                  "@type": type.googleapis.com/google.protobuf.StringValue\n                  value: ${q(f.configuration)}\n` : ''}${f.failurePolicy ? `                failure_policy: ${f.failurePolicy}\n` : ''}${f.reloadBaseInterval ? `                reload_config: { backoff: { base_interval: ${f.reloadBaseInterval}, max_interval: ${f.reloadBaseInterval} } }\n` : ''}${f.limits ? `                wasmlet_limits: ${JSON.stringify(f.limits)}\n` : ''}                vm_config:
                  vm_id: ${q(f.vmId ?? f.name)}
                  runtime: envoy.wasm.runtime.v8
${f.vmConfiguration !== undefined ? `                  configuration: { "@type": type.googleapis.com/google.protobuf.StringValue, value: ${q(f.vmConfiguration)} }\n` : ''}                  code: { local: { filename: ${q(f.file)} } }`,
    )
    .join('\n');
  const clusters = Object.entries(spec.clusters)
    .map(
      ([name, ports]) => `  - name: ${q(name)}
    connect_timeout: ${spec.connectTimeout ?? '1s'}
    type: STATIC
    lb_policy: ROUND_ROBIN
${Object.entries(spec.clusterFields?.[name] ?? {})
  .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`)
  .join('')}    load_assignment:
      cluster_name: ${q(name)}
      endpoints:
      - lb_endpoints:
${ports.map((p) => `        - endpoint: { address: { socket_address: { address: 127.0.0.1, port_value: ${p} } } }`).join('\n')}`,
    )
    .join('\n');
  return `admin:
  address: { socket_address: { address: 127.0.0.1, port_value: 0 } }
static_resources:
  listeners:
  - name: test_listener
    address: { socket_address: { address: 127.0.0.1, port_value: 0 } }
    filter_chains:
    - ${spec.listenerTransportSocket ? `transport_socket: ${JSON.stringify(spec.listenerTransportSocket)}\n      ` : ''}filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: ingress_http
${spec.codec ? `          codec_type: ${spec.codec}\n` : ''}${spec.http2Options ? `          http2_protocol_options: ${JSON.stringify(spec.http2Options)}\n` : ''}          route_config:
            name: local_route
            virtual_hosts:
${vhosts}
          http_filters:
${filters}
          - name: envoy.filters.http.router
            typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router }
  clusters:
${clusters}
`;
}
