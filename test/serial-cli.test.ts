// `wasmlet sim --devices 1 --serial` gives the device a pty; `wasmlet deploy --serial PATH --wait`
// deploys a signed module over it. Skips without socat unless CI=true.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SOCAT = ['/usr/bin/socat', '/usr/local/bin/socat'].find(existsSync);
const CI = process.env['CI'] === 'true';
const dir = mkdtempSync(join(tmpdir(), 'wasmlet-serial-cli-'));
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/wasmlet.js', ...args], { encoding: 'utf8', timeout: 30000 });
let simProc: ChildProcess | null = null;
afterAll(() => {
  simProc?.kill('SIGINT');
});

describe.skipIf(!SOCAT && !CI)('wasmlet sim --serial / deploy --serial', () => {
  it('deploys over the printed pty', async () => {
    expect(cli('keygen', '--out', join(dir, 'keys')).status).toBe(0);
    simProc = spawn(process.execPath, ['bin/wasmlet.js', 'sim', '--devices', '1', '--plant', 'heater', '--mqtt-port', '0', '--serial',
      '--trust', join(dir, 'keys', 'wasmlet.pub'), '--state-dir', join(dir, 'state'), '--duration', '30']);
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
    const r = cli('deploy', 'filters/control/build/heater-pid.wasm', '--device', 'heater-1', '--serial', path, '--key', join(dir, 'keys', 'wasmlet.key'), '--version', '1', '--wait');
    expect(r.stdout + r.stderr).toMatch(/running/);
    expect(r.status).toBe(0);
  }, 40000);
});
