/**
 * GC heap limits at the edges: one object beyond MAX_GC_OBJECT_BYTES traps gc_heap_exhausted
 * even with no budget (never a host RangeError), and a constant expression that allocates past
 * the budget makes instantiation trap with the same kind.
 */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap, TrapCode } from '../core/index.js';
import { watGc } from './helpers/wat-gc.js';

const trapOf = (f: () => unknown): Trap => {
  try {
    f();
  } catch (e) {
    return e as Trap;
  }
  throw new Error('expected a trap');
};

describe('GC object and constant-expression limits', () => {
  it('an array of 2^32 - 1 i64 elements traps without a budget', () => {
    const mod = compile(watGc(`(module (type $a (array (mut i64)))
      (func (export "huge") (result i32) (array.len (array.new_default $a (i32.const -1)))))`));
    const store = new Store({ maxGcHeapBytes: Infinity });
    const t = trapOf(() => store.invoke(new Linker().instantiate(store, mod).func('huge')));
    expect(t).toBeInstanceOf(Trap);
    expect(t.trap).toBe(TrapCode.GcHeapExhausted);
  });

  it('a global initialised with an array over the budget traps at instantiation', () => {
    const mod = compile(watGc(`(module (type $a (array (mut i8)))
      (global (export "g") (ref $a) (array.new_default $a (i32.const 5000))))`));
    const t = trapOf(() => new Linker().instantiate(new Store({ maxGcHeapBytes: 4096 }), mod));
    expect(t).toBeInstanceOf(Trap);
    expect(t.kind).toBe('gc_heap_exhausted');
    // within the budget it instantiates
    expect(() => new Linker().instantiate(new Store({ maxGcHeapBytes: 8192 }), mod)).not.toThrow();
  });
});
