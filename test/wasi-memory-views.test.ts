/**
 * The host reads guest memory through views taken fresh in every call, so after memory.grow it
 * sees the new, larger buffer (and never writes through a stale one).
 */
import { describe, expect, it } from 'vitest';
import { Errno, Wasi } from '../hosts/wasi/index.js';

describe('WASI memory views', () => {
  it('follows a memory whose buffer is replaced between calls', () => {
    const wasi = new Wasi({ args: ['a', 'bc'] });
    const mem = { buffer: new ArrayBuffer(65536) };
    wasi.setMemory(mem);
    const sizes = wasi.wasiImport['args_sizes_get']!;
    expect(sizes(70000, 70004)).toBe(Errno.FAULT); // beyond one page
    const old = mem.buffer;
    mem.buffer = new ArrayBuffer(2 * 65536); // what memory.grow does
    expect(sizes(70000, 70004)).toBe(Errno.SUCCESS);
    const v = new DataView(mem.buffer);
    expect(v.getUint32(70000, true)).toBe(2);
    expect(v.getUint32(70004, true)).toBe(5); // "a\0bc\0"
    expect(new Uint8Array(old).every((b) => b === 0)).toBe(true);
    wasi.close();
  });

  it('checks the end of a range, not just its start', () => {
    const wasi = new Wasi({ args: ['a'] });
    wasi.setMemory({ buffer: new ArrayBuffer(65536) });
    expect(wasi.wasiImport['args_sizes_get']!(65532, 65528)).toBe(Errno.SUCCESS);
    expect(wasi.wasiImport['args_sizes_get']!(65533, 0)).toBe(Errno.FAULT);
    expect(wasi.wasiImport['random_get']!(65000, 537)).toBe(Errno.FAULT);
    expect(wasi.wasiImport['random_get']!(65000, 536)).toBe(Errno.SUCCESS);
    expect(wasi.wasiImport['random_get']!(-1, 1)).toBe(Errno.FAULT); // 0xffffffff as a signed i32
    wasi.close();
  });
});
