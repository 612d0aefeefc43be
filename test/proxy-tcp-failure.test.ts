/**
 * Failure policies of network filters (filters/network/tcp_chaos), through the real proxy over
 * TCP: a trap closes the connection that caused it (fail closed), lets it through (fail open) or
 * closes it and reloads the VM (fail reload); running out of fuel in a callback is a failure too.
 * The proxy keeps serving: other listeners' and later connections carry on.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, until } from './fixtures/proxy/support.js';
import { NET_FILTERS, startEcho, startTcpProxy, tcpClient, tcpYaml } from './fixtures/proxy/tcp-support.js';

afterEach(cleanup);
const chaos = join(NET_FILTERS, 'tcp_chaos.wasm');

describe('network filter failures', () => {
  it('fail closed: the trapping connection is closed, its bytes never reach the upstream', async () => {
    const up = await startEcho();
    const px = await startTcpProxy(tcpYaml([{ name: 'chaos', file: chaos }], [up.port]));
    const good = await tcpClient(px.port);
    good.sock.write('fine');
    await until(() => good.text() === 'fine');
    const bad = await tcpClient(px.port);
    bad.sock.write('please trap');
    await bad.done;
    expect(bad.text()).toBe('');
    expect(up.received.map((r) => Buffer.concat(r).toString())).toEqual(['fine', '']);
    const trap = px.messages('chaos').find((m) => m.includes('wasm trap'));
    expect(trap).toMatch(/wasm trap \(unreachable\) in proxy_on_downstream_data/);
    const m = await px.metrics();
    expect(m).toContain('wasmlet_filter_failures_total{filter="chaos"} 1');
    expect(m).toContain('wasmlet_filter_failed_streams_total{filter="chaos"} 1');
    // the proxy is up: its admin listener answers, and the good connection is only closed when it next uses the failed filter
    expect((await fetch(`http://127.0.0.1:${px.adminPort}/ready`)).status).toBe(200);
    good.sock.write('more');
    await good.done;
    expect(good.text()).toBe('fine');
  });

  it('fail open: the trapping connection passes through unfiltered and stays open', async () => {
    const up = await startEcho();
    const px = await startTcpProxy(tcpYaml([{ name: 'chaos', file: chaos, failurePolicy: 'FAIL_OPEN' }], [up.port]));
    const c = await tcpClient(px.port);
    c.sock.write('trap me');
    await until(() => c.text() === 'trap me');
    c.sock.write(' and again');
    await until(() => c.text() === 'trap me and again');
    expect(c.closed).toBe(false);
  });

  it('fail reload: closes the trapping connection, then a new VM serves later connections', async () => {
    const up = await startEcho();
    const px = await startTcpProxy(tcpYaml([{ name: 'chaos', file: chaos, failurePolicy: 'FAIL_RELOAD', reloadBaseInterval: '0.1s' }], [up.port]));
    const bad = await tcpClient(px.port);
    bad.sock.write('trap');
    await bad.done;
    await new Promise((r) => setTimeout(r, 200));
    const c = await tcpClient(px.port);
    c.sock.write('hello');
    await until(() => c.text() === 'hello');
    expect(px.proxy.tcpListeners[0]!.plugins[0]!.reloads).toBe(1);
  });

  it('ends a callback that runs out of fuel and closes its connection', async () => {
    const up = await startEcho();
    const px = await startTcpProxy(tcpYaml([{ name: 'chaos', file: chaos, limits: { fuel_per_callback: 200_000 } }], [up.port]));
    const c = await tcpClient(px.port);
    c.sock.write('spin');
    await c.done;
    expect(px.messages('chaos').some((m) => m.includes('out_of_fuel') || m.includes('fuel'))).toBe(true);
  });
});
