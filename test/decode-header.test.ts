// The module header: the magic number "\0asm" and version 1, and what an empty module decodes to.
import { describe, expect, it } from 'vitest';
import { CompileError } from '../core/errors.js';
import { decodeModule } from '../core/decode/index.js';

const decode = (bytes: number[]) => decodeModule(new Uint8Array(bytes));

describe('module header', () => {
  it('decodes the empty module', () => {
    const m = decode([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    expect(m.types).toEqual([]);
    expect(m.funcs).toEqual([]);
    expect(m.bodies).toEqual([]);
    expect(m.start).toBeUndefined();
    expect(m.dataCount).toBeUndefined();
    expect(m.funcNames.size).toBe(0);
  });
  it('rejects a wrong magic number', () => {
    expect(() => decode([0x00, 0x61, 0x73, 0x6e, 0x01, 0x00, 0x00, 0x00])).toThrow(/magic header not detected/);
    expect(() => decode([0x77, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])).toThrow(/magic header not detected/);
  });
  it('rejects other versions', () => {
    expect(() => decode([0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00])).toThrow(/unknown binary version/);
    expect(() => decode([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x01])).toThrow(/unknown binary version/);
    // the component-model layer of "\0asm" is not a core module either
    expect(() => decode([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00])).toThrow(/unknown binary version/);
  });
  it('rejects truncated headers as an unexpected end', () => {
    for (const bytes of [[], [0x00], [0x00, 0x61, 0x73], [0x00, 0x61, 0x73, 0x6d], [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00]]) {
      expect(() => decode(bytes)).toThrow(/unexpected end/);
    }
  });
  it('throws CompileError with the byte offset', () => {
    try {
      decode([0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CompileError);
      expect((e as CompileError).offset).toBe(4);
      expect((e as CompileError).code).toBe('WASMLET_COMPILE');
    }
  });
});
