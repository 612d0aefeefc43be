/** An AssemblyScript program built with @assemblyscript/wasi-shim runs unchanged. */
import { describe, expect, it } from 'vitest';
import { guest, wasmlet } from './fixtures/wasi/harness.js';

describe('AssemblyScript guest (wasi-shim)', () => {
  it('prints, reads args and env, gets random bytes and the time, and exits with its code', () => {
    const r = wasmlet(['run', '--env', 'GREETING=hi there', guest('hello_as'), '5', 'two']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(5);
    expect(r.stdout).toBe(['hello from AssemblyScript', 'args: 5,two', 'GREETING=hi there', 'random bytes: 8', 'time positive: yes', ''].join('\n'));
  });

  it('sees no environment it was not given', () => {
    const r = wasmlet(['run', guest('hello_as'), '0'], { env: { ...process.env, GREETING: 'from the host' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('GREETING=(unset)');
  });
});
