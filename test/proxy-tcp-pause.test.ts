/**
 * Pause and continue in network filters, through the real proxy over TCP: a data callback
 * returning Pause holds the bytes (the upstream sees nothing) and is shown them again with the
 * larger size until it continues; a filter paused on the new connection holds the upstream
 * connect and the data until proxy_continue_stream(Downstream) from its root's tick (through
 * proxy_set_effective_context).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, until } from './fixtures/proxy/support.js';
import { NET_FILTERS, startEcho, startTcpProxy, tcpClient, tcpYaml } from './fixtures/proxy/tcp-support.js';

afterEach(cleanup);
const rewrite = join(NET_FILTERS, 'tcp_rewrite.wasm');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('network filter pause/continue', () => {
  it('holds data while the data callback pauses and passes it all once it continues', async () => {
    const up = await startEcho();
    const px = await startTcpProxy(tcpYaml([{ name: 'rw', file: rewrite, configuration: 'lines' }], [up.port]));
    const c = await tcpClient(px.port);
    c.sock.write('par');
    await sleep(50);
    c.sock.write('tial');
    await sleep(100);
    expect(up.received[0] ?? []).toHaveLength(0); // connected, but nothing passed the filter yet
    c.sock.write(' line\n');
    await until(() => c.text() === 'partial line\n');
    expect(Buffer.concat(up.received[0]!).toString()).toBe('partial line\n');
    // the filter holds again until the end of stream releases the rest
    c.sock.write('next');
    await sleep(100);
    expect(c.text()).toBe('partial line\n');
    c.sock.end();
    await c.done;
    expect(c.text()).toBe('partial line\nnext');
  });

  it('holds a new connection until the filter continues it from a tick', async () => {
    const up = await startEcho();
    const px = await startTcpProxy(tcpYaml([{ name: 'rw', file: rewrite, configuration: 'hold' }], [up.port]));
    const c = await tcpClient(px.port);
    c.sock.write('early bytes');
    // the tick (every 20 ms) resumes it: the upstream is connected then and gets the held data
    await until(() => c.text() === 'early bytes');
    expect(up.received).toHaveLength(1);
    expect(Buffer.concat(up.received[0]!).toString()).toBe('early bytes');
    c.sock.write('later');
    await until(() => c.text() === 'early byteslater');
  });

  it('runs proxy_on_new_connection on each filter of a chain and forwards once the holding one continues', async () => {
    const up = await startEcho();
    const px = await startTcpProxy(tcpYaml([{ name: 'rw', file: rewrite, configuration: 'lines' }, { name: 'hold', file: rewrite, configuration: 'hold' }], [up.port]));
    const c = await tcpClient(px.port);
    // both filters see the connection; the second holds it until its tick
    await until(() => px.messages('hold').some((m) => m.startsWith('new connection')));
    expect(px.messages('rw').some((m) => m.startsWith('new connection'))).toBe(true);
    c.sock.write('x\n');
    await until(() => c.text() === 'x\n');
    expect(up.received).toHaveLength(1);
  });
});
