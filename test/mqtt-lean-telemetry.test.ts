// The lean telemetry path (firmware-sim/transport/lean-telemetry.ts) against Debian's mosquitto 2,
// MQTT 3.1.1 and 5: a device writing its steady-state telemetry beside mqtt.js delivers the same
// payloads, byte for byte, as a device publishing every message through mqtt.js, every message on
// that path is acknowledged on it (none left in the client's store), and mosquitto accepts the
// packets (a subscriber receives them). Skips when mosquitto is not installed, except under CI=true.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { OtaAgent } from '../firmware-sim/ota/agent.js';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { MqttDeviceLink } from '../firmware-sim/transport/mqtt-device.js';
import { MOSQUITTO, SKIP_MOSQUITTO, startMosquitto, type Proc } from './helpers/cluster.js';

if (SKIP_MOSQUITTO) console.warn('skipping lean telemetry tests: mosquitto is not installed (apt-get install mosquitto)');

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-lean-'));
let broker: Proc | null = null;
const links: MqttDeviceLink[] = [];

afterAll(async () => {
  await Promise.all(links.map((l) => l.close()));
  await broker?.kill('SIGTERM');
});

async function startBroker(): Promise<string> {
  const m = await startMosquitto(dir);
  broker = m.proc;
  return m.url;
}

const until = async (ok: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
};

function device(url: string, fleet: string, protocolVersion: 4 | 5, lean: boolean): { sim: SimDevice; link: MqttDeviceLink } {
  const sim = new SimDevice({ plant: 'heater', id: 'heater-1', trace: false, seed: 7 });
  const agent = new OtaAgent(sim.device, { trusted: [], stateDir: mkdtempSync(join(dir, 'state-')) });
  const link = new MqttDeviceLink({ url, fleet, sim, agent, protocolVersion, lean });
  links.push(link);
  return { sim, link };
}

describe.skipIf(SKIP_MOSQUITTO)('lean telemetry on mosquitto', () => {
  it('is installed', () => {
    expect(MOSQUITTO, 'mosquitto must be installed under CI').toBeTruthy();
  });

  for (const v of [4, 5] as const) {
    it(`MQTT ${v === 4 ? '3.1.1' : '5'}: the same payloads as through mqtt.js, every one acknowledged on the lean path`, async () => {
      const url = await startBroker();
      const got: Record<string, Buffer[]> = { lean: [], plain: [] };
      const sub = await mqtt.connectAsync(url, { protocolVersion: v });
      sub.on('message', (topic, p) => got[topic.split('/')[2]!]!.push(p));
      await sub.subscribeAsync('wasmlet/v1/+/heater-1/telemetry', { qos: 1 });
      const a = device(url, 'lean', v, true);
      const b = device(url, 'plain', v, false);
      await until(() => a.link.client.connected && b.link.client.connected, 'both devices to connect');
      await new Promise((r) => setTimeout(r, 100)); // status, meta and subscriptions settle
      for (let i = 0; i < 300; i++) {
        for (const d of [a, b]) {
          d.sim.advance();
          d.link.afterStep();
        }
        if (i % 10 === 9) await new Promise((r) => setImmediate(r)); // PUBACKs arrive between steps
      }
      await until(() => got['lean']!.length === 300 && got['plain']!.length === 300, `300 messages each (${got['lean']!.length}, ${got['plain']!.length})`);
      await until(() => a.link.unacknowledged === 0 && b.link.unacknowledged === 0, 'every message acknowledged');
      expect(got['lean']!.map((p) => p.toString())).toEqual(got['plain']!.map((p) => p.toString()));
      expect(a.link.lean!.sent).toBe(300);
      expect(a.link.lean!.acked).toBe(300);
      expect(b.link.lean).toBeNull();
      expect(Object.keys(a.link.client.outgoing)).toEqual([]);
      await sub.endAsync();
      await Promise.all(links.splice(0).map((l) => l.close()));
      await broker?.kill('SIGTERM');
      broker = null;
    }, 30000);
  }
});
