/** `wasmlet inspect` recognises the host ABIs: proxy-wasm's version export and the device ABI export. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, tempDir, wasmlet } from './fixtures/wasi/harness.js';
import { wat } from './helpers/wat.js';

afterAll(cleanupTemps);

function module(text: string): string {
  const file = join(tempDir(), 'm.wasm');
  writeFileSync(file, wat(text));
  return file;
}

describe('wasmlet inspect: ABI markers', () => {
  it('proxy-wasm: the proxy_abi_version_X_Y_Z export gives the version', () => {
    const file = module(`(module
      (import "env" "proxy_log" (func (param i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      (func (export "proxy_abi_version_0_2_1"))
      (func (export "proxy_on_context_create") (param i32 i32)))`);
    const text = wasmlet(['inspect', file]);
    expect(text.stdout).toMatch(/\nABI:\n {2}proxy-wasm ABI 0\.2\.1 \(export proxy_abi_version_0_2_1\)\n$/);
    const j = JSON.parse(wasmlet(['inspect', '--json', file]).stdout);
    expect(j.abi).toEqual({ wasi: null, proxyWasm: { version: '0.2.1', export: 'proxy_abi_version_0_2_1' }, deviceAbi: null });
  });

  it('device ABI: the wasmlet_device_abi_v1 export', () => {
    const file = module('(module (memory (export "memory") 1) (func (export "wasmlet_device_abi_v1")) (func (export "step")))');
    expect(wasmlet(['inspect', file]).stdout).toContain('  wasmlet device ABI v1 (export wasmlet_device_abi_v1)\n');
    expect(JSON.parse(wasmlet(['inspect', '--json', file]).stdout).abi.deviceAbi).toEqual({ version: 1, export: 'wasmlet_device_abi_v1' });
  });

  it('a plain module has none, and imported memories and tables are listed as imports', () => {
    const file = module(`(module
      (import "env" "mem" (memory 1 2))
      (import "env" "tab" (table 3 funcref))
      (import "env" "g" (global (mut i32)))
      (func (export "f") (param i32) (result i32) local.get 0)
      (func $s) (start $s))`);
    const r = wasmlet(['inspect', file]);
    expect(r.stdout).toContain('  memory env.mem min 1 max 2\n');
    expect(r.stdout).toContain('  table  env.tab funcref min 3\n');
    expect(r.stdout).toContain('  global env.g mut i32\n');
    expect(r.stdout).toContain('  0: min 1 pages (64 KiB), max 2 pages, imported from env.mem\n');
    expect(r.stdout).toContain('globals: 1 imported, 0 defined\n');
    expect(r.stdout).toContain('start function: func[1] <s>\n');
    expect(r.stdout).toContain('  none recognised (plain module)\n');
  });
});
