/**
 * A module's feature list (what `wasmlet inspect` prints) names fixed-width SIMD when the module
 * has a v128 instruction, and not otherwise.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../core/index.js';
import { wat } from './helpers/wat.js';

describe('features used: simd', () => {
  it('lists simd for a module with v128 code', () => {
    const m = compile(wat(`(module (func (export "f") (param v128) (result v128) (i32x4.add (local.get 0) (local.get 0))))`));
    expect(m.features).toContain('simd');
  });
  it('does not list it for a scalar module', () => {
    const m = compile(wat(`(module (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (local.get 0))))`));
    expect(m.features).not.toContain('simd');
  });
});
