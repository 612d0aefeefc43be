// Untrusted counts: a vector length that cannot fit in the bytes left fails at once with
// "length out of bounds" (byte vectors: "unexpected end"), without looping or allocating (a
// 4-billion count must not take minutes).
import { describe, expect, it } from 'vitest';
import { CompileError } from '../core/errors.js';
import { decodeModule } from '../core/decode/index.js';
import { leb, sec, mod } from './helpers/module-bytes.js';

const HUGE = leb(0xffffffff);
const TYPE = sec(1, [1, 0x60, 0, 0]);

describe('huge counts fail fast', () => {
  const cases: [string, Uint8Array][] = [
    ['types', mod(sec(1, HUGE))],
    ['params', mod(sec(1, [1, 0x60, ...HUGE]))],
    ['imports', mod(sec(2, HUGE))],
    ['functions', mod(sec(3, HUGE))],
    ['tables', mod(sec(4, HUGE))],
    ['memories', mod(sec(5, HUGE))],
    ['globals', mod(sec(6, HUGE))],
    ['exports', mod(sec(7, HUGE))],
    ['element segments', mod(sec(9, HUGE))],
    ['elements', mod(sec(9, [1, 0x01, 0x00, ...HUGE]))],
    ['function bodies', mod(TYPE, sec(3, [1, 0]), sec(10, HUGE))],
    ['local declarations', mod(TYPE, sec(3, [1, 0]), sec(10, [1, 6, ...HUGE, 0x0b]))],
    ['data segments', mod(sec(11, HUGE))],
    ['data bytes', mod(sec(11, [1, 0x01, ...HUGE]))],
    ['name bytes', mod(sec(7, [1, ...HUGE, 0, 0]))],
    ['custom name', mod(sec(0, HUGE))],
  ];
  it.each(cases)('%s', (_what, bytes) => {
    const t0 = performance.now();
    expect(() => decodeModule(bytes)).toThrow(/length out of bounds|unexpected end of section or function: 4294967295 bytes/);
    expect(performance.now() - t0).toBeLessThan(50);
  });
  it('names the section and the offset of the count', () => {
    try {
      decodeModule(mod(sec(1, HUGE)));
      expect.unreachable();
    } catch (e) {
      expect((e as CompileError).section).toBe('type');
      expect((e as CompileError).offset).toBe(10);
    }
  });
});
