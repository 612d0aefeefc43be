/**
 * Metering keeps bench/wasm/big.wasm (720 small functions called through a table) in the register
 * form, and its fuel is the interpreter's block by block: a call given B fuel runs out at the same
 * point with the same fuel left on both tiers, for budgets that stop it inside many different
 * callees (compiled frames suspend there; the interpreter resumes them to the same result).
 * run() clears its memory first, so every call of run(1) does the same work.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { compile, Linker, Store, tierStats, type Tier } from '../core/compiled/index.js';

const bytes = readFileSync(new URL('../bench/wasm/big.wasm', import.meta.url));
const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

function outcomes(tier: Tier, budgets: readonly number[]): { total: number; stops: [number, unknown][] } {
  const store = new Store({ metering: true, tier });
  const run = new Linker().instantiate(store, compile(bytes)).func('run');
  store.setFuel(1e12);
  store.invoke(run, 1); // compiles every function it reaches
  const total = 1e12 - store.getFuel();
  const stops = budgets.map((b): [number, unknown] => {
    store.setFuel(b);
    const r = store.callResumable(run, [1]);
    if (r.state !== 'out_of_fuel') return [-1, r.results[0]];
    const left = store.getFuel();
    store.setFuel(1e12);
    const done = r.resume();
    return [left, done.state === 'done' ? done.results[0] : done.state];
  });
  return { total, stops };
}

it('big under metering: all in register form; out of fuel at the same points as the interpreter', () => {
  const before = { registers: tierStats.registers, interpreted: tierStats.interpreted, fallbacks: sum(tierStats.fallbacks) };
  const probe = outcomes('interpreter', []);
  expect(probe.total).toBeGreaterThan(10_000);
  // budgets spread over the whole run, at odd offsets (a stride that is no multiple of a block's cost)
  const budgets = Array.from({ length: 60 }, (_, i) => 1 + Math.floor((probe.total * (i + 0.37)) / 60));
  const compiled = outcomes('compiled', budgets);
  expect(tierStats.interpreted - before.interpreted).toBe(0);
  expect(sum(tierStats.fallbacks) - before.fallbacks).toBe(0);
  // run and the 720 table functions it calls
  expect(tierStats.registers - before.registers).toBeGreaterThanOrEqual(721);
  const interpreted = outcomes('interpreter', budgets);
  expect(interpreted.stops.filter(([left]) => left >= 0).length).toBe(budgets.length);
  expect(compiled).toEqual(interpreted);
});
