/**
 * Symlinks never lead out of a preopen: not a link to `..`, not a relative or absolute link to
 * outside, not a chain of links, not a dangling link that O_CREAT would follow. Links that stay
 * inside keep working. (node:wasi follows such links to the host; this is the case it misses.)
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, guest, tempDir, wasmlet } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

function sandbox() {
  const top = tempDir();
  const root = join(top, 'root');
  const outside = join(top, 'outside');
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'inside.txt'), 'inside\n');
  writeFileSync(join(outside, 'secret.txt'), 'SECRET\n');
  symlinkSync('..', join(root, 'up')); // the classic: a link to the parent
  symlinkSync('../outside', join(root, 'out')); // relative, out of the sandbox
  symlinkSync(join(outside, 'secret.txt'), join(root, 'abs')); // absolute target
  symlinkSync('up', join(root, 'chain')); // a link to a link to ..
  symlinkSync('../up/outside/secret.txt', join(root, 'sub', 'deep')); // climbs through another link
  symlinkSync('loop2', join(root, 'loop1'));
  symlinkSync('loop1', join(root, 'loop2'));
  symlinkSync('../outside/new.txt', join(root, 'dangling')); // O_CREAT through it would write outside
  symlinkSync('sub/../inside.txt', join(root, 'ok')); // stays inside
  symlinkSync('..', join(root, 'sub', 'parent')); // sub/parent is the preopen itself: fine
  return { top, root, outside };
}

describe('escape through symlinks', () => {
  it('denies reads through every outward link', () => {
    const { root } = sandbox();
    const paths = ['up/outside/secret.txt', 'out/secret.txt', 'abs', 'chain/outside/secret.txt', 'sub/deep', 'up'];
    const r = wasmlet(['run', '--dir=.', guest('escape'), ...paths, ...paths.map((p) => `raw:${p}`)], { cwd: root });
    expect(r.stdout).not.toContain('SECRET');
    expect(r.status).toBe(0);
    for (const p of paths) {
      expect(r.stdout).toContain(`${p}: ENOTCAPABLE`);
      expect(r.stdout).toContain(`raw:${p}: ENOTCAPABLE`);
    }
  });

  it('answers a symlink loop with ELOOP', () => {
    const { root } = sandbox();
    const r = wasmlet(['run', '--dir=.', guest('escape'), 'loop1'], { cwd: root });
    expect(r.stdout.trim()).toBe('loop1: ELOOP');
  });

  it('follows links that stay inside', () => {
    const { root } = sandbox();
    const r = wasmlet(['run', '--dir=.', guest('escape'), 'ok', 'sub/parent/inside.txt'], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('ok: read inside\nsub/parent/inside.txt: read inside\n');
  });

  it('does not create a file outside through a dangling link', () => {
    const { root, outside } = sandbox();
    const r = wasmlet(['run', '--dir=.', guest('fsops'), 'write', 'dangling', 'pwned', 'write', 'out/new2.txt', 'pwned'], { cwd: root });
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(['write dangling pwned: ENOTCAPABLE', 'write out/new2.txt pwned: ENOTCAPABLE']);
    expect(existsSync(join(outside, 'new.txt'))).toBe(false);
    expect(existsSync(join(outside, 'new2.txt'))).toBe(false);
  });

  it('does not list, stat, hard-link or rename through an outward link', () => {
    const { root, outside } = sandbox();
    const ls = wasmlet(['run', '--dir=.', guest('ls'), 'up'], { cwd: root });
    expect(ls.status).toBe(1);
    expect(ls.stdout).toBe('');
    const r = wasmlet(
      ['run', '--dir=.', guest('fsops'), 'stat', 'abs', 'stat', 'out/secret.txt', 'link', 'out/secret.txt', 'copy', 'rename', 'inside.txt', 'out/moved.txt', 'lstat', 'abs', 'readlink', 'up'],
      { cwd: root },
    );
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'stat abs: ENOTCAPABLE',
      'stat out/secret.txt: ENOTCAPABLE',
      'link out/secret.txt copy: ENOTCAPABLE',
      'rename inside.txt out/moved.txt: ENOTCAPABLE',
      // the link itself is inside: lstat and readlink see it without following it
      `lstat abs: ok l ${join(outside, 'secret.txt').length}`,
      'readlink up: ok ..',
    ]);
    expect(existsSync(join(root, 'copy'))).toBe(false);
    expect(existsSync(join(outside, 'moved.txt'))).toBe(false);
  });
});
