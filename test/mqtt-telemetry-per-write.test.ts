// `telemetryPerWrite: 2` (wasmlet sim --telemetry-per-write 2): a device writes its telemetry two
// messages at a time. Between the device and mosquitto a proxy counts the device's TCP segments as
// they arrive: with the option about half as many as messages (one per pair), without it one per
// message; a subscriber on the broker sees every seq in order either way, the last odd message is
// written when the device closes, and every message is acknowledged. Skips when mosquitto is not
// installed, except under CI=true. A count that is not a positive integer is an ArgumentError.
import { mkdtempSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { OtaAgent } from '../firmware-sim/ota/agent.js';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { MqttDeviceLink } from '../firmware-sim/transport/mqtt-device.js';
import { MOSQUITTO, SKIP_MOSQUITTO, startMosquitto, type Proc } from './helpers/cluster.js';

if (SKIP_MOSQUITTO) console.warn('skipping telemetry-per-write tests: mosquitto is not installed (apt-get install mosquitto)');

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-per-write-'));
let broker: Proc | null = null;
let proxy: Server | null = null;

afterAll(async () => {
  proxy?.close();
  await broker?.kill('SIGTERM');
});

const until = async (ok: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
};

async function setUp(): Promise<{ url: string; via: string; segments: () => number }> {
  const m = await startMosquitto(dir);
  broker = m.proc;
  const url = m.url;
  const port = Number(new URL(url).port);
  let segments = 0;
  proxy = createServer((down) => {
    const up = createConnection({ host: '127.0.0.1', port });
    down.on('data', (b: Buffer) => {
      segments++;
      up.write(b);
    });
    up.pipe(down);
    const kill = (): void => void (down.destroy(), up.destroy());
    down.on('close', kill).on('error', kill);
    up.on('close', kill).on('error', kill);
  });
  await new Promise<void>((r) => proxy!.listen(0, '127.0.0.1', () => r()));
  return { url, via: `mqtt://127.0.0.1:${(proxy.address() as { port: number }).port}`, segments: () => segments };
}

describe.skipIf(SKIP_MOSQUITTO)('telemetry written two messages at a time', () => {
  it('is installed', () => {
    expect(MOSQUITTO, 'mosquitto must be installed under CI').toBeTruthy();
  });

  it('refuses a count that is not a positive integer with a typed error, before connecting', () => {
    const sim = new SimDevice({ plant: 'heater', id: 'heater-1', trace: false });
    const agent = new OtaAgent(sim.device, { trusted: [], stateDir: mkdtempSync(join(dir, 'state-')) });
    for (const n of [0, 1.5, -2]) {
      expect(() => new MqttDeviceLink({ url: 'mqtt://127.0.0.1:1', fleet: 'x', sim, agent, telemetryPerWrite: n })).toThrow(
        expect.objectContaining({ code: 'WASMLET_ARGUMENT', message: `telemetry messages per write must be a positive integer, got ${n}` }),
      );
    }
  });

  it('halves the device’s writes, and every seq arrives in order', async () => {
    const { url, via, segments } = await setUp();
    const got: Record<string, number[]> = { one: [], two: [] };
    const sub = await mqtt.connectAsync(url);
    sub.on('message', (topic, p) => got[topic.split('/')[2]!]!.push((JSON.parse(p.toString()) as { seq: number }).seq));
    await sub.subscribeAsync('wasmlet/v1/+/heater-1/telemetry', { qos: 1 });
    const counts: Record<string, number> = {};
    for (const [fleet, perWrite] of [['one', 1], ['two', 2]] as const) {
      const sim = new SimDevice({ plant: 'heater', id: 'heater-1', trace: false });
      const agent = new OtaAgent(sim.device, { trusted: [], stateDir: mkdtempSync(join(dir, 'state-')) });
      const link = new MqttDeviceLink({ url: via, fleet, sim, agent, telemetryPerWrite: perWrite });
      await until(() => link.client.connected, `device ${fleet} to connect`);
      await new Promise((r) => setTimeout(r, 200)); // status, meta, subscriptions
      const before = segments();
      for (let i = 0; i < 61; i++) {
        sim.advance();
        link.afterStep();
        await new Promise((r) => setTimeout(r, 3)); // each step's writes reach the proxy on their own
      }
      counts[fleet] = segments() - before;
      // seq 61 waits for its pair: never written, so never acknowledged
      if (perWrite === 2) await until(() => link.unacknowledged === 1, `only seq 61 unacknowledged (${link.unacknowledged})`);
      await new Promise((r) => setTimeout(r, 100));
      if (perWrite === 2) expect(link.unacknowledged).toBe(1);
      await link.close(); // …and is written before `offline`
      expect(link.unacknowledged).toBe(0);
    }
    const all = Array.from({ length: 61 }, (_, i) => i + 1);
    await until(() => got['one']!.length === 61 && got['two']!.length === 61, `61 messages each (${got['one']!.length}, ${got['two']!.length})`);
    expect(got['one']).toEqual(all);
    expect(got['two']).toEqual(all);
    expect(counts['one']).toBeGreaterThanOrEqual(55); // about one segment per message
    expect(counts['two']).toBeLessThanOrEqual(35); // about one per pair
    await sub.endAsync();
  }, 40000);
});
