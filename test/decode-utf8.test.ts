// Names are UTF-8, strictly: overlong forms, surrogates, code points past U+10FFFF, stray and
// missing continuation bytes are "malformed UTF-8 encoding"; valid multi-byte text and a leading
// byte-order mark are kept exactly.
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../core/decode/index.js';
import { leb, str, sec, mod, errorOf } from './helpers/module-bytes.js';

const raw = (bytes: number[]): number[] => [...leb(bytes.length), ...bytes];
const importWithModule = (name: number[]) => mod(sec(2, [1, ...raw(name), ...str('f'), 0, 0]));
const importWithField = (name: number[]) => mod(sec(2, [1, ...str('m'), ...raw(name), 0, 0]));
const exportNamed = (name: number[]) => mod(sec(7, [1, ...raw(name), 0, 0]));
const customNamed = (name: number[]) => mod(sec(0, raw(name), [0xff, 0xfe]));

const MALFORMED: [string, number[]][] = [
  ['lone continuation byte', [0x80]],
  ['truncated 2-byte sequence', [0xc3]],
  ['overlong 2-byte NUL', [0xc0, 0x80]],
  ['overlong 2-byte', [0xc1, 0xbf]],
  ['overlong 3-byte', [0xe0, 0x80, 0xaf]],
  ['overlong 4-byte', [0xf0, 0x80, 0x80, 0xaf]],
  ['UTF-16 high surrogate', [0xed, 0xa0, 0x80]],
  ['UTF-16 low surrogate', [0xed, 0xbf, 0xbf]],
  ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ['5-byte form', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ['0xfe byte', [0xfe]],
  ['0xff byte', [0xff]],
  ['truncated 3-byte sequence before ASCII', [0xe2, 0x82, 0x61]],
  ['truncated 4-byte sequence', [0xf0, 0x9f, 0x98]],
];

describe('malformed UTF-8', () => {
  it.each(MALFORMED)('%s is rejected in every kind of name', (_label, bytes) => {
    for (const build of [importWithModule, importWithField, exportNamed, customNamed]) {
      const e = errorOf(() => decodeModule(build(bytes)));
      expect(e.message).toMatch(/malformed UTF-8 encoding/);
    }
  });
  it('reports the section and the offset of the name bytes', () => {
    const e = errorOf(() => decodeModule(customNamed([0x61, 0xc0, 0x80])));
    expect(e.section).toBe('custom');
    expect(e.offset).toBe(8 + 2 + 1);
  });
  it('is detected in long names too', () => {
    const long = new Array<number>(100).fill(0x61);
    long[90] = 0xc0;
    expect(() => decodeModule(exportNamed(long))).toThrow(/malformed UTF-8 encoding/);
  });
});

describe('valid UTF-8', () => {
  it('decodes multi-byte characters', () => {
    for (const s of ['é', '€', '😀', 'a\u0000b', '\uffff', '\u{10ffff}', 'x'.repeat(200) + 'é']) {
      expect(decodeModule(mod(sec(7, [1, ...str(s), 0, 0]))).exports[0]!.name).toBe(s);
    }
  });
  it('keeps a leading byte-order mark', () => {
    const m = decodeModule(importWithModule([0xef, 0xbb, 0xbf, 0x61]));
    expect(m.imports[0]!.module).toBe('\ufeffa');
    expect(decodeModule(customNamed([0xef, 0xbb, 0xbf])).customs[0]!.name).toBe('\ufeff');
  });
  it('does not require custom section contents to be UTF-8', () => {
    expect([...decodeModule(customNamed([0x61])).customs[0]!.bytes]).toEqual([0xff, 0xfe]);
  });
});
