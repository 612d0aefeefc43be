// LEB128 integers in the Reader: every value boundary of u32/s32/s33/s64, and the spec's malformed
// cases: too many bytes ("integer representation too long"), unused bits that are not zero or
// sign extension ("integer too large"), and running out of bytes ("unexpected end").
import { describe, expect, it } from 'vitest';
import { CompileError } from '../core/errors.js';
import { Reader } from '../core/decode/reader.js';

const read = <T>(bytes: number[], f: (r: Reader) => T): { value: T; pos: number } => {
  const r = new Reader(new Uint8Array(bytes));
  const value = f(r);
  return { value, pos: r.pos };
};
const fails = (bytes: number[], f: (r: Reader) => unknown, message: RegExp): void => {
  const r = new Reader(new Uint8Array(bytes));
  expect(() => f(r)).toThrow(message);
  expect(() => f(new Reader(new Uint8Array(bytes)))).toThrow(CompileError);
};
/** reference encoders (bigint, so they cannot share a bug with the reader) */
function uleb(v: bigint): number[] {
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return out;
}
function sleb(v: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
}

describe('u32', () => {
  it.each([0, 1, 0x7f, 0x80, 0x3fff, 0x4000, 0x1fffff, 0x200000, 0xfffffff, 0x10000000, 0x7fffffff, 0x80000000, 0xffffffff])(
    'reads %i',
    (v) => {
      const bytes = uleb(BigInt(v));
      expect(read(bytes, (r) => r.u32())).toEqual({ value: v, pos: bytes.length });
    },
  );
  it('accepts redundant zero padding up to 5 bytes', () => {
    expect(read([0x83, 0x80, 0x80, 0x80, 0x00], (r) => r.u32()).value).toBe(3);
  });
  it('rejects a 6th byte', () => fails([0x83, 0x80, 0x80, 0x80, 0x80, 0x00], (r) => r.u32(), /integer representation too long/));
  it('rejects set unused bits in the 5th byte', () => {
    fails([0xff, 0xff, 0xff, 0xff, 0x1f], (r) => r.u32(), /integer too large/);
    fails([0x80, 0x80, 0x80, 0x80, 0x70], (r) => r.u32(), /integer too large/);
  });
  it('rejects running off the end', () => {
    fails([], (r) => r.u32(), /unexpected end/);
    fails([0x80, 0x80], (r) => r.u32(), /unexpected end/);
  });
});

describe('s32', () => {
  it.each([0, 1, -1, 63, 64, -64, -65, 8191, -8192, 0x7fffffff, -0x80000000, 0x12345678, -0x12345678])('reads %i', (v) => {
    const bytes = sleb(BigInt(v));
    expect(read(bytes, (r) => r.s32())).toEqual({ value: v, pos: bytes.length });
  });
  it('accepts sign-extension padding up to 5 bytes', () => {
    expect(read([0xff, 0xff, 0xff, 0xff, 0x7f], (r) => r.s32()).value).toBe(-1);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x00], (r) => r.s32()).value).toBe(0);
  });
  it('rejects a 6th byte', () => fails([0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], (r) => r.s32(), /integer representation too long/));
  it('rejects unused bits that are not the sign extension', () => {
    fails([0xff, 0xff, 0xff, 0xff, 0x4f], (r) => r.s32(), /integer too large/); // negative value, unused bits 100
    fails([0x80, 0x80, 0x80, 0x80, 0x70], (r) => r.s32(), /integer too large/); // positive value, unused bits set
    fails([0x80, 0x80, 0x80, 0x80, 0x08], (r) => r.s32(), /integer too large/); // 2^31 does not fit
  });
  it('rejects running off the end', () => fails([0xff], (r) => r.s32(), /unexpected end/));
});

describe('s33', () => {
  it.each([0, -1, 0x40, -0x40, 0x7fffffff, 0x80000000, 0xffffffff, -0x80000000, -0x100000000])('reads %i', (v) => {
    const bytes = sleb(BigInt(v));
    expect(read(bytes, (r) => r.s33())).toEqual({ value: v, pos: bytes.length });
  });
  it('rejects unused bits that are not the sign extension', () => {
    fails([0x80, 0x80, 0x80, 0x80, 0x20], (r) => r.s33(), /integer too large/);
    fails([0xff, 0xff, 0xff, 0xff, 0x5f], (r) => r.s33(), /integer too large/);
  });
  it('rejects a 6th byte', () => fails([0x80, 0x80, 0x80, 0x80, 0x80, 0x00], (r) => r.s33(), /integer representation too long/));
});

describe('s64', () => {
  const values = [
    0n, 1n, -1n, 63n, -64n, 64n, -65n, 2n ** 31n, -(2n ** 31n), 2n ** 48n - 1n, 2n ** 48n, -(2n ** 48n), -(2n ** 48n) - 1n,
    2n ** 55n, -(2n ** 56n), 2n ** 62n, 2n ** 63n - 1n, -(2n ** 63n), 0x0123456789abcdefn, -0x0123456789abcdefn,
  ];
  it.each(values)('reads %s', (v) => {
    const bytes = sleb(v);
    expect(read(bytes, (r) => r.s64())).toEqual({ value: v, pos: bytes.length });
  });
  it('accepts padding up to 10 bytes', () => {
    expect(read([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], (r) => r.s64()).value).toBe(-1n);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], (r) => r.s64()).value).toBe(0n);
  });
  it('rejects an 11th byte', () => {
    fails([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], (r) => r.s64(), /integer representation too long/);
  });
  it('rejects unused bits in the 10th byte that are not the sign extension', () => {
    fails([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], (r) => r.s64(), /integer too large/); // 2^63
    fails([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7e], (r) => r.s64(), /integer too large/);
  });
  it('rejects running off the end', () => fails([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80], (r) => r.s64(), /unexpected end/));
});

describe('randomised round trips', () => {
  let seed = 12345;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  it('u32, s32, s33 and s64 agree with a bigint reference encoder', () => {
    for (let i = 0; i < 2000; i++) {
      const u = next() >>> (next() % 32);
      expect(read(uleb(BigInt(u)), (r) => r.u32()).value).toBe(u);
      const s = next() | 0;
      expect(read(sleb(BigInt(s)), (r) => r.s32()).value).toBe(s);
      const s33 = (s % 2 === 0 ? 1 : -1) * (next() * 2 + (s & 1));
      if (s33 >= -(2 ** 32) && s33 < 2 ** 32) expect(read(sleb(BigInt(s33)), (r) => r.s33()).value).toBe(s33);
      const s64 = BigInt.asIntN(64, (BigInt(next()) << 32n) | BigInt(next())) >> BigInt(next() % 64);
      expect(read(sleb(s64), (r) => r.s64()).value).toBe(s64);
    }
  });
});

describe('reads stop at end', () => {
  it('a value crossing the reader end is an unexpected end even if more bytes follow', () => {
    const r = new Reader(new Uint8Array([0x80, 0x80, 0x01]), 0, 2, 'type');
    expect(() => r.u32()).toThrow(/unexpected end of section or function \(section type, at byte 0x2\)/);
  });
});
