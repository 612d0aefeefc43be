/**
 * `wasmlet inspect --ir`: a function's translated code, as the interpreter runs it — fused
 * superinstructions, frame-slot operands, branch targets and the Wasm offsets traps report.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, tempDir, wasmlet } from './fixtures/wasi/harness.js';
import { wat } from './helpers/wat.js';

afterAll(cleanupTemps);

const file = join(tempDir(), 'sum.wasm');
writeFileSync(
  file,
  wat(`(module
    (import "env" "log" (func $log (param i32)))
    (func $sum (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
      (block $done
        (loop $next
          (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
          (local.set $acc (i32.add (local.get $acc) (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (local.get $acc))
    (func $big (result i64) (i64.const -5000000000)))`),
);

describe('wasmlet inspect --ir', () => {
  it('prints each defined function with fused ops, slots and targets', () => {
    const r = wasmlet(['inspect', '--ir', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^func\[1\] <sum>: 1 params, 2 locals, frame \d+ slots, \d+ code words\n/);
    // the compare and the br_if fuse into one branch on l1 >= l0, back-edge as a plain Br
    expect(out).toMatch(/\n {2}@\d+ {2}BrGeS +a=l1 b=l0 t=@(\d+) {2}; wasm 0x[0-9a-f]+\n/);
    expect(out).toMatch(/\n {2}@\d+ {2}I32AddI +d=l1 a=l1 i=1/);
    expect(out).toMatch(/\n {2}@\d+ {2}Br +t=@\d+/);
    expect(out).toMatch(/\nfunc\[2\] <big>: 0 params, 0 locals/);
    expect(out).toContain('Const64          d=t0 i=-5000000000');
    expect(out).not.toContain('!!');
    // every target printed is the offset of a printed instruction
    const starts = new Set([...out.matchAll(/\n {2}@(\d+) /g)].map((m) => Number(m[1])));
    const targets = [...out.matchAll(/t=@(\d+)/g)].map((m) => Number(m[1]));
    expect(targets.length).toBeGreaterThan(1);
    for (const t of targets) expect(starts.has(t)).toBe(true);
  });

  it('--func picks one function, --metered shows the fuel charges', () => {
    const one = wasmlet(['inspect', '--ir', '--func', '2', file]);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/^func\[2\] <big>/);
    expect(one.stdout).not.toContain('<sum>');
    const metered = wasmlet(['inspect', '--ir', '--metered', '--func', '1', file]);
    expect(metered.stdout).toMatch(/^func\[1\] <sum>: .*, metered\n {2}@0+ {2}Fuel +n=\d+/);
    expect(wasmlet(['inspect', '--ir', '--func', '1', file]).stdout).not.toContain('Fuel');
  });

  it('names what is wrong with --func', () => {
    const imported = wasmlet(['inspect', '--ir', '--func', '0', file]);
    expect(imported.status).toBe(2);
    expect(imported.stderr).toBe('wasmlet: inspect: function 0 is imported: it has no code\n');
    expect(wasmlet(['inspect', '--ir', '--func', '7', file]).stderr).toBe('wasmlet: inspect: function 7 does not exist (the module has 3)\n');
    expect(wasmlet(['inspect', '--ir', '--func', 'sum', file]).stderr).toBe('wasmlet: inspect: --func expects a function index (a number), got "sum"\n');
    expect(wasmlet(['inspect', '--func', '1', file]).stderr).toBe('wasmlet: inspect: --func and --metered go with --ir\n');
    expect(wasmlet(['inspect', '--help']).stdout).toContain('wasmlet inspect --ir [--func N] [--metered] FILE.wasm');
  });
});
