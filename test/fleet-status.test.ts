// The operator view, `wasmlet fleet status`: one line per device of the fleet with its plant,
// online/offline status, the running module (id@version and slot), the latest attempt (version,
// state and the device's reason) and the committed version, read from the broker's retained messages; `--json` gives the same rows as JSON. A device
// that goes away shows `offline`. Usage errors exit 2.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../firmware-sim/transport/fleet-sim.js';
import { deployOverMqtt } from '../firmware-sim/transport/mqtt-deployer.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-fleet-status-'));
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519').privateKey;
const pid = readFileSync('filters/control/build/heater-pid.wasm');
let fleet: Fleet;

/** the CLI, asynchronously: the broker answering it lives in this process */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/wasmlet.js', ...args]);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  writeFileSync(join(dir, 'op.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  fleet = await startFleet({ devices: 3, fleet: 'ops', mqttPort: 0, trust: [join(dir, 'op.pub')], stateDir: dir, periodMs: 10, log: () => {} });
  await Promise.all(fleet.devices.map((d) => (d.link.client.connected ? null : new Promise((r) => d.link.client.once('connect', r)))));
  const deploy = (device: string, key: typeof privateKey, version: string) =>
    deployOverMqtt({ url: fleet.url, fleet: 'ops', device, bytes: pid, key, id: 'heater-pid', version, wait: true, timeoutMs: 15000 });
  expect((await deploy('heater-1', privateKey, '1.0.0')).report?.state).toBe('running');
  expect((await deploy('motor-1', stranger, '2.0.0')).report?.state).toBe('rejected');
}, 40000);

afterAll(async () => {
  await fleet?.close();
});

describe('wasmlet fleet status', () => {
  it('lists devices, plants, status, versions and states as a table', async () => {
    const r = await cli('fleet', 'status', '--broker', fleet.url, '--fleet', 'ops');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(lines).toEqual([
      ['DEVICE', 'PLANT', 'STATUS', 'RUNNING', 'LAST', 'COMMITTED'],
      ['heater-1', 'heater', 'online', 'heater-pid@1.0.0 (A)', '1.0.0 running', '1.0.0'],
      ['motor-1', 'motor', 'online', '-', '2.0.0 rejected (bad signature)', '-'],
      ['tank-1', 'tank', 'online', '-', '-', '-'],
    ]);
  }, 30000);

  it('gives the same rows as JSON', async () => {
    const r = await cli('fleet', 'status', '--broker', fleet.url, '--fleet', 'ops', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        device: 'heater-1', plant: 'heater', status: 'online', version: '1.0.0', state: 'running', committed: '1.0.0',
        running: { id: 'heater-pid', version: '1.0.0', slot: 'A', since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
        last: { id: 'heater-pid', version: '1.0.0', state: 'running' },
      },
      {
        device: 'motor-1', plant: 'motor', status: 'online', version: '2.0.0', state: 'rejected', error: 'bad signature',
        running: null, last: { id: 'heater-pid', version: '2.0.0', state: 'rejected', error: 'bad signature' },
      },
      { device: 'tank-1', plant: 'tank', status: 'online' },
    ]);
  }, 30000);

  it('shows a device that went away as offline', async () => {
    await fleet.devices.find((d) => d.sim.device.id === 'tank-1')!.link.close();
    const r = await cli('fleet', 'status', '--broker', fleet.url, '--fleet', 'ops', '--json');
    const rows = JSON.parse(r.stdout) as { device: string; status: string }[];
    expect(rows.map((x) => [x.device, x.status])).toEqual([
      ['heater-1', 'online'],
      ['motor-1', 'online'],
      ['tank-1', 'offline'],
    ]);
  }, 30000);

  it('exits 2 on usage errors', async () => {
    const r = await cli('fleet', 'status');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--broker/);
    expect((await cli('fleet', 'list', '--broker', fleet.url)).status).toBe(2);
  }, 30000);
});
