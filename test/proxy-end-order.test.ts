/**
 * The end of a stream runs, per filter, on_done → on_log → on_delete, exactly once each and in
 * that order, whether the response completed or the client went away; on_log still sees the
 * response headers; after on_delete the context id is gone from the VM.
 */
import { describe, expect, it } from 'vitest';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { wat } from './helpers/wat.js';

// appends (code, context id) pairs at 1024…: 1 done, 2 log, 3 delete; count at 0
const ordered = wat(`(module
  (import "env" "proxy_get_header_map_size" (func $size (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func $rec (param $code i32) (param $id i32) (local $n i32)
    (local.set $n (i32.load (i32.const 0)))
    (i32.store (i32.add (i32.const 1024) (i32.shl (local.get $n) (i32.const 3))) (local.get $code))
    (i32.store (i32.add (i32.const 1028) (i32.shl (local.get $n) (i32.const 3))) (local.get $id))
    (i32.store (i32.const 0) (i32.add (local.get $n) (i32.const 1))))
  (func (export "malloc") (param i32) (result i32) i32.const 512)
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_done") (param $id i32) (result i32) (call $rec (i32.const 1) (local.get $id)) i32.const 1)
  (func (export "proxy_on_log") (param $id i32)
    ;; response headers are readable in on_log: their status lands at 8
    (i32.store (i32.const 8) (call $size (i32.const 2) (i32.const 12)))
    (call $rec (i32.const 2) (local.get $id)))
  (func (export "proxy_on_delete") (param $id i32) (call $rec (i32.const 3) (local.get $id)))
)`);

function events(h: FilterHarness): [number, number][] {
  const mem = h.plugin('ordered').vm!.memory.view;
  const n = mem.getUint32(0, true);
  return Array.from({ length: n }, (_, i) => [mem.getUint32(1024 + i * 8, true), mem.getUint32(1028 + i * 8, true)]);
}

describe('end of stream order', () => {
  it('is on_done, on_log, on_delete per stream, also for an aborted stream', () => {
    const h = FilterHarness.load({ wasm: ordered, name: 'ordered' });
    const base = events(h).length;
    const a = h.stream().sendRequestHeaders({}, { endOfStream: true }).sendResponseHeaders({ ':status': '204' }, { endOfStream: true });
    expect(a.finished).toBe(true);
    const vm = h.plugin('ordered').vm!;
    expect(vm.memory.view.getUint32(8, true)).toBe(0); // OK: response headers visible in on_log
    const b = h.stream().sendRequestHeaders({ ':method': 'POST' });
    b.abort();
    const ev = events(h).slice(base);
    const idA = ev[0]![1];
    const idB = ev[3]![1];
    expect(idA).not.toBe(idB);
    expect(ev).toEqual([
      [1, idA],
      [2, idA],
      [3, idA],
      [1, idB],
      [2, idB],
      [3, idB],
    ]);
    expect(vm.contexts.get(idA)).toBeUndefined();
    expect(vm.contexts.get(idB)).toBeUndefined();
  });
});
