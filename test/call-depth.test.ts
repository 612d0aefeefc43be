/**
 * Wasm→Wasm calls use an explicit frame stack: unbounded recursion is a typed trap, never a host
 * RangeError, deep recursion within the limit works, and host→Wasm re-entry is supported.
 */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap, TrapCode } from '../core/index.js';
import { wat } from './helpers/wat.js';

const mod = compile(
  wat(`(module
    (import "env" "back" (func $back (param i32) (result i32)))
    (func $forever (export "forever") call $forever)
    (func $down (export "down") (param i32) (result i32)
      local.get 0 i32.eqz if (result i32) i32.const 0 else local.get 0 i32.const 1 i32.sub call $down i32.const 1 i32.add end)
    (func (export "viaHost") (param i32) (result i32)
      local.get 0 i32.eqz if (result i32) i32.const 100 else local.get 0 call $back end))`),
);

describe('call depth', () => {
  it('traps unbounded recursion with call stack exhausted', () => {
    const store = new Store({ maxCallDepth: 500 });
    const inst = new Linker().func('env', 'back', { params: ['i32'], results: ['i32'] }, () => 0).instantiate(store, mod);
    try {
      store.invoke(inst.func('forever'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(Trap);
      expect((e as Trap).trap).toBe(TrapCode.CallStackExhausted);
    }
    expect(store.invoke(inst.func('down'), 499)).toEqual([499]);
    expect(() => store.invoke(inst.func('down'), 500)).toThrow(/call stack exhausted/);
  });

  it('supports re-entry from host functions', () => {
    const store = new Store();
    let inst: ReturnType<Linker['instantiate']>;
    const linker = new Linker().func('env', 'back', { params: ['i32'], results: ['i32'] }, (n: number) => store.invoke(inst.func('viaHost'), n - 1)[0]! as number + 1);
    inst = linker.instantiate(store, mod);
    expect(store.invoke(inst.func('viaHost'), 50)).toEqual([150]);
    expect(store.machine.depth).toBe(0);
  });
});
