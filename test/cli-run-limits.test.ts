/** `wasmlet run` limits: fuel, memory, call depth and stack, and the --report of peaks. */
import { describe, expect, it } from 'vitest';
import { guest, wasmlet } from './fixtures/wasi/harness.js';

const calc = guest('calc');

describe('wasmlet run: limits and --report', () => {
  it('--fuel stops a long loop with an out_of_fuel trap; enough fuel lets it finish', () => {
    const starved = wasmlet(['run', '--fuel', '10000', '--invoke', 'spin', calc, '10000000']);
    expect(starved.status).toBe(134);
    expect(starved.stderr).toMatch(/^wasmlet: trap: out of fuel \(out_of_fuel\) in func\[\d+\] <spin>\n$/);
    const fed = wasmlet(['run', '--fuel', '100000000', '--invoke', 'spin', calc, '1000']);
    expect(fed.status).toBe(0);
    expect(fed.stdout).toBe('562641396\n');
  });

  it('--fuel also bounds a whole WASI command', () => {
    const r = wasmlet(['run', '--fuel', '1000', guest('args')]);
    expect(r.status).toBe(134);
    expect(r.stderr).toMatch(/out_of_fuel/);
  });

  it('--max-call-depth turns deep recursion into call_stack_exhausted', () => {
    expect(wasmlet(['run', '--max-call-depth', '500', '--invoke', 'recurse', calc, '100']).status).toBe(0);
    const r = wasmlet(['run', '--max-call-depth', '50', '--invoke', 'recurse', calc, '100']);
    expect(r.status).toBe(134);
    expect(r.stderr).toMatch(/^wasmlet: trap: call stack exhausted \(call_stack_exhausted\)/);
  });

  it('--max-stack bounds the value stack', () => {
    const r = wasmlet(['run', '--max-stack', '1k', '--invoke', 'recurse', calc, '1000']);
    expect(r.status).toBe(134);
    expect(r.stderr).toMatch(/call_stack_exhausted/);
  });

  it('--max-memory makes memory.grow fail (-1) past the budget, and refuses a module that starts above it', () => {
    expect(wasmlet(['run', '--max-memory', '192k', '--invoke', 'grow', calc, '1']).stdout).toBe('2\n');
    expect(wasmlet(['run', '--max-memory', '192k', '--invoke', 'grow', calc, '2']).stdout).toBe('-1\n');
    const r = wasmlet(['run', '--max-memory', '64k', '--invoke', 'grow', calc, '0']);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^wasmlet: .*exceeds the memory budget of 65536 bytes/);
  });

  it('--report prints the peaks of the run to stderr', () => {
    const r = wasmlet(['run', '--report', '--invoke', 'recurse', calc, '100']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('50\n');
    const report = Object.fromEntries(
      r.stderr
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => {
          const m = /^\s+(.+?)\s{2,}(\d+)$/.exec(l)!;
          return [m[1], Number(m[2])];
        }),
    );
    expect(r.stderr).toMatch(/^wasmlet: report: returned after [\d.]+ ms\n/);
    expect(report['peak call depth']).toBeGreaterThanOrEqual(101);
    expect(report['peak stack bytes']).toBeGreaterThan(0);
    expect(report['peak memory bytes']).toBe(131072);
    expect(report['fuel consumed']).toBeGreaterThan(0);
  });

  it('--report also follows a WASI command to its exit code', () => {
    const r = wasmlet(['run', '--report', '--env', 'EXIT_CODE=3', guest('args')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^wasmlet: report: exit 3 after/);
  });
});
