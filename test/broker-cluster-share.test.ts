// `$share` across the nodes of one broker: two `wasmlet broker` nodes on one Redis, a 40-device
// fleet in two shards (one per node), and a `wasmlet record --group` recorder on each node. Each
// recorder stores messages of devices on both nodes (the group spans the broker), and together
// they store every telemetry message once. Real Redis, real processes.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PLANT_NAMES } from '../firmware-sim/plants.js';
import { brokerNode, REDIS, SKIP_REDIS, startRedis, wasmlet, type Proc } from './helpers/cluster.js';

const N = 40;
const dir = mkdtempSync(join(tmpdir(), 'wasmlet-share-'));
const procs: Proc[] = [];
afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill()));
}, 30000);

describe.skipIf(SKIP_REDIS)('a shared-subscription group across two broker nodes', () => {
  it('splits the fleet between recorders on different nodes and stores each message once', async () => {
    expect(REDIS, 'redis-server must be installed under CI').toBeTruthy();
    const redis = await startRedis();
    procs.push(redis.proc);
    const a = await brokerNode(redis.url, 'a');
    const b = await brokerNode(redis.url, 'b');
    procs.push(a.proc, b.proc);
    const recorders = [a, b].map((n, i) => wasmlet('record', '--broker', n.url, '--group', 'ingest', '--out', join(dir, `r${i}.ndjson`)));
    procs.push(...recorders);
    for (const r of recorders) await r.waitFor(/recording \$share\/ingest\//);
    const common = ['sim', '--devices', String(N), '--state-dir', join(dir, 'state'), '--duration', '60'];
    const shards = [wasmlet(...common, '--shard', '1/2', '--broker', a.url), wasmlet(...common, '--shard', '2/2', '--broker', b.url)];
    procs.push(...shards);
    await new Promise((r) => setTimeout(r, 5000));
    await Promise.all(shards.map((s) => s.kill()));
    await new Promise((r) => setTimeout(r, 1500)); // what is in flight arrives
    for (const r of recorders) await r.kill('SIGINT');
    const lines = [0, 1].map((i) =>
      readFileSync(join(dir, `r${i}.ndjson`), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { device: string; seq: number }),
    );
    // shard 1 holds the first half of the fleet's positions (on node A), shard 2 the rest (on node B);
    // the default fleet names position i after plant i mod P, numbered per plant
    const half = new Set(Array.from({ length: N / 2 }, (_, i) => `${PLANT_NAMES[i % PLANT_NAMES.length]}-${Math.floor(i / PLANT_NAMES.length) + 1}`));
    const firstHalf = (d: string): boolean => half.has(d);
    for (const l of lines) {
      expect(l.filter((m) => firstHalf(m.device)).length, 'messages from node A').toBeGreaterThan(20);
      expect(l.filter((m) => !firstHalf(m.device)).length, 'messages from node B').toBeGreaterThan(20);
    }
    const byDevice = new Map<string, number[]>();
    for (const m of [...lines[0]!, ...lines[1]!]) byDevice.set(m.device, [...(byDevice.get(m.device) ?? []), m.seq]);
    expect(byDevice.size).toBe(N);
    for (const [device, seqs] of byDevice) {
      const sorted = [...seqs].sort((x, y) => x - y);
      expect(new Set(sorted).size, `${device}: a message stored twice`).toBe(sorted.length);
      expect(sorted.at(-1)! - sorted[0]! + 1, `${device}: a message missing`).toBe(sorted.length);
    }
  }, 60000);
});
