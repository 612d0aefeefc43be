// `wasmlet sim --telemetry-per-write N`: a positive integer, else a usage error (exit 2) naming the
// flag; with 2, a device's telemetry reaches a subscriber in pairs — two consecutive seqs together,
// then a gap of about two periods (without the flag every gap is one period) — and no seq is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-sim-per-write-'));
let proc: ChildProcess | null = null;
afterAll(() => void proc?.kill('SIGTERM'));

describe('wasmlet sim --telemetry-per-write', () => {
  it('rejects a value that is not a positive integer', () => {
    for (const v of ['0', '1.5', 'two']) {
      const r = spawnSync(process.execPath, ['bin/wasmlet.js', 'sim', '--devices', '1', '--mqtt-port', '0', '--telemetry-per-write', v], { encoding: 'utf8' });
      expect(r.status, v).toBe(2);
      expect(r.stderr).toMatch(/--telemetry-per-write must be a positive integer/);
    }
  });

  it('delivers telemetry two messages at a time, every seq', async () => {
    const p = spawn(process.execPath, ['bin/wasmlet.js', 'sim', '--devices', '1', '--plant', 'heater', '--mqtt-port', '0', '--state-dir', dir, '--duration', '30', '--telemetry-per-write', '2']);
    proc = p;
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      p.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const u = /(mqtt:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
        if (u && /^device heater-1 /m.test(out)) resolve(u);
      });
      p.on('exit', (code) => reject(new Error(`sim exited ${code}: ${out}`)));
    });
    const c = await mqtt.connectAsync(url);
    const got: { seq: number; at: number }[] = [];
    c.on('message', (_t, b) => got.push({ seq: (JSON.parse(b.toString()) as { seq: number }).seq, at: performance.now() }));
    await c.subscribeAsync('wasmlet/v1/default/heater-1/telemetry', { qos: 1 });
    for (let i = 0; i < 200 && got.length < 41; i++) await new Promise((r) => setTimeout(r, 50));
    await c.endAsync();
    const seqs = got.map((g) => g.seq);
    expect(seqs.slice(1)).toEqual(seqs.slice(1).map((_, i) => seqs[1]! + i)); // contiguous
    // pairs: every other gap between arrivals is ~0 (the two of a write), the others ~200 ms
    const gaps = got.slice(2).map((g, i) => g.at - got[i + 1]!.at);
    const together = gaps.filter((g) => g < 20).length;
    const apart = gaps.filter((g) => g > 120).length;
    expect(together / gaps.length, gaps.map((g) => g.toFixed(0)).join(' ')).toBeGreaterThan(0.4);
    expect(apart / gaps.length, gaps.map((g) => g.toFixed(0)).join(' ')).toBeGreaterThan(0.4);
  }, 40000);
});
