/**
 * ABI versions and linking: detection from the proxy_abi_version_* marker (0.1.0, 0.2.0, 0.2.1;
 * none or unknown refused with a clear error), ABI 0.1.0's own hostcalls and callback shapes, and
 * lenient linking (only declared imports resolve; unknown ones become stubs).
 */
import { describe, expect, it } from 'vitest';
import { AbiError, detectAbi, Status } from '../hosts/proxy/abi.js';
import { FilterHarness } from '../hosts/proxy/harness.js';
import { PluginLoadError } from '../hosts/proxy/plugin.js';
import { compile } from '../core/index.js';
import { wat } from './helpers/wat.js';
import { probeOf, probeWasm } from './fixtures/proxy/probe.js';

const marker = (name: string) => wat(`(module (func (export "${name}")) (memory (export "memory") 1))`);

describe('ABI detection', () => {
  it('reads the version marker', () => {
    expect(detectAbi(compile(marker('proxy_abi_version_0_1_0')).info)).toBe('0.1.0');
    expect(detectAbi(compile(marker('proxy_abi_version_0_2_0')).info)).toBe('0.2.0');
    expect(detectAbi(compile(marker('proxy_abi_version_0_2_1')).info)).toBe('0.2.1');
  });

  it('refuses a module without a marker, or with an unknown one', () => {
    expect(() => detectAbi(compile(marker('hello')).info)).toThrow(/missing or unknown Proxy-Wasm ABI version/);
    expect(() => detectAbi(compile(marker('proxy_abi_version_0_3_0')).info)).toThrow(AbiError);
    expect(() => FilterHarness.load({ wasm: marker('hello'), name: 'nomarker' })).toThrow(PluginLoadError);
    expect(() => FilterHarness.load({ wasm: marker('hello'), name: 'nomarker' })).toThrow(/filter "nomarker": missing or unknown Proxy-Wasm ABI version/);
  });

  it('refuses bytes that are not WebAssembly with the compile error', () => {
    expect(() => FilterHarness.load({ wasm: new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0]), name: 'junk' })).toThrow(/filter "junk":/);
  });
});

describe('ABI 0.1.0', () => {
  const v010 = wat(`(module
    (import "env" "proxy_get_configuration" (func $cfg (param i32 i32) (result i32)))
    (import "env" "proxy_continue_request" (func $cont (result i32)))
    (import "env" "proxy_get_header_map_value" (func $get (param i32 i32 i32 i32 i32) (result i32)))
    (import "env" "proxy_add_header_map_value" (func $add (param i32 i32 i32 i32 i32) (result i32)))
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    (global $ctx (mut i32) (i32.const 0))
    (data (i32.const 0) "x-missing")
    (data (i32.const 16) "x-cfg")
    (func (export "malloc") (param $n i32) (result i32) (local $p i32)
      global.get $bump local.set $p
      global.get $bump local.get $n i32.add global.set $bump
      local.get $p)
    (func (export "proxy_abi_version_0_1_0"))
    (func (export "proxy_on_context_create") (param i32 i32))
    (func (export "proxy_on_configure") (param i32 i32) (result i32)
      (drop (call $cfg (i32.const 100) (i32.const 104)))
      i32.const 1)
    ;; 0.1.0 header callbacks have no end_of_stream parameter
    (func (export "proxy_on_request_headers") (param $c i32) (param $n i32) (result i32)
      (i32.store (i32.const 200) (call $get (i32.const 0) (i32.const 0) (i32.const 9) (i32.const 204) (i32.const 208)))
      (drop (call $add (i32.const 0) (i32.const 16) (i32.const 5) (i32.load (i32.const 100)) (i32.load (i32.const 104))))
      i32.const 1)
  )`);

  it('reads the configuration with proxy_get_configuration, calls 2-parameter header callbacks, and answers a missing header with an empty value', () => {
    const h = FilterHarness.load({ wasm: v010, name: 'old', configuration: 'from-0.1.0' });
    expect(h.plugins[0]!.filter.abi).toBe('0.1.0');
    const s = h.stream().sendRequestHeaders({}, { endOfStream: true });
    const vm = h.plugins[0]!.vm!;
    expect(vm.memory.view.getUint32(200, true)).toBe(Status.Ok);
    expect(vm.memory.view.getUint32(208, true)).toBe(0);
    expect(s.upstream.headers).toBeUndefined(); // paused
    expect(s.stream.requestHeaders!.get('x-cfg')).toBe('from-0.1.0');
  });

  it('continues a request with proxy_continue_request', () => {
    const h = FilterHarness.load({ wasm: v010, name: 'old', configuration: 'c' });
    const s = h.stream().sendRequestHeaders({}, { endOfStream: true });
    const vm = h.plugins[0]!.vm!;
    const ctx = [...vm.contexts.values()].find((c) => c.kind === 'stream')!;
    // call the 0.1.0 hostcall as the module would, then let it take effect
    const cont = vm.instance.module.info.imports.findIndex((i) => i.name === 'proxy_continue_request');
    expect(cont).toBeGreaterThanOrEqual(0);
    vm.current = ctx;
    const f = vm.instance.funcs[cont]!;
    expect(vm.store.invokeRaw(f, [])).toEqual([Status.Ok]);
    vm.current = null;
    if (ctx.kind === 'stream') s.stream.applyPending(ctx.host as never);
    expect(s.upstream.headers?.get('x-cfg')).toBe('c');
  });
});

describe('lenient linking', () => {
  it('links only the declared imports and stubs unknown ones: proxy_* answer UNIMPLEMENTED, others trap when called', () => {
    const extra = `(import "env" "proxy_dictionary_get" (func $dict (param i32 i32 i32 i32) (result i32)))
      (import "env" "totally_unknown" (func $unk (result i32)))
      (import "wasi_snapshot_preview1" "path_open" (func $po (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
      (func (export "call_dict") (result i32) (call $dict (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
      (func (export "call_unknown") (result i32) (call $unk))
      (func (export "call_path_open") (result i32) (call $po (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0)))`;
    const h = FilterHarness.load({ wasm: probeWasm({ extraImports: extra }), name: 'lenient' });
    expect(h.messages('lenient').join('\n')).toMatch(/imports unknown to this host, linked to stubs: env.proxy_dictionary_get, env.totally_unknown, wasi_snapshot_preview1.path_open/);
    const vm = probeOf(h).vm;
    expect(vm.store.invokeRaw(vm.instance.func('call_dict'), [])).toEqual([Status.Unimplemented]);
    expect(vm.store.invokeRaw(vm.instance.func('call_path_open'), [])).toEqual([52]); // ENOSYS
    expect(() => vm.store.invokeRaw(vm.instance.func('call_unknown'), [])).toThrow(/call to unknown import env.totally_unknown/);
  });

  it('refuses modules that import memory, tables or globals', () => {
    const m = wat(`(module (import "env" "memory" (memory 1)) (func (export "proxy_abi_version_0_2_1")))`);
    expect(() => FilterHarness.load({ wasm: m, name: 'mem' })).toThrow(/imports env.memory, a memory/);
  });
});
