// Signed OTA deployment over MQTT against an embedded aedes broker: a deploy that commits, each
// rejected case leaving the old module running, a corrupt chunk retried, a faulting module rolled
// back, and a device restart that keeps the committed module.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signModule } from '../firmware-sim/ota/signing.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../firmware-sim/transport/broker.js';
import { deployOverMqtt } from '../firmware-sim/transport/mqtt-deployer.js';
import { fixture, loop } from './fixtures/device/load.js';
import { keys, nextMessage, startDevice, type RigDevice } from './fixtures/ota/rig.js';

const k = keys();
const other = keys();
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

const pid = loop('heater-pid');
const deploy = (bytes: Uint8Array, extra: Partial<Parameters<typeof deployOverMqtt>[0]> = {}) =>
  deployOverMqtt({ url: broker.url, device: 'heater-1', bytes, key: k.priv, id: 'pid', wait: true, timeoutMs: 10000, ...extra });

describe('OTA over MQTT (aedes)', () => {
  it('deploys a signed module, commits it after healthy steps, and telemetry arrives', async () => {
    const r = await deploy(pid, { version: '1' });
    expect(r.report?.state).toBe('running');
    expect(dev.agent.committed?.version).toBe('1');
    expect(dev.sim.device.module?.name).toBe('pid@1');
    const t = JSON.parse((await nextMessage(broker.url, 'wasmlet/v1/default/heater-1/telemetry')).toString());
    expect(t.state).toBe('running');
    const status = await nextMessage(broker.url, 'wasmlet/v1/default/heater-1/status');
    expect(status.toString()).toBe('online');
  }, 20000);

  it('rejects a bad signature and keeps the old module running', async () => {
    const r = await deploy(pid, { version: '2', key: other.priv });
    expect(r.report).toMatchObject({ state: 'rejected', error: 'bad signature' });
    expect(dev.sim.device.module?.name).toBe('pid@1');
    expect(dev.sim.device.state).toBe('running');
  }, 20000);

  it('rejects bytes that do not match the signed sha256', async () => {
    const manifest = signModule(pid, k.priv, 'pid', '3');
    const tampered = pid.slice();
    tampered[tampered.length - 1]! ^= 1;
    const r = await deploy(tampered, { manifest });
    expect(r.report).toMatchObject({ state: 'rejected', error: 'sha256 mismatch' });
    expect(dev.sim.device.module?.name).toBe('pid@1');
  }, 20000);

  it('rejects an invalid module', async () => {
    const r = await deploy(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff]), { version: '4' });
    expect(r.report?.state).toBe('rejected');
    expect(dev.sim.device.module?.name).toBe('pid@1');
    expect(dev.sim.device.state).toBe('running');
  }, 20000);

  it('rejects an over-budget module', async () => {
    const r = await deploy(fixture('big-memory'), { version: '5' });
    expect(r.report?.state).toBe('rejected');
    expect(r.report?.error).toMatch(/memory|budget|KiB|bytes/i);
    expect(dev.sim.device.module?.name).toBe('pid@1');
  }, 20000);

  it('retries a corrupt chunk', async () => {
    const r = await deploy(pid, { version: '6', corrupt: (n) => n === 0 });
    expect(r.report?.state).toBe('running');
    expect(r.chunkRequests).toBeGreaterThan(Math.ceil(pid.length / (16 * 1024)));
    expect(dev.agent.committed?.version).toBe('6');
  }, 20000);

  it('rolls a faulting module back to the committed one', async () => {
    const r = await deploy(fixture('step-fails'), { version: '7' });
    expect(r.report).toMatchObject({ state: 'rolled_back', committed: '6' });
    expect(dev.sim.device.module?.name).toBe('pid@6');
    await new Promise((res) => setTimeout(res, 50));
    expect(dev.sim.device.state).toBe('running');
  }, 20000);

  it('keeps the committed module across a device restart', async () => {
    const dir = dev.stateDir;
    await dev.close();
    dev = await startDevice({ url: broker.url, id: 'heater-1', trusted: [k.pub], stateDir: dir });
    expect(dev.agent.committed?.version).toBe('6');
    expect(dev.sim.device.module?.name).toBe('pid@6');
    expect(dev.sim.device.state).toBe('running');
  }, 20000);
});
