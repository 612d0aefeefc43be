/**
 * A module's feature list (what `wasmlet inspect` prints) names relaxed SIMD when the module has
 * a relaxed instruction, and only simd for fixed-width SIMD code.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../core/index.js';
import { wat } from './helpers/wat.js';

describe('features used: relaxed-simd', () => {
  it('lists relaxed-simd for a module with a relaxed instruction', () => {
    const m = compile(wat(`(module (func (export "f") (param v128 v128) (result v128) (f32x4.relaxed_min (local.get 0) (local.get 1))))`, { relaxed_simd: true }));
    expect(m.features).toContain('relaxed-simd');
  });
  it('does not list it for fixed-width SIMD code', () => {
    const m = compile(wat(`(module (func (export "f") (param v128) (result v128) (i32x4.add (local.get 0) (local.get 0))))`));
    expect(m.features).toContain('simd');
    expect(m.features).not.toContain('relaxed-simd');
  });
});
