// `wasmlet record --group G`: two recorders in one shared-subscription group on mosquitto split a
// fleet's telemetry between them and together store every message once (per device: every seq
// from first to last, none twice). Real mosquitto, real processes.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MOSQUITTO, SKIP_MOSQUITTO, startMosquitto, wasmlet, type Proc } from './helpers/cluster.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-record-'));
const procs: Proc[] = [];
afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill()));
}, 30000);

describe.skipIf(SKIP_MOSQUITTO)('wasmlet record in a shared-subscription group', () => {
  it('splits the telemetry between the recorders and stores each message once', async () => {
    expect(MOSQUITTO, 'mosquitto must be installed under CI').toBeTruthy();
    const mosq = await startMosquitto(dir);
    procs.push(mosq.proc);
    const recorders = [1, 2].map((i) => wasmlet('record', '--broker', mosq.url, '--group', 'ingest', '--out', join(dir, `r${i}.ndjson`)));
    procs.push(...recorders);
    for (const r of recorders) await r.waitFor(/recording \$share\/ingest\/wasmlet\/v1\/default\/\+\/telemetry/);
    const sim = wasmlet('sim', '--devices', '6', '--broker', mosq.url, '--state-dir', join(dir, 'state'), '--duration', '60');
    procs.push(sim);
    await new Promise((r) => setTimeout(r, 4000));
    await sim.kill();
    await new Promise((r) => setTimeout(r, 1000)); // what is in flight arrives
    for (const r of recorders) await r.kill('SIGINT');
    const lines = [1, 2].map((i) => readFileSync(join(dir, `r${i}.ndjson`), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { device: string; seq: number }));
    expect(lines[0]!.length).toBeGreaterThan(20);
    expect(lines[1]!.length).toBeGreaterThan(20);
    for (const [i, r] of recorders.entries()) expect(r.out()).toContain(`recorded ${lines[i]!.length} messages`);
    const all = [...lines[0]!, ...lines[1]!];
    const byDevice = new Map<string, number[]>();
    for (const m of all) byDevice.set(m.device, [...(byDevice.get(m.device) ?? []), m.seq]);
    expect(byDevice.size).toBe(6);
    for (const [device, seqs] of byDevice) {
      const sorted = [...seqs].sort((a, b) => a - b);
      expect(new Set(sorted).size, `${device}: a message stored twice`).toBe(sorted.length);
      expect(sorted.at(-1)! - sorted[0]! + 1, `${device}: a message missing`).toBe(sorted.length);
    }
  }, 60000);
});
