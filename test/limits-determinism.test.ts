/** Same module, inputs and limits → same results, same fuel, same trap point. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap } from '../core/index.js';

const mod = compile(readFileSync('bench/wasm/sha256.wasm'));

function once(fuel: number): { out: string; left: number } {
  const store = new Store({ metering: true });
  const inst = new Linker().instantiate(store, mod);
  store.setFuel(fuel);
  try {
    return { out: String(store.invoke(inst.func('run'), 2)[0]), left: store.getFuel() };
  } catch (e) {
    return { out: `${(e as Trap).kind}@${(e as Trap).backtrace[0]?.offset}`, left: store.getFuel() };
  }
}

describe('determinism', () => {
  it('repeats results, fuel and trap points exactly', () => {
    for (const fuel of [1e9, 5000, 123_457]) {
      expect(once(fuel)).toEqual(once(fuel));
    }
    expect(once(5000).out).toMatch(/^out_of_fuel@\d+$/);
  });
});
