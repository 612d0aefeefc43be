/**
 * HTTP/2 and TLS settings wasmlet cannot serve correctly yet are refused at load with a
 * ConfigError naming the YAML path, never half-served: upstream HTTP/2 on a cluster (legacy
 * http2_protocol_options and HttpProtocolOptions.explicit_http_config), and TLS on a tcp_proxy
 * listener (which would pass ciphertext to the upstream).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../hosts/proxy/config.js';
import { downstreamTls, testCerts } from './fixtures/proxy/certs.js';
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
  it('refuses upstream HTTP/2 in both spellings, naming the cluster', () => {
    const legacy = refusal(envoyYaml({ clusters: { svc: [1] }, clusterFields: { svc: { http2_protocol_options: {} } } }));
    expect([legacy.path, legacy.message]).toEqual(['static_resources.clusters[0]', 'static_resources.clusters[0]: upstream HTTP/2 is not supported by wasmlet yet']);
    const typed = refusal(
      envoyYaml({
        clusters: { svc: [1] },
        clusterFields: {
          svc: {
            typed_extension_protocol_options: {
              'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': { '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions', explicit_http_config: { http2_protocol_options: {} } },
            },
          },
        },
      }),
    );
    expect(typed.path).toBe('static_resources.clusters[0]');
    // HTTP/1.1 spelled out explicitly is fine
    expect(() =>
      parseConfig(
        envoyYaml({
          clusters: { svc: [1] },
          clusterFields: { svc: { typed_extension_protocol_options: { 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': { '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions', explicit_http_config: { http_protocol_options: {} } } } } },
        }),
      ),
    ).not.toThrow();
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
