/** Without a preopen the guest has no file system at all: every path is denied. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, guest, tempDir, wasmlet } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

describe('WASI without a preopen', () => {
  it('ucase cannot read its input (no --dir) and creates nothing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.txt'), 'data');
    const r = wasmlet(['run', guest('ucase'), 'in.txt', 'out.txt'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^ucase: input denied: in\.txt: /);
    expect(existsSync(join(dir, 'out.txt'))).toBe(false);
  });

  it('path_open on fd 3 is EBADF: there is no directory capability to start from', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.txt'), 'data');
    const r = wasmlet(['run', guest('escape'), 'raw:in.txt', 'in.txt', join(dir, 'in.txt')], { cwd: dir });
    expect(r.status).toBe(0); // nothing could be read
    expect(r.stdout).toContain('raw:in.txt: EBADF');
    expect(r.stdout).not.toMatch(/: read /);
  });

  it('a preopen of one directory does not grant its sibling', () => {
    const dir = tempDir();
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    mkdirSync(a);
    mkdirSync(b);
    writeFileSync(join(b, 'x.txt'), 'sibling');
    const r = wasmlet(['run', '--dir', `${a}:/a`, guest('escape'), '/b/x.txt', '/a/../b/x.txt', 'raw:../b/x.txt']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/: read /);
    expect(r.stdout).toContain('/a/../b/x.txt: ENOTCAPABLE');
    expect(r.stdout).toContain('raw:../b/x.txt: ENOTCAPABLE');
  });
});

