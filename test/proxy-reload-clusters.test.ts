/**
 * Clusters across a reload: a cluster whose configuration changed is replaced (new endpoints take
 * the traffic, the old pool is closed once the old chains are done); an unchanged one is kept
 * with its state — a health-checked cluster keeps the health it knows (an endpoint found unhealthy
 * stays out of rotation right after the reload, without a new warm-up).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkedUpstream, withClusterFields } from './fixtures/proxy/health.js';
import { cleanup, envoyYaml, FILTERS, send, startProxy, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

const hc = { timeout: '0.2s', interval: '0.05s', unhealthy_threshold: 1, healthy_threshold: 1, http_health_check: { path: '/healthz' } };

describe('clusters across a reload', () => {
  it('replaces a changed cluster and keeps an unchanged one with its health', async () => {
    const [a, b, c] = [await checkedUpstream('a'), await checkedUpstream('b', 'fail'), await checkedUpstream('c')];
    const yaml = (routeTo: string, v: string) =>
      withClusterFields(
        envoyYaml({
          clusters: { checked: [a.port, b.port], plain: [routeTo === 'plain-c' ? c.port : a.port] },
          routes: [{ prefix: '/checked', cluster: 'checked' }, { prefix: '/', cluster: 'plain' }],
          filters: [{ name: 'add_headers', file: `${FILTERS}/add_headers.wasm`, configuration: JSON.stringify({ response: { add: { 'x-v': v } } }) }],
        }),
        { health_checks: [hc] },
      );
    const px = await startProxy(yaml('plain-a', '1'));
    const checked = px.proxy.clusters.get('checked')!;
    const plain = px.proxy.clusters.get('plain')!;
    expect((await send(px.port, '/')).body).toBe('a');

    await px.proxy.reload({ text: yaml('plain-c', '2') });
    // the changed cluster is new and routes to c; the unchanged one is the same object
    expect(px.proxy.clusters.get('plain')).not.toBe(plain);
    expect(px.proxy.clusters.get('checked')).toBe(checked);
    const r = await send(px.port, '/');
    expect([r.body, r.headers['x-v']]).toEqual(['c', '2']);
    // b is still known unhealthy: every request goes to a at once
    const bodies: string[] = [];
    for (let i = 0; i < 4; i++) bodies.push((await send(px.port, '/checked')).body);
    expect(bodies).toEqual(['a', 'a', 'a', 'a']);
    // the replaced pool was closed (no chain used it any more)
    await until(() => plain.closed);
    expect(checked.closed).toBe(false);
  });
});
