/**
 * The WASI host's two throwables. `WasiError` carries an errno out of deep helper code to the
 * call wrapper, which returns it to the guest (it never escapes to the embedder). `WasiExit` is
 * `proc_exit`: it unwinds through Wasm to `Wasi.start()`, which turns it into an exit code, so
 * a guest's exit never ends the host process. Both have stable `code`s and brand-checked
 * `instanceof`, like the engine's errors.
 */
import { Errno, HOST_ERRNO } from './constants.js';

const BRAND = Symbol.for('wasmlet.wasi.error');

function brand(obj: object, name: string): void {
  Object.defineProperty(obj, BRAND, { value: name, enumerable: false });
}
function branded(x: unknown, name: string): boolean {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === name;
}

/** An errno on its way back to the guest. */
export class WasiError extends Error {
  readonly code = 'WASMLET_WASI_ERRNO';
  constructor(readonly errno: Errno) {
    super(`wasi errno ${errno}`);
    this.name = 'WasiError';
    brand(this, 'WasiError');
  }
  static override [Symbol.hasInstance](x: unknown): boolean {
    return branded(x, 'WasiError');
  }
}

/**
 * The guest called proc_exit(code). `code` is the guest's exit status (as with node:wasi's
 * `returnOnExit`), so this class is the one exception to the string-`code` convention.
 */
export class WasiExit extends Error {
  constructor(readonly code: number) {
    super(`wasi exit ${code}`);
    this.name = 'WasiExit';
    brand(this, 'WasiExit');
  }
  static override [Symbol.hasInstance](x: unknown): boolean {
    return branded(x, 'WasiExit');
  }
}

/** The errno for anything a host call threw: our own errno, a Node fs error, or EIO. */
export function toErrno(e: unknown): Errno {
  if (e instanceof WasiError) return e.errno;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return HOST_ERRNO[code] ?? Errno.IO;
  return Errno.IO;
}
