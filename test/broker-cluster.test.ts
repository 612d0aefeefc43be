// Two `wasmlet broker` nodes on one Redis are one broker: two simulator shards of a 100-device
// fleet, each listing both nodes in a different order, are all visible from either node; a
// deploy through node B commits on a device connected to node A; when node A is killed
// (SIGKILL) every device carries on through node B with no telemetry seq gap. Real Redis
// (redis-server), real processes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetStatus } from '../firmware-sim/transport/fleet-status.js';
import { brokerNode, REDIS, SKIP_REDIS, startRedis, wasmlet, type Proc } from './helpers/cluster.js';

const N = 100;
const dir = mkdtempSync(join(tmpdir(), 'wasmlet-cluster-'));
const procs: Proc[] = [];
let a: { url: string; proc: Proc };
let b: { url: string; proc: Proc };
let watcher: mqtt.MqttClient | null = null;
/** telemetry seqs seen per device, in arrival order */
const seqs = new Map<string, number[]>();

beforeAll(async () => {
  if (!REDIS) return;
  const redis = await startRedis();
  procs.push(redis.proc);
  a = await brokerNode(redis.url, 'a');
  b = await brokerNode(redis.url, 'b');
  procs.push(a.proc, b.proc);
  expect(spawnSync(process.execPath, ['bin/wasmlet.js', 'keygen', '--out', join(dir, 'keys')]).status).toBe(0);
  const common = ['sim', '--devices', String(N), '--trust', join(dir, 'keys', 'wasmlet.pub'), '--state-dir', join(dir, 'state'), '--duration', '120'];
  procs.push(wasmlet(...common, '--shard', '1/2', '--broker', `${a.url},${b.url}`));
  procs.push(wasmlet(...common, '--shard', '2/2', '--broker', `${b.url},${a.url}`));
  watcher = await mqtt.connectAsync(b.url);
  watcher.on('message', (topic, p) => {
    const id = topic.split('/')[3]!;
    let l = seqs.get(id);
    if (!l) seqs.set(id, (l = []));
    l.push((JSON.parse(p.toString()) as { seq: number }).seq);
  });
  await watcher.subscribeAsync('wasmlet/v1/default/+/telemetry', { qos: 1 });
}, 30000);

afterAll(async () => {
  await watcher?.endAsync();
  await Promise.all(procs.map((p) => p.kill()));
}, 30000);

async function allOnline(url: string): Promise<number> {
  for (let i = 0; i < 40; i++) {
    const rows = await fleetStatus(url, 'default', 300);
    const online = rows.filter((r) => r.status === 'online').length;
    if (online === N) return online;
    await new Promise((r) => setTimeout(r, 250));
  }
  return (await fleetStatus(url, 'default', 300)).filter((r) => r.status === 'online').length;
}

describe.skipIf(SKIP_REDIS)('two broker nodes on one Redis, two simulator shards', () => {
  it('has redis-server', () => expect(REDIS, 'redis-server must be installed under CI').toBeTruthy());

  it('shows every device on either node and deploys through the other node', async () => {
    expect(await allOnline(a.url)).toBe(N);
    expect(await allOnline(b.url)).toBe(N);
    // heater-1 is in shard 1, connected to node A; the deploy goes through node B
    const r = spawnSync(process.execPath, ['bin/wasmlet.js', 'deploy', 'filters/control/build/heater-pid.wasm', '--device', 'heater-1', '--broker', b.url,
      '--key', join(dir, 'keys', 'wasmlet.key'), '--version', 'c1', '--wait', '--timeout', '20000'], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toMatch(/→ heater-1: running/);
    expect(r.status).toBe(0);
  }, 60000);

  it('carries on through node B when node A is killed, with no telemetry gap', async () => {
    expect(seqs.size).toBe(N);
    await a.proc.kill('SIGKILL');
    // a subscriber that joins node B after the kill sees telemetry of every device: node A is
    // gone, so each one now publishes through node B
    const after = new Map<string, number>();
    const late = await mqtt.connectAsync(b.url);
    late.on('message', (topic) => {
      const id = topic.split('/')[3]!;
      after.set(id, (after.get(id) ?? 0) + 1);
    });
    await late.subscribeAsync('wasmlet/v1/default/+/telemetry', { qos: 1 });
    const moved = (): boolean => after.size === N && [...after.values()].every((n) => n >= 10);
    for (let i = 0; i < 80 && !moved(); i++) await new Promise((r) => setTimeout(r, 250));
    await late.endAsync();
    expect(after.size).toBe(N);
    expect([...after].filter(([, n]) => n < 10)).toEqual([]);
    // what was queued for the first subscriber, or is still being resent by a moved device, may
    // arrive late on a loaded machine: the check is repeated for up to 10 s before it counts
    let dups = 0;
    let gaps: string[] = [];
    const check = (): void => {
      dups = 0;
      gaps = [];
      for (const [id, l] of seqs) {
        const u = [...new Set(l)].sort((x, y) => x - y);
        dups += l.length - u.length;
        if (u.at(-1)! - u[0]! + 1 !== u.length) gaps.push(`${id}: ${u.length} of ${u[0]}..${u.at(-1)}`);
      }
    };
    check();
    for (let i = 0; i < 40 && gaps.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      check();
    }
    expect(gaps).toEqual([]);
    console.log(`after killing node A: ${N} devices through node B, no gap, ${dups} duplicate telemetry messages`);
    expect(await allOnline(b.url)).toBe(N);
  }, 60000);
});
