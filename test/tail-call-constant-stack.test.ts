/**
 * A tail call reuses the caller's frame: a tail-recursive loop of 10 million iterations runs
 * under maxCallDepth 100 with the value-stack peak of one frame, through return_call and
 * return_call_indirect, plain and metered; out of fuel it suspends and resumes across the tail
 * calls with the same result; the same loop with an ordinary call exhausts the call stack.
 */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap, TrapCode } from '../core/index.js';
import { wat } from './helpers/wat.js';

const N = 10_000_000;
// n + (n - 1) + … + 1, counting down; `$odd`/`$even` bounce through the table
const SRC = `(module
  (type $t (func (param i64 i64) (result i64)))
  (table 2 funcref)
  (elem (i32.const 0) $loop_ind $bounce)
  (func $loop (export "loop") (param $n i64) (param $acc i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call $loop (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (local.get $n))))))
  (func $loop_ind (export "loop_ind") (param $n i64) (param $acc i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call_indirect (type $t) (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (local.get $n)) (i32.const 1)))))
  (func $bounce (param $n i64) (param $acc i64) (result i64)
    (local $pad f64) (local $pad2 i32)
    (return_call_indirect (type $t) (local.get $n) (local.get $acc) (i32.const 0)))
  (func $plain (export "plain") (param $n i64) (param $acc i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $acc))
      (else (call $plain (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (local.get $n)))))))`;
const mod = compile(wat(SRC, { tail_call: true }));
const want = (BigInt(N) * BigInt(N + 1)) / 2n;

describe('tail calls run in constant stack', () => {
  for (const metering of [false, true]) {
    for (const name of ['loop', 'loop_ind']) {
      it(`${name}, ${metering ? 'metered' : 'plain'}: 10M iterations under maxCallDepth 100`, () => {
        const store = new Store({ maxCallDepth: 100, metering });
        const inst = new Linker().instantiate(store, mod);
        expect(store.invoke(inst.func(name), BigInt(N), 0n)).toEqual([want]);
        expect(store.stats.peakCallDepth).toBe(1);
        // one frame: 2 params + at most 2 locals + a few operand slots, whatever N is
        expect(store.stats.peakStackBytes).toBeLessThanOrEqual(8 * 8);
      }, 120_000);
    }
  }

  it('the same loop with ordinary calls exhausts the call stack', () => {
    const store = new Store({ maxCallDepth: 100 });
    const inst = new Linker().instantiate(store, mod);
    let err: unknown;
    try {
      store.invoke(inst.func('plain'), 1000n, 0n);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Trap);
    expect((err as Trap).trap).toBe(TrapCode.CallStackExhausted);
  });

  it('suspends out of fuel and resumes across tail calls with the same result and fuel', () => {
    const n = 100_000;
    const total = (slice: number) => {
      const store = new Store({ maxCallDepth: 100, metering: true });
      const inst = new Linker().instantiate(store, mod);
      let given = slice;
      store.setFuel(slice);
      let r = store.callResumable(inst.func('loop_ind'), [BigInt(n), 0n]);
      let stops = 0;
      while (r.state === 'out_of_fuel') {
        stops++;
        store.addFuel(slice);
        given += slice;
        r = r.resume();
      }
      return { result: r.results[0], fuel: given - store.getFuel(), stops };
    };
    const once = total(1e12);
    expect(once.result).toBe((BigInt(n) * BigInt(n + 1)) / 2n);
    expect(once.stops).toBe(0);
    for (const slice of [13, 1000]) {
      const got = total(slice);
      expect(got.stops).toBeGreaterThan(0);
      expect(got.result).toBe(once.result);
      expect(got.fuel).toBe(once.fuel);
    }
  });
});
