/**
 * A reload of a proxy with a tcp_proxy listener: a reload that leaves the network listener as it
 * was succeeds and the listener keeps proxying (now through the reloaded clusters); one that
 * changes it is refused with a ConfigError naming the listener, and the running chain goes on.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../hosts/proxy/config.js';
import { cleanup, ROOT } from './fixtures/proxy/support.js';
import { NET_FILTERS, startEcho, startTcpProxy, tcpClient, tcpYaml } from './fixtures/proxy/tcp-support.js';

afterEach(cleanup);
const rewrite = join(NET_FILTERS, 'tcp_rewrite.wasm');

async function roundTrip(port: number, text: string): Promise<string> {
  const c = await tcpClient(port);
  c.sock.end(text);
  await c.done;
  return c.text();
}

describe('reloading a proxy with a tcp_proxy listener', () => {
  it('keeps an unchanged network listener working and refuses to change it', async () => {
    const up = await startEcho();
    const yaml = tcpYaml([{ name: 'rw', file: rewrite, configuration: 'upper' }], [up.port]);
    const px = await startTcpProxy(yaml);
    expect(await roundTrip(px.port, 'one')).toBe('ONE');

    // the same listener, the cluster's connect timeout changed: the cluster is replaced
    const same = yaml.replace(/connect_timeout: [^\n]+/, 'connect_timeout: 4s');
    expect(same).not.toBe(yaml);
    const r = await px.proxy.reload({ text: same, baseDir: ROOT });
    expect(r.changed).toBe(true);
    expect(px.proxy.tcpListeners[0]!.clusters).toBe(px.proxy.clusters);
    expect(await roundTrip(px.port, 'two')).toBe('TWO');

    const changed = yaml.replace('value: "upper"', 'value: "banner=!"');
    expect(changed).not.toBe(yaml);
    const e = await px.proxy.reload({ text: changed, baseDir: ROOT }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).message).toMatch(/static_resources\.listeners\[0\].*cannot change tcp_proxy listeners/);
    expect(await roundTrip(px.port, 'three')).toBe('THREE');
  });
});
