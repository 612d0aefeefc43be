// f64 arithmetic and comparisons with a constant operand (left or right) read the constant from
// the function's pool instead of materializing it; results match V8 bit for bit (any NaN for NaN).
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store } from '../core/index.js';
import { Op } from '../core/ops/gen/ir-ops.js';
import { WA } from './helpers/v8-oracle.js';
import { wat } from './helpers/wat.js';

const OPS = ['add', 'sub', 'mul', 'div', 'eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const CONSTS = ['0', '-0', '1.5', '-3.25', 'inf', '-inf', 'nan', 'nan:0x4000000000001', '0x1p-1074', '1e308'];
const XS = [0, -0, 1.5, -3.25, 2, Infinity, -Infinity, NaN, 5e-324, 1e308, -1e308];

function module(): Uint8Array {
  const fns: string[] = [];
  for (const [i, c] of CONSTS.entries()) {
    for (const op of OPS) {
      const cmp = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'].includes(op);
      // results come back as i64 bits (or the i32 truth value) so the comparison is exact
      const out = cmp ? '' : '(i64.reinterpret_f64)';
      const res = cmp ? 'i32' : 'i64';
      fns.push(`(func (export "r_${op}_${i}") (param f64) (result ${res}) (f64.${op} (local.get 0) (f64.const ${c})) ${out})`);
      fns.push(`(func (export "l_${op}_${i}") (param f64) (result ${res}) (f64.${op} (f64.const ${c}) (local.get 0)) ${out})`);
    }
  }
  return wat(`(module ${fns.join('\n')})`);
}

/** a NaN bit pattern (any payload) compares equal to any other NaN */
function norm(v: unknown): string {
  if (typeof v === 'bigint') {
    const u = BigInt.asUintN(64, v);
    const nan = (u & 0x7ff0000000000000n) === 0x7ff0000000000000n && (u & 0xfffffffffffffn) !== 0n;
    return nan ? 'nan' : u.toString(16);
  }
  return String(v);
}

describe('f64 ops with a constant operand', () => {
  const bytes = module();

  it('compile to the pooled-constant forms', () => {
    const k = new Set<number>([Op.F64AddK, Op.F64SubK, Op.F64MulK, Op.F64DivK, Op.F64KSub, Op.F64KDiv, Op.F64EqK, Op.F64NeK, Op.F64LtK, Op.F64GtK, Op.F64LeK, Op.F64GeK]);
    const m = compile(bytes);
    expect(m.funcs.filter((f) => k.has(f.code[0]!) && f.consts.length === 1)).toHaveLength(m.funcs.length);
  });

  it('agree with V8 on every operand order, edge value and NaN', () => {
    const v8 = new WA.Instance(new WA.Module(bytes)).exports as Record<string, (x: number) => unknown>;
    const store = new Store();
    const ours = new Linker().instantiate(store, compile(bytes));
    const bad: string[] = [];
    for (const [i] of CONSTS.entries()) {
      for (const op of OPS) {
        for (const side of ['r', 'l']) {
          const name = `${side}_${op}_${i}`;
          for (const x of XS) {
            const want = norm(v8[name]!(x));
            const got = norm(store.invoke(ours.func(name), x)[0]);
            if (got !== want) bad.push(`${name}(${x}): wasmlet ${got}, V8 ${want}`);
          }
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
