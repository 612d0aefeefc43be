/**
 * v128 at the API boundary: invokeRaw and callRawInto carry it as a 16-byte Uint8Array with the
 * lane bytes little-endian (as in memory), also between other values (a v128 takes two slots);
 * through the drop-in WebAssembly API a function whose type has a v128 (result included) is a
 * TypeError before it runs, and so is a v128 global's value.
 */
import { describe, expect, it } from 'vitest';
import { compile, instantiate, invokeRaw, Store, WebAssembly as WA } from '../core/index.js';
import { wat } from './helpers/wat.js';

const bytes = wat(`(module
  (global $ran (export "ran") (mut i32) (i32.const 0))
  (func (export "add") (param i32 v128 v128 i64) (result i64 v128 i32)
    (local.get 3)
    (i32x4.add (local.get 1) (local.get 2))
    (local.get 0))
  (func (export "lane") (param v128) (result i32) (i32x4.extract_lane 1 (local.get 0)))
  (func (export "make") (result v128) (global.set $ran (i32.const 1)) (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15))
  (global (export "g") v128 (v128.const i32x4 1 2 3 4)))`);

const v = (...lanes: number[]) => new Uint8Array(new Uint32Array(lanes).buffer);

describe('v128 through the native API', () => {
  const store = new Store();
  const inst = instantiate(store, compile(bytes), []);
  const fn = (n: string) => {
    const e = inst.exports.get(n);
    if (e?.kind !== 'func') throw new Error(n);
    return e.value;
  };

  it('invokeRaw takes and returns 16 little-endian bytes, between other values', () => {
    const r = invokeRaw(store, fn('add'), [7, v(1, 2, 3, 0xffffffff), v(10, 20, 30, 1), -5n]);
    expect(r).toEqual([-5n, v(11, 22, 33, 0), 7]);
    expect(r[1]).toBeInstanceOf(Uint8Array);
    // lane 1 is bytes 4..7, least significant first
    expect(invokeRaw(store, fn('lane'), [new Uint8Array([0, 0, 0, 0, 0x78, 0x56, 0x34, 0x12, 0, 0, 0, 0, 0, 0, 0, 0])])).toEqual([0x12345678]);
    expect(invokeRaw(store, fn('make'), [])).toEqual([new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])]);
  });

  it('callRawInto puts each value at its own slots', () => {
    const out: unknown[] = [];
    store.callRawInto(fn('add'), [9, v(5, 6, 7, 8), v(1, 1, 1, 1), 3n], out);
    expect(out).toEqual([3n, v(6, 7, 8, 9), 9]);
  });

  it('refuses a v128 that is not 16 bytes', () => {
    expect(() => invokeRaw(store, fn('lane'), [new Uint8Array(8)])).toThrow(TypeError);
    expect(() => invokeRaw(store, fn('lane'), [[1, 2, 3, 4]])).toThrow(/16-byte Uint8Array/);
  });
});

describe('v128 through the drop-in WebAssembly API', () => {
  const inst = new WA.Instance(new WA.Module(bytes));
  const e = inst.exports as Record<string, unknown>;

  it('a call of a function with a v128 in its type is a TypeError before it runs', () => {
    expect(() => (e['lane'] as Function)(v(1, 2, 3, 4))).toThrow(TypeError);
    expect(() => (e['make'] as Function)()).toThrow(TypeError);
    expect((e['ran'] as InstanceType<typeof WA.Global>).value).toBe(0);
  });

  it('a v128 global has no JS value', () => {
    expect(() => (e['g'] as InstanceType<typeof WA.Global>).value).toThrow(TypeError);
    expect(() => new WA.Global({ value: 'v128' as 'i32' }, 0)).toThrow(TypeError);
  });
});
