/** A module with a 64-bit memory or table reports the memory64 feature (what `wasmlet inspect` lists). */
import { describe, expect, it } from 'vitest';
import { compile, WASM_2_0_FEATURES } from '../core/index.js';
import { wat } from './helpers/wat.js';

describe('memory64 in the feature list', () => {
  it('names memory64 for an i64 memory and for an i64 table, not for 32-bit ones', () => {
    expect(compile(wat(`(module (memory i64 1))`, { memory64: true })).features).toContain('memory64');
    expect(compile(wat(`(module (table i64 1 funcref))`, { memory64: true })).features).toContain('memory64');
    expect(compile(wat(`(module (memory 1) (table 1 funcref))`)).features).not.toContain('memory64');
  });

  it('is refused when the memory64 feature is off', () => {
    expect(() => compile(wat(`(module (memory i64 1))`, { memory64: true }), { features: WASM_2_0_FEATURES })).toThrow(/memory64 feature/);
  });
});
