// A module travels deflated to a device that says it accepts deflate (meta.ota.encodings): fewer
// bytes on the wire, the same signed module committed; `compress: false` sends it as it is.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../firmware-sim/transport/broker.js';
import { deployOverMqtt } from '../firmware-sim/transport/mqtt-deployer.js';
import { loop, withCustom } from './fixtures/device/load.js';
import { keys, nextMessage, startDevice, type RigDevice } from './fixtures/ota/rig.js';

const k = keys();
let broker: EmbeddedBroker;
let dev: RigDevice;

beforeAll(async () => {
  broker = await startEmbeddedBroker(0);
  dev = await startDevice({ url: broker.url, id: 'heater-1', trusted: [k.pub] });
});
afterAll(async () => {
  await dev?.close();
  await broker?.close();
});

// a 100 KB module: the loop plus a lookup table as compressible as real data (a slow ramp)
const table = new Uint8Array(100_000).map((_, i) => (i >> 6) & 0xff);
const big = withCustom(loop('heater-pid'), 'table', table);

describe('compressed module transfer over MQTT', () => {
  it('advertises deflate in meta and receives a deflated module that commits', async () => {
    const meta = JSON.parse((await nextMessage(broker.url, 'wasmlet/v1/default/heater-1/meta')).toString());
    expect(meta.ota).toMatchObject({ encodings: ['deflate'], slotBytes: 1024 * 1024, resume: true });
    const r = await deployOverMqtt({ url: broker.url, device: 'heater-1', bytes: big, key: k.priv, id: 'pid', version: 'z1', wait: true, timeoutMs: 15000 });
    expect(r.report?.state).toBe('running');
    expect(r.encoding).toBe('deflate');
    expect(r.wireBytes).toBeLessThan(big.length / 10);
    expect(r.chunkRequests).toBe(Math.ceil(r.wireBytes / (16 * 1024)));
    const desired = JSON.parse((await nextMessage(broker.url, 'wasmlet/v1/default/heater-1/modules/desired')).toString());
    expect(desired).toMatchObject({ version: 'z1', size: big.length, encoding: 'deflate', transferSize: r.wireBytes });
    expect(dev.agent.committed).toMatchObject({ version: 'z1', size: big.length });
  }, 20000);

  it('sends incompressible bytes, and any module with compress: false, as they are', async () => {
    const noisy = withCustom(loop('heater-pid'), 'noise', randomBytes(40_000));
    const a = await deployOverMqtt({ url: broker.url, device: 'heater-1', bytes: noisy, key: k.priv, id: 'pid', version: 'z2', wait: true, timeoutMs: 15000 });
    expect(a.report?.state).toBe('running');
    expect(a.encoding).toBeUndefined();
    expect(a.wireBytes).toBe(noisy.length);
    const b = await deployOverMqtt({ url: broker.url, device: 'heater-1', bytes: big, key: k.priv, id: 'pid', version: 'z3', wait: true, timeoutMs: 15000, compress: false });
    expect(b.report?.state).toBe('running');
    expect(b.encoding).toBeUndefined();
    expect(b.chunkRequests).toBe(Math.ceil(big.length / (16 * 1024)));
  }, 30000);
});
