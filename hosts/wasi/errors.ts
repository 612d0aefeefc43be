/**
 * The WASI host's two throwables, in the engine's error family. `WasiError` carries an errno out
 * of deep helper code to the call wrapper, which returns it to the guest (it never escapes to the
 * embedder). `WasiExit` is `proc_exit`: it unwinds through Wasm to `Wasi.start()`, which turns it
 * into an exit code, so a guest's exit never ends the host process.
 */
import { WasmletError } from '../../core/index.js';
import { Errno, HOST_ERRNO } from './constants.js';

/** An errno on its way back to the guest. */
export class WasiError extends WasmletError {
  static override readonly brand: string = 'WasiError';
  readonly errno: Errno;
  constructor(errno: Errno) {
    super('WASMLET_WASI_ERRNO', `wasi errno ${errno}`);
    this.name = 'WasiError';
    this.errno = errno;
  }
}

/** The guest called proc_exit(exitCode); `exitCode` is its exit status. */
export class WasiExit extends WasmletError {
  static override readonly brand: string = 'WasiExit';
  readonly exitCode: number;
  constructor(exitCode: number) {
    super('WASMLET_WASI_EXIT', `wasi exit ${exitCode}`);
    this.name = 'WasiExit';
    this.exitCode = exitCode;
  }
}

/** The errno for anything a host call threw: our own errno, a Node fs error, or EIO. */
export function toErrno(e: unknown): Errno {
  if (e instanceof WasiError) return e.errno;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return HOST_ERRNO[code] ?? Errno.IO;
  return Errno.IO;
}
