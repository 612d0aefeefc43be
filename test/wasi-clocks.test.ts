/** clock_time_get / clock_res_get: real clocks by default, a fixed virtual clock on request. */
import { describe, expect, it } from 'vitest';
import { guest, wasmlet } from './fixtures/wasi/harness.js';

describe('WASI clocks', () => {
  it('realtime is the host time; monotonic and CPU time advance; resolutions are reported', () => {
    const before = Math.floor(Date.now() / 1000);
    const r = wasmlet(['run', guest('clocks'), 'now']);
    const after = Math.ceil(Date.now() / 1000);
    expect(r.status).toBe(0);
    const t = Number(/realtime (\d+)/.exec(r.stdout)![1]);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(after);
    expect(r.stdout).toContain('monotonic advances yes');
    expect(r.stdout).toContain('process cputime advances yes');
    expect(r.stdout).toContain('monotonic resolution 1 ns');
    expect(r.stdout).toContain('realtime resolution 1000 ns');
  });

  it('an unknown clock id is EINVAL (28)', () => {
    const r = wasmlet(['run', guest('clocks'), 'now']);
    expect(r.stdout).toContain('bad clock id: 28');
  });

  it('the virtual clock starts at 2000-01-01T00:00:00Z and gives identical runs', () => {
    const a = wasmlet(['run', '--deterministic', guest('clocks'), 'now']);
    const b = wasmlet(['run', '--deterministic', guest('clocks'), 'now']);
    expect(a.stdout).toContain('realtime 946684800\n');
    expect(a.stdout).toContain('monotonic advances yes');
    expect(a.stdout).toBe(b.stdout);
  });
});
