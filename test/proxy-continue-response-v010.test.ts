/**
 * ABI 0.1.0's proxy_continue_response: a response paused in on_response_headers (two-parameter
 * callback in 0.1.0) goes on to the client once the filter calls it, after its callback returns.
 */
import { describe, expect, it } from 'vitest';
import { Status } from '../hosts/proxy/abi.js';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { wat } from './helpers/wat.js';

const v010 = wat(`(module
  (import "env" "proxy_continue_response" (func $cont (result i32)))
  (memory (export "memory") 1)
  (func (export "malloc") (param i32) (result i32) i32.const 1024)
  (func (export "proxy_abi_version_0_1_0"))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_request_headers") (param i32 i32) (result i32) i32.const 0)
  (func (export "proxy_on_response_headers") (param i32 i32) (result i32) i32.const 1)
  (func (export "continue_response") (result i32) call $cont)
)`);

describe('proxy_continue_response (ABI 0.1.0)', () => {
  it('releases a paused response', () => {
    const h = FilterHarness.load({ wasm: v010, name: 'old' });
    const s = h.stream().sendRequestHeaders({ ':method': 'GET', ':path': '/', ':authority': 'x' }, { endOfStream: true });
    s.sendResponseHeaders({ ':status': '200' }, { endOfStream: true });
    expect(s.downstream.headers).toBeUndefined(); // paused
    const vm = h.plugins[0]!.vm!;
    const ctx = [...vm.contexts.values()].find((c) => c.kind === 'stream')!;
    vm.current = ctx;
    expect(vm.store.invokeRaw(vm.instance.func('continue_response'), [])).toEqual([Status.Ok]);
    vm.current = null;
    if (ctx.kind === 'stream') s.stream.applyPending(ctx.host as never);
    expect(s.downstream.headers?.get(':status')).toBe('200');
    expect(s.finished).toBe(true);
  });
});
