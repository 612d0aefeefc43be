/**
 * Fuel spent by a nested call stays spent when its trap unwinds the caller: a host function that
 * re-enters the instance (binaryen's `call-export`) and lets the inner call's trap propagate leaves
 * the inner call's charges in the total, on every tier. (The interpreter used to write its own
 * stale fuel back over them while unwinding: seed5018 of the tier corpus, 226 vs 388.)
 */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap, type Tier } from '../core/compiled/index.js';
import { wat } from './helpers/wat.js';

const SRC = `(module
  (import "h" "reenter" (func $reenter))
  (func (export "inner") (local i32)
    (loop $l (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br_if $l (i32.lt_u (local.get 0) (i32.const 50))))
    unreachable)
  (func (export "outer") (result i32) (local i32)
    (loop $l (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br_if $l (i32.lt_u (local.get 0) (i32.const 20))))
    call $reenter
    local.get 0))`;

/** fuel used by `name`, with `reenter` calling `inner` (or doing nothing) */
function used(tier: Tier, name: string, reenter: boolean): number {
  const store = new Store({ tier, metering: true });
  store.setFuel(1e9);
  let inner: (() => void) | undefined;
  const inst = new Linker().func('h', 'reenter', { params: [], results: [] }, () => inner?.()).instantiate(store, compile(wat(SRC)));
  if (reenter) inner = () => void store.invoke(inst.func('inner'));
  try {
    store.invoke(inst.func(name));
  } catch (e) {
    if (!(e instanceof Trap)) throw e;
  }
  return 1e9 - store.getFuel();
}

describe('fuel of a nested call that traps through its caller', () => {
  for (const tier of ['interpreter', 'compiled', 'auto'] as const) {
    it(`${tier}: the total holds the inner call's fuel`, () => {
      const inner = used(tier, 'inner', false);
      const outerAlone = used(tier, 'outer', false);
      expect(inner).toBeGreaterThan(0);
      expect(used(tier, 'outer', true)).toBe(outerAlone + inner);
      expect(used(tier, 'outer', true)).toBe(used('interpreter', 'outer', true));
    });
  }
});
