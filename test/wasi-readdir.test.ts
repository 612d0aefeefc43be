/** fd_readdir: complete listings with types, across many calls for large directories. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, guest, tempDir, wasmlet } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

describe('WASI directory listing', () => {
  it('lists files, directories and symlinks with their types', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'b.txt'), 'b');
    mkdirSync(join(dir, 'a-dir'));
    symlinkSync('b.txt', join(dir, 'link'));
    const r = wasmlet(['run', '--dir=.', guest('ls')], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('d .\nd ..\nd a-dir\nf b.txt\nl link\n');
  });

  it('lists a subdirectory by path', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'x'), '');
    const r = wasmlet(['run', '--dir=.', guest('ls'), 'sub'], { cwd: dir });
    expect(r.stdout).toBe('d .\nd ..\nf x\n');
  });

  it('returns every entry of a directory too big for one fd_readdir buffer', () => {
    const dir = tempDir();
    const names: string[] = [];
    for (let i = 0; i < 500; i++) {
      const n = `entry-${String(i).padStart(4, '0')}-${'x'.repeat(40)}`;
      names.push(n);
      writeFileSync(join(dir, n), '');
    }
    const r = wasmlet(['run', '--dir=.', guest('ls')], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(['d .', 'd ..', ...names.map((n) => `f ${n}`)]);
  });

  it('an empty directory has only . and ..; a file is not a directory', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    expect(wasmlet(['run', '--dir=.', guest('ls')], { cwd: join(dir) }).stdout).toBe('d .\nd ..\nf file\n');
    mkdirSync(join(dir, 'empty'));
    expect(wasmlet(['run', '--dir=.', guest('ls'), 'empty'], { cwd: dir }).stdout).toBe('d .\nd ..\n');
    const notDir = wasmlet(['run', '--dir=.', guest('ls'), 'file'], { cwd: dir });
    expect(notDir.status).toBe(1);
    expect(notDir.stderr).toMatch(/^ls: file: Not a directory/);
  });
});
