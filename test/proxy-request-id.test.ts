/**
 * x-request-id: the HTTP connection manager's generate_request_id (on by default, as in Envoy)
 * gives a request without one a UUID v4 before the filter chain runs, so filters and the upstream
 * see it; a present id is kept (an edge request's is replaced unless preserve_external_request_id,
 * as Envoy does); always_set_request_id_in_response copies it into every response, local replies
 * included.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../hosts/proxy/index.js';
import { isInternalAddress } from '../hosts/proxy/proxy.js';
import { cleanup, envoyYaml, FILTERS, send, startProxy, startUpstream, type ConfigSpec } from './fixtures/proxy/support.js';

afterEach(cleanup);

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** the HCM of envoyYaml(spec) with extra fields */
const hcm = (spec: ConfigSpec, fields: string) => envoyYaml(spec).replace('stat_prefix: ingress_http', `stat_prefix: ingress_http\n${fields.split('\n').map((l) => `          ${l}`).join('\n')}`);

describe('x-request-id', () => {
  it('is generated as a UUID v4 when absent, and a present one is kept', async () => {
    const up = await startUpstream();
    const px = await startProxy({ clusters: { svc: [up.port] } });
    await send(px.port, '/a');
    await send(px.port, '/b');
    await send(px.port, '/c', { headers: { 'x-request-id': 'client-id-1' } });
    const ids = up.seen.map((s) => s.headers['x-request-id']);
    expect(ids[0]).toMatch(UUID4);
    expect(ids[1]).toMatch(UUID4);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[2]).toBe('client-id-1');
  });

  it('is there before the filter chain runs', async () => {
    const up = await startUpstream();
    // a filter that removes it: the id was in the headers the filter saw
    const px = await startProxy({ clusters: { svc: [up.port] }, filters: [{ name: 'h', file: `${FILTERS}/add_headers.wasm`, configuration: '{"request": {"remove": ["x-request-id"]}}' }] });
    await send(px.port, '/');
    expect(up.seen[0]!.headers['x-request-id']).toBeUndefined();
  });

  it('is not generated with generate_request_id: false', async () => {
    const up = await startUpstream();
    const px = await startProxy(hcm({ clusters: { svc: [up.port] } }, 'generate_request_id: false'));
    await send(px.port, '/');
    expect(up.seen[0]!.headers['x-request-id']).toBeUndefined();
  });

  it('is copied into every response with always_set_request_id_in_response', async () => {
    const up = await startUpstream((_req, res) => {
      res.writeHead(200, { 'x-request-id': 'from-upstream', 'content-length': 2 });
      res.end('ok');
    });
    const spec: ConfigSpec = { clusters: { svc: [up.port] }, routes: [{ prefix: '/local', direct: { status: 403, body: 'no' } }, { prefix: '/', cluster: 'svc' }] };
    const px = await startProxy(hcm(spec, 'always_set_request_id_in_response: true'));
    const r = await send(px.port, '/');
    expect(r.headers['x-request-id']).toMatch(UUID4);
    // the request's id replaces the upstream's
    expect(r.headers['x-request-id']).toBe(up.seen[0]!.headers['x-request-id']);
    const local = await send(px.port, '/local', { headers: { 'x-request-id': 'abc' } });
    expect(local.status).toBe(403);
    expect(local.headers['x-request-id']).toBe('abc');
    const nf = await startProxy({ clusters: { svc: [up.port] } });
    expect((await send(nf.port, '/')).headers['x-request-id']).toBe('from-upstream');
  });

  it('is kept from internal addresses at an edge (use_remote_address)', async () => {
    const up = await startUpstream();
    const px = await startProxy(hcm({ clusters: { svc: [up.port] } }, 'use_remote_address: true'));
    await send(px.port, '/', { headers: { 'x-request-id': 'from-loopback' } });
    expect(up.seen[0]!.headers['x-request-id']).toBe('from-loopback');
    // the addresses Envoy counts as internal by default; others are edge requests, whose id is replaced
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '::1', '::ffff:10.0.0.1', 'fd00::1', 'fc12:3::1']) expect(isInternalAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '172.32.0.1', '192.169.0.1', '2001:db8::1', '::ffff:8.8.8.8', 'fe80::1']) expect(isInternalAddress(a), a).toBe(false);
  });

  it('fields are checked', () => {
    const at = 'static_resources.listeners[0].filter_chains[0].filters[0].typed_config';
    expect(() => parseConfig(hcm({ clusters: { svc: [1] } }, 'preserve_external_request_id: "yes"'))).toThrow(`${at}.preserve_external_request_id: expected true or false`);
    expect(() => parseConfig(hcm({ clusters: { svc: [1] } }, 'request_id_header: x'))).toThrow(`${at}.request_id_header: unknown field`);
    expect(() => parseConfig(hcm({ clusters: { svc: [1] } }, 'request_id_extension: {}'))).toThrow(`${at}.request_id_extension: not supported by wasmlet`);
    const c = parseConfig(hcm({ clusters: { svc: [1] } }, 'preserve_external_request_id: true\nalways_set_request_id_in_response: true')).listeners[0]!;
    expect([c.generateRequestId, c.preserveExternalRequestId, c.alwaysSetRequestIdInResponse]).toEqual([true, true, true]);
  });
});
