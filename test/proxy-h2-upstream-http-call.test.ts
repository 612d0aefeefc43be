/**
 * proxy_http_call to an HTTP/2 cluster: the ext_authz example filter's call goes over the
 * cluster's HTTP/2 session pool to an h2c authorization server (which sees :authority, :path and
 * the forwarded header), and its answer — allowed with the service's header, or denied with the
 * service's status and body — comes back whole, as from an HTTP/1.1 cluster.
 */
import { afterEach, expect, it } from 'vitest';
import { startH2Upstream } from './fixtures/proxy/h2.js';
import { cleanup, FILTERS, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

it('dispatches http_call over HTTP/2', async () => {
  const up = await startUpstream();
  const authz = await startH2Upstream((req, res) => {
    if (req.headers['authorization'] === 'Bearer ok') {
      res.writeHead(200, { 'x-user': 'alice' });
      res.end();
    } else {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('who are you');
    }
  });
  const px = await startProxy({
    clusters: { svc: [up.port], authz: [authz.port] },
    clusterFields: { authz: { http2_protocol_options: {} } },
    filters: [{ name: 'ext_authz', file: `${FILTERS}/ext_authz.wasm`, configuration: JSON.stringify({ cluster: 'authz', path: '/check', forward_headers: ['authorization'], upstream_headers: ['x-user'] }) }],
  });
  const ok = await send(px.port, '/docs', { headers: { authorization: 'Bearer ok' } });
  expect(ok.status).toBe(200);
  expect(up.seen[0]!.headers['x-user']).toBe('alice');
  expect(authz.seen[0]!.headers).toMatchObject({ ':method': 'GET', ':path': '/check', ':authority': 'authz', authorization: 'Bearer ok' });
  const denied = await send(px.port, '/docs', { headers: { authorization: 'Bearer nope' } });
  expect([denied.status, denied.body]).toEqual([401, 'who are you']);
  expect(up.seen).toHaveLength(1);
});
