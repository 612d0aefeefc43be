/** poll_oneoff: sleeping on a clock (relative and absolute), and fd subscriptions. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, guest, tempDir, wasmlet } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

describe('WASI poll_oneoff', () => {
  it('nanosleep (a relative clock subscription) really sleeps', () => {
    const t0 = Date.now();
    const r = wasmlet(['run', guest('clocks'), 'sleep', '300']);
    const wall = Date.now() - t0;
    expect(r.status).toBe(0);
    const m = /nanosleep rc=0 slept_ms=(\d+)/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(300);
    expect(Number(m![1])).toBeLessThan(3000);
    expect(wall).toBeGreaterThanOrEqual(300);
  });

  it('an absolute monotonic deadline wakes up after the deadline with the userdata', () => {
    const r = wasmlet(['run', guest('clocks'), 'pollabs', '150']);
    expect(r.stdout.trim()).toBe('poll errno=0 events=1 userdata=42 type=0 reached=yes');
  });

  it('on the virtual clock a 60 s sleep passes instantly but is seen in full', () => {
    const t0 = Date.now();
    const r = wasmlet(['run', '--deterministic', guest('clocks'), 'sleep', '60000']);
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.stdout).toMatch(/^nanosleep rc=0 slept_ms=60000\n$/);
  });

  it('an fd_read subscription on a file is ready at once with the bytes left, beating a 10 s clock', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'f.txt'), '0123456789\n');
    const r = wasmlet(['run', '--dir=.', guest('clocks'), 'pollfd', 'f.txt'], { cwd: dir });
    expect(r.stdout.trim()).toBe('poll errno=0 events=1 first_userdata=1 type=1 nbytes=11 fast=yes');
  });
});
