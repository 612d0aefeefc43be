/** An infinite loop under a fuel budget ends with a typed 'out of fuel' trap; the store stays usable. */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap, TrapCode } from '../core/index.js';
import { wat } from './helpers/wat.js';

const mod = compile(wat(`(module (func (export "spin") (loop br 0)) (func (export "one") (result i32) i32.const 1))`));

describe('fuel', () => {
  it('stops an infinite loop with out of fuel', () => {
    const store = new Store({ metering: true });
    const inst = new Linker().instantiate(store, mod);
    store.setFuel(10_000);
    try {
      store.invoke(inst.func('spin'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(Trap);
      expect((e as Trap).trap).toBe(TrapCode.OutOfFuel);
      expect((e as Trap).kind).toBe('out_of_fuel');
    }
    expect(store.getFuel()).toBeLessThan(10);
    store.setFuel(100);
    expect(store.invoke(inst.func('one'))).toEqual([1]);
    expect(store.getFuel()).toBe(99);
  });

  it('charges nothing in a store without metering', () => {
    const store = new Store();
    const inst = new Linker().instantiate(store, mod);
    store.setFuel(0);
    expect(store.invoke(inst.func('one'))).toEqual([1]);
  });
});
