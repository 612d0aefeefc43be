/**
 * `wasmlet inspect` lists the features beyond the MVP a module uses, from the instruction table's
 * proposals and the module's structure, in text and in --json; an MVP module uses none.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wasmlet } from './fixtures/wasi/harness.js';
import { wat } from './helpers/wat.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-features-'));
function file(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

const mvp = file('mvp.wasm', wat(`(module (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))`));
const mixed = file(
  'mixed.wasm',
  wat(
    `(module
      (global (export "g") (mut i32) (i32.const 0))
      (func $pair (result i32 i64) (i32.const 1) (i64.const 2))
      (func (param f32) (result i32) (i32.extend8_s (i32.trunc_sat_f32_s (local.get 0))))
      (func (result i32) (return_call $one))
      (func $one (result i32) (i32.const 1)))`,
    { tail_call: true },
  ),
);

describe('wasmlet inspect: features', () => {
  it('lists none for an MVP module', () => {
    const r = wasmlet(['inspect', mvp]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('features beyond the MVP: none');
  });

  it('lists each proposal a module uses, in text and JSON', () => {
    const want = ['sign-extension', 'sat-float-to-int', 'tail-call', 'multi-value', 'mutable-globals'];
    const r = wasmlet(['inspect', mixed]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`features beyond the MVP: ${want.join(', ')}`);
    const j = JSON.parse(wasmlet(['inspect', '--json', mixed]).stdout);
    expect(j.features).toEqual(want);
    const two = JSON.parse(wasmlet(['inspect', '--json', 'test/fixtures/core/two-memories.wasm']).stdout);
    expect(two.features).toEqual(['bulk-memory', 'multi-memory']);
  });
});
