/**
 * `import { WebAssembly } from 'wasmlet/compiled'` is the drop-in JS API on the compiled tier:
 * its default store runs on tier 'auto', so a hot export is compiled and gives the same results.
 */
import { describe, expect, it } from 'vitest';
import { WebAssembly, getDefaultStore, tierStats } from '../core/compiled/index.js';
import { wat } from './helpers/wat.js';

describe('drop-in WebAssembly on the compiled tier', () => {
  it('compiles hot exports and returns the interpreter results', async () => {
    const bytes = wat(`(module (func $fac (export "fac") (param i64) (result i64)
      local.get 0 i64.eqz if (result i64) i64.const 1 else local.get 0 local.get 0 i64.const 1 i64.sub call $fac i64.mul end))`);
    const { instance } = await WebAssembly.instantiate(bytes);
    const fac = instance.exports['fac'] as (n: bigint) => bigint;
    const before = tierStats.compiled;
    const got = [0n, 1n, 5n, 10n, 20n, 25n].map((n) => fac(n));
    expect(got).toEqual([1n, 1n, 120n, 3628800n, 2432902008176640000n, 7034535277573963776n]);
    expect(getDefaultStore().tier).toBe('auto');
    expect(tierStats.compiled).toBe(before + 1);
  });
});
