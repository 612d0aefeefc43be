/**
 * A hot reload that changes an HTTP/2 cluster's settings (http2_protocol_options) replaces the
 * cluster: requests after the commit open a new session with the new SETTINGS, while a stream in
 * flight on the old session finishes there; the old session is closed once the old chain has no
 * exchange left. A node:http2 upstream sees the sessions and the SETTINGS each one sent.
 */
import type { Http2ServerResponse, Http2Session } from 'node:http2';
import { afterEach, describe, expect, it } from 'vitest';
import { startH2Upstream } from './fixtures/proxy/h2.js';
import { cleanup, envoyYaml, send, startProxy, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

const yaml = (port: number, window: number) => envoyYaml({ clusters: { svc: [port] }, clusterFields: { svc: { http2_protocol_options: { initial_stream_window_size: window } } } });

describe('reload of an HTTP/2 cluster', () => {
  it('sends new requests on a new session with the new settings and drains the old one', async () => {
    const sessions: Http2Session[] = [];
    const closed = new Set<Http2Session>();
    const held: Http2ServerResponse[] = [];
    const up = await startH2Upstream((req, res) => {
      const s = req.stream.session!;
      if (!sessions.includes(s)) {
        sessions.push(s);
        s.once('close', () => closed.add(s));
      }
      if (req.url === '/slow') held.push(res);
      else res.end(`${req.url} ${s.remoteSettings.initialWindowSize}`);
    });
    const px = await startProxy(yaml(up.port, 100_000));
    expect((await send(px.port, '/before')).body).toBe('/before 100000');
    const slow = send(px.port, '/slow');
    await until(() => held.length === 1);

    await px.proxy.reload({ text: yaml(up.port, 200_000) });
    // the new pool: a second session, with the new initial window
    expect((await send(px.port, '/after')).body).toBe('/after 200000');
    expect(sessions.length).toBe(2);
    expect(closed.size).toBe(0);

    // the old session carried the held stream to its end, then closed
    held[0]!.end('slow done');
    const r = await slow;
    expect([r.status, r.body]).toEqual([200, 'slow done']);
    await until(() => closed.has(sessions[0]!));
    expect(closed.has(sessions[1]!)).toBe(false);
    expect((await send(px.port, '/again')).body).toBe('/again 200000');
    expect(sessions.length).toBe(2);
  });
});
