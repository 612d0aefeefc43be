/**
 * The WASI host from TypeScript on the native API: node:wasi-shaped options, byte-stream stdio
 * objects, read-only preopens, deterministic runs and the typed exit.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { compile, Linker, Store, WasmletError, type CompiledModule } from '../core/index.js';
import { Errno, Wasi, WasiExit, type WasiOptions } from '../hosts/wasi/index.js';
import { cleanupTemps, guest, tempDir } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

const modules = new Map<string, CompiledModule>();
const load = (name: string) => {
  let m = modules.get(name);
  if (!m) modules.set(name, (m = compile(readFileSync(guest(name)))));
  return m;
};

/** Run a guest with stdout/stderr captured as strings. */
function runGuest(name: string, opts: WasiOptions = {}) {
  let stdout = '';
  let stderr = '';
  const dec = new TextDecoder();
  const wasi = new Wasi({
    stdout: { write: (b) => (stdout += dec.decode(b)) },
    stderr: { write: (b) => (stderr += dec.decode(b)) },
    ...opts,
  });
  const store = new Store();
  const instance = wasi.define(new Linker()).instantiate(store, load(name));
  try {
    const code = wasi.start(instance, store);
    return { code, stdout, stderr };
  } finally {
    wasi.close();
  }
}

describe('Wasi on the native API', () => {
  it('passes args and env, captures stdout, and returns the exit code', () => {
    const r = runGuest('args', { args: ['prog', 'x y'], env: { EXIT_CODE: '17', OTHER: 'v' } });
    expect(r.code).toBe(17);
    expect(r.stdout).toBe('argc=2\nargv[0]=prog\nargv[1]=x y\nenv EXIT_CODE=17\nenv OTHER=v\n');
  });

  it('reads stdin from an object source', () => {
    const chunks = [new TextEncoder().encode('from '), new TextEncoder().encode('an object\n')];
    const r = runGuest('cat', { args: ['cat'], stdin: { read: () => chunks.shift() ?? null } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('from an object\n');
  });

  it('uses preopens given as strings or as { path, readonly }', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ro'));
    writeFileSync(join(dir, 'ro', 'in.txt'), 'abc');
    const ok = runGuest('ucase', { args: ['ucase', '/ro/in.txt', '/rw/out.txt'], preopens: { '/ro': { path: join(dir, 'ro'), readonly: true }, '/rw': dir } });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('ABC');
    const denied = runGuest('ucase', { args: ['ucase', '/ro/in.txt', '/ro/out.txt'], preopens: { '/ro': { path: join(dir, 'ro'), readonly: true } } });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/Read-only file system/);
  });

  it('is deterministic with { deterministic: true }', () => {
    const a = runGuest('clocks', { args: ['clocks', 'random', '16'], deterministic: true });
    const b = runGuest('clocks', { args: ['clocks', 'random', '16'], deterministic: true });
    expect(a.stdout).toBe(b.stdout);
    const c = runGuest('clocks', { args: ['clocks', 'now'], clock: { start: 1_700_000_000_000_000_000n } });
    expect(c.stdout).toContain('realtime 1700000000\n');
  });

  it('proc_exit is a WasiExit carrying the exit code; start() returns it by default', () => {
    const e = new WasiExit(3);
    expect(e).toBeInstanceOf(WasiExit);
    expect(e).toBeInstanceOf(WasmletError);
    expect(e).toBeInstanceOf(Error);
    expect(e.exitCode).toBe(3);
    expect(e.code).toBe('WASMLET_WASI_EXIT');
    expect(runGuest('hello_as', { args: ['hello', '4'] }).code).toBe(4);
  });

  it('with returnOnExit: false, proc_exit ends the process via process.exit', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`process.exit(${code})`);
    }) as never);
    try {
      expect(() => runGuest('hello_as', { args: ['hello', '6'], returnOnExit: false })).toThrow('process.exit(6)');
    } finally {
      exit.mockRestore();
    }
  });

  it('rejects misuse: start twice, a native instance without its store, a missing preopen', () => {
    const wasi = new Wasi({ stdout: { write() {} } });
    const store = new Store();
    const inst = wasi.define(new Linker()).instantiate(store, load('args'));
    expect(() => wasi.start(inst)).toThrow(/needs its Store/);
    const wasi2 = new Wasi({ stdout: { write() {} } });
    const inst2 = wasi2.define(new Linker()).instantiate(store, load('args'));
    expect(wasi2.start(inst2, store)).toBe(0);
    expect(() => wasi2.start(inst2, store)).toThrow(/already started/);
    expect(() => new Wasi({ preopens: { '/x': '/definitely/not/here' } })).toThrow(/cannot preopen "\/definitely\/not\/here" as "\/x": ENOENT/);
  });

  it('calls made before a memory is bound answer EFAULT instead of throwing', () => {
    const wasi = new Wasi();
    expect(wasi.wasiImport['args_sizes_get']!(0, 4)).toBe(Errno.FAULT);
    expect(wasi.wasiImport['fd_close']!(42)).toBe(Errno.BADF);
    wasi.close();
  });
});
