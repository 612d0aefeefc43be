// A byte load whose value a branch tests right away (== / != an immediate, eqz, or the value
// itself) runs as one load-and-branch instruction: scans give V8's results, the byte is still
// stored where later code reads it, and a load past the end traps at the load's own offset.
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap } from '../core/index.js';
import { Op } from '../core/ops/gen/ir-ops.js';
import { WA } from './helpers/v8-oracle.js';
import { wat } from './helpers/wat.js';

const FUSED = new Set<number>([Op.Load8UBrEqI, Op.Load8UBrNeI, Op.Load8UAIBrEqI, Op.Load8UAIBrNeI]);

// each returns the position where its scan stopped, mixed with the last byte it read
const SRC = `(module (memory 1)
  (data (i32.const 16) "Host: example.com\\r\\nX-Id: 42\\r\\n\\r\\n\\00")
  (data (i32.const 65530) "abcdef")
  ;; until ':' (br_if on i32.ne with an immediate; static offset)
  (func (export "colon") (param $p i32) (result i32) (local $c i32)
    (loop $l
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (i32.ne (local.tee $c (i32.load8_u offset=1 (local.get $p))) (i32.const 58))))
    (i32.add (i32.mul (local.get $p) (i32.const 256)) (local.get $c)))
  ;; strlen-like: br_if on the byte itself, address p + 3 folded in (add + load)
  (func (export "zero") (param $p i32) (result i32)
    (loop $l
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (i32.load8_u (i32.add (local.get $p) (i32.const 3)))))
    (local.get $p))
  ;; eqz and == inside if/else, with a static offset
  (func (export "classify") (param $p i32) (result i32) (local $n i32)
    (block $done
      (loop $l
        (if (i32.eqz (i32.load8_u offset=1 (local.get $p))) (then (br $done)))
        (if (i32.eq (i32.load8_u offset=1 (local.get $p)) (i32.const 13))
          (then (local.set $n (i32.add (local.get $n) (i32.const 100))))
          (else (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $l)))
    (local.get $n))
  ;; == an immediate that no byte can equal, so the loop runs off the end of memory and traps
  (func (export "runaway") (param $p i32) (result i32)
    (loop $l
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (i32.ne (i32.load8_u (i32.add (local.get $p) (i32.const -1))) (i32.const 300))))
    (local.get $p)))`;

describe('fused byte load + branch', () => {
  const bytes = wat(SRC);

  it('compiles each scan to a load-and-branch instruction', () => {
    const m = compile(bytes);
    for (const f of m.funcs) {
      const starts = f.pcMap.filter((_, i) => i % 2 === 0);
      expect(starts.some((at) => FUSED.has(f.code[at]!))).toBe(true);
    }
  });

  it('scans like V8, including traps at the end of memory', () => {
    const v8 = new WA.Instance(new WA.Module(bytes)).exports as Record<string, (p: number) => number>;
    const store = new Store();
    const ours = new Linker().instantiate(store, compile(bytes));
    for (const name of ['colon', 'zero', 'classify', 'runaway']) {
      for (const p of [15, 16, 20, 33, 65528, 65534, 65535, 70000]) {
        let want: number | string;
        let got: number | string;
        try {
          want = v8[name]!(p);
        } catch {
          want = 'trap';
        }
        try {
          got = store.invoke(ours.func(name), p)[0] as number;
        } catch (e) {
          if (!(e instanceof Trap)) throw e;
          got = 'trap';
        }
        expect(`${name}(${p}) = ${got}`).toBe(`${name}(${p}) = ${want}`);
      }
    }
  });

  it('reports an out-of-bounds load at the load instruction', () => {
    const store = new Store();
    const ours = new Linker().instantiate(store, compile(bytes));
    let err: unknown;
    try {
      store.invoke(ours.func('runaway'), 65530);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Trap);
    const t = err as Trap;
    expect(t.kind).toBe('out_of_bounds_memory');
    // the load (opcode 0x2d) sits at the reported offset in the module bytes
    expect(bytes[t.backtrace[0]!.offset]).toBe(0x2d);
  });
});
