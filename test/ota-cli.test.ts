// The OTA workflow as an operator runs it: `wasmlet keygen`, `wasmlet sim --devices` on an embedded
// broker (ephemeral port), `wasmlet deploy --wait` (accepted and rejected) and `wasmlet fleet status`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-ota-cli-'));
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/wasmlet.js', ...args], { encoding: 'utf8', timeout: 30000 });
let simProc: ChildProcess;
let url = '';

beforeAll(async () => {
  const k = cli('keygen', '--out', join(dir, 'keys'));
  expect(k.status, k.stderr).toBe(0);
  simProc = spawn(process.execPath, [
    'bin/wasmlet.js', 'sim', '--devices', '2', '--plant', 'heater', '--mqtt-port', '0',
    '--trust', join(dir, 'keys', 'wasmlet.pub'), '--state-dir', join(dir, 'state'), '--duration', '40',
  ]);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`sim did not start: ${out}`)), 15000);
    simProc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(mqtt:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes('device heater-2')) {
        url = m[1]!;
        clearTimeout(t);
        resolve();
      }
    });
  });
}, 30000);

afterAll(() => {
  simProc?.kill('SIGINT');
});

describe('wasmlet keygen / sim --devices / deploy / fleet status', () => {
  it('deploys a signed module and waits for running', () => {
    const r = cli('deploy', 'filters/control/build/heater-pid.wasm', '--device', 'heater-1', '--broker', url, '--key', join(dir, 'keys', 'wasmlet.key'), '--version', '1.0.0', '--wait');
    expect(r.stdout + r.stderr).toMatch(/running/);
    expect(r.status).toBe(0);
  }, 30000);

  it('exits 1 with the reason when the key is not trusted', () => {
    const k2 = cli('keygen', '--out', join(dir, 'other'));
    expect(k2.status).toBe(0);
    const r = cli('deploy', 'filters/control/build/heater-pid.wasm', '--device', 'heater-2', '--broker', url, '--key', join(dir, 'other', 'wasmlet.key'), '--version', '9', '--wait');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/rejected \(bad signature\)/);
  }, 30000);

  it('lists the fleet', () => {
    const r = cli('fleet', 'status', '--broker', url, '--json');
    expect(r.status, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { device: string; status: string; state?: string; version?: string }[];
    expect(rows.map((x) => x.device)).toEqual(['heater-1', 'heater-2']);
    expect(rows[0]).toMatchObject({ status: 'online', state: 'running', version: '1.0.0', plant: 'heater' });
    expect(rows[1]).toMatchObject({ status: 'online', state: 'rejected' });
  }, 30000);
});
