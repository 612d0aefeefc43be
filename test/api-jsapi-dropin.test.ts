/**
 * The JS API layer is a drop-in: the same code, run once against Node's built-in WebAssembly and
 * once against wasmlet's, observes the same results.
 */
import { describe, expect, it } from 'vitest';
import { WebAssembly as Wasmlet } from '../core/index.js';
import { wat } from './helpers/wat.js';

const bytes = wat(`(module
  (import "js" "log" (func $log (param i32)))
  (import "js" "g" (global $g (mut i64)))
  (memory (export "mem") 1 4)
  (table (export "tbl") 2 funcref)
  (elem (i32.const 0) $sq)
  (func $sq (export "sq") (param i32) (result i32) local.get 0 local.get 0 i32.mul)
  (func (export "bump") (result i64) global.get $g i64.const 1 i64.add global.set $g global.get $g)
  (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store local.get 1 call $log)
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
  (func (export "f32") (param f32) (result f32) local.get 0 f32.const 0.1 f32.add))`);

type WA = typeof Wasmlet;
const Native = (globalThis as unknown as { WebAssembly: WA }).WebAssembly;

async function scenario(W: WA): Promise<unknown[]> {
  const logged: number[] = [];
  const g = new W.Global({ value: 'i64', mutable: true }, 41n);
  const { instance, module } = await W.instantiate(bytes, { js: { log: (x: number) => logged.push(x), g } });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const e: any = instance.exports;
  const out: unknown[] = [];
  out.push(W.Module.exports(module).map((x) => `${x.name}:${x.kind}`));
  out.push(W.Module.imports(module).map((x) => `${x.module}.${x.name}:${x.kind}`));
  out.push(e.sq(12), e.sq(65536), e.bump(), g.value);
  e.store(8, 1234);
  out.push(new Int32Array(e.mem.buffer)[2], logged);
  out.push(e.grow(1), e.mem.buffer.byteLength, e.grow(10), e.mem.grow(1), e.mem.buffer.byteLength);
  out.push(e.tbl.length, e.tbl.get(0)(3), e.tbl.get(1));
  out.push(e.f32(1), e.sq('7'), e.sq(2 ** 33 + 3));
  out.push(W.validate(bytes), W.validate(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0])));
  try {
    e.bump.call(null, 1);
    await W.instantiate(bytes, { js: { log: 1, g } });
  } catch (err) {
    out.push(err instanceof W.LinkError);
  }
  try {
    new W.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1]));
  } catch (err) {
    out.push(err instanceof W.CompileError);
  }
  return out;
}

describe('JS API drop-in', () => {
  it('behaves like the built-in WebAssembly', async () => {
    const native = await scenario(Native);
    const ours = await scenario(Wasmlet);
    expect(ours).toEqual(native);
  });

  it('raises RuntimeError for traps', () => {
    const m = new Wasmlet.Module(wat('(module (func (export "boom") unreachable))'));
    const i = new Wasmlet.Instance(m, {});
    expect(() => (i.exports['boom'] as () => void)()).toThrow(Wasmlet.RuntimeError);
  });
});
