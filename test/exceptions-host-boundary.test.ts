/**
 * A host function throws a WasmException into Wasm, where try_table catches it with its payload;
 * an exception no handler catches leaves invoke as a typed WasmException carrying tag and payload.
 */
import { describe, expect, it } from 'vitest';
import { compile, instantiate, Store, TagInst, ValType, WasmException, FuncInst } from '../core/index.js';
import { wat } from './helpers/wat.js';

const src = `(module
  (import "env" "tag" (tag $e (param i32)))
  (import "env" "boom" (func $boom (param i32)))
  (func (export "caught") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $boom (local.get 0)))
      (i32.const -1)))
  (func (export "escapes") (param i32) (throw $e (i32.add (local.get 0) (i32.const 1)))))`;

describe('exceptions across the host boundary', () => {
  const tag = new TagInst({ params: [ValType.I32], results: [] });
  const boom = new FuncInst({ params: [ValType.I32], results: [] }, null, null, (x: number) => {
    throw new WasmException(tag, [x * 2]);
  }, -1);
  const store = new Store();
  const inst = instantiate(store, compile(wat(src, { exceptions: true })), [{ kind: 'tag', value: tag }, { kind: 'func', value: boom }]);

  it('catches a host-thrown exception in try_table with its payload', () => {
    expect(store.invokeRaw(inst.func('caught'), [21])).toEqual([42]);
  });

  it('an escaped exception is a WasmException with its tag and payload', () => {
    let err: unknown;
    try {
      store.invokeRaw(inst.func('escapes'), [6]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WasmException);
    expect((err as WasmException).code).toBe('WASMLET_EXCEPTION');
    expect((err as WasmException).tag).toBe(tag);
    expect((err as WasmException).payload).toEqual([7]);
  });
});
