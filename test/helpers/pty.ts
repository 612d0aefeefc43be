/** A real pty pair for the serial tests (socat), and whether the tests may skip without socat. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOCAT = ['/usr/bin/socat', '/usr/local/bin/socat'].find(existsSync);
/** under CI=true a missing socat fails the test instead of skipping it */
export const SKIP_SERIAL = !SOCAT && process.env['CI'] !== 'true';
if (SKIP_SERIAL) console.warn('skipping serial tests: socat is not installed (apt-get install socat)');

export interface PtyPair {
  /** the device's end */
  readonly device: string;
  /** the host's end */
  readonly host: string;
  close(): void;
}

export async function ptyPair(): Promise<PtyPair> {
  if (!SOCAT) throw new Error('socat must be installed (apt-get install socat)');
  const dir = mkdtempSync(join(tmpdir(), 'wasmlet-pty-'));
  const device = join(dir, 'device');
  const host = join(dir, 'host');
  const p = spawn(SOCAT, [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${host}`], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(existsSync(device) && existsSync(host)); i++) await new Promise((r) => setTimeout(r, 50));
  return { device, host, close: () => p.kill('SIGTERM') };
}
