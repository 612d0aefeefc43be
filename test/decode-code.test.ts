// The code section: body sizes, local declarations, and the [codeStart, codeEnd) range of each
// body's instructions, which the decoder records without parsing.
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../core/decode/index.js';
import { sec, mod, errorOf, body } from './helpers/module-bytes.js';

const TYPES = sec(1, [2, 0x60, 0, 0, 0x60, 2, 0x7f, 0x7e, 1, 0x7f]);

describe('function bodies', () => {
  it('records locals and the instruction range', () => {
    const b0 = body(0, 0x0b);
    const b1 = body(2, 3, 0x7f, 1, 0x7c, 0x20, 0, 0x0b);
    const bytes = mod(TYPES, sec(3, [2, 0, 1]), sec(10, [2, ...b0, ...b1]));
    const m = decodeModule(bytes);
    const countAt = bytes.length - (1 + b0.length + b1.length); // the code section's entry count
    expect(m.funcs).toEqual([0, 1]);
    expect(m.bodies[0]).toEqual({ locals: [], numLocals: 0, codeStart: countAt + 3, codeEnd: countAt + 4 });
    expect(m.bodies[1]).toEqual({
      locals: [
        { count: 3, type: 0x7f },
        { count: 1, type: 0x7c },
      ],
      numLocals: 4,
      codeStart: countAt + 1 + b0.length + 6,
      codeEnd: bytes.length,
    });
    expect([...bytes.subarray(m.bodies[1]!.codeStart, m.bodies[1]!.codeEnd)]).toEqual([0x20, 0, 0x0b]);
  });
  it('does not parse instructions', () => {
    const m = decodeModule(mod(TYPES, sec(3, [1, 0]), sec(10, [1, ...body(0, 0xff, 0xff)])));
    expect(m.bodies[0]!.codeEnd - m.bodies[0]!.codeStart).toBe(2);
  });
  it('rejects a body past the end of the section', () => {
    const e = errorOf(() => decodeModule(mod(TYPES, sec(3, [1, 0]), sec(10, [1, 5, 0, 0x0b]))));
    expect(e.message).toMatch(/length out of bounds/);
    expect(e.section).toBe('code');
  });
  it('rejects local declarations past the end of the body', () => {
    expect(() => decodeModule(mod(TYPES, sec(3, [1, 0]), sec(10, [1, 2, 2, 1, 0x7f, 1, 0x7e])))).toThrow(
      /length out of bounds: 2 local declarations/,
    );
    expect(() => decodeModule(mod(TYPES, sec(3, [1, 0]), sec(10, [1, 3, 1, 0x81, 0x80, 0x01, 0x7f])))).toThrow(/unexpected end of section or function/);
  });
  it('rejects a malformed local type', () => {
    expect(() => decodeModule(mod(TYPES, sec(3, [1, 0]), sec(10, [1, ...body(1, 1, 0x40, 0x0b)])))).toThrow(
      /malformed value type/,
    );
  });
  it('rejects a body that does not fill its section', () => {
    expect(() => decodeModule(mod(TYPES, sec(3, [1, 0]), sec(10, [1, ...body(0, 0x0b), 0x0b])))).toThrow(
      /section size mismatch/,
    );
  });
});
