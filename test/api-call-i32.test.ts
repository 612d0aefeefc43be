/**
 * The allocation-free calls for hosts: Store.callI32 for (i32*) -> (i32?) callbacks (same results,
 * traps, fuel accounting and limits as invokeRaw, re-entrant from host functions, a clear
 * TypeError for other types) and Store.callRawInto for any signature, results into the caller's array.
 */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap, TrapCode } from '../core/index.js';
import { wat } from './helpers/wat.js';

const mod = compile(
  wat(`(module
    (import "env" "back" (func $back (param i32) (result i32)))
    (global $g (mut i32) (i32.const 0))
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "set") (param i32) (global.set $g (local.get 0)))
    (func (export "get") (result i32) (global.get $g))
    (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
    (func (export "spin") (param i32) (result i32) (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))) (local.get 0))
    (func (export "outer") (param i32) (result i32) (i32.add (call $back (local.get 0)) (i32.const 1000)))
    (func (export "f64") (param f64) (result f64) (local.get 0)))`),
);

function setup(limits: ConstructorParameters<typeof Store>[0] = {}) {
  const store = new Store(limits);
  const box: { inst?: ReturnType<Linker['instantiate']> } = {};
  box.inst = new Linker()
    .func('env', 'back', { params: ['i32'], results: ['i32'] }, (x: number) => store.callI32(box.inst!.func('add'), [x, 5]))
    .instantiate(store, mod);
  return { store, inst: box.inst };
}

describe('Store.callI32', () => {
  it('returns the i32 result, wrapping like Wasm, and 0 for functions without one', () => {
    const { store, inst } = setup();
    expect(store.callI32(inst.func('add'), [0x7fffffff, 1])).toBe(-0x80000000);
    expect(store.callI32(inst.func('set'), [42])).toBe(0);
    expect(store.callI32(inst.func('get'), [])).toBe(42);
  });

  it('traps like invokeRaw and leaves the store usable', () => {
    const { store, inst } = setup();
    expect(() => store.callI32(inst.func('div'), [1, 0])).toThrow(Trap);
    expect(store.callI32(inst.func('div'), [9, 3])).toBe(3);
    expect(store.machine.sp).toBe(0);
  });

  it('is re-entrant from host functions', () => {
    const { store, inst } = setup();
    expect(store.callI32(inst.func('outer'), [1])).toBe(1006);
    expect(store.machine.depth).toBe(0);
  });

  it('charges fuel and counts calls like other top-level calls', () => {
    const { store, inst } = setup({ metering: true });
    store.setFuel(1_000_000);
    store.resetStats();
    store.callI32(inst.func('spin'), [100]);
    const used = 1_000_000 - store.getFuel();
    expect(used).toBeGreaterThan(100);
    expect(store.stats.calls).toBe(1);
    expect(store.stats.fuelConsumed).toBe(used);
    store.setFuel(50);
    let err: unknown;
    try {
      store.callI32(inst.func('spin'), [1_000_000]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Trap);
    expect((err as Trap).trap).toBe(TrapCode.OutOfFuel);
  });

  it('refuses other function types and wrong argument counts with a TypeError', () => {
    const { store, inst } = setup();
    expect(() => store.callI32(inst.func('f64'), [1])).toThrow(/\(i32\*\) -> \(i32\?\), not \(f64\) -> \(f64\)/);
    expect(() => store.callI32(inst.func('add'), [1])).toThrow(/expected 2 arguments, got 1/);
  });
});

describe('Store.callRawInto', () => {
  it('writes exact results into the caller\'s array, for any signature', () => {
    const store = new Store();
    const inst = new Linker().instantiate(
      store,
      compile(wat(`(module (func (export "mix") (param i64 f64) (result f64 i64 i32)
        (local.get 1) (local.get 0) (i32.wrap_i64 (local.get 0))))`)),
    );
    const out: unknown[] = ['stale', 'stale', 'stale', 'stale'];
    store.callRawInto(inst.func('mix'), [-5n, 0x7ff4000000000001n], out);
    // f64 comes back as its exact bits (a signalling NaN survives), i64 as bigint
    expect(out).toEqual([0x7ff4000000000001n, -5n, -5]);
    expect(() => store.callRawInto(inst.func('mix'), [1n], out)).toThrow(/expected 2 arguments, got 1/);
  });
});
