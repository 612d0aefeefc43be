/**
 * `wasmlet new device --lang as|c|rust DIR` writes a starter project that builds with its
 * toolchain and passes `wasmlet budget`: AssemblyScript with the repo's assemblyscript (one 64 KiB
 * page), C and Rust at a 16 KiB memory budget. Building C or Rust skips with the reason when the
 * toolchain is missing, except under CI=true. Usage errors (no kind, unknown language, a
 * non-empty DIR) exit 2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './fixtures/device/load.js';
import { C_MISSING, CI, RUST_MISSING } from './helpers/toolchains.js';

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/wasmlet.js', ...args], { encoding: 'utf8' });
const base = mkdtempSync(join(tmpdir(), 'wasmlet-new-'));
const ASC = join(ROOT, 'node_modules', '.bin', 'asc');

for (const [lang, why] of [['c', C_MISSING], ['rust', RUST_MISSING]] as const) {
  if (why && !CI) console.warn(`skipping the ${lang} build of wasmlet new device: ${why}`);
}

/** write a project, build it with its build.sh, and return `wasmlet budget`'s result */
function newAndBuild(lang: string, budget: string[]) {
  const dir = join(base, lang);
  const w = run('new', 'device', '--lang', lang, dir);
  expect(w.status, w.stderr).toBe(0);
  expect(existsSync(join(dir, 'build.sh'))).toBe(true);
  expect(existsSync(join(dir, 'README.md'))).toBe(true);
  const b = spawnSync('bash', [join(dir, 'build.sh')], { encoding: 'utf8', env: { ...process.env, ASC } });
  expect(b.status, b.stderr).toBe(0);
  return run('budget', join(dir, 'build', 'device.wasm'), '--plant', 'heater', '--steps', '500', ...budget);
}

describe('wasmlet new device', () => {
  it('writes an AssemblyScript project that builds and passes wasmlet budget', () => {
    const r = newAndBuild('as', ['--memory', '65536', '--fuel-per-step', '2000']);
    expect(r.stdout).toMatch(/within budget/);
    expect(r.status).toBe(0);
  }, 120000);

  it.skipIf(C_MISSING !== undefined && !CI)('writes a C project that builds and passes wasmlet budget at 16 KiB', () => {
    expect(C_MISSING, 'clang and lld must be installed under CI').toBeUndefined();
    const r = newAndBuild('c', ['--memory', '16384', '--stack', '1024', '--fuel-per-step', '2000']);
    expect(r.stdout).toMatch(/ok\s+memory\s+16384 bytes \/ 16384 bytes/);
    expect(r.status).toBe(0);
  }, 120000);

  it.skipIf(RUST_MISSING !== undefined && !CI)('writes a Rust project that builds and passes wasmlet budget at 16 KiB', () => {
    expect(RUST_MISSING, 'rustc, cargo and libstd-rust-dev-wasm32 must be installed under CI').toBeUndefined();
    const r = newAndBuild('rust', ['--memory', '16384', '--stack', '1024', '--fuel-per-step', '2000']);
    expect(r.stdout).toMatch(/ok\s+memory\s+16384 bytes \/ 16384 bytes/);
    expect(r.status).toBe(0);
  }, 120000);

  it('answers --help and refuses bad usage with exit 2', () => {
    const h = run('new', 'device', '--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/usage: wasmlet new device --lang as\|c\|rust DIR/);
    const full = join(base, 'full');
    expect(run('new', 'device', '--lang', 'c', full).status).toBe(0);
    writeFileSync(join(full, 'extra.txt'), 'x');
    const cases: [string[], RegExp][] = [
      [['new'], /expected: wasmlet new device/],
      [['new', 'filter', '--lang', 'c', join(base, 'x')], /unknown project kind "filter"/],
      [['new', 'device', join(base, 'y')], /--lang is required/],
      [['new', 'device', '--lang', 'go', join(base, 'z')], /unknown language "go" \(known: as, c, rust\)/],
      [['new', 'device', '--lang', 'c'], /DIR is required/],
      [['new', 'device', '--lang', 'c', full], /is not empty/],
    ];
    for (const [args, msg] of cases) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });
});
