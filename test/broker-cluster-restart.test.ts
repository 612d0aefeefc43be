// The clustered fleet survives its parts restarting: Redis restarts (append-only file) and the
// nodes carry on; a broker node restarts and its devices come back through either node; the
// simulator process restarts and the committed module runs again. Real Redis, real processes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetStatus } from '../firmware-sim/transport/fleet-status.js';
import { brokerNode, REDIS, SKIP_REDIS, startRedis, wasmlet, type Proc } from './helpers/cluster.js';

const N = 10;
const dir = mkdtempSync(join(tmpdir(), 'wasmlet-restart-'));
let redis: Awaited<ReturnType<typeof startRedis>>;
let a: { url: string; proc: Proc };
let b: { url: string; proc: Proc };
let sim: Proc;
const simArgs = (): string[] => ['sim', '--devices', String(N), '--trust', join(dir, 'keys', 'wasmlet.pub'), '--state-dir', join(dir, 'state'), '--duration', '120', '--broker', `${a.url},${b.url}`];

beforeAll(async () => {
  if (!REDIS) return;
  redis = await startRedis(undefined, dir);
  a = await brokerNode(redis.url, 'a');
  b = await brokerNode(redis.url, 'b');
  expect(spawnSync(process.execPath, ['bin/wasmlet.js', 'keygen', '--out', join(dir, 'keys')]).status).toBe(0);
  sim = wasmlet(...simArgs());
}, 30000);

afterAll(async () => {
  await Promise.all([sim, a?.proc, b?.proc, redis?.proc].filter(Boolean).map((p) => p!.kill()));
}, 30000);

/** the fleet as node `url` sees it once all N devices are online (or the last view after 10 s) */
async function online(url: string): Promise<Awaited<ReturnType<typeof fleetStatus>>> {
  let rows = await fleetStatus(url, 'default', 300);
  for (let i = 0; i < 40 && rows.filter((r) => r.status === 'online').length < N; i++) {
    await new Promise((r) => setTimeout(r, 250));
    rows = await fleetStatus(url, 'default', 300).catch(() => rows);
  }
  return rows;
}
/** how many devices' telemetry a new subscriber on `url` receives within 10 s */
async function telemetryFromAll(url: string): Promise<number> {
  const c = await mqtt.connectAsync(url);
  const seen = new Set<string>();
  c.on('message', (t) => seen.add(t.split('/')[3]!));
  await c.subscribeAsync('wasmlet/v1/default/+/telemetry', { qos: 1 });
  for (let i = 0; i < 40 && seen.size < N; i++) await new Promise((r) => setTimeout(r, 250));
  await c.endAsync();
  return seen.size;
}
const count = (rows: Awaited<ReturnType<typeof fleetStatus>>): number => rows.filter((r) => r.status === 'online').length;
const deploy = (url: string, version: string) =>
  spawnSync(process.execPath, ['bin/wasmlet.js', 'deploy', 'filters/control/build/heater-pid.wasm', '--device', 'heater-1', '--broker', url,
    '--key', join(dir, 'keys', 'wasmlet.key'), '--version', version, '--wait', '--timeout', '20000'], { encoding: 'utf8' });

describe.skipIf(SKIP_REDIS)('restarts in a clustered fleet', () => {
  it('commits a module through node B', async () => {
    expect(count(await online(b.url))).toBe(N);
    const r = deploy(b.url, 'r1');
    expect(r.stdout + r.stderr).toMatch(/→ heater-1: running/);
  }, 40000);

  it('keeps serving across a Redis restart', async () => {
    await redis.proc.kill();
    redis = await startRedis(redis.port, dir);
    const rows = await online(a.url);
    expect(count(rows)).toBe(N);
    expect(rows.find((r) => r.device === 'heater-1')?.running).toMatchObject({ version: 'r1' });
    const r = deploy(a.url, 'r2');
    expect(r.stdout + r.stderr).toMatch(/→ heater-1: running/);
  }, 60000);

  it('brings the devices of a restarted node back', async () => {
    const port = Number(new URL(a.url).port);
    await a.proc.kill();
    a = await brokerNode(redis.url, 'a', port);
    expect(count(await online(a.url))).toBe(N);
    // every device publishes, and what it publishes reaches a subscriber on the restarted node
    expect(await telemetryFromAll(a.url)).toBe(N);
  }, 60000);

  it('runs the committed module again after the simulator restarts', async () => {
    await sim.kill();
    const restartedAt = Date.now();
    sim = wasmlet(...simArgs());
    await sim.waitFor(/device heater-1 /);
    let row = (await online(b.url)).find((r) => r.device === 'heater-1');
    // the restarted device reports what it restored from its slot: running since the restart
    for (let i = 0; i < 40 && !(row?.running && Date.parse(row.running.since) >= restartedAt); i++) {
      await new Promise((r) => setTimeout(r, 250));
      row = (await fleetStatus(b.url, 'default', 300)).find((r) => r.device === 'heater-1');
    }
    expect(row?.running).toMatchObject({ id: 'heater-pid', version: 'r2', slot: 'A' });
    expect(Date.parse(row!.running!.since)).toBeGreaterThanOrEqual(restartedAt);
    expect(await telemetryFromAll(b.url)).toBe(N);
  }, 60000);
});
