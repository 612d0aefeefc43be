/**
 * An async host import whose promise rejects with a Wasm exception (WasmException, or the JS
 * API's WebAssembly.Exception) raises it into the guest at the suspended call: after resumption
 * the guest's try_table catches it, also from a caller's frame across the suspended call. A
 * rejection with a tag nobody catches leaves invokeAsync as a WasmException; other rejections
 * (plain errors) propagate as before and no catch_all sees them.
 */
import { describe, expect, it } from 'vitest';
import { compile, FuncInst, instantiate, Store, TagInst, ValType, WasmException, WebAssembly as WA } from '../core/index.js';
import { wat } from './helpers/wat.js';

const src = `(module
  (import "env" "tag" (tag $e (param i32)))
  (import "env" "fetch" (func $fetch (param i32) (result i32)))
  ;; the call suspends here; the handler is in the caller's frame
  (func $inner (param i32) (result i32) (i32.add (call $fetch (local.get 0)) (i32.const 1000)))
  (func (export "caught") (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $e $h) (call $inner (local.get 0)))))
  (func (export "catchAll") (param i32) (result i32)
    (block $h
      (try_table (catch_all $h) (return (call $inner (local.get 0)))))
    (i32.const -1))
  (func (export "uncaught") (param i32) (result i32) (call $inner (local.get 0))))`;

function setup(reject: (x: number) => unknown) {
  const tag = new TagInst({ params: [ValType.I32], results: [] });
  const fetch = new FuncInst({ params: [ValType.I32], results: [ValType.I32] }, null, null, async (x: number) => {
    await new Promise((r) => setTimeout(r, 1));
    if (x < 0) throw reject(x);
    return x * 2;
  }, -1);
  const store = new Store();
  const inst = instantiate(store, compile(wat(src, { exceptions: true })), [{ kind: 'tag', value: tag }, { kind: 'func', value: fetch }]);
  return { store, inst, tag };
}

describe('async host rejections as Wasm exceptions', () => {
  it('resolves normally when the promise fulfils', async () => {
    const { store, inst } = setup(() => new Error('unused'));
    expect(await store.invokeAsync(inst.func('caught'), [21])).toEqual([1042]);
  });

  it('a rejection with a WasmException is caught by try_table in a caller frame, with its payload', async () => {
    let tag!: TagInst;
    const s = setup((x) => new WasmException(tag, [x * 10]));
    tag = s.tag;
    expect(await s.store.invokeAsync(s.inst.func('caught'), [-4])).toEqual([-40]);
    // the store is usable afterwards
    expect(await s.store.invokeAsync(s.inst.func('caught'), [5])).toEqual([1010]);
  });

  it('catch_all catches it too', async () => {
    let tag!: TagInst;
    const s = setup((x) => new WasmException(tag, [x]));
    tag = s.tag;
    expect(await s.store.invokeAsync(s.inst.func('catchAll'), [-1])).toEqual([-1]);
  });

  it('an exception of another tag, not caught, leaves invokeAsync as a WasmException', async () => {
    const other = new TagInst({ params: [ValType.I32], results: [] });
    const s = setup((x) => new WasmException(other, [x]));
    const err = await s.store.invokeAsync(s.inst.func('caught'), [-3]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WasmException);
    expect((err as WasmException).tag).toBe(other);
    expect((err as WasmException).payload).toEqual([-3]);
  });

  it('a plain error rejection propagates unchanged, past catch_all', async () => {
    const boom = new Error('backend down');
    const s = setup(() => boom);
    await expect(s.store.invokeAsync(s.inst.func('catchAll'), [-1])).rejects.toBe(boom);
  });

  it('a rejection with a WebAssembly.Exception of the imported tag is caught', async () => {
    const jsTag = new WA.Tag({ parameters: ['i32'] });
    const fetch = new FuncInst({ params: [ValType.I32], results: [ValType.I32] }, null, null, async (x: number) => {
      await Promise.resolve();
      throw new WA.Exception(jsTag, [x + 1]);
    }, -1);
    const store = new Store();
    const inst = instantiate(store, compile(wat(src, { exceptions: true })), [{ kind: 'tag', value: jsTag.inst }, { kind: 'func', value: fetch }]);
    expect(await store.invokeAsync(inst.func('caught'), [7])).toEqual([8]);
  });
});
