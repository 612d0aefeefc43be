/**
 * Direct calls between compiled functions (regs.ts's direct form: i32/f64 arguments as JS
 * arguments, one i32/f64 result as the return value, the caller's registers never leaving their JS
 * variables) behave as calls through the frame do on the interpreter: results (double bits
 * included) for every mix of argument and result kinds, fuel totals, out-of-fuel points and
 * resumes with the suspended frames several calls deep, async host calls under direct callers,
 * trap kinds and backtraces of traps in callees, and the call-depth limit; and the tier does
 * compile these call sites as direct calls (tierStats.directCalls).
 */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap, tierStats, type Tier } from '../core/compiled/index.js';
import { wat } from './helpers/wat.js';

const SRC = wat(`(module
  (import "h" "wait" (func $wait (param i32) (result i32)))
  (memory 1)
  (type $ii (func (param i32) (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $sq $leaf $mixed)
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  ;; i32 and f64 as JS arguments, i64 and f32 through the frame, two results through the frame
  (func $mix (param i32 i64 f64 f32) (result f64 i64)
    (f64.add (local.get 2) (f64.convert_i32_s (local.get 0)))
    (i64.add (local.get 1) (i64.trunc_f32_s (local.get 3))))
  (func $one64 (param i64) (result i64) (i64.mul (local.get 0) (i64.const 3)))
  (func $f32 (param f32 i32) (result f32) (f32.mul (local.get 0) (f32.convert_i32_s (local.get 1))))
  (func (export "mix") (param i32) (result f64) (local f64 i64)
    (call $mix (local.get 0) (i64.const 1000000000000) (f64.const 0.25) (f32.const 7.5))
    (local.set 2)
    (local.set 1)
    (f64.add (local.get 1)
      (f64.add (f64.convert_i64_s (call $one64 (local.get 2)))
        (f64.promote_f32 (call $f32 (f32.const 1.5) (local.get 0))))))
  ;; an f64 with a NaN payload into a parameter and back as the result
  (func $id (param f64) (result f64) (local.get 0))
  (func $neg (param f64) (result f64) (f64.neg (call $id (local.get 0))))
  (func (export "bits") (param i64) (result i64) (i64.reinterpret_f64 (call $neg (f64.reinterpret_i64 (local.get 0)))))
  (func $sq (type $ii) (i32.mul (local.get 0) (local.get 0)))
  (func $mixed (param f64) (result f64) (local.get 0))
  (func (export "ind") (param i32 i32) (result i32) (call_indirect (type $ii) (local.get 1) (local.get 0)))
  (func $leaf (param i32) (result i32) (i32.load (local.get 0)))
  (func $mid (param i32) (result i32) (i32.add (call $leaf (local.get 0)) (i32.const 1)))
  (func (export "deep") (param i32) (result i32) (i32.mul (call $mid (local.get 0)) (i32.const 3)))
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (call $down (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
  (func $w (param i32) (result i32) (i32.add (call $wait (local.get 0)) (call $fib (i32.const 10))))
  (func (export "viaWait") (param i32) (result i32) (local i32)
    (local.set 1 (call $fib (local.get 0)))
    (i32.add (local.get 1) (i32.mul (call $w (local.get 0)) (i32.const 2)))))`);

function load(tier: Tier, metering: boolean, wait: (x: number) => unknown = (x) => x * 10) {
  const store = new Store({ tier, metering });
  const sig = { params: ['i32'], results: ['i32'] } as const;
  const inst = new Linker().func('h', 'wait', sig, wait).instantiate(store, compile(SRC));
  return { store, inst };
}

function outcome(f: () => unknown[]): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    if (!(e instanceof Trap)) throw e;
    return { kind: e.kind, message: e.message, backtrace: e.backtrace };
  }
}

const CASES: [string, unknown[]][] = [
  ['fib', [20]],
  ['mix', [-3]],
  ['bits', [0x7ff4000000000123n]],
  ['bits', [-0x000c00000000abcdn]],
  ['ind', [0, 9]],
  ['ind', [1, 9]],
  ['ind', [2, 9]],
  ['ind', [7, 9]],
  ['deep', [16]],
  ['deep', [65536]],
  ['down', [1000]],
  ['down', [1_000_000]],
];

describe('direct calls between compiled functions', () => {
  for (const metering of [false, true]) {
    it(`results, traps, backtraces, fuel and depth as on the interpreter${metering ? ' (fuel)' : ''}`, () => {
      const before = tierStats.directCalls;
      const runs = (['interpreter', 'compiled', 'auto'] as const).map((tier) => {
        const { store, inst } = load(tier, metering);
        return CASES.map(([name, args]) => {
          store.setFuel(1e9);
          // twice: `auto` compiles a function on its second call
          outcome(() => store.invoke(inst.func(name), ...args));
          const r = outcome(() => store.invoke(inst.func(name), ...args));
          return { name, r, fuel: metering ? 1e9 - store.getFuel() : 0, depth: store.stats.peakCallDepth };
        });
      });
      expect(runs[1]).toEqual(runs[0]);
      expect(runs[2]).toEqual(runs[0]);
      const byName = (n: string, i = 0) => runs[0]!.filter((x) => x.name === n)[i]!.r as { ok?: unknown[]; kind?: string; backtrace?: unknown[] };
      expect(byName('fib').ok).toEqual([6765]);
      expect(byName('bits').ok).toEqual([-0x000bfffffffffeddn]);
      expect(byName('ind', 2).kind).toBe('indirect_call_type_mismatch');
      expect(byName('deep', 1).kind).toBe('out_of_bounds_memory');
      expect(byName('deep', 1).backtrace!.length).toBe(3);
      expect(byName('down').ok).toEqual([1000]);
      expect(byName('down', 1).kind).toBe('call_stack_exhausted');
      // on `compiled` alone: fib's two self calls, mix's three, bits's and $neg's, ind's call_indirect, deep's, $mid's, $down's
      expect(tierStats.directCalls - before).toBeGreaterThanOrEqual(11);
    });
  }

  it('out of fuel inside direct callees: same points, same fuel left, same result on resume', () => {
    const runs = (['interpreter', 'compiled'] as const).map((tier) => {
      const { store, inst } = load(tier, true);
      store.setFuel(977);
      let r = store.callResumable(inst.func('fib'), [18]);
      const left: number[] = [];
      while (r.state === 'out_of_fuel') {
        left.push(store.getFuel());
        store.setFuel(977);
        r = r.resume();
      }
      return { result: r.results, left, rest: store.getFuel() };
    });
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0]!.left.length).toBeGreaterThan(10);
    expect(runs[0]!.result).toEqual([2584]);
  });

  it('an async host call under direct callers resumes them all', async () => {
    const results = [];
    for (const tier of ['interpreter', 'compiled'] as const) {
      const { store, inst } = load(tier, true, (x: number) => new Promise((ok) => setTimeout(() => ok(x * 10), 1)));
      store.setFuel(1e9);
      // the first call compiles everything on `compiled`; the second runs compiled throughout
      const first = await store.invokeAsync(inst.func('viaWait'), [12]);
      const second = await store.invokeAsync(inst.func('viaWait'), [12]);
      results.push({ first, second, fuel: 1e9 - store.getFuel() });
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]!.first).toEqual([144 + (120 + 55) * 2]);
  });
});
