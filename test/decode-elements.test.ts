// Element segments: the eight encodings of WebAssembly 2.0 (flags 0-7), function-index forms turned
// into ref.func expressions, and the malformed cases (flags > 7, element kind other than 0x00,
// a non-reference type).
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../core/decode/index.js';
import { SegmentMode } from '../core/types.js';
import { leb, sec, mod, errorOf } from './helpers/module-bytes.js';

const I32_CONST_5 = [0x41, 5, 0x0b];
const elems = (...segments: number[][]) => decodeModule(mod(sec(9, [segments.length, ...segments.flat()]))).elems;
const ELEM_START = 8 + 3; // header, section id, size, count

describe('element segment encodings', () => {
  it('0: active in table 0, function indices', () => {
    const [e] = elems([0x00, ...I32_CONST_5, 2, 7, ...leb(300)]);
    expect(e).toEqual({
      mode: SegmentMode.Active,
      table: 0,
      offset: [{ op: 0x41, imm: 5, offset: ELEM_START + 1 }],
      type: 0x170, // 3.0: function indices are (ref func)
      init: [[{ op: 0xd2, imm: 7, offset: ELEM_START + 5 }], [{ op: 0xd2, imm: 300, offset: ELEM_START + 6 }]],
    });
  });
  it('1: passive, elemkind, function indices', () => {
    const [e] = elems([0x01, 0x00, 1, 3]);
    expect(e!.mode).toBe(SegmentMode.Passive);
    expect(e!.offset).toBeUndefined();
    expect(e!.type).toBe(0x170);
    expect(e!.init.map((x) => x[0]!.imm)).toEqual([3]);
  });
  it('2: active with a table index, elemkind, function indices', () => {
    const [e] = elems([0x02, 4, ...I32_CONST_5, 0x00, 2, 0, 1]);
    expect(e!.mode).toBe(SegmentMode.Active);
    expect(e!.table).toBe(4);
    expect(e!.offset!.map((i) => i.imm)).toEqual([5]);
    expect(e!.init.map((x) => x[0]!.op)).toEqual([0xd2, 0xd2]);
  });
  it('3: declarative, elemkind, function indices', () => {
    const [e] = elems([0x03, 0x00, 1, 9]);
    expect(e!.mode).toBe(SegmentMode.Declarative);
    expect(e!.init[0]![0]!.imm).toBe(9);
  });
  it('4: active in table 0, expressions', () => {
    const [e] = elems([0x04, ...I32_CONST_5, 2, 0xd2, 1, 0x0b, 0xd0, 0x70, 0x0b]);
    expect(e!.mode).toBe(SegmentMode.Active);
    expect(e!.type).toBe(0x70);
    expect(e!.init.map((x) => x.map((i) => [i.op, i.imm]))).toEqual([[[0xd2, 1]], [[0xd0, 0x70]]]);
  });
  it('5: passive, reftype, expressions', () => {
    const [e] = elems([0x05, 0x6f, 1, 0xd0, 0x6f, 0x0b]);
    expect(e!.mode).toBe(SegmentMode.Passive);
    expect(e!.type).toBe(0x6f);
    expect(e!.init[0]![0]).toMatchObject({ op: 0xd0, imm: 0x6f });
  });
  it('6: active with a table index, reftype, expressions', () => {
    const [e] = elems([0x06, 1, 0x23, 0, 0x0b, 0x70, 1, 0x23, 2, 0x0b]);
    expect(e!.mode).toBe(SegmentMode.Active);
    expect(e!.table).toBe(1);
    expect(e!.offset!.map((i) => [i.op, i.imm])).toEqual([[0x23, 0]]);
    expect(e!.init[0]!.map((i) => [i.op, i.imm])).toEqual([[0x23, 2]]);
  });
  it('7: declarative, reftype, expressions', () => {
    const [e] = elems([0x07, 0x70, 0]);
    expect(e!.mode).toBe(SegmentMode.Declarative);
    expect(e!.init).toEqual([]);
  });
  it('decodes several segments in a row', () => {
    expect(elems([0x01, 0x00, 0], [0x05, 0x70, 0], [0x00, ...I32_CONST_5, 0]).map((e) => e.mode)).toEqual([
      SegmentMode.Passive,
      SegmentMode.Passive,
      SegmentMode.Active,
    ]);
  });
});

describe('malformed element segments', () => {
  it('rejects flags above 7', () => {
    const e = errorOf(() => elems([0x08, 0x00, 0]));
    expect(e.message).toMatch(/malformed elements segment kind/);
    expect(e.section).toBe('element');
    expect(e.offset).toBe(ELEM_START);
  });
  it('rejects an element kind other than 0x00', () => {
    expect(() => elems([0x01, 0x70, 0])).toThrow(/malformed element kind/);
    expect(() => elems([0x02, 0, ...I32_CONST_5, 0x01, 0])).toThrow(/malformed element kind/);
  });
  it('rejects a non-reference element type', () => {
    expect(() => elems([0x05, 0x7f, 0])).toThrow(/malformed reference type/);
  });
  it('rejects an offset expression without end', () => {
    expect(() => decodeModule(mod(sec(9, [1, 0x00, 0x41, 0])))).toThrow(/unexpected end/);
  });
});
