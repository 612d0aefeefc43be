// Differential check against V8: mutate well-formed modules at random and require that whenever
// the decoder rejects a mutant, V8's WebAssembly.validate rejects it too, i.e. the decoder never
// refuses a module an engine accepts. (The converse does not hold: validation errors are found
// later, by the validator.) Exception: section id 13, V8's exception-handling tag section.
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../core/decode/index.js';
import { str, sec, mod, body } from './helpers/module-bytes.js';
import { WA } from './helpers/v8-oracle.js';

/** one module using every section and most encodings */
const RICH = mod(
  sec(1, [3, 0x60, 0, 0, 0x60, 2, 0x7f, 0x7e, 1, 0x7f, 0x60, 1, 0x6f, 0]),
  sec(2, [
    3,
    ...str('env'), ...str('f'), 0x00, 1,
    ...str('env'), ...str('t'), 0x01, 0x70, 0x01, 1, 10,
    ...str('env'), ...str('g'), 0x03, 0x7e, 0x00,
  ]),
  sec(3, [3, 0, 1, 2]),
  sec(4, [1, 0x70, 0x00, 4]),
  sec(5, [1, 0x01, 1, 2]),
  sec(6, [2, 0x7f, 0x01, 0x41, 0xc0, 0x00, 0x0b, 0x70, 0x00, 0xd2, 1, 0x0b]),
  sec(7, [3, ...str('main'), 0, 1, ...str('mem'), 2, 0, ...str('tab'), 1, 1]),
  sec(8, [1]),
  sec(9, [
    4,
    0x00, 0x41, 0, 0x0b, 2, 1, 2,
    0x01, 0x00, 1, 3,
    0x03, 0x00, 1, 1,
    0x06, 1, 0x41, 0, 0x0b, 0x70, 1, 0xd0, 0x70, 0x0b,
  ]),
  sec(12, [2]),
  sec(10, [
    3,
    ...body(0, 0x0b),
    ...body(1, 2, 0x7c, 0x20, 1, 0x42, 0xff, 0x00, 0x7c, 0x1a, 0x41, 0x00, 0x28, 0x02, 0x00, 0x0b),
    ...body(0, 0x0b),
  ]),
  sec(11, [2, 0x00, 0x41, 0x10, 0x0b, 3, 1, 2, 3, 0x01, 2, 0xaa, 0xbb]),
  sec(0, str('name'), [1, 11, 2, 1, ...str('main'), 2, ...str('ff')]),
);

describe('decoder versus V8', () => {
  it('the seed module is valid for both', () => {
    expect(WA.validate(RICH)).toBe(true);
    const m = decodeModule(RICH);
    expect(m.funcNames.get(1)).toBe('main');
    expect(m.bodies.length).toBe(3);
  });
  it('never rejects a mutant that V8 accepts', () => {
    let seed = 0x5eed;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const disagreements: string[] = [];
    let rejected = 0;
    for (let i = 0; i < 20_000; i++) {
      let m = RICH.slice();
      for (let k = 1 + rnd(3); k > 0; k--) {
        const p = 8 + rnd(m.length - 8);
        switch (rnd(4)) {
          case 0:
            m[p] = rnd(256);
            break;
          case 1:
            m[p]! ^= 1 << rnd(8);
            break;
          case 2:
            m = new Uint8Array([...m.subarray(0, p), ...m.subarray(p + 1)]);
            break;
          default:
            m = new Uint8Array([...m.subarray(0, p), rnd(256), ...m.subarray(p)]);
        }
      }
      let message: string | undefined;
      try {
        decodeModule(m);
      } catch (e) {
        message = (e as Error).message;
      }
      if (message === undefined) continue;
      rejected++;
      if (/malformed section id 13\b/.test(message)) continue;
      if (WA.validate(m)) disagreements.push(`${message}: ${Buffer.from(m).toString('hex')}`);
    }
    expect(disagreements).toEqual([]);
    expect(rejected).toBeGreaterThan(5_000);
  });
});
