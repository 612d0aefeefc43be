/**
 * Every guest pointer and length is bounds-checked: out-of-memory pointers are EFAULT, misaligned
 * structs EINVAL, bad fds EBADF — answered as errno values, never a host exception or a trap.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, guest, tempDir, wasmlet } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

const EXPECTED: Record<string, number> = {
  'args_sizes_get.far': 21,
  'args_sizes_get.edge': 21,
  'args_get.far': 21,
  'args_get.buf_far': 21,
  'environ_get.far': 21,
  'environ_sizes_get.far': 21,
  'clock_time_get.far': 21,
  'clock_time_get.edge': 21,
  'clock_res_get.far': 21,
  'fd_write.iov_buf_far': 21,
  'fd_write.iovs_far': 21,
  'fd_write.nwritten_far': 21,
  'fd_write.iovs_len_huge': 28,
  'fd_read.iov_buf_far': 21,
  'fd_pread.badf': 8,
  'fd_fdstat_get.far': 21,
  'fd_fdstat_get.misaligned': 28,
  'fd_fdstat_get.badf': 8,
  'fd_filestat_get.far': 21,
  'fd_prestat_get.far': 21,
  'fd_prestat_dir_name.far': 21,
  'fd_prestat_dir_name.short': 37,
  'fd_readdir.buf_far': 21,
  'fd_readdir.len_huge': 21,
  'fd_seek.far': 21,
  'fd_seek.stdout': 70,
  'fd_tell.badf': 8,
  'fd_close.badf': 8,
  'path_open.path_far': 21,
  'path_open.path_len_huge': 21,
  'path_open.fd_out_far': 21,
  'path_open.creat_fd_out_far': 21,
  'path_open.badf': 8,
  'path_open.not_dir': 54,
  'path_filestat_get.out_far': 21,
  'path_create_directory.far': 21,
  'path_readlink.buf_far': 21,
  'path_symlink.far': 21,
  'path_open.nul_in_path': 28,
  'poll_oneoff.in_far': 21,
  'poll_oneoff.out_far': 21,
  'poll_oneoff.zero': 28,
  'random_get.far': 21,
  'random_get.edge': 21,
  'sock_recv.stdin': 57,
  'sock_accept.badf': 8,
  proc_raise: 52,
  sched_yield: 0,
};

describe('WASI errno for bad pointers', () => {
  it('answers each bad pointer, length and fd with its errno and keeps running', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hello.txt'), 'hi');
    const r = wasmlet(['run', '--dir=.', guest('badptr')], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const got: Record<string, number> = {};
    for (const line of r.stdout.split('\n')) {
      const m = /^([\w.]+)=(\d+)$/.exec(line);
      if (m) got[m[1]!] = Number(m[2]);
    }
    expect(got).toEqual(EXPECTED);
    expect(r.stdout).toContain('still alive');
  });

  it('path_open with O_CREAT and a bad fd output pointer creates nothing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hello.txt'), 'hi');
    const r = wasmlet(['run', '--dir=.', guest('badptr')], { cwd: dir });
    expect(r.status).toBe(0);
    // badptr's path calls all fail before touching the disk (output pointers are checked first)
    expect(wasmlet(['run', '--dir=.', guest('ls')], { cwd: dir }).stdout).toBe('d .\nd ..\nf hello.txt\n');
  });
});
