/**
 * Every configuration field is either implemented or an error naming its path: Envoy fields
 * wasmlet does not implement say so ("not supported by wasmlet") instead of being ignored, and
 * the cluster fields that are accepted act (endpoint weights, health status, DNS family, STATIC
 * needing IP addresses, priority 0 only).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../hosts/proxy/config.js';
import { Cluster } from '../hosts/proxy/cluster.js';
import { Metrics } from '../hosts/proxy/metrics.js';
import { envoyYaml } from './fixtures/proxy/support.js';

const base = () => envoyYaml({ clusters: { svc: [8080, 8081] } });

function errorOf(yaml: string): ConfigError {
  try {
    parseConfig(yaml);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('configuration fields wasmlet does not implement', () => {
  it('are rejected with their path', () => {
    const cases: [string, string, string][] = [
      ['admin:\n  address:', 'admin:\n  access_log_path: /tmp/admin.log\n  address:', 'admin.access_log_path'],
      ['stat_prefix: ingress_http', 'stat_prefix: ingress_http\n          tracing: {}', 'static_resources.listeners[0].filter_chains[0].filters[0].typed_config.tracing'],
      ['stat_prefix: ingress_http', 'stat_prefix: ingress_http\n          access_log: [{ typed_config: { "@type": type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog, path: /tmp/a.log }, filter: {} }]', 'static_resources.listeners[0].filter_chains[0].filters[0].typed_config.access_log[0].filter'],
      ['  - name: test_listener', '  - name: test_listener\n    traffic_direction: INBOUND', 'static_resources.listeners[0].traffic_direction'],
      ['port_value: 8080 }', 'port_value: 8080, ipv4_compat: true }', 'static_resources.clusters[0].load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.ipv4_compat'],
      ['    connect_timeout: 1s', '    connect_timeout: 1s\n    per_connection_buffer_limit_bytes: 1024', 'static_resources.clusters[0].per_connection_buffer_limit_bytes'],
      ['      - lb_endpoints:', '      - locality: { region: eu }\n        lb_endpoints:', 'static_resources.clusters[0].load_assignment.endpoints[0].locality'],
      ['route: { cluster: "svc" }', 'route: { cluster: "svc", hash_policy: [] }', 'static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.hash_policy'],
    ];
    for (const [from, to, path] of cases) {
      const yaml = base().replace(from, to);
      expect(yaml).not.toBe(base());
      const e = errorOf(yaml);
      expect(e.path).toBe(path);
      expect(e.message).toMatch(/not supported by wasmlet/);
    }
    expect(errorOf(base().replace('      - lb_endpoints:', '      - priority: 1\n        lb_endpoints:')).message).toMatch(/only priority 0/);
  });
});

describe('cluster fields that are accepted', () => {
  const clusterOf = (yaml: string) => new Cluster(parseConfig(yaml).clusters[0]!, new Metrics());

  it('balance by load_balancing_weight, interleaved', () => {
    const c = clusterOf(base().replace('port_value: 8080 } } }', 'port_value: 8080 } } }\n          load_balancing_weight: 2'));
    expect(Array.from({ length: 6 }, () => c.pick()!.port)).toEqual([8080, 8081, 8080, 8080, 8081, 8080]);
  });

  it('take UNHEALTHY, DRAINING and TIMEOUT endpoints out of rotation', () => {
    const c = clusterOf(base().replace('port_value: 8080 } } }', 'port_value: 8080 } } }\n          health_status: DRAINING'));
    expect([c.pick()!.port, c.pick()!.port]).toEqual([8081, 8081]);
    const all = base().replace('port_value: 8080 } } }', 'port_value: 8080 } } }\n          health_status: UNHEALTHY').replace('port_value: 8081 } } }', 'port_value: 8081 } } }\n          health_status: TIMEOUT');
    expect(errorOf(all).message).toMatch(/out of rotation/);
  });

  it('LEAST_REQUEST prefers the endpoint with fewer requests in flight', async () => {
    const held: ServerResponse[] = [];
    const slow = createServer((_req, res) => held.push(res));
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', () => r()));
    const port = (slow.address() as AddressInfo).port;
    const c = clusterOf(base().replace('lb_policy: ROUND_ROBIN', 'lb_policy: LEAST_REQUEST').replace('port_value: 8080', `port_value: ${port}`));
    const busy = c.config.endpoints.find((e) => e.port === port)!;
    const reqs = Array.from({ length: 3 }, () => c.open('GET', '/', ['host', 'slow'], busy)!);
    for (const r of reqs) r.on('error', () => {}).end();
    await new Promise((r) => setTimeout(r, 50));
    // two random choices, the less busy one wins: the idle endpoint unless both choices hit the busy one
    const picks = Array.from({ length: 400 }, () => c.pick()!.port);
    expect(picks.filter((p) => p === 8081).length).toBeGreaterThan(240);
    for (const r of reqs) r.destroy();
    for (const res of held) res.destroy();
    c.close();
    slow.closeAllConnections();
    await new Promise<void>((r) => slow.close(() => r()));
  });

  it('need IP addresses in STATIC clusters and resolve names with the dns_lookup_family', () => {
    expect(errorOf(base().replace('address: 127.0.0.1, port_value: 8080', 'address: localhost, port_value: 8080')).message).toMatch(/STATIC cluster needs IP addresses/);
    const dns = parseConfig(base().replace('type: STATIC', 'type: STRICT_DNS\n    dns_lookup_family: V4_ONLY').replace('address: 127.0.0.1, port_value: 8080', 'address: localhost, port_value: 8080'));
    expect(dns.clusters[0]).toMatchObject({ type: 'STRICT_DNS', family: 4, endpoints: [{ address: 'localhost', port: 8080 }, { address: '127.0.0.1', port: 8081 }] });
  });
});
