// An interrupted module transfer resumes at the last verified chunk: when the device's connection
// drops mid-transfer it asks, after reconnecting, for the chunk it was missing (never from 0); when
// the operator goes away the device reports how far it got, and deploying the same module again
// continues from there.
import { randomBytes } from 'node:crypto';
import { createConnection, type Socket } from 'node:net';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtaAgent } from '../firmware-sim/ota/agent.js';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../firmware-sim/transport/broker.js';
import { deployOverMqtt, MqttDeployer } from '../firmware-sim/transport/mqtt-deployer.js';
import { MqttDeviceLink } from '../firmware-sim/transport/mqtt-device.js';
import { RealtimeRunner } from '../firmware-sim/transport/realtime.js';
import { signModule } from '../firmware-sim/ota/signing.js';
import { loop, withCustom } from './fixtures/device/load.js';
import { keys, nextMessage } from './fixtures/ota/rig.js';

const CHUNK = 16 * 1024;
const k = keys();
let broker: EmbeddedBroker;
let link: MqttDeviceLink;
let runner: RealtimeRunner;
let agent: OtaAgent;
const sockets: Socket[] = [];
/** while set, the device's reconnects are refused (its line is down) */
let down = false;
let spy: mqtt.MqttClient;
/** offsets the device asked for, in order */
const asked: number[] = [];
let onAsk: (offset: number) => void = () => {};

beforeAll(async () => {
  broker = await startEmbeddedBroker(0);
  const port = Number(new URL(broker.url).port);
  const sim = new SimDevice({ plant: 'heater', id: 'heater-1', trace: false, params: { 0: 50 } });
  agent = new OtaAgent(sim.device, { trusted: [k.pub], healthySteps: 5 });
  runner = new RealtimeRunner(5);
  link = new MqttDeviceLink({
    url: broker.url, fleet: 'default', sim, agent, chunkTimeoutMs: 300,
    stream: () => {
      const s = createConnection({ host: '127.0.0.1', port: down ? 9 : port }); // 9: nothing listens
      sockets.push(s);
      return s;
    },
  });
  runner.add(sim, () => link.afterStep());
  await new Promise<void>((resolve) => link.client.once('connect', () => resolve()));
  runner.start();
  spy = await mqtt.connectAsync(broker.url);
  spy.on('message', (_t, p) => {
    const o = (JSON.parse(p.toString()) as { offset: number }).offset;
    asked.push(o);
    onAsk(o);
  });
  await spy.subscribeAsync('wasmlet/v1/default/heater-1/modules/chunk/get', { qos: 1 });
});
afterAll(async () => {
  runner?.stop();
  await spy?.endAsync();
  await link?.close();
  await broker?.close();
});

const nonDecreasing = (xs: number[]): boolean => xs.every((x, i) => i === 0 || x >= xs[i - 1]!);

describe('resumable module transfer', () => {
  it('continues at the missing chunk after the device was offline longer than its chunk retries', async () => {
    // random bytes do not deflate: 7 chunks on the wire
    const bytes = withCustom(loop('heater-pid'), 'noise', randomBytes(100_000));
    const chunks = Math.ceil(bytes.length / CHUNK);
    asked.length = 0;
    let cut = false;
    onAsk = (o) => {
      if (o === 3 * CHUNK && !cut) {
        cut = true;
        // the line drops with chunk 3 requested, for longer than 5 chunk timeouts (1.5 s)
        down = true;
        sockets.at(-1)!.destroy();
        setTimeout(() => (down = false), 2500);
      }
    };
    const r = await deployOverMqtt({ url: broker.url, device: 'heater-1', bytes, key: k.priv, id: 'pid', version: 'r1', wait: true, timeoutMs: 20000 });
    expect(r.report?.state).toBe('running');
    expect(cut).toBe(true);
    expect(sockets.length).toBeGreaterThanOrEqual(4); // refused attempts, then the one that worked
    expect(nonDecreasing(asked)).toBe(true);
    expect(new Set(asked).size).toBe(chunks);
    expect(agent.committed?.sha256).toBe(r.manifest.sha256);
  }, 30000);

  it('reports how far it got when the operator goes away, and a second deploy resumes there', async () => {
    const bytes = withCustom(loop('heater-pid'), 'noise', randomBytes(100_000));
    const total = bytes.length;
    const client = await mqtt.connectAsync(broker.url);
    const deployer = new MqttDeployer(client, 'default');
    asked.length = 0;
    onAsk = (o) => {
      if (o === 4 * CHUNK) client.end(true); // the operator vanishes after serving 4 chunks
    };
    await expect(deployer.deploy({ device: 'heater-1', manifest: signModule(bytes, k.priv, 'pid', 'r2'), bytes, wait: true, timeoutMs: 4000 })).rejects.toThrow(/no final report/);
    const report = JSON.parse(
      (await nextMessage(broker.url, 'wasmlet/v1/default/heater-1/modules/reported', (p) => JSON.parse(p.toString()).version === 'r2')).toString(),
    );
    expect(report).toMatchObject({ state: 'rejected', error: `chunk at ${4 * CHUNK} not received`, transfer: { received: 4 * CHUNK, total } });
    asked.length = 0;
    onAsk = () => {};
    const again = await deployOverMqtt({ url: broker.url, device: 'heater-1', bytes, key: k.priv, id: 'pid', version: 'r2', wait: true, timeoutMs: 20000 });
    expect(again.report?.state).toBe('running');
    expect(asked[0]).toBe(4 * CHUNK);
    expect(again.chunkRequests).toBe(Math.ceil(total / CHUNK) - 4);
  }, 30000);
});
