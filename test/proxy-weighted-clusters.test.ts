/**
 * route.weighted_clusters: each request goes to one cluster, chosen in proportion to the weights
 * (a random value in [0, total) walks the clusters in order, as in Envoy), or by the integer value
 * of the request header named by header_name, so that proxies in a row pick the same cluster.
 * Real upstreams over loopback count what reached them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../hosts/proxy/index.js';
import { cleanup, envoyYaml, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

describe('weighted clusters', () => {
  it('splits traffic by weight', async () => {
    const [a, b, c] = await Promise.all([startUpstream(), startUpstream(), startUpstream()]);
    const px = await startProxy({
      clusters: { a: [a!.port], b: [b!.port], c: [c!.port] },
      routes: [{ prefix: '/', weightedClusters: { clusters: [{ name: 'a', weight: 75 }, { name: 'b', weight: 25 }, { name: 'c', weight: 0 }] } }],
    });
    const n = 400;
    for (let i = 0; i < n; i++) await send(px.port, `/${i}`);
    // binomial(400, 0.75): mean 300, sd 8.7; ±45 is more than 5 sd
    expect(a!.seen.length + b!.seen.length).toBe(n);
    expect(a!.seen.length).toBeGreaterThan(255);
    expect(a!.seen.length).toBeLessThan(345);
    // weight 0 never gets traffic
    expect(c!.seen).toHaveLength(0);
  });

  it('picks by header_name when the request carries an integer there', async () => {
    const [a, b] = await Promise.all([startUpstream(), startUpstream()]);
    const px = await startProxy({
      clusters: { a: [a!.port], b: [b!.port] },
      routes: [{ prefix: '/', weightedClusters: { header_name: 'x-pick', clusters: [{ name: 'a', weight: 3 }, { name: 'b', weight: 1 }] } }],
    });
    // value % 4: 0..2 → a, 3 → b; a 20-digit value is taken modulo exactly
    for (const v of ['0', '2', '4', '12345678901234567890']) await send(px.port, `/${v}`, { headers: { 'x-pick': v } });
    for (const v of ['3', '7', '18446744073709551615']) await send(px.port, `/${v}`, { headers: { 'x-pick': v } });
    expect(a!.seen.map((s) => s.url)).toEqual(['/0', '/2', '/4', '/12345678901234567890']);
    expect(b!.seen.map((s) => s.url)).toEqual(['/3', '/7', '/18446744073709551615']);
  });
});

describe('weighted cluster configuration errors', () => {
  const parse = (weightedClusters: object) => parseConfig(envoyYaml({ clusters: { a: [1], b: [2] }, routes: [{ prefix: '/', weightedClusters }] }));

  it('names what is wrong', () => {
    expect(() => parse({ clusters: [{ name: 'a', weight: 1 }, { name: 'nope', weight: 1 }] })).toThrow(/routes\[0\]\.route\.weighted_clusters\.clusters\[1\]\.name: unknown cluster "nope"/);
    expect(() => parse({ clusters: [{ name: 'a', weight: 0 }] })).toThrow(/weighted_clusters\.clusters: the weights add up to 0/);
    expect(() => parse({ clusters: [] })).toThrow(/weighted_clusters\.clusters: .*at least one cluster/);
    expect(() => parse({ clusters: [{ name: 'a', weight: -1 }] })).toThrow(/clusters\[0\]\.weight: expected a non-negative number/);
    expect(() => parse({ clusters: [{ name: 'a', weight: 1.5 }] })).toThrow(/clusters\[0\]\.weight: expected a weight from 0 to 4294967295/);
    expect(() => parse({ clusters: [{ name: 'a' }] })).toThrow(/clusters\[0\]\.weight: required field is missing/);
    expect(() => parse({ total_weight: 10, clusters: [{ name: 'a', weight: 3 }, { name: 'b', weight: 3 }] })).toThrow(/total_weight: total_weight is 10 but the weights add up to 6/);
    expect(() => parse({ runtime_key_prefix: 'x', clusters: [{ name: 'a', weight: 1 }] })).toThrow(/weighted_clusters\.runtime_key_prefix/);
  });

  it('takes exactly one of cluster and weighted_clusters', () => {
    const yaml = envoyYaml({ clusters: { a: [1] }, routes: [{ prefix: '/', cluster: 'a' }] }).replace('route: { cluster: "a"', 'route: { cluster: "a", weighted_clusters: { clusters: [{ name: a, weight: 1 }] }');
    expect(() => parseConfig(yaml)).toThrow(/routes\[0\]\.route: a route needs exactly one of cluster, weighted_clusters/);
  });
});
