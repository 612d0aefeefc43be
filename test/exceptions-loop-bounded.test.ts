/**
 * 10^6 throw/catch iterations across a call run in constant frames: under a small maxCallDepth and
 * with fuel metering (fuel is charged and the result is exact), nothing accumulates per throw.
 */
import { expect, it } from 'vitest';
import { compile, instantiate, Store } from '../core/index.js';
import { wat } from './helpers/wat.js';

const src = `(module
  (tag $e (param i32))
  (func $thrower (param i32) (throw $e (local.get 0)))
  (func (export "run") (param $n i32) (result i32)
    (local $sum i32)
    (loop $l
      (block $h (result i32)
        (try_table (catch $e $h) (call $thrower (local.get $n)))
        (i32.const 0))
      (local.set $sum (i32.add (local.get $sum)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $sum)))`;

it('runs 10^6 throw/catch iterations under maxCallDepth 8 and a fuel limit', () => {
  const store = new Store({ metering: true, maxCallDepth: 8 });
  const inst = instantiate(store, compile(wat(src, { exceptions: true })), []);
  store.setFuel(100_000_000);
  const before = store.getFuel();
  const n = 1_000_000;
  expect(store.invokeRaw(inst.func('run'), [n])).toEqual([(n * (n + 1)) / 2 | 0]);
  expect(store.getFuel()).toBeLessThan(before - n);
  expect(store.stats.peakCallDepth).toBeLessThanOrEqual(2);
});
