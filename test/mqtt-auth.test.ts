// Devices against a broker that requires credentials (Debian's mosquitto with a password file,
// allow_anonymous false): `wasmlet sim --broker mqtt://user:password@host:port` connects every
// device with those credentials; with a wrong password no device gets on (its status never
// appears). Skips when mosquitto is not installed, except under CI=true where it must be.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetStatus } from '../firmware-sim/transport/fleet-status.js';
import { startFleet, type Fleet } from '../firmware-sim/transport/fleet-sim.js';

const BIN = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find(existsSync);
const PASSWD = ['/usr/bin/mosquitto_passwd', '/usr/sbin/mosquitto_passwd'].find(existsSync);
const CI = process.env['CI'] === 'true';
const available = Boolean(BIN && PASSWD);
if (!available && !CI) console.warn('skipping MQTT credential tests: mosquitto / mosquitto_passwd are not installed');

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-mqtt-auth-'));
let broker: ChildProcess | null = null;
let port = 0;
const fleets: Fleet[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

beforeAll(async () => {
  if (!available) return;
  const passwd = join(dir, 'passwd');
  const made = spawnSync(PASSWD!, ['-b', '-c', passwd, 'device', 's3cret'], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  // mosquitto started as root reads its files as the `mosquitto` user
  chmodSync(dir, 0o755);
  chmodSync(passwd, 0o644);
  port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous false\npassword_file ${passwd}\n`);
  broker = spawn(BIN!, ['-c', conf], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      const c = await mqtt.connectAsync(`mqtt://device:s3cret@127.0.0.1:${port}`, { reconnectPeriod: 0, connectTimeout: 500 });
      await c.endAsync();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('mosquitto did not start');
}, 20000);

afterAll(async () => {
  for (const f of fleets) await f.close();
  broker?.kill('SIGTERM');
});

const start = async (url: string, fleet: string): Promise<Fleet> => {
  const f = await startFleet({ devices: 2, fleet, broker: url, trust: [], stateDir: join(dir, fleet), periodMs: 50, log: () => {} });
  fleets.push(f);
  return f;
};

describe.skipIf(!available && !CI)('MQTT credentials (mosquitto password file)', () => {
  it('is installed', () => {
    expect(available, 'mosquitto and mosquitto_passwd must be installed under CI').toBe(true);
  });

  it('connects devices with the credentials in the broker URL', async () => {
    const url = `mqtt://device:s3cret@127.0.0.1:${port}`;
    const f = await start(url, 'auth');
    await Promise.all(f.devices.map((d) => (d.link.client.connected ? null : new Promise((r) => d.link.client.once('connect', r)))));
    const rows = await fleetStatus(url, 'auth', 500);
    expect(rows.map((r) => [r.device, r.status])).toEqual([
      ['heater-1', 'online'],
      ['motor-1', 'online'],
    ]);
  }, 30000);

  it('keeps devices with a wrong password off the broker', async () => {
    const f = await start(`mqtt://device:wrong@127.0.0.1:${port}`, 'intruders');
    await new Promise((r) => setTimeout(r, 1000)); // several connection attempts (every 250 ms)
    expect(f.devices.every((d) => !d.link.client.connected)).toBe(true);
    expect(await fleetStatus(`mqtt://device:s3cret@127.0.0.1:${port}`, 'intruders', 500)).toEqual([]);
  }, 30000);
});
