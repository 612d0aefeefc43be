/**
 * The two tiers are one engine: on the bench programs (bench/wasm) the compiled tier gives the
 * interpreter's results and fuel totals, runs out of fuel at the same point with the same fuel
 * left (callResumable, then resume to the same result), and raises the same traps with the same
 * backtraces (function index and byte offset), deep recursion past the compiled tier's JS depth
 * included.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap, tierStats, type Tier } from '../core/compiled/index.js';
import { wat } from './helpers/wat.js';

const PROGRAMS: [string, number][] = [
  ['fib', 3],
  ['coremarkish', 20],
  ['sha256', 10],
  ['nbody', 2000],
  ['i64hash', 20000],
  ['qsort', 1],
  ['pid', 20000],
  ['headers', 10],
  ['big', 3],
];

function load(bytes: Uint8Array, tier: Tier, metering = true) {
  const store = new Store({ metering, tier });
  const inst = new Linker().instantiate(store, compile(bytes));
  return { store, inst };
}

describe('tier equivalence on the bench programs', () => {
  for (const [name, n] of PROGRAMS) {
    it(`${name}: same result and fuel total; out of fuel at the same point`, () => {
      const bytes = readFileSync(new URL(`../bench/wasm/${name}.wasm`, import.meta.url));
      const runs = (['interpreter', 'compiled'] as const).map((tier) => {
        const { store, inst } = load(bytes, tier);
        store.setFuel(1e12);
        const result = store.invoke(inst.func('run'), n)[0];
        return { result, fuel: 1e12 - store.getFuel() };
      });
      expect(runs[1]).toEqual(runs[0]);
      expect(runs[0]!.fuel).toBeGreaterThan(0);
      // a third of the fuel: both stop at the same block with the same fuel left, and resume alike
      const part = Math.floor(runs[0]!.fuel / 3);
      const resumed = (['interpreter', 'compiled'] as const).map((tier) => {
        const { store, inst } = load(bytes, tier);
        store.setFuel(part);
        let r = store.callResumable(inst.func('run'), [n]);
        const left: number[] = [];
        let slices = 0;
        while (r.state === 'out_of_fuel') {
          left.push(store.getFuel());
          store.setFuel(part);
          slices++;
          r = r.resume();
        }
        return { result: r.results[0], left, slices, rest: store.getFuel() };
      });
      expect(resumed[1]).toEqual(resumed[0]);
      expect(resumed[0]!.slices).toBeGreaterThanOrEqual(2);
      expect(resumed[0]!.result).toEqual(runs[0]!.result);
    });
  }
});

function trapOf(f: () => unknown): Trap {
  try {
    f();
  } catch (e) {
    if (e instanceof Trap) return e;
    throw e;
  }
  throw new Error('expected a trap');
}

describe('tier equivalence of traps', () => {
  const src = wat(`(module
    (memory 1)
    (func $load (param i32) (result i32) local.get 0 i32.load offset=8)
    (func $div (param i32) (result i32) i32.const 7 local.get 0 i32.div_s)
    (func $mid (param i32) (result i32) local.get 0 call $load local.get 0 call $div i32.add)
    (func (export "oob") (param i32) (result i32) local.get 0 call $mid)
    (func $rec (export "rec") (param i32) (result i32) local.get 0 i32.const 1 i32.add call $rec))`);
  for (const metering of [false, true]) {
    it(`same kind, message and backtrace${metering ? ' (fuel)' : ''}`, () => {
      const traps = (['interpreter', 'compiled'] as const).map((tier) => {
        const { store, inst } = load(src, tier, metering);
        const oob = trapOf(() => store.invoke(inst.func('oob'), 65536));
        const div = trapOf(() => store.invoke(inst.func('oob'), 0));
        // deeper than the compiled tier keeps on the JS stack: the rest runs interpreted
        const rec = trapOf(() => store.invoke(inst.func('rec'), 0));
        return [oob, div, rec].map((t) => ({ kind: t.kind, message: t.message, backtrace: t.backtrace, depth: store.stats.peakCallDepth }));
      });
      expect(traps[1]).toEqual(traps[0]);
      expect(traps[0]!.map((t) => t.kind)).toEqual(['out_of_bounds_memory', 'integer_divide_by_zero', 'call_stack_exhausted']);
      expect(traps[0]![0]!.backtrace.length).toBe(3);
      expect(tierStats.compiled).toBeGreaterThan(0);
    });
  }
});
