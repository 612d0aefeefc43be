/**
 * wasmlet/core-2.0 (core/index-2.0.ts) is the engine without SIMD: scalar modules run, and a
 * module using v128 is refused at compile time with a CompileError that names the feature and the
 * full entry point. This file imports only the 2.0 entry, so the SIMD executor is never installed.
 */
import { describe, expect, it } from 'vitest';
import { CompileError, compile, Linker, Store } from '../core/index-2.0.js';
import { wat } from './helpers/wat.js';

describe('wasmlet/core-2.0: no SIMD', () => {
  it('runs a scalar module', () => {
    const store = new Store();
    const inst = new Linker().instantiate(store, compile(wat(`(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`)));
    expect(store.invoke(inst.func('add'), 40, 2)).toEqual([42]);
  });
  it('refuses v128 code with a CompileError naming SIMD and the entry to use', () => {
    const bytes = wat(`(module (func (export "f") (param v128) (result v128) (i32x4.add (local.get 0) (local.get 0))))`);
    let err: unknown;
    try {
      compile(bytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CompileError);
    expect((err as CompileError).code).toBe('WASMLET_COMPILE');
    expect((err as Error).message).toMatch(/SIMD \(v128\) is not in this build \(wasmlet\/core-2\.0\)/);
    expect((err as Error).message).toContain('`wasmlet`');
  });
  it('refuses a v128 global too', () => {
    expect(() => compile(wat(`(module (global v128 (v128.const i32x4 1 2 3 4)))`))).toThrow(/SIMD \(v128\) is not in this build/);
  });
});
