/** Deep recursion with huge frames hits the value-stack limit as a typed trap, not a host crash. */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap, TrapCode } from '../core/index.js';
import { wat } from './helpers/wat.js';

// 200 i64 locals per frame: 1.6 KB per call
const locals = Array.from({ length: 200 }, () => 'i64').join(' ');
const mod = compile(wat(`(module (func $r (export "r") (param i32) (local ${locals}) local.get 0 i32.eqz br_if 0 local.get 0 i32.const 1 i32.sub call $r))`));

describe('value stack limit', () => {
  it('traps with call stack exhausted when frames outgrow maxStackBytes', () => {
    const store = new Store({ maxStackBytes: 64 * 1024, maxCallDepth: 100_000 });
    const inst = new Linker().instantiate(store, mod);
    store.invoke(inst.func('r'), 30); // ~50 KB fits
    try {
      store.invoke(inst.func('r'), 1000);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(Trap);
      expect((e as Trap).trap).toBe(TrapCode.CallStackExhausted);
    }
    expect(store.stats.peakStackBytes).toBeLessThanOrEqual(64 * 1024);
    expect(store.invoke(inst.func('r'), 5)).toEqual([]);
  });
});
