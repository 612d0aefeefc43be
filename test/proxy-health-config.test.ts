/**
 * health_checks, common_lb_config and circuit_breakers in the configuration: required fields,
 * Envoy fields wasmlet does not implement and unknown fields are errors naming their path.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../hosts/proxy/config.js';
import { withClusterFields } from './fixtures/proxy/health.js';
import { envoyYaml } from './fixtures/proxy/support.js';

const C = 'static_resources.clusters[0]';
const hc = { timeout: '1s', interval: '1s', unhealthy_threshold: 2, healthy_threshold: { value: 3 }, http_health_check: { path: '/h' } };
const errorOf = (fields: Record<string, unknown>) => {
  try {
    parseConfig(withClusterFields(envoyYaml({ clusters: { svc: [1] } }), fields));
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message;
  }
  throw new Error('no error');
};

describe('health check and circuit breaker configuration', () => {
  it('parses what is supported, with Envoy defaults', () => {
    const c = parseConfig(withClusterFields(envoyYaml({ clusters: { svc: [1] } }), { health_checks: [hc], circuit_breakers: { thresholds: [{ priority: 'DEFAULT', max_requests: 5 }] } })).clusters[0]!;
    expect(c.healthCheck).toMatchObject({ timeoutMs: 1000, intervalMs: 1000, unhealthyThreshold: 2, healthyThreshold: 3, path: '/h', host: undefined, expectedStatuses: [[200, 201]] });
    expect(c.panicThreshold).toBe(50);
    expect(c.breakers).toEqual({ maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 5, maxRetries: 3 });
  });

  it('names the path of what is wrong', () => {
    const { interval: _i, ...noInterval } = hc;
    expect(errorOf({ health_checks: [noInterval] })).toBe(`${C}.health_checks[0].interval: required field is missing`);
    expect(errorOf({ health_checks: [{ ...hc, tcp_health_check: {} }] })).toMatch(new RegExp(`^${C.replace(/[.[\]]/g, '\\$&')}\\.health_checks\\[0\\]\\.tcp_health_check: not supported by wasmlet`));
    expect(errorOf({ health_checks: [{ ...hc, http_health_check: { path: '/h', expected_statuses: [{ start: 300, end: 200 }] } }] })).toBe(`${C}.health_checks[0].http_health_check.expected_statuses[0]: needs start < end (the range is [start, end))`);
    expect(errorOf({ health_checks: [{ ...hc, intervall: '1s' }] })).toMatch(/health_checks\[0\]\.intervall: unknown field/);
    expect(errorOf({ common_lb_config: { healthy_panic_threshold: { value: 120 } } })).toBe(`${C}.common_lb_config.healthy_panic_threshold.value: expected a percentage from 0 to 100`);
    expect(errorOf({ circuit_breakers: { thresholds: [{ priority: 'HIGH' }] } })).toMatch(/thresholds\[0\]\.priority: priority HIGH is not supported/);
    expect(errorOf({ circuit_breakers: { thresholds: [{ max_requests: -1 }] } })).toMatch(/thresholds\[0\]\.max_requests/);
    expect(errorOf({ circuit_breakers: { thresholds: [{ retry_budget: {} }] } })).toMatch(/thresholds\[0\]\.retry_budget: not supported by wasmlet/);
  });
});
