// Data segments: flags 0 (active, memory 0), 1 (passive) and 2 (active, explicit memory), bytes
// kept as a view into the module, and the malformed cases.
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../core/decode/index.js';
import { SegmentMode } from '../core/types.js';
import { leb, sec, mod, errorOf } from './helpers/module-bytes.js';

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
