/**
 * Custom page sizes: a memory of 1-byte pages holds exactly what it declares (4,096 bytes, not
 * 64 KiB); memory.size and memory.grow count its pages; loads and stores are bounds-checked at its
 * byte size; maxMemoryBytes and a device-sized budget apply in bytes; page sizes other than 1 and
 * 65536 are invalid, and WASM_2_0_FEATURES refuses the encoding.
 */
import { describe, expect, it } from 'vitest';
import { compile, CompileError, Linker, Store, Trap, WASM_2_0_FEATURES } from '../core/index.js';
import { body, leb, mod, sec, str } from './helpers/module-bytes.js';

/** (memory (export "mem") min max (pagesize 2^log2)) with size/grow/load8/store8 on it */
function module(min: number, max: number, log2: number): Uint8Array {
  const I32 = 0x7f;
  return mod(
    sec(1, [3, 0x60, 0, 1, I32, 0x60, 1, I32, 1, I32, 0x60, 2, I32, I32, 0]),
    sec(3, [4, 0, 1, 1, 2]),
    sec(5, [1, 0x09, ...leb(min), ...leb(max), ...leb(log2)]),
    sec(7, [5, ...str('mem'), 2, 0, ...str('size'), 0, 0, ...str('grow'), 0, 1, ...str('load8'), 0, 2, ...str('store8'), 0, 3]),
    sec(
      10,
      [4],
      body(0, 0x3f, 0, 0x0b), // memory.size
      body(0, 0x20, 0, 0x40, 0, 0x0b), // memory.grow
      body(0, 0x20, 0, 0x2d, 0, 0, 0x0b), // i32.load8_u
      body(0, 0x20, 0, 0x20, 1, 0x3a, 0, 0, 0x0b), // i32.store8
    ),
  );
}

describe('custom page sizes', () => {
  it('gives a memory of exactly 4,096 bytes that grows byte by byte', () => {
    const m = compile(module(4096, 4100, 0));
    const store = new Store();
    const inst = new Linker().instantiate(store, m);
    expect(store.invoke(inst.func('size'))).toEqual([4096]);
    expect(store.stats.memoryBytes).toBe(4096);
    store.invoke(inst.func('store8'), 4095, 7);
    expect(store.invoke(inst.func('load8'), 4095)).toEqual([7]);
    expect(() => store.invoke(inst.func('load8'), 4096)).toThrow(Trap);
    expect(store.invoke(inst.func('grow'), 3)).toEqual([4096]);
    expect(store.invoke(inst.func('size'))).toEqual([4099]);
    expect(store.invoke(inst.func('load8'), 4098)).toEqual([0]);
    expect(store.invoke(inst.func('grow'), 2)).toEqual([-1]);
    expect(compile(module(4096, 4100, 0)).features).toContain('custom-page-sizes');
  });

  it('applies memory budgets in bytes', () => {
    const m = compile(module(4096, 100_000, 0));
    const store = new Store({ maxMemoryBytes: 6000 });
    const inst = new Linker().instantiate(store, m);
    expect(store.invoke(inst.func('grow'), 1904)).toEqual([4096]);
    expect(store.invoke(inst.func('grow'), 1)).toEqual([-1]);
    expect(() => new Linker().instantiate(new Store({ maxMemoryBytes: 4000 }), m)).toThrow(/initial size 4096 bytes \(4096 pages\) exceeds the memory budget of 4000 bytes/);
  });

  it('keeps 65536-byte pages when the page size is given as 2^16', () => {
    const store = new Store();
    const inst = new Linker().instantiate(store, compile(module(1, 2, 16)));
    expect(store.invoke(inst.func('size'))).toEqual([1]);
    expect(store.stats.memoryBytes).toBe(65536);
  });

  it('rejects other page sizes and, under WASM_2_0_FEATURES, the encoding', () => {
    expect(() => compile(module(1, 2, 12))).toThrow(CompileError);
    expect(() => compile(module(1, 2, 12))).toThrow(/invalid custom page size 2\^12/);
    expect(() => compile(module(4096, 4100, 0), { features: WASM_2_0_FEATURES })).toThrow(/page size needs the custom-page-sizes feature/);
  });
});
