// Limits of tables and memories (flags 0/1, memory flags 2/3 recorded as shared for the validator
// to reject, other flags malformed) and the implementation limits in DECODE_LIMITS, each failing
// with a message that names the limit.
import { describe, expect, it } from 'vitest';
import { decodeModule, DECODE_LIMITS } from '../core/decode/index.js';
import { HEADER, leb, str, sec, mod, errorOf } from './helpers/module-bytes.js';

describe('limits flags', () => {
  it('decodes memory limits with and without a maximum', () => {
    const m = decodeModule(mod(sec(5, [2, 0x00, 1, 0x01, 0, ...leb(65536)])));
    expect(m.memories).toEqual([
      { limits: { min: 1, max: undefined }, shared: false },
      { limits: { min: 0, max: 65536 }, shared: false },
    ]);
  });
  it('keeps u32 page counts above 65536 for the validator to reject', () => {
    const m = decodeModule(mod(sec(5, [1, 0x01, ...leb(0xffffffff), ...leb(0xffffffff)])));
    expect(m.memories[0]!.limits).toEqual({ min: 0xffffffff, max: 0xffffffff });
  });
  it('records memory flags 2 and 3 as shared', () => {
    const m = decodeModule(mod(sec(5, [2, 0x02, 1, 0x03, 1, 2])));
    expect(m.memories).toEqual([
      { limits: { min: 1, max: undefined }, shared: true },
      { limits: { min: 1, max: 2 }, shared: true },
    ]);
  });
  it('rejects other memory flags (4–7 are memory64, 8–11 carry a custom page size, see custom-page-sizes.test.ts)', () => {
    for (const flags of [0x10, 0x11, 0x80, 0x81]) {
      const e = errorOf(() => decodeModule(mod(sec(5, [1, flags, 0, 0]))));
      expect(e.message).toMatch(/malformed limits flags/);
      expect(e.message).toMatch(/integer too large/);
      expect(e.section).toBe('memory');
      expect(e.offset).toBe(8 + 3);
    }
  });
  it('decodes memory64 limits as u64', () => {
    const m = decodeModule(mod(sec(5, [1, 0x05, 1, ...leb(2 ** 40)])));
    expect(m.memories).toEqual([{ limits: { min: 1, max: 2 ** 40 }, shared: false, address64: true }]);
  });
  it('decodes table limits and rejects table flags other than 0, 1, 4 and 5', () => {
    const m = decodeModule(mod(sec(4, [2, 0x70, 0x00, 3, 0x6f, 0x01, 0, ...leb(0xffffffff)])));
    expect(m.tables).toEqual([
      { elem: 0x70, limits: { min: 3, max: undefined } },
      { elem: 0x6f, limits: { min: 0, max: 0xffffffff } },
    ]);
    for (const flags of [0x02, 0x03, 0x06, 0x08]) {
      expect(() => decodeModule(mod(sec(4, [1, 0x70, flags, 0, 0])))).toThrow(/malformed limits flags/);
    }
    // table64: u64 limits, no decode-time cap on the minimum (the table budget refuses it later)
    expect(decodeModule(mod(sec(4, [1, 0x70, 0x04, ...leb(2 ** 40)]))).tables).toEqual([{ elem: 0x70, limits: { min: 2 ** 40, max: undefined }, address64: true }]);
  });
  it('rejects a table whose element type is not a reference type', () => {
    expect(() => decodeModule(mod(sec(4, [1, 0x7f, 0x00, 0])))).toThrow(/malformed reference type/);
  });
  it('rejects overlong limits', () => {
    expect(() => decodeModule(mod(sec(5, [1, 0x00, 0x82, 0x80, 0x80, 0x80, 0x80, 0x00])))).toThrow(
      /integer representation too long/,
    );
    expect(() => decodeModule(mod(sec(5, [1, 0x00, 0x82, 0x80, 0x80, 0x80, 0x70])))).toThrow(/integer too large/);
  });
});

describe('DECODE_LIMITS', () => {
  it('is frozen and follows the JS API implementation limits', () => {
    expect(Object.isFrozen(DECODE_LIMITS)).toBe(true);
    expect(DECODE_LIMITS).toMatchObject({
      maxTypes: 1_000_000,
      maxFunctions: 1_000_000,
      maxImports: 100_000,
      maxExports: 100_000,
      maxGlobals: 1_000_000,
      maxDataSegments: 100_000,
      maxElementSegments: 10_000_000,
      maxFunctionBodySize: 7_654_321,
      maxLocals: 50_000,
      maxParams: 1_000,
      maxResults: 1_000,
      maxTableSize: 10_000_000,
      maxModuleSize: 2 ** 30,
    });
  });
  it('caps the initial table size but not the maximum', () => {
    const e = errorOf(() => decodeModule(mod(sec(4, [1, 0x70, 0x00, ...leb(10_000_001)]))));
    expect(e.message).toMatch(/table size: 10000001 exceeds the implementation limit of 10000000 \(DECODE_LIMITS.maxTableSize\)/);
    expect(decodeModule(mod(sec(4, [1, 0x70, 0x00, ...leb(10_000_000)]))).tables[0]!.limits.min).toBe(10_000_000);
    expect(decodeModule(mod(sec(2, [1, ...str('m'), ...str('t'), 1, 0x70, 0x01, 0, ...leb(0xffffffff)]))).imports.length).toBe(1);
    expect(() => decodeModule(mod(sec(2, [1, ...str('m'), ...str('t'), 1, 0x70, 0x00, ...leb(2 ** 31)])))).toThrow(
      /DECODE_LIMITS.maxTableSize/,
    );
  });
  it('caps parameters and results', () => {
    const params = (n: number) => sec(1, [1, 0x60, ...leb(n), ...new Array<number>(n).fill(0x7f), 0]);
    expect(decodeModule(mod(params(1000))).types[0]!.params.length).toBe(1000);
    expect(() => decodeModule(mod(params(1001)))).toThrow(/too many parameters: 1001 exceeds .*DECODE_LIMITS.maxParams/);
    const results = (n: number) => sec(1, [1, 0x60, 0, ...leb(n), ...new Array<number>(n).fill(0x7e)]);
    expect(decodeModule(mod(results(1000))).types[0]!.results.length).toBe(1000);
    expect(() => decodeModule(mod(results(1001)))).toThrow(/too many results: 1001 exceeds .*DECODE_LIMITS.maxResults/);
  });
  it('caps locals, parameters included', () => {
    const body = (runs: number[][]) => {
      const b = [...leb(runs.length), ...runs.flat(), 0x0b];
      return sec(10, [1, ...leb(b.length), ...b]);
    };
    const type = (nparams: number) => sec(1, [1, 0x60, ...leb(nparams), ...new Array<number>(nparams).fill(0x7f), 0]);
    const ok = decodeModule(mod(type(0), sec(3, [1, 0]), body([[...leb(25_000), 0x7f], [...leb(25_000), 0x7e]])));
    expect(ok.bodies[0]!.numLocals).toBe(50_000);
    expect(() => decodeModule(mod(type(0), sec(3, [1, 0]), body([[...leb(25_000), 0x7f], [...leb(25_001), 0x7e]])))).toThrow(
      /too many locals .*50001 exceeds .*DECODE_LIMITS.maxLocals/,
    );
    expect(() => decodeModule(mod(type(2), sec(3, [1, 0]), body([[...leb(49_999), 0x7f]])))).toThrow(/too many locals/);
    // the spec's own case: counts summing past 2^32
    expect(() =>
      decodeModule(mod(type(0), sec(3, [1, 0]), body([[...leb(0xffffffff), 0x7f], [...leb(0xffffffff), 0x7f]]))),
    ).toThrow(/too many locals/);
  });
  it('caps the function body size', () => {
    const size = leb(7_654_322);
    const e = errorOf(() => decodeModule(mod(sec(1, [1, 0x60, 0, 0]), sec(3, [1, 0]), sec(10, [1, ...size, 0, 0x0b]))));
    expect(e.message).toMatch(/body too large: 7654322 exceeds .*DECODE_LIMITS.maxFunctionBodySize/);
    expect(e.section).toBe('code');
  });
  it('caps section counts before reading their entries', () => {
    const cases: [number, number, RegExp][] = [
      [1, 1_000_001, /too many types.*maxTypes/],
      [2, 100_001, /too many imports.*maxImports/],
      [3, 1_000_001, /too many functions.*maxFunctions/],
      [4, 100_001, /too many tables.*maxTables/],
      [6, 1_000_001, /too many globals.*maxGlobals/],
      [7, 100_001, /too many exports.*maxExports/],
      [9, 10_000_001, /too many element segments.*maxElementSegments/],
      [11, 100_001, /too many data segments.*maxDataSegments/],
      [12, 100_001, /too many data segments.*maxDataSegments/],
    ];
    for (const [id, n, message] of cases) {
      // room for n entries, so the count fits the section's bytes and the limit is what fails
      const count = leb(n);
      const head = [...HEADER, id, ...leb(count.length + n * 4), ...count];
      const whole = new Uint8Array(head.length + n * 4);
      whole.set(head);
      expect(() => decodeModule(whole)).toThrow(message);
    }
  });
  it('counts imported functions towards the function limit', () => {
    const imports = 2;
    const importSec = sec(2, [imports, ...[0, 1].flatMap((i) => [...str('m'), ...str(`f${i}`), 0, 0])]);
    const n = 999_999;
    const funcSec = [3, ...leb(n + leb(n).length), ...leb(n), ...new Array<number>(n).fill(0)];
    expect(() => decodeModule(mod(sec(1, [1, 0x60, 0, 0]), importSec, funcSec))).toThrow(/1000001 exceeds .*maxFunctions/);
  });
});
