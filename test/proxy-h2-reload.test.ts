/**
 * Hot reload with an HTTP/2 listener: on a session that stays open, a stream in flight when the
 * reload commits finishes on the old chain while the session's new streams run the new one (same
 * socket, same session). A reload that changes the kept listener's codec_type is refused with a
 * ConfigError naming the listener, and the running chain keeps serving.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../hosts/proxy/config.js';
import { h2Request, h2Session } from './fixtures/proxy/h2.js';
import { cleanup, envoyYaml, FILTERS, startProxy, startUpstream, until } from './fixtures/proxy/support.js';

afterEach(cleanup);

const yaml = (port: number, v: string, codec: 'HTTP2' | 'HTTP1' = 'HTTP2') =>
  envoyYaml({ clusters: { svc: [port] }, codec, filters: [{ name: 'add_headers', file: `${FILTERS}/add_headers.wasm`, configuration: JSON.stringify({ response: { add: { 'x-v': v } } }) }] });

describe('reload with an HTTP/2 listener', () => {
  it("moves a session's new streams to the new chain; its in-flight stream finishes on the old", async () => {
    const held: (() => void)[] = [];
    const up = await startUpstream((req, res) => {
      const answer = () => res.end(req.url);
      if (req.url === '/slow') held.push(answer);
      else answer();
    });
    const px = await startProxy(yaml(up.port, 'old'));
    const oldChain = px.proxy.listeners[0]!;
    const s = await h2Session(px.port);
    expect((await h2Request(s, '/before')).headers['x-v']).toBe('old');
    const slow = h2Request(s, '/slow');
    await until(() => held.length === 1);

    expect((await px.proxy.reload({ text: yaml(up.port, 'new') })).version).toBe(2);
    expect(px.proxy.listeners[0]!.server).toBe(oldChain.server);
    const after = await h2Request(s, '/after');
    expect([after.body.toString(), after.headers['x-v']]).toEqual(['/after', 'new']);
    expect(oldChain.inflight).toBe(1);
    held[0]!();
    const r = await slow;
    expect([r.status, r.body.toString(), r.headers['x-v']]).toEqual([200, '/slow', 'old']);
    await until(() => oldChain.inflight === 0);
    expect(px.proxy.reloader.draining()).toEqual([]);
    // one session carried all of it
    expect(s.closed || s.destroyed).toBe(false);
    expect(s.state.nextStreamID).toBe(7);
  });

  it('refuses a reload that changes the kept listener’s codec_type', async () => {
    const up = await startUpstream();
    const px = await startProxy(yaml(up.port, 'old'));
    const err = await px.proxy.reload({ text: yaml(up.port, 'new', 'HTTP1') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).path).toBe('static_resources.listeners[0]');
    expect((err as ConfigError).message).toMatch(/codec_type/);
    const s = await h2Session(px.port);
    expect((await h2Request(s, '/x')).headers['x-v']).toBe('old');
  });
});
