/**
 * The host functions a proxy-wasm VM links, by import module: the proxy-wasm hostcalls (and
 * AssemblyScript helpers) under `env`, the WASI subset under both WASI names. The plugin hands
 * this to each VM it creates; the VM itself only knows how to link definitions.
 */
import type { HostDef } from './context.js';
import { hostcallTable } from './hostcalls.js';
import type { WasmVm } from './vm.js';
import { wasiTable } from './wasi.js';

export function proxyWasmImports(vm: WasmVm): ReadonlyMap<string, ReadonlyMap<string, HostDef>> {
  const wasi = wasiTable(vm);
  return new Map([
    ['env', hostcallTable(vm)],
    ['wasi_snapshot_preview1', wasi],
    ['wasi_unstable', wasi],
  ]);
}
