/**
 * i64 values in registers (core/compiled/regs.ts): a slot the IR uses as an i64 word pair is a
 * pair of int32 JS locals, written to the frame where the interpreter reads it. Checked against
 * the interpreter on code that meets every edge of that: i64 arithmetic, shifts and rotates by
 * variable counts (0, < 32, ≥ 32), compares, select, loads and stores, globals, calls with i64
 * arguments and results, `i32.wrap_i64` and the reinterprets (no op: the same slot read as
 * another type, NaN payloads included), ops served through the frame (division, conversions),
 * traps with their backtraces, and running out of fuel inside the loop then resuming. And the
 * generated code really keeps the pairs in locals: the hash loop reads no frame word.
 */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap, tierStats, type FuncInst, type Tier } from '../core/compiled/index.js';
import { generateRegs } from '../core/compiled/regs.js';
import { wat } from './helpers/wat.js';

const src = wat(`(module
  (memory 1)
  (global $g (mut i64) (i64.const 0x0123456789abcdef))
  (func $mix (param $h i64) (param $k i64) (result i64)
    (local.set $k (i64.mul (local.get $k) (i64.const 0x87c37b91114253d5)))
    (local.set $k (i64.rotl (local.get $k) (i64.const 31)))
    (local.set $h (i64.xor (local.get $h) (local.get $k)))
    (i64.add (i64.mul (i64.rotl (local.get $h) (i64.const 27)) (i64.const 5)) (i64.const 0x52dce729)))
  (func (export "hash") (param $n i32) (param $s i64) (result i64)
    (local $h i64) (local $i i32)
    (local.set $h (i64.const 0x9368e53c2f6af274))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $s (i64.add (local.get $s) (i64.const 0x9e3779b97f4a7c15)))
      (local.set $h (i64.xor (local.get $h) (i64.mul (i64.xor (local.get $s) (i64.shr_u (local.get $s) (i64.const 30))) (i64.const 0xbf58476d1ce4e5b9))))
      (local.set $h (i64.rotr (local.get $h) (i64.extend_i32_u (local.get $i))))
      (local.set $h (select (i64.shl (local.get $h) (i64.const 1)) (local.get $h) (i64.lt_s (local.get $h) (local.get $s))))
      (local.set $h (i64.sub (local.get $h) (i64.shr_s (local.get $s) (i64.extend_i32_s (i32.wrap_i64 (local.get $h))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $h))
  (func (export "run") (param $n i32) (param $seed i64) (result i64)
    (local $h i64) (local $i i32) (local $t i64)
    (local.set $h (local.get $seed))
    (block $done (loop $next
      (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $h (call $mix (local.get $h) (i64.extend_i32_s (local.get $i))))
      (i64.store offset=8 (i32.shl (i32.and (local.get $i) (i32.const 15)) (i32.const 3)) (local.get $h))
      (local.set $t (i64.load offset=8 (i32.shl (i32.and (i32.wrap_i64 (local.get $h)) (i32.const 15)) (i32.const 3))))
      (local.set $t (i64.add (local.get $t) (i64.add (i64.clz (local.get $h)) (i64.add (i64.ctz (local.get $t)) (i64.popcnt (local.get $h))))))
      (local.set $t (i64.add (local.get $t) (i64.load32_s (i32.const 12))))
      (local.set $t (i64.add (local.get $t) (i64.load16_u (i32.const 10))))
      (local.set $t (i64.add (local.get $t) (i64.load8_s (i32.const 9))))
      ;; unsigned division: through the frame (BigInt slots)
      (local.set $h (i64.xor (local.get $h) (i64.div_u (local.get $t) (i64.or (i64.shr_u (local.get $h) (i64.const 40)) (i64.const 1)))))
      (local.set $h (i64.xor (local.get $h) (i64.rem_s (local.get $t) (i64.const -7))))
      (global.set $g (i64.add (global.get $g) (local.get $h)))
      (if (i64.eqz (i64.and (local.get $h) (i64.const 3))) (then (local.set $h (i64.xor (local.get $h) (global.get $g)))))
      (if (i64.gt_u (local.get $h) (local.get $t)) (then (local.set $h (i64.shl (local.get $h) (i64.and (local.get $t) (i64.const 63))))))
      (local.set $h (i64.add (local.get $h) (i64.trunc_f64_s (f64.convert_i64_s (i64.shr_s (local.get $h) (i64.const 12))))))
      (local.set $h (i64.add (local.get $h) (i64.extend8_s (local.get $t))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i64.xor (local.get $h) (global.get $g)))
  ;; the same slot read as another type with no op between: words move unchanged, NaN payloads too
  (func (export "bits") (param $x i64) (result i64)
    (local $y i64)
    (local.set $y (i64.reinterpret_f64 (f64.reinterpret_i64 (local.get $x))))
    (local.set $y (i64.xor (local.get $y) (i64.reinterpret_f64 (f64.neg (f64.reinterpret_i64 (local.get $x))))))
    (i64.add (local.get $y) (i64.extend_i32_u (i32.reinterpret_f32 (f32.reinterpret_i32 (i32.wrap_i64 (local.get $x)))))))
  (func (export "nanbits") (param $x i64) (result i64)
    (i64.reinterpret_f64 (f64.copysign (f64.reinterpret_i64 (local.get $x)) (f64.const -1))))
  (func $div (param $a i64) (param $b i64) (result i64) (i64.div_s (local.get $a) (local.get $b)))
  (func (export "div") (param $a i64) (param $b i64) (result i64)
    (i64.add (call $div (local.get $a) (local.get $b)) (i64.const 1))))`);

function load(tier: Tier, metering: boolean) {
  const store = new Store({ tier, metering });
  const inst = new Linker().instantiate(store, compile(src));
  if (metering) store.setFuel(1e12);
  return { store, inst };
}

function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof Trap) return { kind: e.kind, message: e.message, backtrace: e.backtrace };
    throw e;
  }
}

const CALLS: [string, (number | bigint)[]][] = [
  ['hash', [1000, 0x0123456789abcdefn]],
  ['hash', [70, -1n]],
  ['run', [300, 0xfedcba9876543210n]],
  ['run', [5, 0n]],
  ['bits', [0x7ff4000000000001n]],
  ['bits', [-0x0000000000000001n]],
  ['bits', [0x3ff0000000000000n]],
  ['nanbits', [0x7ff0000000abcdefn]],
  ['div', [-0x8000000000000000n, 3n]],
  ['div', [7n, 0n]],
  ['div', [-0x8000000000000000n, -1n]],
];

function all(tier: Tier, metering: boolean) {
  const { store, inst } = load(tier, metering);
  return CALLS.map(([name, args]) => {
    const before = metering ? store.getFuel() : 0;
    const r = outcome(() => store.invoke(inst.func(name), ...args));
    return { name, r, fuel: metering ? before - store.getFuel() : 0 };
  });
}

describe('compiled tier: i64 in registers', () => {
  for (const metering of [false, true]) {
    it(`gives the interpreter's results, traps and backtraces${metering ? ' and fuel' : ''}`, () => {
      const interpreted = all('interpreter', metering);
      const before = { registers: tierStats.registers, interpreted: tierStats.interpreted, fallbacks: [...tierStats.fallbacks.values()].reduce((x, y) => x + y, 0) };
      expect(all('compiled', metering)).toEqual(interpreted);
      // every function ran on the register generator: none fell back to the switch form or the interpreter
      expect(tierStats.registers - before.registers).toBe(7);
      expect(tierStats.interpreted).toBe(before.interpreted);
      expect([...tierStats.fallbacks.values()].reduce((x, y) => x + y, 0)).toBe(before.fallbacks);
      const kinds = interpreted.map((x) => (x.r as { kind?: string }).kind).filter(Boolean);
      expect(kinds).toEqual(['integer_divide_by_zero', 'integer_overflow']);
      // the interpreter's own numbers, not something both tiers could agree on by accident
      // bits(x) = (x ^ -x as f64 bits) + low word of x: the sign bit plus 1, for a signalling NaN
      expect(interpreted[4]!.r).toEqual({ value: [-0x7fffffffffffffffn] });
    });
  }

  it('runs out of fuel inside the loop at the interpreter\'s point and resumes to its result', () => {
    const slices = (tier: Tier) => {
      const { store, inst } = load(tier, true);
      store.setFuel(997);
      let r = store.callResumable(inst.func('run'), [200, 0x5555aaaa5555aaaan]);
      const left: number[] = [];
      while (r.state === 'out_of_fuel') {
        left.push(store.getFuel());
        store.setFuel(997);
        r = r.resume();
      }
      return { results: r.results, left };
    };
    const interpreted = slices('interpreter');
    expect(interpreted.left.length).toBeGreaterThan(10);
    expect(slices('compiled')).toEqual(interpreted);
  });

  it('keeps the hash loop\'s i64 locals out of the frame', () => {
    const { inst } = load('interpreter', false);
    const fn = inst.func('hash') as FuncInst;
    const js = generateRegs(fn.compiled!, fn.index, 1);
    // frame words only where the interpreter reads them: the i64 parameter at entry, the result at return
    const frame = js.match(/\bI32\[fp2 \+ \d+\]|\bI64\[|\bU64\[/g) ?? [];
    expect(frame.length).toBeLessThanOrEqual(5);
  });
});
