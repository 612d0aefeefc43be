// `wasmlet sim --devices N` runs N devices, one MQTT client each, named `<plant>-<n>`: on mixed
// plants (heater, motor, tank in turn) unless --plant is given, in fleet `default` unless --fleet
// names one. Each device announces itself (retained status and meta) and publishes telemetry.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { fleetStatus } from '../firmware-sim/transport/fleet-status.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-fleet-sim-'));
const procs: ChildProcess[] = [];

/** start `wasmlet sim` and return its broker URL and the device ids it printed */
async function sim(args: string[], devices: number): Promise<{ url: string; ids: string[] }> {
  const p = spawn(process.execPath, ['bin/wasmlet.js', 'sim', '--mqtt-port', '0', '--state-dir', join(dir, String(procs.length)), '--duration', '60', ...args]);
  procs.push(p);
  let out = '';
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`sim did not start: ${out}`)), 20000);
    p.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /(mqtt:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const ids = [...out.matchAll(/^device (\S+) \(fleet/gm)].map((m) => m[1]!);
      if (url && ids.length === devices) {
        clearTimeout(t);
        resolve({ url, ids });
      }
    });
    p.on('exit', (code) => reject(new Error(`sim exited ${code}: ${out}`)));
  });
}

/** the devices seen publishing telemetry on `pattern` within the timeout */
async function telemetryFrom(url: string, pattern: string, want: number): Promise<Set<string>> {
  const c = await mqtt.connectAsync(url);
  const seen = new Set<string>();
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 10000);
    c.on('message', (topic, p) => {
      const body = JSON.parse(p.toString()) as { seq: number; state: string };
      if (typeof body.seq === 'number' && typeof body.state === 'string') seen.add(topic.split('/')[3]!);
      if (seen.size === want) {
        clearTimeout(t);
        resolve();
      }
    });
    void c.subscribeAsync(pattern, { qos: 1 });
  });
  await c.endAsync();
  return seen;
}

/** the fleet's rows once `ok` holds for them (devices connect after they are printed) */
async function statusWhen(url: string, fleet: string, ok: (rows: Row[]) => boolean): Promise<Row[]> {
  let rows: Row[] = [];
  for (let i = 0; i < 20 && !ok(rows); i++) rows = await fleetStatus(url, fleet, 500);
  return rows;
}
type Row = Awaited<ReturnType<typeof fleetStatus>>[number];

afterAll(() => {
  for (const p of procs) p.kill('SIGINT');
});

describe('wasmlet sim --devices', () => {
  it('names devices <plant>-<n> on mixed plants, each with its own client, status, meta and telemetry', async () => {
    const { url, ids } = await sim(['--devices', '5'], 5);
    expect(ids).toEqual(['heater-1', 'motor-1', 'tank-1', 'heater-2', 'motor-2']);
    const rows = await statusWhen(url, 'default', (r) => r.length === 5 && r.every((x) => x.status === 'online' && x.plant));
    expect(rows.map((r) => [r.device, r.plant, r.status])).toEqual([
      ['heater-1', 'heater', 'online'],
      ['heater-2', 'heater', 'online'],
      ['motor-1', 'motor', 'online'],
      ['motor-2', 'motor', 'online'],
      ['tank-1', 'tank', 'online'],
    ]);
    const seen = await telemetryFrom(url, 'wasmlet/v1/default/+/telemetry', 5);
    expect([...seen].sort()).toEqual([...ids].sort());
  }, 40000);

  it('puts every device on one plant with --plant, in the fleet named by --fleet', async () => {
    const { url, ids } = await sim(['--devices', '3', '--plant', 'tank', '--fleet', 'tanks'], 3);
    expect(ids).toEqual(['tank-1', 'tank-2', 'tank-3']);
    const rows = await statusWhen(url, 'tanks', (r) => r.length === 3 && r.every((x) => x.status === 'online' && x.plant));
    expect(rows.map((r) => r.device)).toEqual(['tank-1', 'tank-2', 'tank-3']);
    expect(rows.every((r) => r.plant === 'tank' && r.status === 'online')).toBe(true);
    expect(await fleetStatus(url, 'default', 300)).toEqual([]);
  }, 40000);
});
