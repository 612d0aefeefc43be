/**
 * stream_idle_timeout, as Envoy enforces it: a stream without activity for that long ends with
 * 408 "stream timeout" while no response has started, or is reset once the client has response
 * headers; a route's idle_timeout overrides it and 0s disables it. Activity (body chunks either
 * way) keeps a stream alive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, envoyYaml, send, startProxy, startUpstream } from './fixtures/proxy/support.js';

afterEach(cleanup);

const withIdle = (yaml: string, idle: string) => yaml.replace('stat_prefix: ingress_http', `stat_prefix: ingress_http\n          stream_idle_timeout: ${idle}`);

describe('stream_idle_timeout', () => {
  it('answers 408 when a stream stays idle before the response started', async () => {
    const up = await startUpstream(() => {
      /* never answers */
    });
    const px = await startProxy(withIdle(envoyYaml({ clusters: { svc: [up.port] }, routes: [{ prefix: '/', cluster: 'svc', timeout: '0s' }] }), '0.2s'));
    const t0 = Date.now();
    const r = await send(px.port, '/slow');
    expect([r.status, r.body]).toEqual([408, 'stream timeout']);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    expect(px.proxy.env.metrics.renderPrometheus()).toMatch(/envoy_http_downstream_rq_idle_timeout\{envoy_http_conn_manager_prefix="ingress_http"\} 1/);
  });

  it('resets the stream when it goes idle after the response started', async () => {
    const up = await startUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial'); // then silence
    });
    const px = await startProxy(withIdle(envoyYaml({ clusters: { svc: [up.port] }, routes: [{ prefix: '/', cluster: 'svc', timeout: '0s' }] }), '0.2s'));
    await expect(send(px.port, '/half')).rejects.toThrow();
  });

  it('keeps a stream with activity alive past the timeout', async () => {
    const up = await startUpstream();
    const px = await startProxy(withIdle(envoyYaml({ clusters: { svc: [up.port] } }), '0.3s'));
    // five chunks 100 ms apart: 400 ms in total, never 300 ms without a byte
    const r = await send(px.port, '/upload', { chunks: ['a', 'b', 'c', 'd', 'e'], chunkDelayMs: 100 });
    expect([r.status, r.body]).toEqual([200, 'POST /upload abcde']);
  });

  it("lets a route's idle_timeout override it (0s disables)", async () => {
    const up = await startUpstream((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-length': '2' });
        res.end('ok');
      }, 400);
    });
    const yaml = withIdle(envoyYaml({ clusters: { svc: [up.port] } }), '0.1s').replace('route: { cluster: "svc"', 'route: { idle_timeout: 0s, cluster: "svc"');
    const px = await startProxy(yaml);
    const r = await send(px.port, '/patient');
    expect([r.status, r.body]).toEqual([200, 'ok']);
  });
});
