/** A trap in the guest is one line on stderr — `wasmlet: trap: <text> (<kind>)` — and exit 134. */
import { describe, expect, it } from 'vitest';
import { guest, wasmlet } from './fixtures/wasi/harness.js';

describe('wasmlet run: traps', () => {
  it('reports an unreachable trap in an invoked export with its function name', () => {
    const r = wasmlet(['run', '--invoke', 'boom', guest('calc')]);
    expect(r.status).toBe(134);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('wasmlet: trap: unreachable (unreachable) in func[12] <boom>\n');
  });

  it('reports a trap in _start after the output written so far', () => {
    const r = wasmlet(['run', guest('abort')]);
    expect(r.status).toBe(134);
    expect(r.stdout).toBe('about to abort\n');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^wasmlet: trap: unreachable \(unreachable\) in func\[\d+\] <abort>\n$/);
  });

  it('never prints a stack trace', () => {
    const r = wasmlet(['run', '--invoke', 'recurse', guest('calc'), '1000000']);
    expect(r.status).toBe(134);
    expect(r.stderr).toMatch(/^wasmlet: trap: call stack exhausted \(call_stack_exhausted\)/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
