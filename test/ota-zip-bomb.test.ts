// A deflated transfer is bounded by the signed size before and while it is inflated: a zip bomb
// (a few KB that would inflate to 64 MiB) is rejected without inflating past the module's size,
// a module larger than the device's slot is refused before a byte is fetched, and the running
// module keeps running throughout.
import { deflateSync } from 'node:zlib';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployError } from '../hosts/device/device.js';
import { signModule } from '../firmware-sim/ota/signing.js';
import { decodeTransfer } from '../firmware-sim/ota/transfer.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../firmware-sim/transport/broker.js';
import { deployOverMqtt } from '../firmware-sim/transport/mqtt-deployer.js';
import { encodeChunk } from '../firmware-sim/transport/topics.js';
import { loop } from './fixtures/device/load.js';
import { keys, startDevice, type RigDevice } from './fixtures/ota/rig.js';

const k = keys();
let broker: EmbeddedBroker;
let dev: RigDevice;
const base = 'wasmlet/v1/default/heater-1/';

beforeAll(async () => {
  broker = await startEmbeddedBroker(0);
  dev = await startDevice({ url: broker.url, id: 'heater-1', trusted: [k.pub] });
  const r = await deployOverMqtt({ url: broker.url, device: 'heater-1', bytes: loop('heater-pid'), key: k.priv, id: 'pid', version: '1', wait: true, timeoutMs: 10000 });
  expect(r.report?.state).toBe('running');
});
afterAll(async () => {
  await dev?.close();
  await broker?.close();
});

/** publish `manifest` as desired, serve `wire` to the device's chunk requests, return its next report for the version */
async function offer(manifest: object & { version: string }, wire: Uint8Array): Promise<{ report: Record<string, unknown>; requests: number }> {
  const c = await mqtt.connectAsync(broker.url);
  let requests = 0;
  try {
    await c.subscribeAsync([base + 'modules/chunk/get', base + 'modules/reported'], { qos: 1 });
    const report = new Promise<Record<string, unknown>>((resolve) => {
      c.on('message', (topic, p) => {
        if (topic.endsWith('chunk/get')) {
          const q = JSON.parse(p.toString()) as { offset: number; length: number };
          requests++;
          c.publish(base + 'modules/chunk/data', encodeChunk(q.offset, wire.subarray(q.offset, q.offset + q.length)), { qos: 1 });
          return;
        }
        const r = JSON.parse(p.toString()) as Record<string, unknown>;
        if (r['version'] === manifest.version) resolve(r);
      });
    });
    await c.publishAsync(base + 'modules/desired', JSON.stringify(manifest), { qos: 1, retain: true });
    return { report: await report, requests };
  } finally {
    await c.endAsync();
  }
}

describe('bounded decompression', () => {
  it('rejects a zip bomb by its signed size and keeps the running module', async () => {
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    // a signed manifest for a module of 80 KB whose "deflated" bytes are the bomb (65 KB)
    const claimed = new Uint8Array(80_000);
    const manifest = { ...signModule(claimed, k.priv, 'pid', 'bomb'), encoding: 'deflate', transferSize: bomb.length };
    expect(bomb.length).toBeLessThan(claimed.length);
    const before = process.memoryUsage().arrayBuffers;
    const { report } = await offer(manifest, bomb);
    expect(report).toMatchObject({ state: 'rejected', error: 'deflated module inflates past its signed size of 80000 bytes', running: { version: '1' } });
    // the device (in this process) never held anything near the 64 MiB the bomb expands to
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    expect(dev.sim.device.module?.name).toBe('pid@1');
    expect(dev.sim.device.state).toBe('running');
  }, 20000);

  it('stops inflating at the limit and names it (DeployError)', () => {
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
    const m = { ...signModule(new Uint8Array(1000), k.priv, 'x', '1'), encoding: 'deflate' as const, transferSize: bomb.length };
    expect(() => decodeTransfer(m, bomb)).toThrow(DeployError);
    const exact = deflateSync(Buffer.alloc(1000, 7));
    expect(decodeTransfer(m, exact)).toEqual(new Uint8Array(1000).fill(7));
    expect(() => decodeTransfer(m, exact.subarray(0, exact.length - 3))).toThrow(/deflated module is corrupt: unexpected end of file/);
  });

  it('refuses before transfer a module larger than the slot, or deflated bytes larger than the module', async () => {
    const huge = signModule(new Uint8Array(2 * 1024 * 1024), k.priv, 'pid', 'huge');
    const a = await offer(huge, new Uint8Array(0));
    expect(a.report).toMatchObject({ state: 'rejected', error: 'module of 2097152 bytes does not fit the 1048576-byte slot' });
    expect(a.requests).toBe(0);
    const inflated = { ...signModule(new Uint8Array(1000), k.priv, 'pid', 'odd'), encoding: 'deflate', transferSize: 5000 };
    const b = await offer(inflated, new Uint8Array(5000));
    expect(b.report).toMatchObject({ state: 'rejected', error: 'deflated transfer of 5000 bytes is larger than the 1000-byte module' });
    expect(b.requests).toBe(0);
    expect(dev.sim.device.module?.name).toBe('pid@1');
  }, 20000);
});
