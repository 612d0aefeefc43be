/**
 * Feature profiles: by default compile accepts 3.0's tail calls and extended constants;
 * WASM_2_0_FEATURES (or turning one feature off) rejects each with a CompileError naming the
 * instruction and the feature, and validateBytes agrees with compile.
 */
import { describe, expect, it } from 'vitest';
import { compile, CompileError, validateBytes, WASM_2_0_FEATURES } from '../core/index.js';
import { wat } from './helpers/wat.js';

const TAIL = wat(`(module (func $f (result i32) (i32.const 1)) (func (result i32) (return_call $f)))`, { tail_call: true });
const TAIL_INDIRECT = wat(`(module (type $t (func)) (table 1 funcref) (func (return_call_indirect (type $t) (i32.const 0))))`, { tail_call: true });
// (module (global i32 (i32.add (i32.const 1) (i32.const 2)))), by hand: wabt.js cannot assemble it
const EXT_CONST = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x06, 9, 1, 0x7f, 0x00, 0x41, 1, 0x41, 2, 0x6a, 0x0b]);

function error(bytes: Uint8Array, features: Parameters<typeof compile>[1]): CompileError {
  let e: unknown;
  try {
    compile(bytes, features);
  } catch (x) {
    e = x;
  }
  expect(e).toBeInstanceOf(CompileError);
  expect(() => validateBytes(bytes, features)).toThrow((e as Error).message);
  return e as CompileError;
}

describe('feature profiles', () => {
  it('accepts tail calls and extended constants by default', () => {
    for (const b of [TAIL, TAIL_INDIRECT, EXT_CONST]) {
      expect(() => compile(b)).not.toThrow();
      expect(() => validateBytes(b)).not.toThrow();
    }
  });

  it('rejects them under WASM_2_0_FEATURES, naming what is missing', () => {
    expect(error(TAIL, { features: WASM_2_0_FEATURES }).message).toMatch(/illegal opcode 0x12 \(return_call needs the tail-call feature\)/);
    expect(error(TAIL_INDIRECT, { features: WASM_2_0_FEATURES }).message).toMatch(/illegal opcode 0x13 \(return_call_indirect needs the tail-call feature\)/);
    expect(error(EXT_CONST, { features: WASM_2_0_FEATURES }).message).toMatch(/constant expression required/);
  });

  it('turns features off one at a time', () => {
    expect(() => compile(TAIL, { features: { extendedConst: false } })).not.toThrow();
    error(TAIL, { features: { tailCall: false } });
    expect(() => compile(EXT_CONST, { features: { tailCall: false } })).not.toThrow();
  });
});
