/** A table bomb (huge table.grow or initial size) is refused by the table budget, not an OOM. */
import { describe, expect, it } from 'vitest';
import { compile, LimitError, Linker, Store } from '../core/index.js';
import { wat } from './helpers/wat.js';

describe('table budget', () => {
  it('returns -1 from table.grow beyond the budget', () => {
    const mod = compile(
      wat(`(module (table 1 funcref)
        (func (export "grow") (param i32) (result i32) ref.null func local.get 0 table.grow 0))`),
    );
    const store = new Store({ maxTableElements: 1000 });
    const inst = new Linker().instantiate(store, mod);
    expect(store.invoke(inst.func('grow'), 0x7fffffff)).toEqual([-1]);
    expect(store.invoke(inst.func('grow'), 999)).toEqual([1]);
    expect(store.invoke(inst.func('grow'), 1)).toEqual([-1]);
  });

  it('refuses an initial table larger than the budget', () => {
    const mod = compile(wat('(module (table 5000 funcref))'));
    expect(() => new Linker().instantiate(new Store({ maxTableElements: 1000 }), mod)).toThrow(LimitError);
  });
});
