// i64 division and remainder run without BigInt when both operands lie in [0, 2^52): results
// match V8 there, at the 2^52 boundary, and on the BigInt path beyond it (negatives, traps).
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap } from '../core/index.js';
import { WA, rng } from './helpers/v8-oracle.js';
import { wat } from './helpers/wat.js';

const OPS = ['div_s', 'div_u', 'rem_s', 'rem_u'];
const bytes = wat(`(module ${OPS.map((op) => `(func (export "${op}") (param i64 i64) (result i64) (i64.${op} (local.get 0) (local.get 1)))`).join('\n')})`);

function values(): bigint[] {
  const P52 = 1n << 52n;
  const out = [0n, 1n, 2n, 3n, 7n, 10n, 1000000000n, 0xffffffffn, 1n << 32n, (1n << 32n) + 1n, P52 - 1n, P52, P52 + 1n, P52 - 2n, (P52 - 1n) / 3n, -1n, -2n, 1n << 63n, (1n << 63n) - 1n, -(P52 - 1n)];
  const r = rng(52);
  for (let i = 0; i < 60; i++) {
    const hi = i % 3 === 0 ? r() & 0xfffff : i % 3 === 1 ? r() & 0xff : r();
    out.push(BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(r())));
  }
  for (let i = 0; i < 20; i++) out.push(BigInt(r() % 1000));
  return out;
}

describe('i64 div/rem on word pairs', () => {
  it('agrees with V8 on every pair, including traps', () => {
    const v8 = new WA.Instance(new WA.Module(bytes)).exports as Record<string, (a: bigint, b: bigint) => bigint>;
    const store = new Store();
    const ours = new Linker().instantiate(store, compile(bytes));
    const xs = values();
    const bad: string[] = [];
    for (const op of OPS) {
      for (const a of xs) {
        for (const b of xs) {
          let want: string;
          let got: string;
          try {
            want = String(v8[op]!(a, b));
          } catch (e) {
            // V8 says "divide by zero" / "divide result unrepresentable"
            want = /zero/.test((e as Error).message) ? 'trap zero' : 'trap overflow';
          }
          try {
            got = String(store.invoke(ours.func(op), a, b)[0]);
          } catch (e) {
            if (!(e instanceof Trap)) throw e;
            got = e.kind === 'integer_divide_by_zero' ? 'trap zero' : e.kind === 'integer_overflow' ? 'trap overflow' : e.kind;
          }
          if (got !== want) bad.push(`${op}(${a}, ${b}): wasmlet ${got}, V8 ${want}`);
        }
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });
});
