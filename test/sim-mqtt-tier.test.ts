// `wasmlet sim --devices N --tier compiled` (MQTT mode) runs the devices' modules on the compiled
// tier and publishes the same telemetry, byte for byte, as the interpreter: virtual time and seeds
// make each seq's message deterministic, so the two runs' messages must agree. Every message is
// also exactly the text JSON.stringify gives for its object (the telemetry encoder builds it as
// text with cached key prefixes: the documented format must not drift).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-sim-tier-'));
const procs: ChildProcess[] = [];
afterAll(() => procs.forEach((p) => p.kill('SIGTERM')));

/** the first `want` telemetry payloads of device heater-1 by seq, from a `wasmlet sim` on `tier` */
async function telemetry(tier: string, want: number): Promise<Map<number, string>> {
  const p = spawn(process.execPath, ['bin/wasmlet.js', 'sim', '--devices', '2', '--plant', 'heater', '--module', 'filters/control/build/heater-pid.wasm',
    '--tier', tier, '--mqtt-port', '0', '--state-dir', join(dir, tier), '--duration', '60']);
  procs.push(p);
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`sim did not start: ${out}`)), 20000);
    p.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const u = /(mqtt:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (u) {
        clearTimeout(t);
        resolve(u);
      }
    });
    p.on('exit', (code) => reject(new Error(`sim exited ${code}: ${out}`)));
  });
  const c = await mqtt.connectAsync(url);
  const got = new Map<number, string>();
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`only ${got.size} of ${want} messages`)), 20000);
    c.on('message', (_topic, payload) => {
      const text = payload.toString();
      got.set((JSON.parse(text) as { seq: number }).seq, text);
      if (got.size === want) {
        clearTimeout(t);
        resolve();
      }
    });
    void c.subscribeAsync('wasmlet/v1/default/heater-1/telemetry', { qos: 1 });
  });
  await c.endAsync();
  p.kill('SIGTERM');
  return got;
}

describe('wasmlet sim --tier (MQTT mode)', () => {
  it('publishes the same telemetry on the compiled tier as on the interpreter', async () => {
    const [a, b] = await Promise.all([telemetry('interpreter', 40), telemetry('compiled', 40)]);
    // the two runs start together, so most seqs are in both
    const common = [...a.keys()].filter((s) => b.has(s));
    expect(common.length).toBeGreaterThan(10);
    for (const s of common) {
      const text = a.get(s)!;
      expect(b.get(s), `seq ${s}`).toBe(text);
      const o = JSON.parse(text) as Record<string, unknown>;
      expect(JSON.stringify(o)).toBe(text);
      expect(Object.keys(o).slice(0, 6)).toEqual(['t', 'seq', 'state', 'sp', 'pv', 'u']);
      expect(o['state']).toBe('running');
    }
  }, 60000);

  it('rejects an unknown tier in MQTT mode', () => {
    const r = spawn(process.execPath, ['bin/wasmlet.js', 'sim', '--devices', '1', '--tier', 'turbo', '--mqtt-port', '0']);
    let err = '';
    r.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    return new Promise<void>((resolve) => r.on('exit', (code) => {
      expect(code).toBe(2);
      expect(err).toMatch(/--tier must be one of interpreter, compiled, auto/);
      resolve();
    }));
  });
});
