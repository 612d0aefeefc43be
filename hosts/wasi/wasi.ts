/**
 * `Wasi`: the embedder-facing WASI preview1 host. Its options mirror node:wasi's (`args`, `env`,
 * `preopens`, `returnOnExit`, `stdin`/`stdout`/`stderr`) so code can switch between the two, and
 * add what node:wasi lacks: read-only preopens, a virtual clock and seeded randomness for
 * deterministic runs, a cap on open fds, and — the point of it all — preopens that are real
 * capabilities (see sandbox.ts). It works with both of wasmlet's API layers:
 *
 *   native:  wasi.define(linker); const inst = linker.instantiate(store, module);
 *            const code = wasi.start(inst, store);
 *   JS API:  new WebAssembly.Instance(module, wasi.getImportObject()); wasi.start(instance);
 */
import { Instance, type Linker, type Store } from '../../core/index.js';
import { ArgumentError } from '../errors.js';
import { RealClock, VirtualClock, type VirtualClockOptions, type WasiClock } from './clock.js';
import { ALL_RIGHTS, DIR_RIGHTS, Filetype, Rights, STREAM_RIGHTS } from './constants.js';
import { WasiExit } from './errors.js';
import { FdTable, hostFiletype, type WasiReadable, type WasiWritable } from './fdtable.js';
import type { MemorySource } from './memory.js';
import { Preview1, PREVIEW1_SIGNATURES } from './preview1.js';
import { cryptoRandom, SeededRandom, type WasiRandom } from './random.js';
import { openHostDir } from './sandbox.js';

export interface PreopenOptions {
  /** host directory */
  readonly path: string;
  /** refuse every write beneath it with EROFS (default false) */
  readonly readonly?: boolean;
}

export interface WasiOptions {
  /** only 'preview1' exists; accepted for node:wasi compatibility */
  readonly version?: 'preview1' | 'unstable';
  /** the guest's argv, argv[0] included */
  readonly args?: readonly string[];
  /** the guest's environment (nothing of the host's is passed unless listed here) */
  readonly env?: Readonly<Record<string, string>>;
  /** guest directory name → host directory (or { path, readonly }) */
  readonly preopens?: Readonly<Record<string, string | PreopenOptions>>;
  /** proc_exit returns its code from start() (default true) instead of ending the host process */
  readonly returnOnExit?: boolean;
  /** host fd numbers (default 0, 1, 2) or objects that read/write bytes */
  readonly stdin?: number | WasiReadable;
  readonly stdout?: number | WasiWritable;
  readonly stderr?: number | WasiWritable;
  /** 'real' (default), 'virtual' (deterministic), virtual-clock options, or your own clock */
  readonly clock?: 'real' | 'virtual' | VirtualClockOptions | WasiClock;
  /** seed for random_get; without it random_get uses the host CSPRNG */
  readonly randomSeed?: number | bigint | string;
  /** shorthand for clock: 'virtual' and randomSeed: 0 (explicit options win) */
  readonly deterministic?: boolean;
  /** most fds the guest may hold open at once (default 1024) */
  readonly maxFds?: number;
  /** debugging aid: called after every WASI call */
  readonly trace?: (name: string, args: readonly unknown[], result: unknown) => void;
}

/** A module instance from the JS API (wasmlet's WebAssembly or V8's). */
interface JsInstance {
  readonly exports: Record<string, unknown>;
}

export const WASI_MODULE = 'wasi_snapshot_preview1';

export class Wasi {
  /** the import functions by name, as node:wasi's `wasiImport` */
  readonly wasiImport: Record<string, (...args: any[]) => unknown>;
  private readonly impl: Preview1;
  private readonly fds: FdTable;
  private readonly returnOnExit: boolean;
  private started = false;

  constructor(options: WasiOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new ArgumentError('WASI options must be an object');
    if (options.version !== undefined && options.version !== 'preview1' && options.version !== 'unstable') {
      throw new ArgumentError(`unsupported WASI version "${String(options.version)}" (only preview1)`);
    }
    const args = [...(options.args ?? [])].map(String);
    const env = Object.entries(options.env ?? {}).map(([k, v]) => {
      if (k.includes('=') || k.includes('\0') || String(v).includes('\0')) throw new ArgumentError(`invalid environment variable "${k}"`);
      return `${k}=${String(v)}`;
    });
    this.returnOnExit = options.returnOnExit ?? true;
    this.fds = new FdTable(options.maxFds ?? 1024);

    const stdio = [options.stdin ?? 0, options.stdout ?? 1, options.stderr ?? 2] as const;
    stdio.forEach((host, i) => {
      if (typeof host === 'number' && (!Number.isInteger(host) || host < 0)) throw new ArgumentError(`invalid host fd ${host} for stdio ${i}`);
      this.fds.add(
        {
          kind: 'stream',
          host,
          filetype: typeof host === 'number' ? hostFiletype(host) : Filetype.CHARACTER_DEVICE,
          rightsBase: STREAM_RIGHTS,
          rightsInheriting: 0n,
          flags: 0,
          readonly: false,
        },
        i,
      );
    });

    try {
      for (const [guest, spec] of Object.entries(options.preopens ?? {})) {
        const { path, readonly } = typeof spec === 'string' ? { path: spec, readonly: false } : spec;
        let dir;
        try {
          dir = openHostDir(path);
        } catch (e) {
          throw new ArgumentError(`cannot preopen "${path}" as "${guest}": ${(e as { code?: string }).code ?? String(e)}`);
        }
        this.fds.add({
          kind: 'dir',
          dir,
          preopen: guest,
          listing: undefined,
          filetype: Filetype.DIRECTORY,
          rightsBase: DIR_RIGHTS,
          rightsInheriting: ALL_RIGHTS & ~(Rights.SOCK_SHUTDOWN | Rights.SOCK_ACCEPT),
          flags: 0,
          readonly: readonly ?? false,
        });
      }
    } catch (e) {
      this.fds.closeAll();
      throw e;
    }

    const det = options.deterministic === true;
    const clockOpt = options.clock ?? (det ? 'virtual' : 'real');
    const clock: WasiClock =
      clockOpt === 'real'
        ? new RealClock()
        : clockOpt === 'virtual'
          ? new VirtualClock()
          : isClock(clockOpt)
            ? clockOpt
            : new VirtualClock(clockOpt);
    const seed = options.randomSeed ?? (det ? 0 : undefined);
    const random: WasiRandom = seed === undefined ? cryptoRandom : new SeededRandom(seed);

    this.impl = new Preview1({ args, env, fds: this.fds, clock, random, trace: options.trace });
    this.wasiImport = this.impl.imports();
  }

  /** node:wasi's import object: `{ wasi_snapshot_preview1: wasiImport }` */
  getImportObject(): Record<string, Record<string, (...args: any[]) => unknown>> {
    return { [WASI_MODULE]: this.wasiImport };
  }

  /** Define every preview1 function in a native-API Linker. */
  define(linker: Linker): Linker {
    for (const [name, sig] of Object.entries(PREVIEW1_SIGNATURES)) linker.func(WASI_MODULE, name, sig, this.wasiImport[name]!);
    return linker;
  }

  /** Use `memory` for guest pointers (start/initialize do this from the `memory` export). */
  setMemory(memory: MemorySource): void {
    this.impl.memory = memory;
  }

  /**
   * Run a command: bind the `memory` export, call `_start`, and return the exit code (0 when
   * `_start` returns, the proc_exit code otherwise). A native Instance needs its Store.
   */
  start(instance: Instance | JsInstance, store?: Store): number {
    const run = this.prepare(instance, store, '_start');
    if (!run) throw new ArgumentError('the module does not export a _start function');
    if (this.has(instance, '_initialize')) throw new ArgumentError('the module exports both _start and _initialize');
    try {
      run();
      return 0;
    } catch (e) {
      if (e instanceof WasiExit) {
        if (this.returnOnExit) return e.exitCode;
        process.exit(e.exitCode);
      }
      throw e;
    }
  }

  /** Initialise a reactor: bind the `memory` export and call `_initialize` if it exists. */
  initialize(instance: Instance | JsInstance, store?: Store): void {
    if (this.has(instance, '_start')) throw new ArgumentError('the module exports _start: use start()');
    const run = this.prepare(instance, store, '_initialize');
    run?.();
  }

  /** Release the host fds of preopens and opened files. */
  close(): void {
    this.fds.closeAll();
  }

  private has(instance: Instance | JsInstance, name: string): boolean {
    return instance instanceof Instance ? instance.exports.get(name)?.kind === 'func' : typeof instance.exports[name] === 'function';
  }

  private prepare(instance: Instance | JsInstance, store: Store | undefined, entry: string): (() => void) | undefined {
    if (this.started) throw new ArgumentError('this WASI instance has already started');
    this.started = true;
    if (instance instanceof Instance) {
      if (!store) throw new ArgumentError('start/initialize of a native Instance needs its Store');
      const mem = instance.exports.get('memory');
      if (mem?.kind !== 'memory') throw new ArgumentError('the module does not export a memory named "memory"');
      this.impl.memory = mem.value;
      const f = instance.exports.get(entry);
      return f?.kind === 'func' ? () => void store.invoke(f.value) : undefined;
    }
    const mem = instance.exports['memory'] as MemorySource | undefined;
    if (!mem || !(mem.buffer instanceof ArrayBuffer)) throw new ArgumentError('the module does not export a memory named "memory"');
    this.impl.memory = mem;
    const f = instance.exports[entry];
    return typeof f === 'function' ? () => void (f as () => unknown)() : undefined;
  }
}

function isClock(c: unknown): c is WasiClock {
  return typeof (c as WasiClock).now === 'function';
}
