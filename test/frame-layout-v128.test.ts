/**
 * The frame layout is ready for v128: a value takes slotWidth(type) 8-byte slots (two for
 * v128), locals sit at the prefix sums of their widths and each operand-stack entry's home is
 * above the widths of the entries below it. Driven through the translator directly (the
 * validator does not accept v128 yet); the IR verifier and disassembler read the result. 2.0
 * code keeps the frame it always had: an identity layout, checked on a plain function too.
 */
import { describe, expect, it } from 'vitest';
import { ValType, type FuncType } from '../core/types.js';
import { slotWidth } from '../core/limits.js';
import { WASM_NAMES } from '../core/ops/gen/wasm-info.js';
import { Translator } from '../core/translate/translator.js';
import { decodeIr, verifyIr } from '../core/translate/disasm.js';

const id = (name: string) => WASM_NAMES.indexOf(name);
const { I32, I64, V128 } = ValType;

/** i32 (local a) + (local b) -> local c, with `below` entries already on the operand stack */
function translate(type: FuncType, locals: ValType[], below: number[], a: number, b: number, c: number) {
  const t = new Translator(type, locals);
  for (const l of below) t.localGet(l);
  t.localGet(a);
  t.localGet(b);
  t.srcOffset = 1;
  t.simple(id('i32.add'));
  t.srcOffset = 2;
  t.simple(id('i32.eqz')); // a second op so the add's result lands in its stack home, not a local
  t.localSet(c);
  for (let i = 0; i < below.length; i++) t.drop();
  t.finish();
  return t.result(below.length + 2);
}

describe('frame layout', () => {
  it('gives v128 two slots, for locals and for operand-stack entries', () => {
    expect([I32, I64, ValType.F32, ValType.F64, ValType.FuncRef, ValType.ExternRef].map(slotWidth)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(slotWidth(V128)).toBe(2);
    // params (v128, i32), locals (i64, v128, i32): slots 0-1, 2 | 3, 4-5, 6
    const f = translate({ params: [V128, I32], results: [] }, [I64, V128, I32], [0, 3], 1, 1, 4);
    expect(f.paramSlots).toBe(3);
    expect(f.localSlots).toBe(7);
    expect(verifyIr(f)).toEqual([]);
    const add = decodeIr(f).find((i) => i.name === 'I32Add')!;
    // two v128 entries below (4 slots) put the add's result at slot 7 + 4 = 11 (word 22); its operands are param 1 (slot 2)
    expect(add.operands.map((o) => o.value)).toEqual([22, 4, 4]);
    const eqz = decodeIr(f).find((i) => i.name === 'I32Eqz')!;
    expect(eqz.operands.map((o) => o.value)).toEqual([6 * 2, 22]); // straight into local 4 (slot 6)
    expect(f.frameSize).toBeGreaterThanOrEqual(7 + 4 + 1);
  });

  it('is the identity for 2.0 types', () => {
    const f = translate({ params: [I32, I32], results: [] }, [I64, I32, I32], [0, 2], 1, 1, 4);
    expect([f.paramSlots, f.localSlots]).toEqual([2, 5]);
    const add = decodeIr(f).find((i) => i.name === 'I32Add')!;
    expect(add.operands.map((o) => o.value)).toEqual([(5 + 2) * 2, 2, 2]);
    expect(decodeIr(f).find((i) => i.name === 'I32Eqz')!.operands.map((o) => o.value)).toEqual([8, 14]);
    expect(f.frameSize).toBe(5 + 4);
  });
});
