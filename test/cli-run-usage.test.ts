/** `wasmlet run` as a user meets it: help, bad arguments and bad files get one line, never a stack trace. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, guest, tempDir, wasmlet } from './fixtures/wasi/harness.js';
import { wat } from './helpers/wat.js';

afterAll(cleanupTemps);

function oneLine(r: { stderr: string }) {
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('wasmlet run: usage and errors', () => {
  it('--help shows the options and the ucase example', () => {
    const r = wasmlet(['run', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: wasmlet run \[options\] FILE\.wasm \[ARGS\.\.\.\]/);
    for (const opt of ['--dir', '--env', '--invoke', '--fuel', '--max-memory', '--max-call-depth', '--max-stack', '--report']) expect(r.stdout).toContain(opt);
    expect(r.stdout).toContain('wasmlet run --dir=. ucase.wasm in.txt out.txt');
  });

  it('is listed in wasmlet --help', () => {
    expect(wasmlet(['--help']).stdout).toMatch(/\n\s+run\s+run a WASI command/);
  });

  it.each([
    [['run'], /^wasmlet: run: missing FILE\.wasm/],
    [['run', '--frobnicate', 'x.wasm'], /^wasmlet: run: unknown option --frobnicate/],
    [['run', '--fuel', 'lots', 'x.wasm'], /^wasmlet: --fuel: expected a non-negative integer, got "lots"/],
    [['run', '--max-memory', '12q', 'x.wasm'], /^wasmlet: --max-memory: expected a size in bytes/],
    [['run', '--max-call-depth', '0', 'x.wasm'], /^wasmlet: --max-call-depth: must be at least 1/],
    [['run', '--dir', 'a:b:c:d', 'x.wasm'], /^wasmlet: --dir: bad value "a:b:c:d"/],
    [['run', '--env', '=x', 'x.wasm'], /^wasmlet: --env: bad variable "=x"/],
  ])('%j is a usage error (exit 2)', (args, msg) => {
    const r = wasmlet(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(msg);
    oneLine(r);
  });

  it('a missing file, a non-module and a missing --dir are one line and exit 1', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'junk.wasm'), 'not wasm at all');
    for (const [args, msg] of [
      [['run', join(dir, 'nope.wasm')], /^wasmlet: cannot read .*nope\.wasm: ENOENT/],
      [['run', join(dir, 'junk.wasm')], /^wasmlet: .*magic/i],
      [['run', '--dir', join(dir, 'missing'), guest('args')], /^wasmlet: cannot preopen ".*missing" as ".*missing": ENOENT/],
    ] as const) {
      const r = wasmlet([...args]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(msg);
      oneLine(r);
    }
  });

  it('an import wasmlet cannot provide is a one-line link error', () => {
    const dir = tempDir();
    const file = join(dir, 'needs-env.wasm');
    writeFileSync(file, wat('(module (import "env" "missing" (func)) (memory (export "memory") 1) (func (export "_start")))'));
    const r = wasmlet(['run', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('wasmlet: unknown import "env" "missing": not defined in the linker\n');
  });

  // bin/wasmlet.ts answers any --help in the arguments with the command's usage, so a guest cannot
  // receive --help yet; run.ts itself stops parsing at FILE.wasm (see wasi-args-env.test.ts).
  it('passes --help after FILE.wasm to the guest', () => {
    const r = wasmlet(['run', guest('args'), '--help', 'x']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--help');
    expect(r.stdout).not.toMatch(/^usage:/);
  });

  it('a module without _start says to use --invoke', () => {
    const r = wasmlet(['run', guest('calc')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/has no _start export .*--invoke NAME/);
    oneLine(r);
  });
});
