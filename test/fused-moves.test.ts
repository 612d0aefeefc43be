// Consecutive local copies merge into one two-move instruction, and a copy of a sum just computed
// into a second destination of that add, but never across a branch target: rotating variables
// around loops (as hash rounds do) and induction variables copied by local.tee give V8's results.
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store } from '../core/index.js';
import { Op } from '../core/ops/gen/ir-ops.js';
import { WA } from './helpers/v8-oracle.js';
import { wat } from './helpers/wat.js';

// $rot: copies right before a loop header and right at it (a label between two moves), and the
// loop's back edge landing on the first of a group of moves; $swap: a three-way rotation per step.
const SRC = `(module
  (func $rot (export "rot") (param $n i32) (result i32) (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $t i32)
    (local.set $a (i32.const 1)) (local.set $b (i32.const 2)) (local.set $c (i32.const 3)) (local.set $d (i32.const 4))
    (local.set $t (local.get $a))
    (loop $l
      (local.set $a (local.get $b))
      (local.set $b (local.get $c))
      (local.set $c (local.get $d))
      (local.set $d (i32.add (i32.mul (local.get $t) (i32.const 31)) (local.get $a)))
      (local.set $t (local.get $c))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.xor (i32.xor (local.get $a) (local.get $b)) (i32.xor (local.get $c) (i32.add (local.get $d) (local.get $t)))))
  (func $swap (export "swap") (param $n i32) (param $x i32) (param $y i32) (result i32) (local $z i32)
    (local.set $z (i32.const 7))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.get $x) (local.get $y) (local.get $z)
        (local.set $x) (local.set $z) (local.set $y)
        (local.set $x (i32.add (local.get $x) (local.get $n)))
        (br $l)))
    (i32.add (i32.mul (local.get $x) (i32.const 1000003)) (i32.xor (local.get $y) (i32.shl (local.get $z) (i32.const 7)))))
  (func $count (export "count") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.mul (local.get $i) (local.get $j))))
      (local.set $i (local.tee $j (i32.add (local.get $i) (i32.const 3))))
      (local.set $s (i32.xor (local.get $s) (local.get $j)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i32.add (local.get $s) (i32.mul (local.get $i) (local.get $j))))
  (func $induct (export "induct") (param $n i32) (result i32) (local $i i32) (local $t i32) (local $s i32)
    (loop $l
      (local.set $t (local.get $i))
      (local.set $i (i32.add (local.get $t) (i32.const 7)))
      (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 3)) (i32.xor (local.get $t) (local.get $i))))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (i32.add (local.get $s) (local.get $t))))`;

describe('merged local copies', () => {
  const bytes = wat(SRC);

  it('become Mov32x2, I32AddI2 and I32MovAddI instructions', () => {
    const m = compile(bytes);
    // the IR names the merged ops at some instruction start (pcMap lists starts)
    const has = (op: number): boolean => m.funcs.some((f) => f.pcMap.some((at, i) => i % 2 === 0 && f.code[at] === op));
    expect(has(Op.Mov32x2)).toBe(true);
    expect(has(Op.I32AddI2)).toBe(true);
    expect(has(Op.I32MovAddI)).toBe(true);
  });

  it('compute what V8 computes for every trip count', () => {
    const v8 = new WA.Instance(new WA.Module(bytes)).exports as Record<string, (...a: number[]) => number>;
    const store = new Store();
    const ours = new Linker().instantiate(store, compile(bytes));
    for (const n of [1, 2, 3, 4, 5, 17, 1000]) {
      expect(store.invoke(ours.func('rot'), n)[0]).toBe(v8['rot']!(n));
      expect(store.invoke(ours.func('swap'), n, 11, -5)[0]).toBe(v8['swap']!(n, 11, -5));
      expect(store.invoke(ours.func('count'), n)[0]).toBe(v8['count']!(n));
      expect(store.invoke(ours.func('induct'), n)[0]).toBe(v8['induct']!(n));
    }
    expect(store.invoke(ours.func('swap'), 0, 11, -5)[0]).toBe(v8['swap']!(0, 11, -5));
  });
});
