/**
 * route.retry_policy against real, misbehaving upstreams: retry_on (5xx, gateway-error,
 * connect-failure, reset, retriable-status-codes), num_retries, per_try_timeout, Envoy's jittered
 * exponential backoff, request bodies replayed (and not when larger than the buffer limit, as in
 * Envoy), each retry picking the cluster's next endpoint, the x-envoy-retry-on /
 * x-envoy-max-retries request headers, x-envoy-attempt-count, and the retry counters at the admin
 * listener's /stats/prometheus.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../hosts/proxy/index.js';
import { cleanup, envoyYaml, send, startProxy, startUpstream, type ConfigSpec, type Upstream } from './fixtures/proxy/support.js';

afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

/** an upstream answering the given statuses in turn, then 200 "ok" */
async function flaky(statuses: number[]): Promise<Upstream> {
  let i = 0;
  return startUpstream((_req, res) => {
    const status = statuses[i++] ?? 200;
    const body = status === 200 ? 'ok' : `fail ${status}`;
    res.writeHead(status, { 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}

/** a port nothing listens on */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function stat(adminPort: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${adminPort}/stats/prometheus`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').pop()) : NaN;
}

const retrying = (up: Upstream, retryPolicy: object, extra: Partial<ConfigSpec> = {}) => startProxy({ clusters: { svc: [up.port] }, routes: [{ prefix: '/', cluster: 'svc', retryPolicy }], ...extra });

describe('retry_policy', () => {
  it('retries 5xx until a 200, replaying the request body', async () => {
    const up = await flaky([503, 503]);
    const px = await retrying(up, { retry_on: '5xx', num_retries: 2 });
    const r = await send(px.port, '/pay', { body: 'amount=5' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('ok');
    expect(up.seen.map((s) => `${s.method} ${s.url} ${s.body}`)).toEqual(Array(3).fill('POST /pay amount=5'));
    expect(await stat(px.adminPort, 'envoy_cluster_upstream_rq_retry')).toBe(2);
    expect(await stat(px.adminPort, 'envoy_cluster_upstream_rq_retry_success')).toBe(1);
    expect(await stat(px.adminPort, 'envoy_cluster_upstream_rq_total')).toBe(3);
  });

  it('passes the last response on when the retries run out (num_retries defaults to 1)', async () => {
    const up = await flaky([503, 503]);
    const px = await retrying(up, { retry_on: '5xx' });
    const r = await send(px.port, '/');
    expect(r.status).toBe(503);
    expect(r.body).toBe('fail 503');
    expect(up.seen).toHaveLength(2);
    expect(await stat(px.adminPort, 'envoy_cluster_upstream_rq_retry_limit_exceeded')).toBe(1);
    expect(await stat(px.adminPort, 'envoy_cluster_upstream_rq_retry_success')).toBe(0);
  });

  it('retries only what retry_on names', async () => {
    const up = await flaky([500, 418, 500]);
    // gateway-error is 502, 503, 504: a 500 passes through
    const px = await retrying(up, { retry_on: 'gateway-error,retriable-status-codes', retriable_status_codes: [418, 500], num_retries: 3 });
    expect((await send(px.port, '/')).status).toBe(200);
    expect(up.seen).toHaveLength(4);
    const up2 = await flaky([500]);
    const px2 = await retrying(up2, { retry_on: 'gateway-error', num_retries: 3 });
    expect((await send(px2.port, '/')).status).toBe(500);
    expect(up2.seen).toHaveLength(1);
    // 4xx other than 409 are never retried by 5xx
    const up3 = await flaky([404]);
    const px3 = await retrying(up3, { retry_on: '5xx,retriable-4xx', num_retries: 3 });
    expect((await send(px3.port, '/')).status).toBe(404);
    expect(up3.seen).toHaveLength(1);
  });

  it('retries a connect failure on the next endpoint', async () => {
    const up = await flaky([]);
    const dead = await closedPort();
    const px = await startProxy({ clusters: { svc: [dead, up.port] }, routes: [{ prefix: '/', cluster: 'svc', retryPolicy: { retry_on: 'connect-failure', num_retries: 1 } }] });
    // round-robin: each first attempt hits the closed port, its retry takes the live one's turn
    for (let i = 0; i < 4; i++) expect((await send(px.port, `/${i}`)).status).toBe(200);
    expect(up.seen.map((s) => s.url)).toEqual(['/0', '/1', '/2', '/3']);
    expect(await stat(px.adminPort, 'envoy_cluster_upstream_cx_connect_fail')).toBe(4);
    expect(await stat(px.adminPort, 'envoy_cluster_upstream_rq_retry')).toBe(4);
    // connect-failure alone does not retry a 503
    const up2 = await flaky([503]);
    const px2 = await retrying(up2, { retry_on: 'connect-failure' });
    expect((await send(px2.port, '/')).status).toBe(503);
  });

  it('gives up on a closed port after the retries with 503 UF', async () => {
    const dead = await closedPort();
    const px = await startProxy({ clusters: { svc: [dead] }, routes: [{ prefix: '/', cluster: 'svc', retryPolicy: { retry_on: 'connect-failure', num_retries: 2, retry_back_off: { base_interval: '0.001s' } } }] });
    const r = await send(px.port, '/');
    expect(r.status).toBe(503);
    expect(r.body).toMatch(/connection failure/);
    expect(await stat(px.adminPort, 'envoy_cluster_upstream_cx_connect_fail')).toBe(3);
  });

  it('retries a reset (the upstream closing without a response)', async () => {
    let n = 0;
    const up = await startUpstream((req, res) => {
      if (n++ === 0) req.socket.destroy();
      else res.end('ok');
    });
    const px = await retrying(up, { retry_on: 'reset' });
    const r = await send(px.port, '/', { body: 'x' });
    expect(r.status).toBe(200);
    expect(up.seen.map((s) => s.body)).toEqual(['x', 'x']);
  });

  it('per_try_timeout ends a slow attempt and retries it; the last one answers 504', async () => {
    let n = 0;
    const up = await startUpstream((_req, res) => {
      if (n++ < 1) return; // never answers
      res.end('ok');
    });
    const px = await retrying(up, { retry_on: '5xx', per_try_timeout: '0.1s' });
    const t0 = Date.now();
    expect((await send(px.port, '/')).body).toBe('ok');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await stat(px.adminPort, 'envoy_cluster_upstream_rq_per_try_timeout')).toBe(1);
    const hang = await startUpstream(() => {});
    const px2 = await retrying(hang, { retry_on: '5xx', num_retries: 1, per_try_timeout: '0.05s' });
    const r = await send(px2.port, '/');
    expect(r.status).toBe(504);
    expect(r.body).toBe('upstream request timeout');
    expect(hang.seen).toHaveLength(2);
  });

  it('waits a fully jittered exponential backoff, capped at max_interval', async () => {
    const up = await flaky([503, 503, 503]);
    // retry N waits random × min((2^N − 1) × 50, 120) ms: 49 + 119 + 119 at the top of the range
    const policy = { retry_on: '5xx', num_retries: 3, retry_back_off: { base_interval: '0.05s', max_interval: '0.12s' } };
    const px = await retrying(up, policy);
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    let t0 = Date.now();
    expect((await send(px.port, '/')).status).toBe(200);
    const slow = Date.now() - t0;
    expect(slow).toBeGreaterThanOrEqual(285);
    expect(slow).toBeLessThan(285 + 400);
    const up2 = await flaky([503, 503, 503]);
    const px2 = await retrying(up2, policy);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    t0 = Date.now();
    expect((await send(px2.port, '/')).status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(250);
  });

  it('does not retry a body larger than the buffer limit', async () => {
    const up = await flaky([503]);
    const yaml = envoyYaml({ clusters: { svc: [up.port] }, routes: [{ prefix: '/', cluster: 'svc', retryPolicy: { retry_on: '5xx' } }] }).replace('  - name: test_listener', '  - name: test_listener\n    per_connection_buffer_limit_bytes: 16');
    const px = await startProxy(yaml);
    expect((await send(px.port, '/', { body: 'x'.repeat(17) })).status).toBe(503);
    expect(up.seen).toHaveLength(1);
    // within the limit it is retried
    expect((await send(px.port, '/', { body: 'x'.repeat(16) })).status).toBe(200);
  });

  it('takes the virtual host policy, x-envoy-retry-on and x-envoy-max-retries, and counts attempts', async () => {
    const up = await flaky([503, 502]);
    const yaml = envoyYaml({ clusters: { svc: [up.port] } }).replace(
      '              domains: ["*"]',
      '              domains: ["*"]\n              retry_policy: { retry_on: gateway-error, num_retries: 1 }\n              include_request_attempt_count: true\n              include_attempt_count_in_response: true',
    );
    const px = await startProxy(yaml);
    const r = await send(px.port, '/', { headers: { 'x-envoy-max-retries': '2' } });
    expect(r.status).toBe(200);
    expect(r.headers['x-envoy-attempt-count']).toBe('3');
    expect(up.seen.map((s) => s.headers['x-envoy-attempt-count'])).toEqual(['1', '2', '3']);
    // the retry headers are the proxy's, not forwarded
    expect(up.seen[0]!.headers['x-envoy-max-retries']).toBeUndefined();
  });

  it('x-envoy-retriable-status-codes adds codes; the router\'s own replies count attempts too', async () => {
    const up = await flaky([418, 429]);
    const px = await startProxy({ clusters: { svc: [up.port] } });
    const r = await send(px.port, '/', { headers: { 'x-envoy-retry-on': 'retriable-status-codes', 'x-envoy-retriable-status-codes': '418,429', 'x-envoy-max-retries': '3' } });
    expect(r.status).toBe(200);
    expect(up.seen).toHaveLength(3);
    expect(up.seen[0]!.headers['x-envoy-retriable-status-codes']).toBeUndefined();
    const dead = await closedPort();
    const yaml = envoyYaml({ clusters: { svc: [dead] }, routes: [{ prefix: '/', cluster: 'svc', retryPolicy: { retry_on: 'connect-failure', num_retries: 2, retry_back_off: { base_interval: '0.001s' } } }] }).replace(
      '              domains: ["*"]',
      '              domains: ["*"]\n              include_attempt_count_in_response: true',
    );
    const px2 = await startProxy(yaml);
    const r2 = await send(px2.port, '/');
    expect(r2.status).toBe(503);
    expect(r2.headers['x-envoy-attempt-count']).toBe('3');
  });

  it('x-envoy-retry-on retries on a route without a policy', async () => {
    const up = await flaky([503]);
    const px = await startProxy({ clusters: { svc: [up.port] } });
    const r = await send(px.port, '/', { headers: { 'x-envoy-retry-on': '5xx,bogus' } });
    expect(r.status).toBe(200);
    expect(up.seen).toHaveLength(2);
    expect(up.seen[1]!.headers['x-envoy-retry-on']).toBeUndefined();
    // without the header, no retry
    const up2 = await flaky([503]);
    const px2 = await startProxy({ clusters: { svc: [up2.port] } });
    expect((await send(px2.port, '/')).status).toBe(503);
  });
});

describe('retry_policy configuration', () => {
  const parse = (retryPolicy: object) => parseConfig(envoyYaml({ clusters: { svc: [1] }, routes: [{ prefix: '/', cluster: 'svc', retryPolicy }] }));
  const at = 'static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.retry_policy';

  it('has Envoy defaults', () => {
    const r = parse({ retry_on: '5xx' }).listeners[0]!.virtualHosts[0]!.routes[0]!.action;
    expect(r.kind === 'route' && r.retry).toEqual({ retryOn: 1, numRetries: 1, perTryTimeoutMs: 0, retriableStatusCodes: [], baseIntervalMs: 25, maxIntervalMs: 250 });
  });

  it('names what is wrong', () => {
    expect(() => parse({ retry_on: '5xx', bogus: 1 })).toThrow(`${at}.bogus: unknown field`);
    expect(() => parse({ retry_on: '5xx,nope' })).toThrow(`${at}.retry_on: unknown retry condition "nope"`);
    expect(() => parse({ retry_on: 'refused-stream' })).toThrow(`${at}.retry_on: retry condition "refused-stream" is not supported by wasmlet`);
    expect(() => parse({ retry_on: '5xx', retry_host_predicate: [] })).toThrow(`${at}.retry_host_predicate: not supported by wasmlet`);
    expect(() => parse({ retry_on: '5xx', retriable_status_codes: [42] })).toThrow(`${at}.retriable_status_codes[0]: expected an HTTP status code`);
    expect(() => parse({ retry_on: '5xx', num_retries: 1.5 })).toThrow(`${at}.num_retries: expected a non-negative integer`);
    expect(() => parse({ retry_on: '5xx', retry_back_off: { max_interval: '1s' } })).toThrow(`${at}.retry_back_off.base_interval: required field is missing`);
    expect(() => parse({ retry_on: '5xx', retry_back_off: { base_interval: '1s', max_interval: '0.5s' } })).toThrow(`${at}.retry_back_off.max_interval: must be at least base_interval`);
    expect(() => parse({ retry_on: '5xx', retry_back_off: { base_interval: '0s' } })).toThrow(`${at}.retry_back_off.base_interval: must be greater than 0`);
    expect(() => parse({ retry_on: '5xx', retry_back_off: { base_interval: '1s', jitter: 1 } })).toThrow(`${at}.retry_back_off.jitter: unknown field`);
  });
});
