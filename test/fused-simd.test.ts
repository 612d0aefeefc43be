/**
 * The SIMD superinstructions give V8's results: vector shifts by a constant count (the count
 * inline, mod the lane width), v128 loads and stores whose address is `i32.add p, c` (the sum wraps
 * at 2^32 before the bounds check, so edge traps agree), i16 lanes widened into an i32x4 multiply
 * and that or a plain product into an add (either operand order, the result in an operand's own
 * slots), and i8x16.shuffle with every lane from the first operand, from the second, or from both,
 * its result over an operand. The translator must also emit the fused forms (checked in the IR).
 */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap } from '../core/index.js';
import { Op } from '../core/ops/gen/ir-ops.js';
import { WA } from './helpers/v8-oracle.js';
import { wat } from './helpers/wat.js';

const OUT = 4096;
/** each function reads vectors at p (and p + 16, p + 32) and stores one result at OUT */
const fns: string[] = [];
const names: string[] = [];
const fn = (name: string, body: string, locals = '') => {
  names.push(name);
  fns.push(`(func (export "${name}") (param $p i32) ${locals} ${body})`);
};
const at = (k: number) => `(v128.load offset=${16 * k} (local.get $p))`;
const store = (v: string) => `(v128.store (i32.const ${OUT}) ${v})`;

for (const shape of ['i8x16', 'i16x8', 'i32x4']) {
  for (const op of ['shl', 'shr_s', 'shr_u']) {
    for (const k of [1, 7, 8, 15, 16, 31, 33, -1]) fn(`${shape}.${op}.${k}`, store(`(${shape}.${op} ${at(0)} (i32.const ${k}))`));
  }
}
const ADDS = [16, 1, -16, -1, 0x7fffffff, -0x80000000];
for (const [j, c] of ADDS.entries()) {
  const a = `(i32.add (local.get $p) (i32.const ${c}))`;
  fn(`load.${j}`, store(`(v128.load ${a})`));
  fn(`load16_splat.${j}`, store(`(v128.load16_splat ${a})`));
  fn(`load32_splat.${j}`, store(`(v128.load32_splat ${a})`));
  // the value from a local, so the address sum is the instruction right before the store
  fn(`store.${j}`, `(local.set $v ${at(1)}) (v128.store ${a} (local.get $v))`, '(local $v v128)');
}
const L = '(local $a v128) (local $s v128) (local $c v128)';
const init = `(local.set $a ${at(0)}) (local.set $s ${at(1)}) (local.set $c ${at(2)})`;
for (const half of ['low', 'high']) {
  const ext = (x: string) => `(i32x4.extend_${half}_i16x8_s ${x})`;
  fn(`mulext.${half}.1`, `${init} ${store(`(i32x4.mul (local.get $a) ${ext('(local.get $s)')})`)}`, L);
  fn(`mulext.${half}.2`, `${init} ${store(`(i32x4.mul ${ext('(local.get $s)')} (local.get $a))`)}`, L);
  // accumulators as fir's loop has them: the sum goes back into c, or over s, or over a
  for (const [k, dst] of ['$c', '$s', '$a'].entries()) {
    fn(`mac.${half}.${k}.1`, `${init} (local.set ${dst} (i32x4.add (local.get $c) (i32x4.mul (local.get $a) ${ext('(local.get $s)')}))) ${store(`(local.get ${dst})`)}`, L);
    fn(`mac.${half}.${k}.2`, `${init} (local.set ${dst} (i32x4.add (i32x4.mul ${ext('(local.get $s)')} (local.get $a)) (local.get $c))) ${store(`(local.get ${dst})`)}`, L);
  }
}
for (const [k, dst] of ['$c', '$a', '$s'].entries()) {
  fn(`muladd.${k}.1`, `${init} (local.set ${dst} (i32x4.add (local.get $c) (i32x4.mul (local.get $a) (local.get $s)))) ${store(`(local.get ${dst})`)}`, L);
  fn(`muladd.${k}.2`, `${init} (local.set ${dst} (i32x4.add (i32x4.mul (local.get $a) (local.get $s)) (local.get $c))) ${store(`(local.get ${dst})`)}`, L);
}
const SHUFFLES = [
  '0 1 0 0 2 3 0 0 4 5 0 0 6 7 0 0', // fir's widening: every lane from a
  '15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0',
  '16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31', // every lane from b
  '0 1 4 5 8 9 12 13 16 17 20 21 24 25 28 29', // fir's narrowing: both
  '31 0 30 1 29 2 28 3 27 4 26 5 25 6 24 7',
  '16 17 18 19 0 1 2 3 20 21 22 23 4 5 6 7', // both, no index with bit 3 set
];
for (const [k, lanes] of SHUFFLES.entries()) {
  fn(`shuffle.${k}`, `${init} ${store(`(i8x16.shuffle ${lanes} (local.get $a) (local.get $s))`)}`, L);
  // operands in other orders (so bytes past the first operand are not the second's), and the
  // result over an operand's slots
  fn(`shuffle.${k}.sa`, `${init} ${store(`(i8x16.shuffle ${lanes} (local.get $s) (local.get $a))`)}`, L);
  fn(`shuffle.${k}.ca`, `${init} ${store(`(i8x16.shuffle ${lanes} (local.get $c) (local.get $a))`)}`, L);
  fn(`shuffle.${k}.over`, `${init} (local.set $a (i8x16.shuffle ${lanes} (local.get $a) (local.get $s))) ${store('(local.get $a)')}`, L);
}

const bytes = wat(`(module (memory (export "memory") 1) ${fns.join('\n')})`);
const PS = [0, 3, 64, 65536 - 48, 65536 - 16, 65536 - 15, 65536 - 1, -16, -1];

/** bytes with every sign and magnitude of i8/i16/i32 lanes, copied into both memories before each call */
const PATTERN = new Uint8Array(65536);
for (let i = 0, s = 0x12345678; i < PATTERN.length; i++) {
  s = (Math.imul(s, 1664525) + 1013904223) | 0;
  PATTERN[i] = s >>> 24;
}
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

describe('SIMD superinstructions', () => {
  it('are what the translator emits', () => {
    const m = compile(bytes);
    const seen = new Set<number>();
    for (const f of m.funcs) for (let i = 0; i < f.pcMap.length; i += 2) seen.add(f.code[f.pcMap[i]!]!);
    const want = [
      Op.I8x16ShlI, Op.I8x16ShrSI, Op.I8x16ShrUI, Op.I16x8ShlI, Op.I16x8ShrSI, Op.I16x8ShrUI, Op.I32x4ShlI, Op.I32x4ShrSI, Op.I32x4ShrUI,
      Op.V128LoadAI, Op.V128Load16SplatAI, Op.V128Load32SplatAI, Op.V128StoreAI,
      Op.I32x4MulExtLowI16x8S, Op.I32x4MulExtHighI16x8S, Op.I32x4MulAddExtLowI16x8S, Op.I32x4MulAddExtHighI16x8S, Op.I32x4MulAdd,
    ];
    expect(want.filter((o) => !seen.has(o))).toEqual([]);
    // and the unfused forms are gone where a fused one applies
    expect([Op.I32x4Shl, Op.I32x4ExtendLowI16x8S, Op.I32x4Mul].filter((o) => seen.has(o))).toEqual([]);
  });

  it('agree with V8 on every function, base address and edge trap', () => {
    const bad: string[] = [];
    const v8 = new WA.Instance(new WA.Module(bytes)).exports as Record<string, unknown>;
    const v8mem = new Uint8Array((v8['memory'] as { buffer: ArrayBuffer }).buffer);
    const st = new Store();
    const inst = new Linker().instantiate(st, compile(bytes));
    const e = inst.exports.get('memory');
    if (e?.kind !== 'memory') throw new Error('no memory export');
    const ours = () => e.value.u8;
    let traps = 0;
    for (const p of PS) {
      for (const name of names) {
        v8mem.set(PATTERN);
        ours().set(PATTERN);
        let v8trap = false;
        let ourTrap = false;
        try {
          (v8[name] as (p: number) => void)(p);
        } catch {
          v8trap = true;
        }
        try {
          st.invoke(inst.func(name), p);
        } catch (err) {
          if (!(err instanceof Trap)) throw err;
          ourTrap = true;
        }
        if (v8trap) traps++;
        if (ourTrap !== v8trap || (!v8trap && !same(ours(), v8mem))) bad.push(`${name}(${p})${ourTrap ? ' trapped' : v8trap ? ' did not trap' : ''}`);
      }
    }
    expect(bad).toEqual([]);
    // both outcomes were exercised: the edge addresses trapped, the others ran to the end
    expect(traps).toBeGreaterThan(100);
    expect(names.length * PS.length - traps).toBeGreaterThan(300);
  });
});
