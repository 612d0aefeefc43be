/** Files round-trip through a preopened directory: real host files in, real host files out. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, guest, tempDir, wasmlet, wasmletBytes } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

describe('WASI file round-trip inside a preopen', () => {
  it('ucase copies a file upper-cased with --dir=. (the README example)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.txt'), 'hello, wasi\nsecond line\n');
    const r = wasmlet(['run', '--dir=.', guest('ucase'), 'in.txt', 'out.txt'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('HELLO, WASI\nSECOND LINE\n');
  });

  it('maps a host directory to a guest name with --dir HOST:GUEST', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'in.txt'), 'mapped');
    const r = wasmlet(['run', '--dir', `${join(dir, 'data')}:/sandbox`, guest('ucase'), '/sandbox/in.txt', '/sandbox/out.txt']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'data', 'out.txt'), 'utf8')).toBe('MAPPED');
  });

  it('streams a 1 MiB binary file to stdout byte for byte (cat)', () => {
    const dir = tempDir();
    const data = Buffer.alloc(1 << 20);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 9)) & 0xff;
    writeFileSync(join(dir, 'blob.bin'), data);
    const r = wasmletBytes(['run', '--dir=.', guest('cat'), 'blob.bin'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout.equals(data)).toBe(true);
  });

  it('creates, appends, renames, links and removes files and directories (fsops)', () => {
    const dir = tempDir();
    const r = wasmlet(
      ['run', '--dir=.', guest('fsops'),
        'write', 'a.txt', 'hello', 'append', 'a.txt', ' world', 'read', 'a.txt',
        'mkdir', 'd', 'rename', 'a.txt', 'd/b.txt', 'link', 'd/b.txt', 'c.txt',
        'symlink', 'd/b.txt', 's.txt', 'readlink', 's.txt', 'stat', 's.txt', 'lstat', 's.txt',
        'truncate', 'c.txt', '3', 'read', 's.txt', 'utime', 'c.txt', '1000000', 'seek', 'q.bin',
        'rmdir', 'd', 'unlink', 's.txt', 'unlink', 'd/b.txt', 'rmdir', 'd', 'unlink', 'nope', 'mkdir', 'c.txt'],
      { cwd: dir },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'write a.txt hello: ok 5',
      'append a.txt  world: ok 6',
      'read a.txt: ok hello world',
      'mkdir d: ok',
      'rename a.txt d/b.txt: ok',
      'link d/b.txt c.txt: ok',
      'symlink d/b.txt s.txt: ok',
      'readlink s.txt: ok d/b.txt',
      'stat s.txt: ok f 11',
      'lstat s.txt: ok l 7',
      'truncate c.txt 3: ok',
      'read s.txt: ok hel',
      'utime c.txt 1000000: ok mtime 1000000',
      'seek q.bin: ok end=10 at=3 read=3456 after=7 size=10 pread=89',
      'rmdir d: ENOTEMPTY',
      'unlink s.txt: ok',
      'unlink d/b.txt: ok',
      'rmdir d: ok',
      'unlink nope: ENOENT',
      'mkdir c.txt: EEXIST',
    ]);
    expect(readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('hel');
    expect(readFileSync(join(dir, 'q.bin'), 'utf8')).toBe('0123456789');
  });
});
