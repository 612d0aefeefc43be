// A load from a local that the i32.add just before it wrote (`*++p` loops: local.tee x (x + i),
// then load x) runs as one add-and-load instruction: x is still updated, results match V8, and a
// load past the end traps at the load's offset with x already advanced, as in V8.
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap } from '../core/index.js';
import { Op } from '../core/ops/gen/ir-ops.js';
import { WA } from './helpers/v8-oracle.js';
import { wat } from './helpers/wat.js';

const FUSED = new Set<number>([Op.Load32AIT, Op.Load64AIT, Op.I32Load8UAIT]);

// each sums what it loads while stepping p until it loads a zero, and returns sum * 65536 + p
// ($p is a global too, so a trap's final p can be read back)
const SRC = `(module (memory 1)
  (global $last (export "last") (mut i32) (i32.const 0))
  (data (i32.const 64) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\00\\00\\00\\00\\00\\00\\00\\00")
  (data (i32.const 65528) "\\01\\01\\01\\01\\01\\01\\01\\01")
  (func (export "bytes") (param $p i32) (result i32) (local $s i32) (local $v i32)
    (loop $l
      (local.set $v (i32.load8_u (local.tee $p (i32.add (local.get $p) (i32.const 1)))))
      (global.set $last (local.get $p))
      (local.set $s (i32.add (local.get $s) (local.get $v)))
      (br_if $l (local.get $v)))
    (i32.add (i32.shl (local.get $s) (i32.const 16)) (local.get $p)))
  (func (export "words") (param $p i32) (result i32) (local $s i32) (local $v i32)
    (loop $l
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (local.set $v (i32.load (local.get $p)))
      (global.set $last (local.get $p))
      (local.set $s (i32.xor (local.get $s) (local.get $v)))
      (br_if $l (local.get $v)))
    (i32.add (i32.shl (local.get $s) (i32.const 16)) (local.get $p)))
  (func (export "longs") (param $p i32) (result i32) (local $s i64) (local $v i64)
    (loop $l
      (local.set $v (i64.load (local.tee $p (i32.add (local.get $p) (i32.const -8)))))
      (global.set $last (local.get $p))
      (local.set $s (i64.add (local.get $s) (local.get $v)))
      (br_if $l (i64.ne (local.get $v) (i64.const 0))))
    (i32.add (i32.wrap_i64 (local.get $s)) (local.get $p))))`;

describe('fused tee + load', () => {
  const bytes = wat(SRC);

  it('compiles the step and the load into one instruction', () => {
    const m = compile(bytes);
    for (const f of m.funcs) {
      const starts = f.pcMap.filter((_, i) => i % 2 === 0);
      expect(starts.some((at) => FUSED.has(f.code[at]!))).toBe(true);
    }
  });

  it('matches V8, including where a trapping run leaves the pointer', () => {
    const v8 = new WA.Instance(new WA.Module(bytes)).exports as Record<string, unknown>;
    const store = new Store();
    const ours = new Linker().instantiate(store, compile(bytes));
    for (const name of ['bytes', 'words', 'longs']) {
      for (const p of [63, 60, 88, 65520, 65527, 65535, -9, 96]) {
        let want: string;
        let got: string;
        try {
          want = String((v8[name] as (p: number) => number)(p));
        } catch {
          want = `trap at ${(v8['last'] as { value: number }).value}`;
        }
        try {
          got = String(store.invoke(ours.func(name), p)[0]);
        } catch (e) {
          if (!(e instanceof Trap)) throw e;
          got = `trap at ${ours.global('last').i32[0]}`;
          // the load (i32.load8_u 0x2d, i32.load 0x28, i64.load 0x29) is at the reported offset
          expect([0x2d, 0x28, 0x29]).toContain(bytes[e.backtrace[0]!.offset]);
        }
        expect(`${name}(${p}) = ${got}`).toBe(`${name}(${p}) = ${want}`);
      }
    }
  });
});
