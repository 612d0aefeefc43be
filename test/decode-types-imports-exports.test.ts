// Function types, value types, import descriptions, global types and exports, with their
// malformed cases: bad type form, value type, import/export kind and mutability.
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../core/decode/index.js';
import { ExternKind } from '../core/types.js';
import { leb, str, sec, mod, errorOf } from './helpers/module-bytes.js';

describe('type section', () => {
  it('decodes function types with every value type', () => {
    const m = decodeModule(mod(sec(1, [2, 0x60, 7, 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f, 0, 0x60, 0, 2, 0x7f, 0x7f])));
    expect(m.types).toEqual([
      { params: [0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f], results: [] },
      { params: [], results: [0x7f, 0x7f] },
    ]);
  });
  it('rejects a form other than 0x60', () => {
    // 0x5f/0x5e are GC's struct/array (refused by name); 0x5d is no composite type at all
    const e = errorOf(() => decodeModule(mod(sec(1, [1, 0x5d, 0, 0]))));
    expect(e.message).toMatch(/malformed function type/);
    expect(e.offset).toBe(11);
  });
  it('rejects malformed value types', () => {
    for (const t of [0x00, 0x40, 0x7a, 0x80]) {
      expect(() => decodeModule(mod(sec(1, [1, 0x60, 1, t, 0])))).toThrow(/malformed value type/);
    }
  });
  it('decodes GC reference types (nullref, anyref) as parameters', () => {
    for (const t of [0x71, 0x6e]) expect(decodeModule(mod(sec(1, [1, 0x60, 1, t, 0]))).types[0]!.params).toEqual([t]);
  });
  it('decodes struct types with packed and mutable fields, and array types', () => {
    // (struct (field i8) (field (mut i64))) (array (mut i16))
    const m = decodeModule(mod(sec(1, [2, 0x5f, 2, 0x78, 0, 0x7e, 1, 0x5e, 0x77, 1])));
    expect(m.typeDefs[0]!.fields).toEqual([{ type: 0x78, mutable: false }, { type: 0x7e, mutable: true }]);
    expect(m.typeDefs[1]!.fields).toEqual([{ type: 0x77, mutable: true }]);
    expect(() => decodeModule(mod(sec(1, [1, 0x5e, 0x7f, 2])))).toThrow(/malformed mutability/);
  });
});

describe('import section', () => {
  it('decodes the four import kinds', () => {
    const m = decodeModule(
      mod(
        sec(2, [
          4,
          ...str('env'), ...str('f'), 0x00, 3,
          ...str('env'), ...str('t'), 0x01, 0x6f, 0x01, 1, 10,
          ...str('env'), ...str('m'), 0x02, 0x00, 2,
          ...str('env'), ...str('g'), 0x03, 0x7e, 0x01,
        ]),
      ),
    );
    expect(m.imports).toEqual([
      { module: 'env', name: 'f', desc: { kind: ExternKind.Func, typeIndex: 3 } },
      { module: 'env', name: 't', desc: { kind: ExternKind.Table, type: { elem: 0x6f, limits: { min: 1, max: 10 } } } },
      { module: 'env', name: 'm', desc: { kind: ExternKind.Memory, type: { limits: { min: 2, max: undefined }, shared: false } } },
      { module: 'env', name: 'g', desc: { kind: ExternKind.Global, type: { type: 0x7e, mutable: true } } },
    ]);
  });
  it('rejects malformed import kinds', () => {
    // 0x04 is a tag (exception handling)
    for (const k of [0x05, 0x80]) {
      const e = errorOf(() => decodeModule(mod(sec(2, [1, ...str('a'), ...str('b'), k, 0]))));
      expect(e.message).toMatch(/malformed import kind/);
      expect(e.section).toBe('import');
      expect(e.offset).toBe(8 + 2 + 1 + 4);
    }
  });
});

describe('global section', () => {
  it('decodes global types', () => {
    const m = decodeModule(mod(sec(6, [2, 0x7d, 0x00, 0x43, 0, 0, 0, 0, 0x0b, 0x6f, 0x01, 0xd0, 0x6f, 0x0b])));
    expect(m.globals.map((g) => g.type)).toEqual([
      { type: 0x7d, mutable: false },
      { type: 0x6f, mutable: true },
    ]);
  });
  it('rejects malformed mutability', () => {
    for (const mut of [0x02, 0xff]) {
      expect(() => decodeModule(mod(sec(6, [1, 0x7f, mut, 0x41, 0, 0x0b])))).toThrow(/malformed mutability/);
      expect(() => decodeModule(mod(sec(2, [1, ...str('a'), ...str('b'), 0x03, 0x7f, mut])))).toThrow(/malformed mutability/);
    }
  });
});

describe('export section', () => {
  it('decodes exports of each kind', () => {
    const m = decodeModule(mod(sec(7, [4, ...str('f'), 0, 1, ...str('t'), 1, 0, ...str('m'), 2, 0, ...str('g'), 3, ...leb(1000)])));
    expect(m.exports).toEqual([
      { name: 'f', kind: ExternKind.Func, index: 1 },
      { name: 't', kind: ExternKind.Table, index: 0 },
      { name: 'm', kind: ExternKind.Memory, index: 0 },
      { name: 'g', kind: ExternKind.Global, index: 1000 },
    ]);
  });
  it('rejects malformed export kinds', () => {
    expect(() => decodeModule(mod(sec(7, [1, ...str('x'), 5, 0])))).toThrow(/malformed export kind/);
  });
  it('leaves duplicate names to the validator', () => {
    expect(decodeModule(mod(sec(7, [2, ...str('x'), 0, 0, ...str('x'), 0, 1]))).exports.length).toBe(2);
  });
});
