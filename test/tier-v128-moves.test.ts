/**
 * The compiled tier compiles functions that move v128 values (Mov128, Select128, GlobalGet128,
 * GlobalSet128: locals, params, calls, select, globals) in a module with no SIMD instruction, since
 * the SIMD templates are plain JavaScript (no TypeScript non-null assertions), and those functions
 * give the interpreter's results bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { compile, invokeRaw, Linker, Store, tierStats, type Tier } from '../core/compiled/index.js';
import { wat } from './helpers/wat.js';

// no 0xfd instruction in any body (the global's v128.const is a constant expression), so the
// tier takes the module function by function
const bytes = wat(`(module
  (global $g (mut v128) (v128.const i32x4 1 2 3 4))
  ;; its frame is laid out unlike run's (another order, an i64 first), so a move addressed
  ;; relative to the wrong frame reads other values
  (func $pick (param $pad i64) (param $c i32) (param $b v128) (param $a v128) (result v128)
    (local $t v128)
    (local.set $t (select (local.get $a) (local.get $b) (local.get $c)))
    (global.get $g)
    (global.set $g (local.get $t)))
  (func (export "run") (param $a v128) (param $b v128) (param $c i32) (result v128 v128)
    (local $x v128)
    (local.set $x (call $pick (i64.const -1) (local.get $c) (local.get $b) (local.get $a)))
    (global.get $g)
    (local.get $x)))`);

const v = (...lanes: number[]) => new Uint8Array(new Uint32Array(lanes).buffer);

function run(tier: Tier, c: number) {
  const store = new Store({ tier });
  const inst = new Linker().instantiate(store, compile(bytes));
  const e = inst.exports.get('run');
  if (e?.kind !== 'func') throw new Error('no run export');
  const a = v(0xdeadbeef, 0x80000000, 7, 0xffffffff);
  const b = v(10, 20, 30, 40);
  // twice: the second call sees the global the first one set
  return [invokeRaw(store, e.value, [a, b, c]), invokeRaw(store, e.value, [b, a, c])];
}

describe('compiled tier: v128 moves', () => {
  it('compiles every function of the module and matches the interpreter', () => {
    const before = { compiled: tierStats.compiled, interpreted: tierStats.interpreted, reasons: new Map(tierStats.reasons) };
    const compiled = [run('compiled', 1), run('compiled', 0)];
    // both functions of both instances compiled, none left to the interpreter, no v128 reason added
    expect(tierStats.compiled - before.compiled).toBe(4);
    expect(tierStats.interpreted).toBe(before.interpreted);
    const added = [...tierStats.reasons].filter(([why, n]) => n !== (before.reasons.get(why) ?? 0)).map(([why]) => why);
    expect(added).toEqual([]);
    const interpreted = [run('interpreter', 1), run('interpreter', 0)];
    expect(compiled).toEqual(interpreted);
    // and the values are the moves' own: select picks a (c = 1) or b (c = 0), the global swaps in
    expect(interpreted[0]![0]).toEqual([v(0xdeadbeef, 0x80000000, 7, 0xffffffff), v(1, 2, 3, 4)]);
    expect(interpreted[0]![1]).toEqual([v(10, 20, 30, 40), v(0xdeadbeef, 0x80000000, 7, 0xffffffff)]);
    expect(interpreted[1]![0]).toEqual([v(10, 20, 30, 40), v(1, 2, 3, 4)]);
  });
});
