/** `wasmlet inspect FILE.wasm`: the text listing of sections, imports, exports and ABI. */
import { describe, expect, it } from 'vitest';
import { guest, wasmlet } from './fixtures/wasi/harness.js';

describe('wasmlet inspect (text)', () => {
  it('lists the parts of a WASI command', () => {
    const r = wasmlet(['inspect', guest('args')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^module .*args\.wasm: \d+ bytes, \d+ imported \+ \d+ defined functions\n/);
    expect(out).toMatch(/\nsections \(\d+\):\n {2}type {7}0x000008 +\d+ bytes\n/);
    expect(out).toContain('  func   wasi_snapshot_preview1.args_get (i32, i32) -> (i32)\n');
    expect(out).toContain('  func   wasi_snapshot_preview1.proc_exit (i32) -> ()\n');
    expect(out).toContain('  memory memory\n');
    expect(out).toContain('  func   _start () -> ()\n');
    expect(out).toMatch(/\nmemories \(1\):\n {2}0: min 2 pages \(128 KiB\), max none\n/);
    expect(out).toMatch(/\ntables \(1\):\n {2}0: funcref, min \d+, max \d+\n/);
    expect(out).toMatch(/\ncustom sections \(\d+\):\n {2}name \(\d+ bytes\)\n/);
    expect(out).toMatch(/\nABI:\n {2}WASI preview1 command \(\d+ WASI imports\)\n$/);
  });

  it('recognises a reactor and shows export signatures of every value type', () => {
    const r = wasmlet(['inspect', guest('calc')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('  func   add64 (i64, i64) -> (i64)\n');
    expect(r.stdout).toContain('  func   fdiv (f64, f64) -> (f64)\n');
    expect(r.stdout).toContain('  func   fhalf (f32) -> (f32)\n');
    expect(r.stdout).toContain('  func   _initialize () -> ()\n');
    expect(r.stdout).toMatch(/WASI preview1 reactor/);
  });

  it('--help, a missing file and a bad file', () => {
    expect(wasmlet(['inspect', '--help']).stdout).toMatch(/^usage: wasmlet inspect \[--json\] FILE\.wasm/);
    const none = wasmlet(['inspect']);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('wasmlet: inspect: expected one FILE.wasm, got 0 (see wasmlet inspect --help)\n');
    const missing = wasmlet(['inspect', '/nonexistent/x.wasm']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('wasmlet: cannot read /nonexistent/x.wasm: ENOENT\n');
    const notWasm = wasmlet(['inspect', guest('src/calc.c').replace(/\.wasm$/, '')]);
    expect(notWasm.status).toBe(1);
    expect(notWasm.stderr.trim().split('\n')).toHaveLength(1);
  });
});
