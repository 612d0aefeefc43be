/**
 * The JS API for memory64 and table64: `address: 'i64'` descriptors take bigint sizes, grow and
 * length answer in bigints, a number where a bigint belongs is a TypeError, and an i64 memory or
 * table imports only where the module wants that address type.
 */
import { describe, expect, it } from 'vitest';
import { WebAssembly as WA } from '../core/index.js';
import { wat } from './helpers/wat.js';

describe('JS API: memory64 and table64 descriptors', () => {
  it('makes an i64 memory with bigint sizes', () => {
    const m = new WA.Memory({ address: 'i64', initial: 1n, maximum: 2n });
    expect(m.buffer.byteLength).toBe(65536);
    expect(m.grow(1n)).toBe(1n);
    expect(m.buffer.byteLength).toBe(2 * 65536);
    expect(() => m.grow(1n)).toThrow(RangeError);
    expect(() => m.grow(1 as unknown as bigint)).toThrow(TypeError);
  });

  it('refuses numbers, bad address types and sizes over 2^48 pages', () => {
    expect(() => new WA.Memory({ address: 'i64', initial: 1 })).toThrow(TypeError);
    expect(() => new WA.Memory({ address: 'i128' as 'i64', initial: 1n })).toThrow(TypeError);
    expect(() => new WA.Memory({ address: 'i64', initial: (1n << 48n) + 1n })).toThrow(RangeError);
    expect(() => new WA.Memory({ address: 'i64', initial: 2n, maximum: 1n })).toThrow(RangeError);
    expect(() => new WA.Memory({ address: 'i64', initial: -1n })).toThrow(TypeError);
  });

  it('makes an i64 table with bigint length, indices and grow', () => {
    const t = new WA.Table({ element: 'externref', address: 'i64', initial: 2n, maximum: 4n });
    expect(t.length).toBe(2n);
    t.set(1n, 'x');
    expect(t.get(1n)).toBe('x');
    expect(t.grow(2n, 'y')).toBe(2n);
    expect(t.length).toBe(4n);
    expect(t.get(3n)).toBe('y');
    expect(() => t.get(4n)).toThrow(RangeError);
    expect(() => t.get(1 as unknown as bigint)).toThrow(TypeError);
    expect(() => t.grow(1n)).toThrow(RangeError);
  });

  it('links an i64 memory only to an i64 import', () => {
    const m64 = new WA.Memory({ address: 'i64', initial: 1n });
    const m32 = new WA.Memory({ initial: 1 });
    const want64 = new WA.Module(wat(`(module (import "e" "m" (memory i64 1)) (func (export "f") (result i64) (memory.size)))`, { memory64: true }));
    const want32 = new WA.Module(wat(`(module (import "e" "m" (memory 1)))`));
    const inst = new WA.Instance(want64, { e: { m: m64 } });
    expect((inst.exports['f'] as () => bigint)()).toBe(1n);
    expect(() => new WA.Instance(want64, { e: { m: m32 } })).toThrow(WA.LinkError);
    expect(() => new WA.Instance(want32, { e: { m: m64 } })).toThrow(WA.LinkError);
  });
});
