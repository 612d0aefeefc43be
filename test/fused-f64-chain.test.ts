// An f64.mul feeding the next f64.add/sub/mul runs as one instruction that still rounds after each
// step (no fused multiply-add): results equal V8's bit for bit, in both operand orders.
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store } from '../core/index.js';
import { Op } from '../core/ops/gen/ir-ops.js';
import { WA } from './helpers/v8-oracle.js';
import { wat } from './helpers/wat.js';

const FUSED = new Set<number>([Op.F64MulAdd, Op.F64MulSub, Op.F64MulRSub, Op.F64Mul3]);
const PROD = '(f64.mul (local.get 0) (local.get 1))';
const BODIES: Record<string, string> = {
  addR: `(f64.add ${PROD} (local.get 2))`,
  addL: `(f64.add (local.get 2) ${PROD})`,
  subR: `(f64.sub ${PROD} (local.get 2))`,
  subL: `(f64.sub (local.get 2) ${PROD})`,
  mulR: `(f64.mul ${PROD} (local.get 2))`,
  mulL: `(f64.mul (local.get 2) ${PROD})`,
};

// 1 + 2^-52 and 1 - 2^-52: their exact product is 1 - 2^-104, which rounds to 1; a fused
// multiply-add with c = -1 would return -2^-104 instead of 0
const E = 2 ** -52;
const VALUES = [0, -0, 1, -1, 1 + E, 1 - E, 3.5, -2.25, 1e308, -1e308, 5e-324, Infinity, -Infinity, NaN, 0.1, 1 / 3];

function bits(x: unknown): string {
  const n = x as number;
  if (Number.isNaN(n)) return 'nan';
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, n);
  return b.getBigUint64(0).toString(16);
}

describe('fused f64 multiply chains', () => {
  const bytes = wat(`(module ${Object.entries(BODIES)
    .map(([n, b]) => `(func (export "${n}") (param f64 f64 f64) (result f64) ${b})`)
    .join('\n')})`);

  it('compile to one instruction', () => {
    const m = compile(bytes);
    expect(m.funcs.filter((f) => FUSED.has(f.code[0]!))).toHaveLength(Object.keys(BODIES).length);
  });

  it('round like separate instructions and agree with V8', () => {
    const v8 = new WA.Instance(new WA.Module(bytes)).exports as Record<string, (a: number, b: number, c: number) => number>;
    const store = new Store();
    const ours = new Linker().instantiate(store, compile(bytes));
    expect(store.invoke(ours.func('addR'), 1 + E, 1 - E, -1)[0]).toBe(0);
    const bad: string[] = [];
    for (const name of Object.keys(BODIES)) {
      for (const a of VALUES) {
        for (const b of VALUES) {
          for (const c of [0, -0, -1, 1e308, Infinity, NaN, 0.3]) {
            const want = bits(v8[name]!(a, b, c));
            const got = bits(store.invoke(ours.func(name), a, b, c)[0]);
            if (got !== want) bad.push(`${name}(${a}, ${b}, ${c}): wasmlet ${got}, V8 ${want}`);
          }
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
