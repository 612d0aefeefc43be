/** A read-only preopen (`--dir HOST:GUEST:ro`) reads normally and refuses every write with EROFS. */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, guest, tempDir, wasmlet } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

function sandbox() {
  const root = tempDir();
  mkdirSync(join(root, 'sub'));
  writeFileSync(join(root, 'data.txt'), 'read me');
  return root;
}

describe('read-only preopen', () => {
  it('reads and lists', () => {
    const root = sandbox();
    const r = wasmlet(['run', '--dir=.:.:ro', guest('fsops'), 'read', 'data.txt', 'stat', 'data.txt', 'openro', 'data.txt'], { cwd: root });
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(['read data.txt: ok read me', 'stat data.txt: ok f 7', 'openro data.txt: ok']);
    const ls = wasmlet(['run', '--dir=.:.:ro', guest('ls')], { cwd: root });
    expect(ls.stdout).toBe('d .\nd ..\nf data.txt\nd sub\n');
  });

  it('refuses every kind of write with EROFS and leaves the directory untouched', () => {
    const root = sandbox();
    const before = readdirSync(root).sort();
    const mtime = statSync(join(root, 'data.txt')).mtimeMs;
    const r = wasmlet(
      ['run', '--dir=.:.:ro', guest('fsops'),
        'write', 'new.txt', 'x', 'write', 'data.txt', 'x', 'append', 'data.txt', 'x', 'openw', 'data.txt',
        'truncate', 'data.txt', '0', 'utime', 'data.txt', '5', 'mkdir', 'newdir', 'rmdir', 'sub',
        'unlink', 'data.txt', 'rename', 'data.txt', 'moved.txt', 'symlink', 'data.txt', 'ln', 'link', 'data.txt', 'hard'],
      { cwd: root },
    );
    expect(r.status).toBe(0);
    const out = r.stdout.split('\n').filter(Boolean);
    expect(out).toHaveLength(12);
    for (const line of out) expect(line).toMatch(/: EROFS$/);
    expect(readdirSync(root).sort()).toEqual(before);
    expect(readFileSync(join(root, 'data.txt'), 'utf8')).toBe('read me');
    expect(statSync(join(root, 'data.txt')).mtimeMs).toBe(mtime);
  });

  it('keeps a writable preopen writable next to a read-only one, and refuses moves out of the read-only one', () => {
    const ro = sandbox();
    const rw = tempDir();
    const r = wasmlet(['run', `--dir=${ro}:/ro:ro`, `--dir=${rw}:/rw`, guest('fsops'),
      'write', '/rw/ok.txt', 'fine', 'write', '/ro/no.txt', 'x', 'rename', '/ro/data.txt', '/rw/stolen.txt', 'link', '/ro/data.txt', '/rw/hard.txt']);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'write /rw/ok.txt fine: ok 4',
      'write /ro/no.txt x: EROFS',
      'rename /ro/data.txt /rw/stolen.txt: EROFS',
      // a hard link would make the read-only file writable through the other preopen
      'link /ro/data.txt /rw/hard.txt: EROFS',
    ]);
    expect(readdirSync(rw)).toEqual(['ok.txt']);
  });

  it('ucase into a read-only directory fails on the output, not the input', () => {
    const root = sandbox();
    const r = wasmlet(['run', '--dir=.:.:ro', guest('ucase'), 'data.txt', 'out.txt'], { cwd: root });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('ucase: output denied: out.txt: Read-only file system\n');
  });
});
