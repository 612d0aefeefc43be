/** The process exit code is the guest's: its return from main or its proc_exit code. */
import { describe, expect, it } from 'vitest';
import { guest, wasmlet } from './fixtures/wasi/harness.js';

describe('WASI exit codes', () => {
  it.each([0, 1, 3, 42, 125, 255])('exits with %i from main', (code) => {
    const r = wasmlet(['run', '--env', `EXIT_CODE=${code}`, guest('args')]);
    expect(r.status).toBe(code);
    expect(r.stderr).toBe('');
  });

  it('exits with the proc_exit code of an AssemblyScript program', () => {
    const r = wasmlet(['run', guest('hello_as'), '9']);
    expect(r.status).toBe(9);
  });

  it('a guest abort() is a trap: one line on stderr, exit 134', () => {
    const r = wasmlet(['run', guest('abort')]);
    expect(r.stdout).toBe('about to abort\n');
    expect(r.status).toBe(134);
    expect(r.stderr).toMatch(/^wasmlet: trap: unreachable \(unreachable\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
