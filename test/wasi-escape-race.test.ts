/**
 * A race: while the guest opens `d/secret.txt` in a loop, the host keeps swapping the directory
 * `d` for a symlink to a directory outside the sandbox. Resolution walks open directory fds
 * (/proc/self/fd/N/name, O_NOFOLLOW at every step), so a swap between checking and opening a
 * component can only make an open fail, never follow the link. (A resolver that checks paths and
 * then opens them by name leaks here within a few thousand iterations.)
 */
import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, guest, tempDir, wasmletAsync } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

describe.runIf(process.platform === 'linux')('escape by racing a rename', () => {
  it('never reads the outside file while d flips between a directory and an outward symlink', async () => {
    const top = tempDir();
    const root = join(top, 'root');
    mkdirSync(join(root, 'd'), { recursive: true });
    mkdirSync(join(top, 'outside'));
    writeFileSync(join(root, 'd', 'secret.txt'), 'public');
    writeFileSync(join(top, 'outside', 'secret.txt'), 'SECRET');
    symlinkSync('../outside', join(root, 'd_link'));

    const run = wasmletAsync(['run', '--dir=.', guest('race'), '30000', 'd/secret.txt'], { cwd: root });
    let finished = false;
    const result = run.done.finally(() => (finished = true));
    let swaps = 0;
    const d = join(root, 'd');
    while (!finished) {
      for (let i = 0; i < 200; i++) {
        renameSync(d, join(root, 'd_real'));
        renameSync(join(root, 'd_link'), d);
        renameSync(d, join(root, 'd_link'));
        renameSync(join(root, 'd_real'), d);
        swaps++;
      }
      await new Promise((r) => setImmediate(r));
    }
    const r = await result;
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = /reads=(\d+) leaks=(\d+)/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0); // the guest did get through sometimes
    expect(Number(m![2])).toBe(0);
    expect(swaps).toBeGreaterThan(1000);
  });
});
