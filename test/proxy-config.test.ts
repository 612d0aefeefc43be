/**
 * The Envoy v3 YAML subset: a typical Envoy configuration loads as written; unknown fields and
 * wrong shapes are errors that name the field path; StringValue configurations, durations,
 * failure policies, environment variables and camelCase spellings are understood.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../hosts/proxy/config.js';
import { envoyYaml, FILTERS } from './fixtures/proxy/support.js';

const base = () => envoyYaml({ clusters: { svc: [8080] }, filters: [{ name: 'auth', file: `${FILTERS}/auth.wasm`, configuration: '{"api_keys":["k"]}' }] });

function errorOf(yaml: string): ConfigError {
  try {
    parseConfig(yaml);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('Envoy YAML', () => {
  it('loads listeners, routes, Wasm filters and clusters', () => {
    const c = parseConfig(base());
    expect(c.admin).toEqual({ address: '127.0.0.1', port: 0 });
    const l = c.listeners[0]!;
    expect(l.name).toBe('test_listener');
    expect(l.statPrefix).toBe('ingress_http');
    expect(l.virtualHosts[0]!.domains).toEqual(['*']);
    expect(l.virtualHosts[0]!.routes[0]).toMatchObject({ prefix: '/', action: { kind: 'route', clusters: [{ name: 'svc', weight: 1, path: 'route.cluster' }], totalWeight: 1, timeoutMs: 15000 } });
    expect(l.filters[0]).toMatchObject({ name: 'auth', vmId: 'auth', runtime: 'envoy.wasm.runtime.v8', configuration: '{"api_keys":["k"]}', failurePolicy: 'fail_closed' });
    expect(c.clusters[0]).toMatchObject({ name: 'svc', connectTimeoutMs: 1000, lbPolicy: 'ROUND_ROBIN', endpoints: [{ address: '127.0.0.1', port: 8080 }] });
  });

  it('names the path of an unknown field', () => {
    const e = errorOf(base().replace('stat_prefix: ingress_http', 'stat_prefix: ingress_http\n          bogus_option: 1'));
    expect(e.path).toBe('static_resources.listeners[0].filter_chains[0].filters[0].typed_config.bogus_option');
    expect(e.message).toMatch(/unknown field/);
    const e2 = errorOf(base().replace('vm_id: "auth"', 'vm_id: "auth"\n                  vm_flavour: x'));
    expect(e2.path).toBe('static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.config.vm_config.vm_flavour');
    expect(errorOf(base().replace('static_resources:', 'dynamic_resources: {}\nstatic_resources:')).path).toBe('dynamic_resources');
  });

  it('checks types, required fields, @type and references', () => {
    expect(errorOf(base().replace('port_value: 8080', 'port_value: eighty')).path).toMatch(/clusters\[0\].*port_value$/);
    expect(errorOf(base().replace('connect_timeout: 1s', 'connect_timeout: soon')).message).toMatch(/duration/);
    expect(errorOf(base().replace('cluster: "svc"', 'cluster: "nope"')).message).toMatch(/unknown cluster "nope"/);
    expect(errorOf(base().replace('extensions.filters.http.wasm.v3.Wasm', 'extensions.filters.http.lua.v3.Lua')).message).toMatch(/unsupported http filter|"@type"/);
    expect(errorOf(base().replace(/ {10}- name: envoy.filters.http.router\n.*\n/, '')).message).toMatch(/envoy.filters.http.router/);
    expect(errorOf('static_resources: { listeners: [ { name: x } ] }').message).toMatch(/exactly one filter chain/);
    expect(errorOf('a: [').message).toMatch(/invalid YAML/);
  });

  it('understands failure policies, reload backoff, environment variables, inline code and limits', () => {
    const yaml = base()
      .replace('root_id: ""', 'root_id: "r"\n                failure_policy: FAIL_RELOAD\n                reload_config: { backoff: { base_interval: 0.5s, max_interval: 4s } }\n                wasmlet_limits: { fuel_per_callback: 1000, max_memory_bytes: 65536 }')
      .replace('code: { local: { filename:', 'environment_variables: { key_values: { MODE: prod } }\n                  code: { local: { filename:');
    const f = parseConfig(yaml).listeners[0]!.filters[0]!;
    expect(f.failurePolicy).toBe('fail_reload');
    expect(f.reloadBackoff).toEqual({ baseMs: 500, maxMs: 4000 });
    expect(f.limits).toMatchObject({ fuelPerCallback: 1000, maxMemoryBytes: 65536 });
    expect(f.envVars).toEqual({ MODE: 'prod' });
    const open = parseConfig(base().replace('root_id: ""', 'root_id: ""\n                fail_open: true')).listeners[0]!.filters[0]!;
    expect(open.failurePolicy).toBe('fail_open');
    const inline = parseConfig(base().replace(/filename: "[^"]*"/, `inline_bytes: "${Buffer.from('\0asm').toString('base64')}"`)).listeners[0]!.filters[0]!;
    expect('bytes' in inline.code && Buffer.from(inline.code.bytes).toString('latin1')).toBe('\0asm');
  });

  it('accepts lowerCamelCase field names, as proto JSON does', () => {
    const c = parseConfig(base().replace('stat_prefix:', 'statPrefix:').replace('connect_timeout:', 'connectTimeout:'));
    expect(c.listeners[0]!.statPrefix).toBe('ingress_http');
  });

  it('understands route matches and actions', () => {
    const c = parseConfig(
      envoyYaml({
        clusters: { a: [1], b: [2] },
        routes: [
          { domains: ['api.example.com'], prefix: '/v1/', cluster: 'a', timeout: '0s', prefixRewrite: '/' },
          { prefix: '/static', direct: { status: 200, body: 'hi' } },
          { prefix: '/', cluster: 'b', timeout: '2.5s' },
        ],
      }),
    );
    const vhs = c.listeners[0]!.virtualHosts;
    expect(vhs[0]!.routes[0]!.action).toEqual({ kind: 'route', clusters: [{ name: 'a', weight: 1, path: 'route.cluster' }], totalWeight: 1, pickHeader: undefined, timeoutMs: 0, prefixRewrite: '/', hostRewrite: undefined, attemptCountInRequest: false, attemptCountInResponse: false, maxGrpcTimeoutMs: undefined, grpcTimeoutOffsetMs: 0 });
    expect(vhs[1]!.routes[0]!.action).toEqual({ kind: 'direct', status: 200, body: 'hi' });
    expect(vhs[1]!.routes[1]!.action).toMatchObject({ timeoutMs: 2500 });
  });
});
