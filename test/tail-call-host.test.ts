/**
 * A tail call to a host function: the host gets the arguments and its results become the caller's
 * (synchronously, and through invokeAsync when it returns a Promise), including from the entry
 * function and from a nested Wasm call; a trap after tail calls names the function that trapped.
 */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store, Trap } from '../core/index.js';
import { wat } from './helpers/wat.js';

const mod = compile(
  wat(
    `(module
      (import "host" "mix" (func $mix (param i64 i32) (result i64 i32)))
      (func $tail (export "tail") (param i64) (param i32) (result i64 i32)
        (return_call $mix (i64.add (local.get 0) (i64.const 1)) (i32.mul (local.get 1) (i32.const 2))))
      (func (export "nested") (param i64) (result i64)
        (local i32)
        (call $tail (local.get 0) (i32.const 21))
        (local.set 1)
        (i64.add (i64.extend_i32_u (local.get 1))))
      (func $boom (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
      (func (export "trap") (param i32) (result i32) (return_call $boom (local.get 0))))`,
    { tail_call: true },
  ),
);

const mix = (a: bigint, b: number): [bigint, number] => [a * 10n, b + 1];

describe('tail calls to host functions', () => {
  it('returns the host results as the caller\'s, at the entry and nested', () => {
    const store = new Store();
    const inst = new Linker().func('host', 'mix', { params: ['i64', 'i32'], results: ['i64', 'i32'] }, mix).instantiate(store, mod);
    expect(store.invoke(inst.func('tail'), 4n, 5)).toEqual([50n, 11]);
    // (4 + 1) * 10 + (21 * 2 + 1)
    expect(store.invoke(inst.func('nested'), 4n)).toEqual([93n]);
  });

  it('suspends at an async host in tail position and resumes with its value', async () => {
    const store = new Store();
    const inst = new Linker()
      .func('host', 'mix', { params: ['i64', 'i32'], results: ['i64', 'i32'] }, async (a: bigint, b: number) => {
        await new Promise((r) => setTimeout(r, 5));
        return mix(a, b);
      })
      .instantiate(store, mod);
    expect(await store.invokeAsync(inst.func('tail'), [4n, 5])).toEqual([50n, 11]);
    expect(await store.invokeAsync(inst.func('nested'), [4n])).toEqual([93n]);
  });

  it('a trap in the tail-called function names it, not its caller', () => {
    const store = new Store();
    const inst = new Linker().func('host', 'mix', { params: ['i64', 'i32'], results: ['i64', 'i32'] }, mix).instantiate(store, mod);
    let err: unknown;
    try {
      store.invoke(inst.func('trap'), 0);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Trap);
    const bt = (err as Trap).backtrace;
    expect(bt.length).toBe(1);
    expect(bt[0]!.funcName).toBe('boom');
  });
});
