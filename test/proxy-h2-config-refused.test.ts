/**
 * HTTP/2 and TLS settings wasmlet cannot serve correctly are refused at load with a ConfigError
 * naming the YAML path, never half-served: upstream HTTP/2 options it does not act on (Envoy's
 * other Http2ProtocolOptions, HttpProtocolOptions.auto_config), an HTTP/2 cluster whose TLS ALPN
 * leaves out h2, and TLS on a tcp_proxy listener (which would pass ciphertext to the upstream).
 * The upstream HTTP/2 settings it does honour parse in both spellings.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../hosts/proxy/config.js';
import { downstreamTls, testCerts, upstreamTls } from './fixtures/proxy/certs.js';
import { envoyYaml } from './fixtures/proxy/support.js';

function refusal(yaml: string): ConfigError {
  try {
    parseConfig(yaml);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('the configuration was accepted');
}

describe('refused HTTP/2 and TLS settings', () => {
  it('parses upstream HTTP/2 in both spellings and refuses what it cannot honour, naming the field', () => {
    const hpo = (inner: object) => ({ typed_extension_protocol_options: { 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': { '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions', ...inner } } });
    const legacy = parseConfig(envoyYaml({ clusters: { svc: [1] }, clusterFields: { svc: { http2_protocol_options: { max_concurrent_streams: 7, initial_stream_window_size: 131072 } } } })).clusters[0]!;
    expect(legacy.http2).toEqual({ maxConcurrentStreams: 7, initialStreamWindowSize: 131072, initialConnectionWindowSize: undefined, hpackTableSize: undefined });
    const typed = parseConfig(envoyYaml({ clusters: { svc: [1] }, clusterFields: { svc: hpo({ explicit_http_config: { http2_protocol_options: { initial_connection_window_size: 1048576 } } }) } })).clusters[0]!;
    expect(typed.http2?.initialConnectionWindowSize).toBe(1048576);
    // HTTP/1.1 spelled out explicitly is HTTP/1.1
    expect(parseConfig(envoyYaml({ clusters: { svc: [1] }, clusterFields: { svc: hpo({ explicit_http_config: { http_protocol_options: {} } }) } })).clusters[0]!.http2).toBeUndefined();

    const unsupported = refusal(envoyYaml({ clusters: { svc: [1] }, clusterFields: { svc: { http2_protocol_options: { allow_connect: true } } } }));
    expect(unsupported.path).toBe('static_resources.clusters[0].http2_protocol_options.allow_connect');
    const bounds = refusal(envoyYaml({ clusters: { svc: [1] }, clusterFields: { svc: { http2_protocol_options: { initial_stream_window_size: 100 } } } }));
    expect(bounds.path).toBe('static_resources.clusters[0].http2_protocol_options.initial_stream_window_size');
    const auto = refusal(envoyYaml({ clusters: { svc: [1] }, clusterFields: { svc: hpo({ auto_config: {} }) } }));
    expect(auto.path).toBe('static_resources.clusters[0].typed_extension_protocol_options.envoy.extensions.upstreams.http.v3.HttpProtocolOptions.auto_config');
  });

  it('refuses an HTTP/2 cluster whose TLS ALPN cannot pick h2', () => {
    const c = testCerts();
    const ts = upstreamTls(c, { ca: c.caFile }) as { typed_config: { common_tls_context: Record<string, unknown> } };
    ts.typed_config.common_tls_context['alpn_protocols'] = ['http/1.1'];
    const e = refusal(envoyYaml({ clusters: { svc: [1] }, clusterFields: { svc: { http2_protocol_options: {}, transport_socket: ts } } }));
    expect(e.path).toBe('static_resources.clusters[0].transport_socket.typed_config.common_tls_context.alpn_protocols');
    expect(e.message).toMatch(/"h2"/);
  });

  it('refuses TLS on a tcp_proxy listener at its transport_socket', () => {
    const tls = JSON.stringify(downstreamTls(testCerts()));
    const yaml = `static_resources:
  listeners:
  - name: tcp
    address: { socket_address: { address: 127.0.0.1, port_value: 0 } }
    filter_chains:
    - transport_socket: ${tls}
      filters:
      - name: envoy.filters.network.tcp_proxy
        typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy, stat_prefix: tcp, cluster: svc }
  clusters:
  - name: svc
    connect_timeout: 1s
    load_assignment: { cluster_name: svc, endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: 127.0.0.1, port_value: 1 } } } }] }] }
`;
    const e = refusal(yaml);
    expect(e.path).toBe('static_resources.listeners[0].filter_chains[0].transport_socket');
    expect(e.message).toMatch(/TLS on a tcp_proxy listener/);
  });
});
