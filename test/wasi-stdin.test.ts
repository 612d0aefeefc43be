/** stdin, stdout and stderr stream through: a guest reads what is piped in and writes it back out. */
import { describe, expect, it } from 'vitest';
import { guest, wasmlet, wasmletBytes } from './fixtures/wasi/harness.js';

describe('WASI stdio passthrough', () => {
  it('cat copies stdin to stdout', () => {
    const r = wasmlet(['run', guest('cat')], { input: 'line one\nline two\n' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('line one\nline two\n');
  });

  it('handles 3 MiB of binary stdin exactly (several reads, pipe back-pressure)', () => {
    const data = Buffer.alloc(3 << 20);
    for (let i = 0; i < data.length; i++) data[i] = (i ^ (i >> 11)) & 0xff;
    const r = wasmletBytes(['run', guest('cat')], { input: data });
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBe(data.length);
    expect(r.stdout.equals(data)).toBe(true);
  });

  it('an empty stdin is end of file at once', () => {
    const r = wasmlet(['run', guest('cat'), '-'], { input: '' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('keeps stderr separate from stdout', () => {
    const r = wasmlet(['run', guest('cat'), 'missing.txt']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cat: missing\.txt: /);
  });
});
