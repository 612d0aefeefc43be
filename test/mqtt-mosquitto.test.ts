// Against Debian's mosquitto 2 (MQTT 5): deploy with v5 clients, then stop and restart the broker —
// the device reconnects, its retained status is `online` again, and no QoS 1 telemetry is lost
// (the subscriber's persistent session plus the device's offline queue). Skips when mosquitto is
// not installed, except under CI=true where it must be.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { deployOverMqtt } from '../firmware-sim/transport/mqtt-deployer.js';
import { loop } from './fixtures/device/load.js';
import { keys, nextMessage, startDevice, type RigDevice } from './fixtures/ota/rig.js';

const BIN = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find(existsSync);
const CI = process.env['CI'] === 'true';
if (!BIN && !CI) console.warn('skipping mosquitto tests: mosquitto is not installed (apt-get install mosquitto)');

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-mosq-'));
let broker: ChildProcess | null = null;
let port = 0;
const url = () => `mqtt://127.0.0.1:${port}`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

async function startBroker(): Promise<void> {
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence true\npersistence_location ${dir}/\nautosave_interval 1\n`);
  broker = spawn(BIN!, ['-c', conf], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      const c = await mqtt.connectAsync(url(), { reconnectPeriod: 0, connectTimeout: 500 });
      await c.endAsync();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('mosquitto did not start');
}

async function stopBroker(): Promise<void> {
  const b = broker;
  broker = null;
  if (!b || b.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    b.once('exit', () => resolve());
    b.kill('SIGTERM');
  });
}

let dev: RigDevice | null = null;
afterAll(async () => {
  await dev?.close().catch(() => {});
  await stopBroker();
});

describe.skipIf(!BIN && !CI)('mosquitto (MQTT 5)', () => {
  it('is installed', () => {
    expect(BIN, 'mosquitto must be installed under CI').toBeTruthy();
  });

  it('deploys, survives a broker restart without losing QoS 1 telemetry, and reports status', async () => {
    port = await freePort();
    await startBroker();
    const k = keys();
    dev = await startDevice({ url: url(), id: 'heater-1', trusted: [k.pub], protocolVersion: 5, periodMs: 10 });
    const r = await deployOverMqtt({ url: url(), device: 'heater-1', bytes: loop('heater-pid'), key: k.priv, id: 'pid', version: '1', wait: true, timeoutMs: 10000, mqtt: { protocolVersion: 5 } });
    expect(r.report?.state).toBe('running');

    const seqs: number[] = [];
    const sub = await mqtt.connectAsync(url(), { clientId: 'wasmlet-test-sub', clean: false, protocolVersion: 5, properties: { sessionExpiryInterval: 300 }, reconnectPeriod: 200 });
    sub.on('message', (_t, p) => seqs.push((JSON.parse(p.toString()) as { seq: number }).seq));
    await sub.subscribeAsync('wasmlet/v1/default/heater-1/telemetry', { qos: 1 });
    await new Promise((res) => setTimeout(res, 300));

    await stopBroker();
    const gapStart = Math.max(...seqs);
    await new Promise((res) => setTimeout(res, 500)); // device keeps stepping and queueing
    await startBroker();
    await new Promise<void>((res) => (dev!.link.client.connected ? res() : dev!.link.client.once('connect', () => res())));
    await new Promise((res) => setTimeout(res, 800));
    await sub.endAsync();

    const status = await nextMessage(url(), 'wasmlet/v1/default/heater-1/status');
    expect(status.toString()).toBe('online');
    const max = Math.max(...seqs);
    expect(max).toBeGreaterThan(gapStart + 20); // telemetry from during and after the outage arrived
    const first = Math.min(...seqs);
    const got = new Set(seqs);
    const missing: number[] = [];
    for (let s = first; s <= max; s++) if (!got.has(s)) missing.push(s);
    expect(missing).toEqual([]);

    await dev.close();
    dev = null;
    const off = await nextMessage(url(), 'wasmlet/v1/default/heater-1/status');
    expect(off.toString()).toBe('offline');
  }, 40000);
});
