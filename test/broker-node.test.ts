// A `wasmlet broker` node on its own: clients must log in when credentials are set, MQTT over
// WebSocket reaches the same broker as TCP, and /health reports the node.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokerNode, type BrokerNode } from '../firmware-sim/transport/broker-node.js';

let node: BrokerNode;
beforeAll(async () => {
  node = await startBrokerNode({ port: 0, wsPort: 0, healthPort: 0, id: 'n1', credentials: { username: 'ops', password: 's3cret' } });
});
afterAll(async () => {
  await node?.close();
});

describe('wasmlet broker node', () => {
  it('refuses a wrong password and accepts the right one', async () => {
    await expect(mqtt.connectAsync(node.url, { username: 'ops', password: 'nope', reconnectPeriod: 0 })).rejects.toThrow(/Bad username or password|Not authorized/);
    const c = await mqtt.connectAsync(node.url, { username: 'ops', password: 's3cret', reconnectPeriod: 0 });
    await c.endAsync();
  });

  it('serves MQTT over WebSocket to the same broker', async () => {
    expect(node.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/mqtt$/);
    const ws = await mqtt.connectAsync(node.wsUrl!, { username: 'ops', password: 's3cret', reconnectPeriod: 0 });
    const tcp = await mqtt.connectAsync(node.url, { username: 'ops', password: 's3cret', reconnectPeriod: 0 });
    const got = new Promise<string>((resolve) => ws.on('message', (_t, p) => resolve(p.toString())));
    await ws.subscribeAsync('x/y', { qos: 1 });
    await tcp.publishAsync('x/y', 'over tcp', { qos: 1 });
    expect(await got).toBe('over tcp');
    await ws.endAsync();
    await tcp.endAsync();
  });

  it('answers /health with its id and clients', async () => {
    const c = await mqtt.connectAsync(node.url, { username: 'ops', password: 's3cret', reconnectPeriod: 0 });
    const r = await fetch(node.healthUrl!);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true, id: 'n1', clients: 1, redis: 'none' });
    await c.endAsync();
  });
});
