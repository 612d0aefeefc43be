/**
 * The C and the Rust SDK examples deploy over MQTT (signed OTA, embedded broker) to a fleet of
 * heater devices whose memory budget is 16 KiB: each reports `running`, commits, and the fleet
 * status lists both; the AssemblyScript loop, with its 64 KiB page, is refused by the same devices.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../firmware-sim/transport/broker.js';
import { fleetStatus } from '../firmware-sim/transport/fleet-status.js';
import { deployOverMqtt } from '../firmware-sim/transport/mqtt-deployer.js';
import { loop, ROOT } from './fixtures/device/load.js';
import { keys, startDevice, type RigDevice } from './fixtures/ota/rig.js';

const k = keys();
let broker: EmbeddedBroker;
const devices: RigDevice[] = [];
const MODULES = { 'heater-1': 'c-pid', 'heater-2': 'rust-pid' } as const;

beforeAll(async () => {
  broker = await startEmbeddedBroker(0);
  for (const id of Object.keys(MODULES)) {
    devices.push(await startDevice({ url: broker.url, id, fleet: 'sdk', trusted: [k.pub], limits: { maxMemoryBytes: 16384 } }));
  }
});
afterAll(async () => {
  for (const d of devices) await d.close();
  await broker?.close();
});

const deploy = (device: string, bytes: Uint8Array, id: string, version: string) =>
  deployOverMqtt({ url: broker.url, fleet: 'sdk', device, bytes, key: k.priv, id, version, wait: true, timeoutMs: 15000 });

describe('C and Rust device modules over MQTT', () => {
  it('deploy to 16 KiB devices and both report running', async () => {
    const results = await Promise.all(
      Object.entries(MODULES).map(([device, name]) => deploy(device, readFileSync(`${ROOT}/sdk/build/${name}.wasm`), name, '1')),
    );
    for (const r of results) expect(r.report?.state).toBe('running');
    expect(devices.map((d) => d.sim.device.module?.name)).toEqual(['c-pid@1', 'rust-pid@1']);
    expect(devices.map((d) => d.sim.device.module?.initialMemoryBytes)).toEqual([16384, 16384]);
    let rows: Awaited<ReturnType<typeof fleetStatus>> = [];
    for (let i = 0; i < 20 && !(rows.length === 2 && rows.every((r) => r.state === 'running')); i++) rows = await fleetStatus(broker.url, 'sdk', 300);
    expect(rows.map((r) => [r.device, r.version, r.state])).toEqual([
      ['heater-1', '1', 'running'],
      ['heater-2', '1', 'running'],
    ]);
  }, 40000);

  it('refuses the 64 KiB AssemblyScript loop on the same devices', async () => {
    const r = await deploy('heater-1', loop('heater-pid'), 'as-pid', '2');
    expect(r.report?.state).toBe('rejected');
    expect(r.report?.error).toMatch(/65536 bytes of initial memory; the device budget is 16384 bytes/);
    expect(devices[0]!.sim.device.module?.name).toBe('c-pid@1');
  }, 20000);
});
