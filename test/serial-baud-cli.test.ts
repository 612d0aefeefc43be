// `wasmlet sim --serial --baud N` and `wasmlet deploy --serial PATH --baud N` pace the line; a CLI
// deploy killed mid-transfer and run again with the same --version resumes where the bytes stop,
// and a module that deflates well goes out deflated. Skips without socat unless CI=true.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loop, withCustom } from './fixtures/device/load.js';
import { SKIP_SERIAL } from './helpers/pty.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-baud-cli-'));
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/wasmlet.js', ...args], { encoding: 'utf8', timeout: 30000 });
const BAUD = '57600';
let simProc: ChildProcess | null = null;
afterAll(() => {
  simProc?.kill('SIGINT');
});

describe.skipIf(SKIP_SERIAL)('wasmlet deploy --serial --baud', () => {
  it('refuses --baud without a serial port', () => {
    const r = cli('deploy', 'x.wasm', '--device', 'd', '--broker', 'mqtt://127.0.0.1:1', '--key', 'k', '--baud', '9600');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--baud is the line rate of a serial port: give it with --serial/);
    expect(cli('deploy', 'x.wasm', '--device', 'd', '--serial', '/nonexistent', '--key', 'k', '--baud', 'fast').stderr).toMatch(/--baud must be a line rate/);
  });

  it('resumes a killed deploy and deflates what deflates', async () => {
    expect(cli('keygen', '--out', join(dir, 'keys')).status).toBe(0);
    simProc = spawn(process.execPath, ['bin/wasmlet.js', 'sim', '--devices', '1', '--plant', 'heater', '--mqtt-port', '0', '--serial', '--baud', BAUD,
      '--trust', join(dir, 'keys', 'wasmlet.pub'), '--state-dir', join(dir, 'state'), '--duration', '60']);
    let out = '';
    const path = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no serial port printed: ${out}`)), 15000);
      simProc!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /serial port (\S+)/.exec(out);
        if (m) {
          clearTimeout(t);
          resolve(m[1]!);
        }
      });
    });
    // 30 KB that do not deflate: 5.3 s at 57600 baud
    const noisy = join(dir, 'noisy.wasm');
    writeFileSync(noisy, withCustom(loop('heater-pid'), 'noise', randomBytes(30_000)));
    const args = ['deploy', noisy, '--device', 'heater-1', '--serial', path, '--baud', BAUD, '--key', join(dir, 'keys', 'wasmlet.key'), '--version', 'n1', '--wait'];
    const first = spawn(process.execPath, ['bin/wasmlet.js', ...args]);
    await new Promise((r) => setTimeout(r, 2500));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const again = cli(...args);
    expect(again.stdout + again.stderr).toMatch(/noisy@n1 \d+ bytes \(resumed at [1-9]\d+\) → .*: running/);
    expect(again.status).toBe(0);
    const table = join(dir, 'table.wasm');
    writeFileSync(table, withCustom(loop('heater-pid'), 'table', new Uint8Array(60_000).map((_, i) => (i >> 6) & 0xff)));
    const z = cli('deploy', table, '--device', 'heater-1', '--serial', path, '--baud', BAUD, '--key', join(dir, 'keys', 'wasmlet.key'), '--version', 't1', '--wait');
    expect(z.stdout).toMatch(/table@t1 \d+ bytes \(deflated to \d+\) → .*: running/);
    expect(z.status).toBe(0);
  }, 60000);
});
