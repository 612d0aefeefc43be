// Shared subscriptions on the embedded aedes broker (shared-subs.ts): a `$share/G/F` group splits
// the matching messages between its members round-robin, each message to one member, while an
// ordinary subscriber still gets all; a member that unsubscribes leaves the group; the broker's
// own routing topics are refused to clients. Real broker, real MQTT clients over TCP.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../firmware-sim/transport/broker.js';

let broker: EmbeddedBroker;
const clients: mqtt.MqttClient[] = [];

beforeAll(async () => {
  broker = await startEmbeddedBroker(0);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await broker.close();
});

async function client(id: string): Promise<{ c: mqtt.MqttClient; got: string[] }> {
  const c = await mqtt.connectAsync(broker.url, { clientId: id });
  clients.push(c);
  const got: string[] = [];
  c.on('message', (topic, p) => got.push(`${topic} ${p.toString()}`));
  return { c, got };
}

const settle = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('shared subscriptions on the embedded broker', () => {
  it('splits a group between its members and leaves ordinary subscribers whole', async () => {
    const a = await client('member-a');
    const b = await client('member-b');
    const all = await client('watcher');
    await a.c.subscribeAsync('$share/ingest/t/+/x', { qos: 1 });
    await b.c.subscribeAsync('$share/ingest/t/+/x', { qos: 1 });
    await all.c.subscribeAsync('t/+/x', { qos: 1 });
    const pub = await client('publisher');
    for (let i = 0; i < 40; i++) await pub.c.publishAsync(`t/${i % 4}/x`, String(i), { qos: 1 });
    await pub.c.publishAsync('t/other', 'not matched', { qos: 1 });
    await settle(() => a.got.length + b.got.length >= 40 && all.got.length >= 40);
    expect(all.got).toHaveLength(40);
    // members see the original topic, and between them every message exactly once
    expect([...a.got, ...b.got].sort()).toEqual([...all.got].sort());
    expect(a.got).toHaveLength(20);
    expect(b.got).toHaveLength(20);

    await b.c.unsubscribeAsync('$share/ingest/t/+/x');
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 10; i++) await pub.c.publishAsync('t/9/x', `late ${i}`, { qos: 1 });
    await settle(() => a.got.length >= 30);
    await new Promise((r) => setTimeout(r, 100));
    expect(a.got).toHaveLength(30);
    expect(b.got).toHaveLength(20);
  });

  it('refuses the routing and registry topics to clients', async () => {
    const x = await client('intruder');
    // SUBACK 0x80 for each (mqtt.js rejects on it), and the client stays connected
    await expect(x.c.subscribeAsync('$wasmlet-share/ingest/member-a/#')).rejects.toThrow(/Subscribe error/);
    await expect(x.c.subscribeAsync('$wasmlet/share/#')).rejects.toThrow(/Subscribe error/);
    expect(x.c.connected).toBe(true);
    expect((await x.c.subscribeAsync('t/#'))[0]!.qos).toBe(0);
  });
});
