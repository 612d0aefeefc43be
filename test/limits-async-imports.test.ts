/**
 * Async host functions: through invokeAsync the interpreter suspends at a Promise-returning import
 * and resumes with its value; rejections propagate; several calls may be suspended at once; the
 * synchronous path refuses a Promise with a clear error.
 */
import { describe, expect, it } from 'vitest';
import { compile, Linker, Store } from '../core/index.js';
import { wat } from './helpers/wat.js';

const mod = compile(
  wat(`(module
    (import "host" "fetch" (func $fetch (param i32) (result i32)))
    (func (export "sum") (param i32) (result i32) (local i32)
      (block (loop
        local.get 0 i32.eqz br_if 1
        local.get 1 local.get 0 call $fetch i32.add local.set 1
        local.get 0 i32.const 1 i32.sub local.set 0 br 0))
      local.get 1))`),
);

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('async host functions', () => {
  it('suspends and resumes around each Promise, with several calls suspended at once', async () => {
    const store = new Store();
    const log: string[] = [];
    const make = (tag: string, k: number) =>
      new Linker()
        .func('host', 'fetch', { params: ['i32'], results: ['i32'] }, async (x: number) => {
          log.push(`${tag}${x}`);
          await delay(1 + (x % 3));
          return x * k;
        })
        .instantiate(store, mod);
    const a = make('a', 1);
    const b = make('b', 100);
    const [ra, rb] = await Promise.all([store.invokeAsync(a.func('sum'), [4]), store.invokeAsync(b.func('sum'), [3])]);
    expect(ra).toEqual([10]);
    expect(rb).toEqual([600]);
    // interleaved: b started before a finished
    expect(log.indexOf('b3')).toBeLessThan(log.indexOf('a1'));
    expect(store.machine.depth).toBe(0);
  });

  it('propagates a rejection as the call error', async () => {
    const store = new Store();
    const inst = new Linker()
      .func('host', 'fetch', { params: ['i32'], results: ['i32'] }, async () => {
        throw new Error('backend down');
      })
      .instantiate(store, mod);
    await expect(store.invokeAsync(inst.func('sum'), [2])).rejects.toThrow('backend down');
  });

  it('refuses a Promise on the synchronous path', () => {
    const store = new Store();
    const inst = new Linker().func('host', 'fetch', { params: ['i32'], results: ['i32'] }, async () => 1).instantiate(store, mod);
    expect(() => store.invoke(inst.func('sum'), 1)).toThrow(/returned a Promise on the synchronous call path/);
    expect(store.machine.depth).toBe(0);
  });
});
