/** A guest cannot exhaust the host's descriptors: past `maxFds` open fds, path_open is EMFILE. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Errno, Wasi } from '../hosts/wasi/index.js';
import { cleanupTemps, tempDir } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

describe('WASI fd limit', () => {
  it('path_open answers EMFILE at maxFds and works again after a close', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'f.txt'), 'x');
    const wasi = new Wasi({ preopens: { '.': dir }, maxFds: 8 });
    const buffer = new ArrayBuffer(65536);
    wasi.setMemory({ buffer });
    const u8 = new Uint8Array(buffer);
    const view = new DataView(buffer);
    u8.set(new TextEncoder().encode('f.txt'), 100);
    const open = () => wasi.wasiImport['path_open']!(3, 0, 100, 5, 0, 2n, 0n, 0, 200) as number;
    const opened: number[] = [];
    // fds 0-2 are stdio and 3 the preopen: 4 more fit under maxFds 8
    for (let i = 0; i < 4; i++) {
      expect(open()).toBe(Errno.SUCCESS);
      opened.push(view.getUint32(200, true));
    }
    expect(opened).toEqual([4, 5, 6, 7]);
    expect(open()).toBe(Errno.MFILE);
    expect(wasi.wasiImport['fd_close']!(5)).toBe(Errno.SUCCESS);
    expect(open()).toBe(Errno.SUCCESS);
    expect(view.getUint32(200, true)).toBe(5); // the lowest free number is reused
    wasi.close();
  });
});
