// Loads and stores whose address is `i32.add x, c` run as one fused instruction; the sum still
// wraps at 2^32 before bounds checking, exactly as in V8, at every width and at the memory's edge.
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap } from '../core/index.js';
import { Op } from '../core/ops/gen/ir-ops.js';
import { WA } from './helpers/v8-oracle.js';
import { wat } from './helpers/wat.js';

const LOADS = ['i32.load', 'i64.load', 'f32.load', 'f64.load', 'i32.load8_s', 'i32.load8_u', 'i32.load16_s', 'i32.load16_u'];
const STORES: [string, string][] = [
  ['i32.store', 'i32'],
  ['i64.store', 'i64'],
  ['i32.store8', 'i32'],
  ['i32.store16', 'i32'],
  ['f64.store', 'f64'],
];
const CONSTS = [0, 1, 7, -1, -8, 65535, 65528, 0x7fffffff, -0x80000000];
const XS = [0, 1, 3, 8, 65520, 65535, 65536, -1, -2, -8, -65536, 0x7fffffff, -0x80000000];

function module(): Uint8Array {
  const fns: string[] = [];
  for (const [i, c] of CONSTS.entries()) {
    for (const [j, op] of LOADS.entries()) {
      const t = op.slice(0, 3);
      // reinterpret floats so the comparison sees exact bits
      const conv = t === 'f32' ? 'i32.reinterpret_f32' : t === 'f64' ? 'i64.reinterpret_f64' : '';
      const wrap = t === 'i64' || t === 'f64' ? 'i32.wrap_i64' : '';
      fns.push(`(func (export "l${i}_${j}") (param i32) (result i32)
        (local.get 0) (i32.const ${c}) (i32.add) (${op}) ${conv} ${wrap})`);
    }
    for (const [j, [op, t]] of STORES.entries()) {
      const v = t === 'i32' ? '(i32.const 0x5a6b7c8d)' : t === 'i64' ? '(i64.const 0x0102030405060708)' : '(f64.const -1.5)';
      // the value comes from a local so the fused store is the store's only instruction
      fns.push(`(func (export "s${i}_${j}") (param i32) (result i32) (local $v ${t})
        (local.set $v ${v}) (local.get 0) (i32.const ${c}) (i32.add) (local.get $v) (${op})
        (i32.load offset=0 (i32.and (i32.add (local.get 0) (i32.const ${c})) (i32.const 0xfff8))))`);
    }
  }
  return wat(`(module (memory 1)
    (data (i32.const 0) "\\01\\82\\03\\84\\05\\86\\07\\88")
    (data (i32.const 65520) "\\f1\\f2\\f3\\f4\\f5\\f6\\f7\\f8\\f9\\fa\\fb\\fc\\fd\\fe\\ff\\80")
    ${fns.join('\n')})`);
}

type Outcome = number | 'trap';

describe('fused add + load/store addresses', () => {
  const bytes = module();

  it('compiles i32.add-then-access into the fused instructions', () => {
    const m = compile(bytes);
    const fused = new Set<number>([Op.Load32AI, Op.Load64AI, Op.I32Load8SAI, Op.I32Load8UAI, Op.I32Load16SAI, Op.I32Load16UAI, Op.Store32AI, Op.Store64AI, Op.Store8AI, Op.Store16AI]);
    let seen = 0;
    for (const f of m.funcs) {
      // pcMap pairs (code offset, wasm offset) mark where instructions start
      const starts = f.pcMap.filter((_, i) => i % 2 === 0);
      if (starts.some((at) => fused.has(f.code[at]!))) seen++;
    }
    // `x + 0` needs no add, so there is nothing to fold for the constant 0
    expect(seen).toBe((CONSTS.length - 1) * (LOADS.length + STORES.length));
  });

  it('agree with V8 for every width, constant and base, including wrap-around and edge traps', () => {
    const store = new Store();
    const bad: string[] = [];
    const names = [...CONSTS.keys()].flatMap((i) => [...LOADS.keys()].map((j) => `l${i}_${j}`).concat([...STORES.keys()].map((j) => `s${i}_${j}`)));
    for (const x of XS) {
      // a fresh V8 instance per base so stores from one case cannot leak into another's reads
      const v8 = new WA.Instance(new WA.Module(bytes)).exports as Record<string, (x: number) => number>;
      const ourInst = new Linker().instantiate(store, compile(bytes));
      for (const name of names) {
        let want: Outcome;
        let got: Outcome;
        try {
          want = v8[name]!(x);
        } catch {
          want = 'trap';
        }
        try {
          got = store.invoke(ourInst.func(name), x)[0] as number;
        } catch (e) {
          if (!(e instanceof Trap)) throw e;
          got = 'trap';
        }
        if (got !== want) bad.push(`${name}(${x}): wasmlet ${got}, V8 ${want}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
