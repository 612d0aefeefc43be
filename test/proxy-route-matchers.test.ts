/**
 * Route matching beyond the path: route.match.headers (Envoy's HeaderMatcher: string_match with
 * exact/prefix/suffix/contains/safe_regex and ignore_case, present_match, range_match, invert_match,
 * treat_missing_header_as_empty, pseudo-headers such as :method) and route.match.query_parameters
 * (string_match, present_match), over real HTTP through the proxy. Routes are tried in order and
 * every matcher of a route must hold; the first route that matches wins.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../hosts/proxy/index.js';
import { cleanup, envoyYaml, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

/** which route answered: each route is a direct response naming itself */
const named = (name: string, extra: { headers?: object[]; queryParameters?: object[] }) => ({ prefix: '/', direct: { status: 200, body: name }, ...extra });

describe('header matchers', () => {
  it('routes on method, string matchers, presence, ranges and inversion', async () => {
    const up = await startUpstream();
    const px = await startProxy({
      clusters: { svc: [up.port] },
      routes: [
        named('post', { headers: [{ name: ':method', string_match: { exact: 'POST' } }] }),
        named('beta', { headers: [{ name: 'x-channel', string_match: { prefix: 'BETA', ignore_case: true } }] }),
        named('json', { headers: [{ name: 'accept', string_match: { contains: 'json' } }, { name: 'x-debug', present_match: true }] }),
        named('regex', { headers: [{ name: 'x-user', string_match: { safe_regex: { regex: 'u-[0-9]+' } } }] }),
        named('range', { headers: [{ name: 'x-shard', range_match: { start: 0, end: 10 } }] }),
        named('no-auth', { headers: [{ name: 'authorization', present_match: false }] }),
        named('not-admin', { headers: [{ name: 'x-role', string_match: { exact: 'admin' }, invert_match: true }] }),
        { prefix: '/', cluster: 'svc' },
      ],
    });
    const via = async (headers: Record<string, string>, method = 'GET') => (await send(px.port, '/p', { method, headers })).body;
    // every request below carries authorization unless it is about "no-auth", so that route stays out of the way
    const auth = { authorization: 'Bearer t' };
    expect(await via(auth, 'POST')).toBe('post');
    expect(await via({ ...auth, 'x-channel': 'beta-2' })).toBe('beta');
    expect(await via({ ...auth, 'x-channel': 'stable', 'x-role': 'admin' })).toBe('GET /p ');
    // both matchers of the route must hold
    expect(await via({ ...auth, accept: 'application/json', 'x-debug': '1' })).toBe('json');
    expect(await via({ ...auth, accept: 'application/json', 'x-role': 'admin' })).toBe('GET /p ');
    // safe_regex matches the whole value
    expect(await via({ ...auth, 'x-user': 'u-42' })).toBe('regex');
    expect(await via({ ...auth, 'x-user': 'u-42x', 'x-role': 'admin' })).toBe('GET /p ');
    // [start, end), integers only
    expect(await via({ ...auth, 'x-shard': '9' })).toBe('range');
    expect(await via({ ...auth, 'x-shard': '10', 'x-role': 'admin' })).toBe('GET /p ');
    expect(await via({ ...auth, 'x-shard': '3.5', 'x-role': 'admin' })).toBe('GET /p ');
    expect(await via({})).toBe('no-auth');
    // an absent header does not match an inverted string matcher (Envoy's rule)
    expect(await via({ ...auth })).toBe('GET /p ');
    expect(await via({ ...auth, 'x-role': 'viewer' })).toBe('not-admin');
  });

  it('treats a missing header as empty when asked', async () => {
    const up = await startUpstream();
    const px = await startProxy({
      clusters: { svc: [up.port] },
      routes: [named('empty', { headers: [{ name: 'x-tenant', string_match: { exact: '' }, treat_missing_header_as_empty: true }] }), { prefix: '/', cluster: 'svc' }],
    });
    expect((await send(px.port, '/')).body).toBe('empty');
    expect((await send(px.port, '/', { headers: { 'x-tenant': 'acme' } })).body).toBe('GET / ');
  });
});

describe('query parameter matchers', () => {
  it('matches the raw value of the first occurrence, or presence', async () => {
    const up = await startUpstream();
    const px = await startProxy({
      clusters: { svc: [up.port] },
      routes: [
        named('v2', { queryParameters: [{ name: 'version', string_match: { exact: '2' } }] }),
        named('debug', { queryParameters: [{ name: 'debug', present_match: true }] }),
        named('encoded', { queryParameters: [{ name: 'q', string_match: { exact: 'a%20b' } }] }),
        { prefix: '/', cluster: 'svc' },
      ],
    });
    const body = async (p: string) => (await send(px.port, p)).body;
    expect(await body('/x?version=2')).toBe('v2');
    expect(await body('/x?version=1&version=2')).toBe('GET /x?version=1&version=2 ');
    expect(await body('/x?a=1&debug')).toBe('debug');
    expect(await body('/x?q=a%20b')).toBe('encoded');
    expect(await body('/x')).toBe('GET /x ');
  });
});

describe('matcher configuration errors', () => {
  const parse = (headers: object[] | undefined, queryParameters?: object[]) =>
    parseConfig(envoyYaml({ clusters: { svc: [1] }, routes: [{ prefix: '/', cluster: 'svc', ...(headers ? { headers } : {}), ...(queryParameters ? { queryParameters } : {}) }] }));
  const where = /virtual_hosts\[0\]\.routes\[0\]\.match/;

  it('names the matcher that is wrong', () => {
    expect(() => parse([{ name: 'a', string_match: { exact: 'x', prefix: 'y' } }])).toThrow(/headers\[0\]\.string_match: .*exactly one of exact, prefix/);
    expect(() => parse([{ name: 'a', present_match: true, string_match: { exact: 'x' } }])).toThrow(/headers\[0\]: .*one of string_match/);
    expect(() => parse([{ name: 'a', range_match: { start: 5, end: 5 } }])).toThrow(/headers\[0\]\.range_match: .*start < end/);
    expect(() => parse([{ name: 'a', string_match: { safe_regex: { regex: '(' } } }])).toThrow(/headers\[0\]\.string_match\.safe_regex\.regex: invalid regex/);
    expect(() => parse([{ name: 'a', bogus: 1 }])).toThrow(/headers\[0\]\.bogus/);
    expect(() => parse(undefined, [{ name: 'q' }])).toThrow(/query_parameters\[0\]: .*exactly one of string_match, present_match/);
    expect(() => parse(undefined, [{ name: 'q', present_match: false }])).toThrow(/query_parameters\[0\]\.present_match/);
    expect(() => parse([{ name: 'a', string_match: { exact: 'x', prefix: 'y' } }])).toThrow(where);
  });
});
