// Data segments: flags 0 (active, memory 0), 1 (passive) and 2 (active, explicit memory), bytes
// kept as a view into the module, and the malformed cases.
import { describe, expect, it } from 'vitest';
import { CompileError } from '../core/errors.js';
import { decodeModule } from '../core/decode/index.js';
import { SegmentMode } from '../core/types.js';

// --- tiny module builder (same shape in each decode-*.test.ts) ---
const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sec = (id: number, ...content: number[][]): number[] => {
  const body = content.flat();
  return [id, ...leb(body.length), ...body];
};
const mod = (...sections: number[][]): Uint8Array => new Uint8Array([...HEADER, ...sections.flat()]);
const errorOf = (f: () => unknown): CompileError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    return e as CompileError;
  }
  throw new Error('expected a CompileError');
};

describe('data segments', () => {
  it('decodes the three encodings', () => {
    const bytes = mod(
      sec(11, [3, 0x00, 0x41, 16, 0x0b, 2, 0xaa, 0xbb, 0x01, 1, 0xcc, 0x02, 1, 0x23, 0, 0x0b, 0]),
    );
    const m = decodeModule(bytes);
    expect(m.datas.map((d) => [d.mode, d.memory, d.offset?.map((i) => [i.op, i.imm]), [...d.bytes]])).toEqual([
      [SegmentMode.Active, 0, [[0x41, 16]], [0xaa, 0xbb]],
      [SegmentMode.Passive, 0, undefined, [0xcc]],
      [SegmentMode.Active, 1, [[0x23, 0]], []],
    ]);
    // the bytes are a view of the module, not a copy
    expect(m.datas[0]!.bytes.buffer).toBe(bytes.buffer);
  });
  it('rejects flags above 2', () => {
    for (const flags of [3, 4, 0x80]) {
      const e = errorOf(() => decodeModule(mod(sec(11, [1, ...leb(flags), 0, 0, 0, 0]))));
      expect(e.message).toMatch(new RegExp(`malformed data segment kind ${flags}`));
      expect(e.section).toBe('data');
    }
  });
  it('rejects segment bytes past the section', () => {
    expect(() => decodeModule(mod(sec(11, [1, 0x01, 5, 1, 2])))).toThrow(/unexpected end of section or function: 5 bytes declared but only 2 remain/);
  });
});
