// Loads and stores at a constant address (i32.const + static offset, as C globals compile) carry
// the effective address in the instruction; at the end of memory and beyond 2^31 they trap exactly
// where V8 traps.
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap } from '../core/index.js';
import { Op } from '../core/ops/gen/ir-ops.js';
import { WA } from './helpers/v8-oracle.js';
import { wat } from './helpers/wat.js';

// [address constant, static offset]
const SITES: [number, number][] = [[0, 0], [8, 1016], [65528, 0], [65532, 0], [65529, 0], [65536, 0], [0, 65535], [-8, 0], [0x7ffffff8, 8], [-1, 1]];

function module(): Uint8Array {
  const fns = SITES.map(([c, off], i) => `
    (func (export "s32_${i}") (param i32) (result i32) (i32.store offset=${off} (i32.const ${c}) (local.get 0)) (i32.load offset=${off} (i32.const ${c})))
    (func (export "s64_${i}") (param i64) (result i64) (i64.store offset=${off} (i32.const ${c}) (local.get 0)) (i64.load offset=${off} (i32.const ${c})))`);
  return wat(`(module (memory 1) ${fns.join('\n')})`);
}

describe('constant-address loads and stores', () => {
  const bytes = module();

  it('compile to the constant-address forms', () => {
    const m = compile(bytes);
    const c = new Set<number>([Op.Load32C, Op.Load64C, Op.Store32C, Op.Store64C]);
    const first = m.funcs.map((f) => c.has(f.code[0]!));
    // sites whose effective address is below 2^31 use them; the others keep the general form
    expect(first).toEqual(SITES.flatMap(([a, off]) => [(a >>> 0) + off <= 0x7fffffff, (a >>> 0) + off <= 0x7fffffff]));
  });

  it('agree with V8, traps included', () => {
    const v8 = new WA.Instance(new WA.Module(bytes)).exports as Record<string, (x: unknown) => unknown>;
    const store = new Store();
    const ours = new Linker().instantiate(store, compile(bytes));
    for (const [i] of SITES.entries()) {
      for (const [name, x] of [[`s32_${i}`, -123456789], [`s64_${i}`, -0x123456789abcdefn]] as const) {
        let want: unknown;
        let got: unknown;
        try {
          want = v8[name]!(x);
        } catch {
          want = 'trap';
        }
        try {
          got = store.invoke(ours.func(name), x)[0];
        } catch (e) {
          if (!(e instanceof Trap)) throw e;
          got = 'trap';
        }
        expect(`${name} ${String(got)}`).toBe(`${name} ${String(want)}`);
      }
    }
  });
});
