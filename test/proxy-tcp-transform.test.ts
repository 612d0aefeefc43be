/**
 * A network filter (filters/network/tcp_rewrite) ahead of tcp_proxy, through the real proxy with
 * a real TCP echo upstream and net.connect clients: data is rewritten both ways (the client's
 * bytes upper-cased by replacing the buffer, a banner prepended to the upstream's first bytes, a
 * trailer appended at the upstream's end of stream), half-closes pass through in both
 * directions, the close events and connection addresses reach the filter, and the filter's and
 * tcp_proxy's counters count the bytes.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, until } from './fixtures/proxy/support.js';
import { NET_FILTERS, startEcho, startTcpProxy, tcpClient, tcpYaml } from './fixtures/proxy/tcp-support.js';

afterEach(cleanup);
const rewrite = join(NET_FILTERS, 'tcp_rewrite.wasm');

describe('tcp_rewrite ahead of tcp_proxy', () => {
  it('rewrites both ways, passes half-closes, reports close events and counts bytes', async () => {
    const up = await startEcho();
    const px = await startTcpProxy(tcpYaml([{ name: 'rw', file: rewrite, configuration: 'upper;banner=<<;trailer=>>' }], [up.port]));
    const c = await tcpClient(px.port);
    const clientPort = c.sock.localPort;
    c.sock.write('hello ');
    await until(() => c.text().length >= 8);
    c.sock.write('world');
    await until(() => c.text() === '<<HELLO WORLD');
    expect(Buffer.concat(up.received[0]!).toString()).toBe('HELLO WORLD');
    // the client half-closes: the upstream sees the FIN, answers with its own, and the trailer comes first
    c.sock.end();
    await c.done;
    expect(c.ended).toBe(true);
    expect(c.text()).toBe('<<HELLO WORLD>>');
    expect(up.ends).toBe(1);
    await until(() => px.messages('rw').some((m) => m.startsWith('connection done')));
    const msgs = px.messages('rw').filter((m) => !m.startsWith('loaded'));
    expect(msgs[0]).toBe(`new connection from 127.0.0.1:${clientPort} to 127.0.0.1:${px.port}`);
    expect(msgs).toContain('downstream end of stream');
    expect(msgs).toContain('upstream end of stream');
    expect(msgs.some((m) => /^downstream closed \((remote|local)\)$/.test(m))).toBe(true);
    expect(msgs.some((m) => /^upstream closed \((remote|local)\)$/.test(m))).toBe(true);
    expect(msgs.at(-1)).toBe('connection done: 11 bytes from downstream, 11 from upstream');
    const m = await px.metrics();
    expect(m).toContain('envoy_wasmcustom_tcp_rewrite_connections 1');
    expect(m).toContain('envoy_wasmcustom_tcp_rewrite_downstream_bytes 11');
    expect(m).toContain('envoy_wasmcustom_tcp_rewrite_upstream_bytes 11');
    expect(m).toContain('envoy_tcp_downstream_cx_total{envoy_tcp_prefix="tcp_in"} 1');
    expect(m).toContain('envoy_tcp_downstream_cx_rx_bytes_total{envoy_tcp_prefix="tcp_in"} 11');
    expect(m).toContain('envoy_tcp_downstream_cx_tx_bytes_total{envoy_tcp_prefix="tcp_in"} 15');
    expect(m).toContain('envoy_tcp_downstream_cx_active{envoy_tcp_prefix="tcp_in"} 0');
    expect(m).toContain('envoy_cluster_upstream_cx_total{envoy_cluster_name="svc"} 1');
  });

  it('tells the filter the client reset the connection (remote) and that the upstream was closed (local)', async () => {
    const up = await startEcho();
    const px = await startTcpProxy(tcpYaml([{ name: 'rw', file: rewrite }], [up.port]));
    const c = await tcpClient(px.port);
    c.sock.write('ping');
    await until(() => c.text() === 'ping');
    c.sock.resetAndDestroy(); // RST: no end of stream, the connection is just gone
    await until(() => px.messages('rw').some((m) => m.startsWith('connection done')));
    const msgs = px.messages('rw');
    expect(msgs, msgs.join('\n')).toContain('downstream closed (remote)');
    expect(msgs, msgs.join('\n')).toContain('upstream closed (local)');
    expect(msgs).not.toContain('downstream end of stream');
  });
});
