// A `wasmlet broker --redis` node outlives its Redis: clients connect, subscribe and leave while
// Redis is killed (every command then fails with EPIPE or ECONNREFUSED), the node logs the error
// and keeps running, and once Redis is back on its port it routes messages again. Real Redis,
// real process.
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { brokerNode, REDIS, SKIP_REDIS, startRedis, type Proc } from './helpers/cluster.js';

const procs: Proc[] = [];
afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill()));
}, 30000);

describe.skipIf(SKIP_REDIS)('a broker node whose Redis dies', () => {
  it('logs, stays up and serves again when Redis returns', async () => {
    expect(REDIS, 'redis-server must be installed under CI').toBeTruthy();
    const redis = await startRedis();
    const node = await brokerNode(redis.url, 'a');
    procs.push(node.proc);
    const clients = await Promise.all([1, 2, 3].map((i) => mqtt.connectAsync(node.url, { clientId: `c${i}`, reconnectPeriod: 0 })));
    await Promise.all(clients.map((c, i) => c.subscribeAsync(`t/${i}/#`)));
    await redis.proc.kill('SIGKILL');
    // leaving unsubscribes from Redis, which is gone
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await node.proc.waitFor(/wasmlet broker: .*\(Redis; retrying\)/);
    await new Promise((r) => setTimeout(r, 500));
    expect(node.proc.child.exitCode).toBeNull();
    expect(node.proc.child.signalCode).toBeNull();

    const back = await startRedis(redis.port);
    procs.push(back.proc);
    const sub = await mqtt.connectAsync(node.url, { reconnectPeriod: 0 });
    const got = new Promise<string>((resolve) => sub.on('message', (_t, p) => resolve(p.toString())));
    // the node's Redis connections reconnect on ioredis' schedule: retry the subscription until it takes
    const pub = await mqtt.connectAsync(node.url, { reconnectPeriod: 0 });
    await sub.subscribeAsync('back/#');
    let answer: string | undefined;
    for (let i = 0; i < 40 && answer === undefined; i++) {
      await pub.publishAsync('back/x', `hello ${i}`);
      answer = await Promise.race([got, new Promise<undefined>((r) => setTimeout(() => r(undefined), 250))]);
    }
    expect(answer).toMatch(/^hello \d+$/);
    await Promise.all([sub.endAsync(true), pub.endAsync(true)]);
  }, 60000);
});
