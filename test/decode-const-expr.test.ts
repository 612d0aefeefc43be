// Constant expressions (global initialisers, segment offsets, element expressions): immediates in
// the contract's representation, non-constant instructions recorded for the validator to reject,
// undecodable opcodes rejected here.
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../core/decode/index.js';
import type { ConstExpr } from '../core/types.js';
import { sec, mod, errorOf } from './helpers/module-bytes.js';

/** decode `expr` as the initialiser of an i32 global and return it */
const init = (...expr: number[]): ConstExpr => decodeModule(mod(sec(6, [1, 0x7f, 0x00, ...expr]))).globals[0]!.init;
const ops = (e: ConstExpr) => e.map((i) => [i.op, i.imm]);

describe('constant instructions', () => {
  it('i32.const is a signed number', () => {
    expect(ops(init(0x41, 0x7f, 0x0b))).toEqual([[0x41, -1]]);
    expect(ops(init(0x41, 0x80, 0x80, 0x80, 0x80, 0x78, 0x0b))).toEqual([[0x41, -0x80000000]]);
  });
  it('i64.const is a signed bigint', () => {
    expect(ops(init(0x42, 0x7f, 0x0b))).toEqual([[0x42, -1n]]);
    expect(ops(init(0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f, 0x0b))).toEqual([[0x42, -(2n ** 63n)]]);
  });
  it('f32.const is the raw bits as an unsigned number', () => {
    expect(ops(init(0x43, 0x00, 0x00, 0xc0, 0x7f, 0x0b))).toEqual([[0x43, 0x7fc00000]]);
    expect(ops(init(0x43, 0x01, 0x00, 0x80, 0xff, 0x0b))).toEqual([[0x43, 0xff800001]]);
  });
  it('f64.const is the raw bits as an unsigned bigint', () => {
    expect(ops(init(0x44, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0xf8, 0xff, 0x0b))).toEqual([[0x44, 0xfff8060504030201n]]);
  });
  it('ref.null carries the reference type, ref.func and global.get an index', () => {
    expect(ops(init(0xd0, 0x6f, 0x0b))).toEqual([[0xd0, 0x6f]]);
    expect(ops(init(0xd2, 0xac, 0x02, 0x0b))).toEqual([[0xd2, 300]]);
    expect(ops(init(0x23, 3, 0x0b))).toEqual([[0x23, 3]]);
    expect(() => init(0xd0, 0x7f, 0x0b)).toThrow(/malformed heap type/);
  });
  it('v128.const is op 0xfd with the 16 bytes as a little-endian bigint', () => {
    const lanes = Array.from({ length: 16 }, (_, i) => i + 1);
    expect(ops(init(0xfd, 12, ...lanes, 0x0b))).toEqual([[0xfd, 0x100f0e0d0c0b0a090807060504030201n]]);
  });
  it('records each instruction with its byte offset', () => {
    const at = 8 + 2 + 1 + 2; // header, section id + size, count, global type
    expect(init(0x41, 1, 0x41, 2, 0x6a, 0x0b)).toEqual([
      { op: 0x41, imm: 1, offset: at },
      { op: 0x41, imm: 2, offset: at + 2 },
      { op: 0x6a, imm: 0, offset: at + 4 },
    ]);
  });
  it('an empty expression is just end', () => {
    expect(init(0x0b)).toEqual([]);
  });
});

describe('non-constant instructions', () => {
  it('are recorded for the validator when they have no immediates or one index', () => {
    expect(ops(init(0x41, 0, 0x45, 0x0b))).toEqual([[0x41, 0], [0x45, 0]]); // i32.eqz
    expect(ops(init(0x01, 0x0b))).toEqual([[0x01, 0]]); // nop
    expect(ops(init(0x20, 2, 0x0b))).toEqual([[0x20, 2]]); // local.get
    expect(ops(init(0x10, 1, 0x0b))).toEqual([[0x10, 1]]); // call
    expect(ops(init(0xfc, 0, 0x0b))).toEqual([[0xfc, 0]]); // i32.trunc_sat_f32_s
  });
  it('are rejected here when their immediates cannot be decoded', () => {
    for (const expr of [[0x02, 0x40, 0x0b, 0x0b], [0x28, 2, 0, 0x0b], [0xfc, 8, 0, 0, 0x0b], [0xfd, 0, 0x0b], [0x06, 0x0b]]) {
      const e = errorOf(() => init(...expr));
      expect(e.message).toMatch(/illegal opcode/);
      expect(e.section).toBe('global');
    }
  });
  it('a missing end runs into the end of the section', () => {
    expect(() => init(0x41, 0)).toThrow(/unexpected end/);
  });
});
