// A device's QoS 1 telemetry survives a connection that closes while the client is still
// replaying its unacknowledged messages after a reconnect. mqtt.js queues publishes made during
// that replay and drops them (never sent, never stored) when the connection closes before the
// replay ends; the device holds them itself and publishes them once a replay completes. A real
// aedes broker withholds PUBACKs (its publish authorisation never answers) so that messages stay
// unacknowledged and the replay stalls, and closes the device's connection twice; a subscriber on
// the same broker must then see every telemetry seq.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { OtaAgent } from '../firmware-sim/ota/agent.js';
import { SimDevice } from '../firmware-sim/sim-device.js';
import { MqttDeviceLink } from '../firmware-sim/transport/mqtt-device.js';

const ID = 'wasmlet-f-heater-1';
let hold = false;
const aedes = await Aedes.createBroker();
// while `hold` is set the device's publishes are neither routed nor acknowledged: no PUBACK
aedes.authorizePublish = (client, _packet, done) => {
  if (!(hold && client?.id === ID)) done(null);
};
const server: Server = createServer((s) => aedes.handle(s));
/** aedes' connected clients by id (not in its type declarations) */
const clients = (aedes as unknown as { clients: Record<string, { close(): void } | undefined> }).clients;
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const url = `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`;

const sim = new SimDevice({ plant: 'heater', id: 'heater-1', trace: false });
const agent = new OtaAgent(sim.device, { trusted: [], stateDir: mkdtempSync(join(tmpdir(), 'wasmlet-replay-hold-')) });
const link = new MqttDeviceLink({ url, fleet: 'f', sim, agent });
const watcher = await mqtt.connectAsync(url);
const seen = new Set<number>();
watcher.on('message', (_t, p) => seen.add((JSON.parse(p.toString()) as { seq: number }).seq));
await watcher.subscribeAsync('wasmlet/v1/f/heater-1/telemetry', { qos: 1 });

afterAll(async () => {
  await link.close();
  await watcher.endAsync();
  await new Promise<void>((r) => aedes.close(() => r()));
  server.close();
});

const until = async (ok: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
};
const steps = (n: number): void => {
  for (let i = 0; i < n; i++) {
    sim.advance();
    link.afterStep();
  }
};
/** the broker drops the device's connection; resolves once the device is back (CONNACK sent) */
async function dropDevice(): Promise<void> {
  const back = new Promise<void>((r) => aedes.once('client', () => r()));
  clients[ID]!.close();
  await back;
  await new Promise((r) => setTimeout(r, 50)); // the CONNACK reaches the client: its replay starts
}

describe('telemetry during the replay after a reconnect', () => {
  it('is kept when the replaying connection closes, and every seq arrives', async () => {
    await until(() => link.client.connected && clients[ID] !== undefined, 'the device to connect');
    steps(3); // seq 1-3, acknowledged
    await until(() => seen.size === 3, 'seq 1-3');
    hold = true;
    steps(3); // seq 4-6: the broker does not acknowledge them
    await new Promise((r) => setTimeout(r, 50));
    await dropDevice(); // the client replays seq 4: no PUBACK, the replay stalls
    steps(3); // seq 7-9 arrive at the client during its replay
    expect(link.unacknowledged).toBe(6);
    await dropDevice(); // closes during the replay
    hold = false;
    await dropDevice(); // this replay completes
    steps(3); // seq 10-12
    await until(() => seen.size === 12, `all 12 seqs (seen ${[...seen].sort((a, b) => a - b).join(',')})`);
    expect([...seen].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    await until(() => link.unacknowledged === 0, 'every message acknowledged');
  }, 30000);
});
