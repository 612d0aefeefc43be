/**
 * A function whose generated JS would be over V8's optimisation size limit stays interpreted
 * (tierStats names why) instead of running unoptimised and slower than the interpreter; its
 * neighbours still compile, and results and fuel are the interpreter's.
 */
import { describe, expect, it } from 'vitest';
import { compile, Linker, MAX_SOURCE_CHARS, Store, tierStats } from '../core/compiled/index.js';
import { wat } from './helpers/wat.js';

// one long straight-line body: several thousand IR ops, well over MAX_SOURCE_CHARS of JS
const steps = Array.from({ length: 6000 }, (_, i) => `local.get $x i32.const ${(i * 2654435761) >>> 8} i32.xor i32.const ${(i % 29) + 1} i32.rotl local.set $x`);
const src = wat(`(module
  (func (export "big") (param $x i32) (result i32)
    ${steps.join('\n    ')}
    local.get $x)
  (func (export "small") (param $x i32) (result i32) local.get $x i32.const 3 i32.mul))`);

const reason = `function too large for V8 to optimise (over ${MAX_SOURCE_CHARS} characters of JS)`;

function run(tier: 'interpreter' | 'compiled') {
  const store = new Store({ tier, metering: true });
  store.setFuel(1e9);
  const inst = new Linker().instantiate(store, compile(src));
  const big = store.invoke(inst.func('big'), 12345)[0];
  const small = store.invoke(inst.func('small'), 7)[0];
  return { big, small, fuel: 1e9 - store.getFuel() };
}

describe('compiled tier: size limit', () => {
  it('leaves a function over the limit to the interpreter, with the reason, and compiles the rest', () => {
    const tooLarge = tierStats.reasons.get(reason) ?? 0;
    const compiled = tierStats.compiled;
    const got = run('compiled');
    expect(tierStats.reasons.get(reason) ?? 0).toBe(tooLarge + 1);
    expect(tierStats.compiled - compiled).toBe(1);
    expect(got).toEqual(run('interpreter'));
  });
});
