/** Traps are typed errors with stable codes, the spec's text, and a Wasm backtrace. */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap, TrapCode, WasmletError } from '../core/index.js';
import { wat } from './helpers/wat.js';

describe('traps', () => {
  const store = new Store();
  const inst = new Linker().instantiate(
    store,
    compile(
      wat(`(module
        (func $inner (param i32) (result i32) local.get 0 i32.const 0 i32.div_u)
        (func $outer (export "outer") (param i32) (result i32) i32.const 1 drop local.get 0 call $inner))`),
    ),
  );

  it('carries code, kind, spec text and a backtrace with names and offsets', () => {
    let err: unknown;
    try {
      store.invoke(inst.func('outer'), 5);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Trap);
    expect(err).toBeInstanceOf(WasmletError);
    const t = err as Trap;
    expect(t.code).toBe('WASMLET_TRAP');
    expect(t.trap).toBe(TrapCode.IntegerDivideByZero);
    expect(t.kind).toBe('integer_divide_by_zero');
    expect(t.text).toBe('integer divide by zero');
    expect(t.message.split('\n')[0]).toBe('integer divide by zero');
    expect(t.backtrace.map((f) => f.funcName)).toEqual(['inner', 'outer']);
    expect(t.backtrace.map((f) => f.funcIndex)).toEqual([0, 1]);
    expect(t.backtrace[0]!.offset).toBeGreaterThan(0);
    expect(t.backtrace[1]!.offset).toBeGreaterThan(t.backtrace[0]!.offset);
  });

  it('leaves the store usable after a trap', () => {
    expect(() => store.invoke(inst.func('outer'), 1)).toThrow(Trap);
    expect(store.machine.depth).toBe(0);
  });
});
