/**
 * A network filter that admits connections by their first bytes (filters/network/tcp_gate),
 * through the real proxy over TCP: the right greeting passes (even split over several packets,
 * the filter pausing until enough bytes arrived), a wrong one closes the connection with
 * proxy_close_stream before any byte reaches the upstream; both are counted.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, until } from './fixtures/proxy/support.js';
import { NET_FILTERS, startEcho, startTcpProxy, tcpClient, tcpYaml } from './fixtures/proxy/tcp-support.js';

afterEach(cleanup);
const gate = join(NET_FILTERS, 'tcp_gate.wasm');

describe('tcp_gate', () => {
  it('passes a connection whose first bytes match, closes one whose bytes do not', async () => {
    const up = await startEcho();
    const px = await startTcpProxy(tcpYaml([{ name: 'gate', file: gate, configuration: 'HELO' }], [up.port]));
    const ok = await tcpClient(px.port);
    ok.sock.write('HE');
    await new Promise((r) => setTimeout(r, 50));
    ok.sock.write('LO there');
    await until(() => ok.text() === 'HELO there');

    const bad = await tcpClient(px.port);
    bad.sock.write('GET / HTTP/1.1\r\n\r\n');
    await bad.done;
    expect(bad.text()).toBe('');
    // the rejected bytes never left the proxy: the upstream saw the good connection's only
    expect(up.received.map((r) => Buffer.concat(r).toString())).toEqual(['HELO there', '']); // connected, never written to
    expect(px.messages('gate')).toContain('rejected connection: first bytes do not match');
    ok.sock.write(' again');
    await until(() => ok.text() === 'HELO there again');
    const m = await px.metrics();
    expect(m).toContain('envoy_wasmcustom_tcp_gate_accepted 1');
    expect(m).toContain('envoy_wasmcustom_tcp_gate_rejected 1');
  });

  it('rejects a client that half-closes before the whole greeting', async () => {
    const up = await startEcho();
    const px = await startTcpProxy(tcpYaml([{ name: 'gate', file: gate, configuration: 'HELO' }], [up.port]));
    const c = await tcpClient(px.port);
    c.sock.end('HE');
    await c.done;
    expect(px.messages('gate')).toContain('rejected connection: closed before the greeting');
    expect(up.received.flat()).toHaveLength(0);
  });
});
