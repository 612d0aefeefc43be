/**
 * node:wasi compatibility: the same options object and `getImportObject()`/`start(instance)` flow
 * work with wasmlet's WebAssembly drop-in, with V8's own WebAssembly, and with node:wasi itself.
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebAssembly as WasmletWebAssembly } from '../core/index.js';
import { Wasi } from '../hosts/wasi/index.js';
import { cleanupTemps, guest, tempDir } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

type WA = typeof WasmletWebAssembly;
const V8 = (globalThis as unknown as { WebAssembly: WA }).WebAssembly;

interface StartLike {
  getImportObject(): object;
  start(instance: object): number | undefined;
}

/** Run args.wasm with stdout redirected to a file, using a WASI constructor and a WebAssembly. */
function runWith(WASI: new (o: object) => StartLike, WebAssembly: WA): string {
  const out = join(tempDir(), 'stdout.txt');
  const fd = openSync(out, 'w');
  try {
    const options = { version: 'preview1', args: ['args', 'one', 'two'], env: { K: 'V' }, stdout: fd, returnOnExit: true };
    const wasi = new WASI(options);
    const module = new WebAssembly.Module(readFileSync(guest('args')));
    const instance = new WebAssembly.Instance(module, wasi.getImportObject() as never);
    expect(wasi.start(instance)).toBe(0);
  } finally {
    closeSync(fd);
  }
  return readFileSync(out, 'utf8');
}

const EXPECTED = 'argc=3\nargv[0]=args\nargv[1]=one\nargv[2]=two\nenv K=V\n';

describe('WASI with the JS API', () => {
  it("runs on wasmlet's WebAssembly drop-in", () => {
    expect(runWith(Wasi as never, WasmletWebAssembly)).toBe(EXPECTED);
  });

  it("runs on V8's WebAssembly (the host functions are plain JS)", () => {
    expect(runWith(Wasi as never, V8)).toBe(EXPECTED);
  });

  it('gives the same output as node:wasi for the same options', async () => {
    const { WASI } = await import('node:wasi');
    expect(runWith(WASI as never, V8)).toBe(EXPECTED);
  });
});
