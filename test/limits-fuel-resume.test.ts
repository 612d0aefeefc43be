/**
 * Resuming after out-of-fuel gives the same results and the same total fuel as an uninterrupted
 * run, however often execution is interrupted (checked on a real C workload).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store } from '../core/index.js';

const mod = compile(readFileSync('bench/wasm/coremarkish.wasm'));

function uninterrupted(n: number): { result: unknown; fuel: number } {
  const store = new Store({ metering: true });
  const inst = new Linker().instantiate(store, mod);
  store.setFuel(1e12);
  const [result] = store.invoke(inst.func('run'), n);
  return { result, fuel: 1e12 - store.getFuel() };
}

function interrupted(n: number, slice: number): { result: unknown; fuel: number; stops: number } {
  const store = new Store({ metering: true });
  const inst = new Linker().instantiate(store, mod);
  let given = slice;
  store.setFuel(slice);
  let r = store.callResumable(inst.func('run'), [n]);
  let stops = 0;
  while (r.state === 'out_of_fuel') {
    stops++;
    store.addFuel(slice);
    given += slice;
    r = r.resume();
  }
  return { result: r.results[0], fuel: given - store.getFuel(), stops };
}

describe('resumable fuel', () => {
  it('matches an uninterrupted run for several slice sizes', () => {
    const want = uninterrupted(3);
    expect(want.fuel).toBeGreaterThan(10_000);
    for (const slice of [7, 997, 50_000]) {
      const got = interrupted(3, slice);
      expect(got.result).toBe(want.result);
      expect(got.fuel).toBe(want.fuel);
      expect(got.stops).toBeGreaterThan(0);
    }
  });
});
