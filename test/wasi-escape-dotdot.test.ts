/** `..` can never climb out of a preopen, however it is spelled. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, guest, tempDir, wasmlet } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

function sandbox() {
  const top = tempDir();
  const root = join(top, 'root');
  mkdirSync(join(root, 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(root, 'inside.txt'), 'inside\n');
  writeFileSync(join(top, 'secret.txt'), 'SECRET\n');
  return { top, root };
}

describe('escape through ..', () => {
  it('denies every .. route out, with ENOTCAPABLE from the host', () => {
    const { root } = sandbox();
    const paths = ['../secret.txt', 'sub/../../secret.txt', 'sub/deeper/../../../secret.txt', './../secret.txt', 'sub/./../../secret.txt'];
    const r = wasmlet(['run', '--dir=.', guest('escape'), ...paths, ...paths.map((p) => 'raw:' + p)], { cwd: root });
    expect(r.status).toBe(0); // number of successful reads
    for (const p of paths) {
      expect(r.stdout).toContain(`${p}: ENOTCAPABLE`);
      expect(r.stdout).toContain(`raw:${p}: ENOTCAPABLE`);
    }
    expect(r.stdout).not.toContain('SECRET');
  });

  it('still allows .. that stays inside', () => {
    const { root } = sandbox();
    const r = wasmlet(['run', '--dir=.', guest('escape'), 'sub/../inside.txt', 'raw:sub/deeper/../../inside.txt'], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('sub/../inside.txt: read inside');
    expect(r.stdout).toContain('raw:sub/deeper/../../inside.txt: read inside');
  });

  it('treats every directory fd as its own root: .. from an opened subdirectory is denied', () => {
    const { root } = sandbox();
    const r = wasmlet(['run', '--dir=.', guest('escape'), 'at:sub:../inside.txt', 'at:sub:deeper/../../inside.txt', 'at:sub:deeper/..'], { cwd: root });
    expect(r.stdout).toContain('at:sub:../inside.txt: ENOTCAPABLE');
    expect(r.stdout).toContain('at:sub:deeper/../../inside.txt: ENOTCAPABLE');
    expect(r.stdout).toContain('at:sub:deeper/..: read EISDIR');
  });

  it('lists through .. only while it stays inside', () => {
    const { root } = sandbox();
    // listing "sub/.." is fine (it is the preopen), "sub/../.." is not
    const ok = wasmlet(['run', '--dir=.', guest('ls'), 'sub/..'], { cwd: root });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('f inside.txt');
    const bad = wasmlet(['run', '--dir=.', guest('ls'), 'sub/../..'], { cwd: root });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Capabilities insufficient/);
  });

  it('refuses to create or remove anything through ..', () => {
    const { top, root } = sandbox();
    const r = wasmlet(['run', '--dir=.', guest('fsops'), 'write', '../planted.txt', 'x', 'mkdir', '../planted', 'unlink', '../secret.txt', 'rename', 'inside.txt', '../moved.txt'], { cwd: root });
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'write ../planted.txt x: ENOTCAPABLE',
      'mkdir ../planted: ENOTCAPABLE',
      'unlink ../secret.txt: ENOTCAPABLE',
      'rename inside.txt ../moved.txt: ENOTCAPABLE',
    ]);
    const check = wasmlet(['run', `--dir=${top}:/top`, guest('ls'), '/top'], { cwd: root });
    expect(check.stdout.split('\n').filter(Boolean)).toEqual(['d .', 'd ..', 'd root', 'f secret.txt']);
  });
});
