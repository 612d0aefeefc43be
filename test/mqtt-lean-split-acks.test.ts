// The lean telemetry path finds PUBACKs however TCP cuts the broker's bytes, and loses nothing when
// a connection dies with its messages unacknowledged. Between a device and mosquitto, a proxy
// delivers the broker's bytes in 1-, 2- and 3-byte pieces (headers and message ids split across
// reads, CONNACK and SUBACKs among the PUBACKs); then it withholds the broker's answers and cuts
// the connection: the messages sent on the lean path are still in the client's store, mqtt.js
// resends them on the next connection, and a subscriber on the broker sees every seq. Skips when
// mosquitto is not installed, except under CI=true.
import { mkdtempSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { OtaAgent } from '../firmware-sim/ota/agent.js';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { MqttDeviceLink } from '../firmware-sim/transport/mqtt-device.js';
import { MOSQUITTO, SKIP_MOSQUITTO, startMosquitto, type Proc } from './helpers/cluster.js';

if (SKIP_MOSQUITTO) console.warn('skipping lean split-ack tests: mosquitto is not installed (apt-get install mosquitto)');

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-lean-split-'));
let broker: Proc | null = null;
let proxy: Server | null = null;
let link: MqttDeviceLink | null = null;

afterAll(async () => {
  await link?.close();
  proxy?.close();
  await broker?.kill('SIGTERM');
});

const until = async (ok: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
};

describe.skipIf(SKIP_MOSQUITTO)('lean telemetry through a proxy that splits and cuts', () => {
  it('is installed', () => {
    expect(MOSQUITTO, 'mosquitto must be installed under CI').toBeTruthy();
  });

  it('releases split PUBACKs, and a cut connection loses no seq', async () => {
    const m = await startMosquitto(dir);
    broker = m.proc;
    const url = m.url;
    const port = Number(new URL(url).port);
    // the proxy: device → broker as is; broker → device in small pieces, or withheld
    let withhold = false;
    const open: Socket[] = [];
    proxy = createServer((down) => {
      const up = createConnection({ host: '127.0.0.1', port });
      open.push(down, up);
      down.pipe(up);
      const queue: Buffer[] = [];
      let piece = 0;
      let draining = false;
      const drain = (): void => {
        if (withhold || down.destroyed) return void (draining = false);
        const b = queue.shift();
        if (!b) return void (draining = false);
        const n = 1 + (piece++ % 3);
        down.write(b.subarray(0, n));
        if (b.length > n) queue.unshift(b.subarray(n));
        setTimeout(drain, 1);
      };
      up.on('data', (b: Buffer) => {
        queue.push(b);
        if (!draining) {
          draining = true;
          drain();
        }
      });
      const kill = (): void => void (down.destroy(), up.destroy());
      down.on('close', kill).on('error', kill);
      up.on('close', kill).on('error', kill);
    });
    await new Promise<void>((r) => proxy!.listen(0, '127.0.0.1', () => r()));
    const via = `mqtt://127.0.0.1:${(proxy.address() as { port: number }).port}`;

    const seen = new Set<number>();
    const sub = await mqtt.connectAsync(url);
    sub.on('message', (_t, p) => seen.add((JSON.parse(p.toString()) as { seq: number }).seq));
    await sub.subscribeAsync('wasmlet/v1/s/heater-1/telemetry', { qos: 1 });

    const sim = new SimDevice({ plant: 'heater', id: 'heater-1', trace: false });
    const agent = new OtaAgent(sim.device, { trusted: [], stateDir: mkdtempSync(join(dir, 'state-')) });
    link = new MqttDeviceLink({ url: via, fleet: 's', sim, agent, mqtt: { reconnectPeriod: 100 } });
    const l = link;
    const steps = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        sim.advance();
        l.afterStep();
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    await until(() => l.client.connected, 'the device to connect through the proxy');
    await steps(100);
    await until(() => seen.size === 100 && l.unacknowledged === 0, `seq 1-100 delivered and acknowledged (${seen.size}, ${l.unacknowledged})`);
    expect(l.lean!.acked).toBe(100); // every PUBACK found in pieces

    withhold = true; // the broker's PUBACKs stop reaching the device
    await steps(20);
    expect(l.unacknowledged).toBe(20);
    const back = new Promise<void>((r) => l.client.once('connect', () => r()));
    for (const s of open.splice(0)) s.destroy();
    withhold = false;
    await back; // mqtt.js resent the 20 from its store
    await steps(20);
    await until(() => seen.size === 140 && l.unacknowledged === 0, `all 140 seqs (${seen.size}, ${l.unacknowledged} unacknowledged)`);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 140 }, (_, i) => i + 1));
    expect(l.lean!.sent).toBeGreaterThanOrEqual(120);
    await sub.endAsync();
  }, 40000);
});
