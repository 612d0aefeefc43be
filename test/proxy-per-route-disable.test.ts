/**
 * Turning http filters off and on per route, as Envoy does: a route's (virtual host's, route
 * config's) typed_per_filter_config with envoy.config.route.v3.FilterConfig {disabled: true} skips
 * the named filter for requests matching it, in both directions; http_filters[].disabled turns a
 * filter off unless a route enables it (FilterConfig {disabled: false}). The route is matched on
 * the request headers as they arrive, before any filter runs. Real filters (add_headers) and a
 * real upstream show which filters ran.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../hosts/proxy/index.js';
import { cleanup, envoyYaml, FILTERS, send, startProxy, startUpstream, type FilterSpec } from './fixtures/proxy/support.js';

afterEach(cleanup);

const T_FC = 'type.googleapis.com/envoy.config.route.v3.FilterConfig';
const off = { '@type': T_FC, disabled: true };
const on = { '@type': T_FC, disabled: false };

/** an add_headers filter under http filter name `name`: adds x-<name> to the request and the response */
const tagger = (name: string, extra: Partial<FilterSpec> = {}): FilterSpec => ({
  name: `tag-${name}`,
  httpName: name,
  file: `${FILTERS}/add_headers.wasm`,
  configuration: JSON.stringify({ request: { add: { [`x-${name}`]: '1' } }, response: { add: { [`x-${name}`]: '1' } } }),
  ...extra,
});

describe('per-route filter disable', () => {
  it('skips a filter on routes that disable it, in both directions', async () => {
    const up = await startUpstream();
    const px = await startProxy({
      clusters: { svc: [up.port] },
      filters: [tagger('a'), tagger('b')],
      routes: [
        { prefix: '/no-a', cluster: 'svc', perFilter: { a: off } },
        { prefix: '/none', cluster: 'svc', perFilter: { a: off, b: off } },
        { prefix: '/local', direct: { status: 200, body: 'hi' }, perFilter: { b: off } },
        { prefix: '/', cluster: 'svc' },
      ],
    });
    const tags = async (path: string) => {
      const r = await send(px.port, path);
      const seen = up.seen.at(-1)!.url === path ? up.seen.at(-1)!.headers : {};
      return { up: ['a', 'b'].filter((n) => seen[`x-${n}`]), down: ['a', 'b'].filter((n) => r.headers[`x-${n}`]) };
    };
    expect(await tags('/all')).toEqual({ up: ['a', 'b'], down: ['a', 'b'] });
    expect(await tags('/no-a')).toEqual({ up: ['b'], down: ['b'] });
    expect(await tags('/none')).toEqual({ up: [], down: [] });
    // filters run for direct responses too, unless disabled
    expect(await tags('/local')).toEqual({ up: [], down: ['a'] });
  });

  it('http_filters[].disabled is off unless a route enables it; the most specific setting wins', async () => {
    const up = await startUpstream();
    const yaml = envoyYaml({
      clusters: { svc: [up.port] },
      filters: [tagger('a'), tagger('b', { disabled: true })],
      routes: [
        { prefix: '/with-b', cluster: 'svc', perFilter: { b: on } },
        { prefix: '/with-a', cluster: 'svc', perFilter: { a: on } },
        { prefix: '/', cluster: 'svc' },
      ],
    }).replace('              domains: ["*"]', `              domains: ["*"]\n              typed_per_filter_config: ${JSON.stringify({ a: off })}`);
    const px = await startProxy(yaml);
    const ran = async (path: string) => {
      await send(px.port, path);
      return ['a', 'b'].filter((n) => up.seen.at(-1)!.headers[`x-${n}`]);
    };
    // the virtual host disables a, the route may enable it again
    expect(await ran('/')).toEqual([]);
    expect(await ran('/with-b')).toEqual(['b']);
    expect(await ran('/with-a')).toEqual(['a']);
  });

  it('matches the route before the filters change the request', async () => {
    const up = await startUpstream();
    // a rewrites :path to /no-b; the route for the original path keeps b on
    const rewrite = { name: 'rw', httpName: 'a', file: `${FILTERS}/add_headers.wasm`, configuration: JSON.stringify({ request: { set: { ':path': '/no-b' } } }) };
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [rewrite, tagger('b')], routes: [{ prefix: '/no-b', cluster: 'svc', perFilter: { b: off } }, { prefix: '/', cluster: 'svc' }] });
    await send(px.port, '/x');
    expect(up.seen[0]!.url).toBe('/no-b');
    expect(up.seen[0]!.headers['x-b']).toBe('1');
  });
});

describe('per-route filter configuration errors', () => {
  const at = 'static_resources.listeners[0].filter_chains[0].filters[0].typed_config';
  const parse = (perFilter: object, filters = [tagger('a')]) => parseConfig(envoyYaml({ clusters: { svc: [1] }, filters, routes: [{ prefix: '/', cluster: 'svc', perFilter }] }));
  const rp = `${at}.route_config.virtual_hosts[0].routes[0]`;

  it('names what is wrong', () => {
    expect(() => parse({ nope: off })).toThrow(`${rp}: typed_per_filter_config names "nope", which is not one of this listener's Wasm http filters (a)`);
    expect(() => parse({ a: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm' } })).toThrow(`${rp}.typed_per_filter_config.a.@type: per-route configuration of a filter is not supported by wasmlet`);
    expect(() => parse({ a: { ...off, config: {} } })).toThrow(`${rp}.typed_per_filter_config.a.config: not supported by wasmlet`);
    expect(() => parse({ a: { ...off, bogus: 1 } })).toThrow(`${rp}.typed_per_filter_config.a.bogus: unknown field`);
    expect(() => parse({ a: { disabled: true } })).toThrow(`${rp}.typed_per_filter_config.a: "@type" is missing`);
    expect(() => parse({ a: { '@type': T_FC, disabled: 'yes' } })).toThrow(`${rp}.typed_per_filter_config.a.disabled: expected true or false`);
    const yaml = envoyYaml({ clusters: { svc: [1] } }).replace('          - name: envoy.filters.http.router\n', '          - name: envoy.filters.http.router\n            disabled: true\n');
    expect(() => parseConfig(yaml)).toThrow(`${at}.http_filters[0].disabled: the router cannot be disabled`);
    const r = parse({ a: off }).listeners[0]!.virtualHosts[0]!.routes[0]!;
    expect([...r.filterDisabled!]).toEqual([['a', true]]);
  });
});
