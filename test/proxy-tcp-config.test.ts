/**
 * Envoy YAML for network filter chains: envoy.filters.network.wasm filters ahead of a terminal
 * envoy.filters.network.tcp_proxy parse into the listener's filters and tcp settings
 * (cluster or weighted_clusters, idle_timeout); mistakes are ConfigErrors naming the YAML path.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../hosts/proxy/config.js';
import { tcpYaml } from './fixtures/proxy/tcp-support.js';

const wasm = { name: 'rw', file: 'filters/network/build/tcp_rewrite.wasm' };
const F = 'static_resources.listeners[0].filter_chains[0].filters';

function configError(yaml: string): ConfigError {
  try {
    parseConfig(yaml);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('tcp_proxy configuration', () => {
  it('parses Wasm network filters and tcp_proxy', () => {
    const c = parseConfig(tcpYaml([wasm, { ...wasm, name: 'two' }], [9000], { idleTimeout: '2.5s' }), { baseDir: '/x' });
    const l = c.listeners[0]!;
    expect(l.filters.map((f) => f.name)).toEqual(['rw', 'two']);
    expect(l.filters[0]!.code).toEqual({ filename: '/x/filters/network/build/tcp_rewrite.wasm' });
    expect(l.tcp).toMatchObject({ statPrefix: 'tcp_in', idleTimeoutMs: 2500, totalWeight: 1, clusters: [{ name: 'svc', weight: 1 }] });
    expect(parseConfig(tcpYaml([], [9000])).listeners[0]!.tcp?.idleTimeoutMs).toBe(3_600_000);
  });

  it('parses weighted_clusters', () => {
    const y = tcpYaml([], [9000]).replace('cluster: svc\n', 'weighted_clusters: { clusters: [{ name: svc, weight: 3 }, { name: svc, weight: 1 }] }\n');
    expect(parseConfig(y).listeners[0]!.tcp).toMatchObject({ totalWeight: 4, clusters: [{ weight: 3 }, { weight: 1 }] });
    const zero = configError(y.replace('weight: 1 }', 'weight: 0 }'));
    expect(zero.path).toBe(`${F}[0].typed_config.weighted_clusters.clusters[1].weight`);
  });

  it('names the path of each mistake', () => {
    const y = tcpYaml([wasm], [9000]);
    expect(configError(y.replace('stat_prefix: tcp_in', 'stat_prefix: tcp_in\n          hash_policy: []')).message).toContain(`${F}[1].typed_config.hash_policy: not supported by wasmlet`);
    expect(configError(y.replace('stat_prefix: tcp_in', 'stat_prefix: tcp_in\n          bogus: 1')).path).toBe(`${F}[1].typed_config.bogus`);
    expect(configError(y.replace('cluster: svc', 'cluster: nope')).message).toBe(`${F}[1].typed_config.cluster: unknown cluster "nope"`);
    expect(configError(y.replace(/ *cluster: svc\n/, '')).message).toContain('exactly one of cluster, weighted_clusters');
    expect(configError(y.replace(/ *stat_prefix: tcp_in\n/, '')).path).toBe(`${F}[1].typed_config.stat_prefix`);
    // tcp_proxy must be last and present; other network filters are refused
    const noTcp = y.replace(/      - name: envoy\.filters\.network\.tcp_proxy[\s\S]*?(?=  clusters:)/, '');
    expect(configError(noTcp).message).toBe(`${F}: the last network filter must be envoy.filters.network.tcp_proxy`);
    const swapped = tcpYaml([], [9000]).replace('    - filters:\n', `    - filters:\n      - name: envoy.filters.network.tcp_proxy\n        typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy, stat_prefix: a, cluster: svc }\n`);
    expect(configError(swapped).message).toBe(`${F}[1]: envoy.filters.network.tcp_proxy must be the last network filter`);
    const other = y.replace('    - filters:\n', '    - filters:\n      - name: envoy.filters.network.redis_proxy\n');
    expect(configError(other).path).toBe(`${F}[0].name`);
    // the network Wasm filter needs its own type
    const httpType = y.replace('envoy.extensions.filters.network.wasm.v3.Wasm', 'envoy.extensions.filters.http.wasm.v3.Wasm');
    expect(configError(httpType).path).toBe(`${F}[0].typed_config.@type`);
  });
});
