// Section framing: ids 0-12, the required order with custom sections anywhere, each non-custom
// section at most once, sizes that match their contents exactly, and the cross-section counts
// (function vs code, data count vs data).
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../core/decode/index.js';
import { leb, str, sec, mod, errorOf } from './helpers/module-bytes.js';

const TYPE = sec(1, [1, 0x60, 0, 0]);
const FUNC = sec(3, [1, 0]);
const CODE = sec(10, [1, 2, 0, 0x0b]);
const custom = (name: string, ...bytes: number[]) => sec(0, str(name), bytes);

describe('section order', () => {
  it('accepts all sections in order, with custom sections anywhere', () => {
    const m = decodeModule(
      mod(
        custom('a'),
        TYPE,
        custom('b', 1, 2, 3),
        sec(2, [0]), // import
        FUNC,
        sec(4, [0]), // table
        sec(5, [0]), // memory
        sec(6, [0]), // global
        sec(7, [0]), // export
        sec(8, [0]), // start
        sec(9, [0]), // element
        sec(12, [0]), // datacount
        CODE,
        sec(11, [0]), // data
        custom('c'),
      ),
    );
    expect(m.customs.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect([...m.customs[1]!.bytes]).toEqual([1, 2, 3]);
    expect(m.start).toBe(0);
    expect(m.dataCount).toBe(0);
    expect(m.bodies.length).toBe(1);
  });
  it('rejects a repeated section', () => {
    const e = errorOf(() => decodeModule(mod(TYPE, TYPE)));
    expect(e.message).toMatch(/unexpected content after last section/);
    expect(e.section).toBe('type');
    expect(e.offset).toBe(8 + TYPE.length);
  });
  it('rejects sections out of order', () => {
    expect(() => decodeModule(mod(FUNC, TYPE))).toThrow(/unexpected content after last section/);
    expect(() => decodeModule(mod(TYPE, FUNC, CODE, sec(12, [0])))).toThrow(/unexpected content after last section/);
    expect(() => decodeModule(mod(sec(11, [0]), sec(10, [0])))).toThrow(/unexpected content after last section/);
  });
  it('rejects unknown section ids', () => {
    // 13 is the tag section (exception handling)
    for (const id of [14, 0x7f, 0x80]) {
      const e = errorOf(() => decodeModule(mod([id, 0])));
      expect(e.message).toMatch(/malformed section id/);
      expect(e.offset).toBe(8);
    }
  });
});

describe('section sizes', () => {
  it('rejects contents shorter than the size', () => {
    const e = errorOf(() => decodeModule(mod([1, 5, 1, 0x60, 0, 0, 0xaa])));
    expect(e.message).toMatch(/section size mismatch/);
    expect(e.section).toBe('type');
  });
  it('rejects contents longer than the size', () => {
    expect(() => decodeModule(mod([1, 4, 1, 0x60, 1, 0x7f, 0]))).toThrow(/unexpected end of section or function/);
    expect(() => decodeModule(mod([1, 3, 5, 0x60, 0, 0]))).toThrow(/length out of bounds: 5 types/);
  });
  it('rejects a size past the end of the module', () => {
    expect(() => decodeModule(mod([1, 10, 1, 0x60, 0, 0]))).toThrow(/length out of bounds/);
  });
  it('rejects a truncated section header', () => {
    expect(() => decodeModule(mod([1]))).toThrow(/unexpected end/);
    expect(() => decodeModule(mod([1, 0x80]))).toThrow(/unexpected end/);
  });
  it('rejects a custom section without room for its name', () => {
    expect(() => decodeModule(mod([0, 0]))).toThrow(/unexpected end/);
    expect(() => decodeModule(mod([0, 2, 5, 0x61]))).toThrow(/length out of bounds/);
  });
  it('accepts empty vectors and an empty custom section name', () => {
    const m = decodeModule(mod(sec(1, [0]), sec(0, [0])));
    expect(m.types).toEqual([]);
    expect(m.customs).toEqual([{ name: '', bytes: new Uint8Array(0) }]);
  });
});

describe('cross-section counts', () => {
  it('function and code counts must agree', () => {
    expect(() => decodeModule(mod(TYPE, FUNC))).toThrow(/function and code section have inconsistent lengths/);
    expect(() => decodeModule(mod(TYPE, CODE))).toThrow(/function and code section have inconsistent lengths/);
    expect(() => decodeModule(mod(TYPE, sec(3, [2, 0, 0]), CODE))).toThrow(/function and code section have inconsistent lengths/);
    expect(decodeModule(mod(TYPE, sec(3, [0]), sec(10, [0]))).bodies).toEqual([]);
  });
  it('data count and data counts must agree', () => {
    expect(() => decodeModule(mod(sec(12, [1])))).toThrow(/data count and data section have inconsistent lengths/);
    expect(() => decodeModule(mod(sec(12, [1]), sec(11, [0])))).toThrow(/data count and data section have inconsistent lengths/);
    expect(() => decodeModule(mod(sec(12, [0]), sec(11, [1, 1, 0])))).toThrow(/data count and data section have inconsistent lengths/);
    expect(decodeModule(mod(sec(12, [0]))).dataCount).toBe(0);
    expect(decodeModule(mod(sec(12, [1]), sec(11, [1, 1, 0]))).datas.length).toBe(1);
  });
});

describe('start section', () => {
  it('records the start function index', () => {
    expect(decodeModule(mod(sec(8, leb(300)))).start).toBe(300);
  });
});
