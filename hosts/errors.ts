/**
 * The error classes every host layer shares (hosts, firmware simulator, CLI), in the engine's
 * family: each extends WasmletError, so it has a stable `code` and an `instanceof` that works
 * across duplicate copies of the package. Errors of one host live with that host.
 */
import { WasmletError } from '../core/index.js';

/** A host API was given an invalid argument or option (a bad limit, an unknown plant name…). */
export class ArgumentError extends WasmletError {
  static override readonly brand: string = 'ArgumentError';
  constructor(message: string) {
    super('WASMLET_ARGUMENT', message);
    this.name = 'ArgumentError';
  }
}

/** A file the caller named cannot be read, or does not hold what it should (a PEM key…). */
export class FileError extends WasmletError {
  static override readonly brand: string = 'FileError';
  /** the file's path as given */
  readonly path: string;
  /** the underlying error (a Node fs or crypto error), when there is one */
  override readonly cause: unknown;
  constructor(path: string, message: string, cause?: unknown) {
    super('WASMLET_FILE', message);
    this.name = 'FileError';
    this.path = path;
    this.cause = cause;
  }
}

/** `cannot read PATH: ENOENT`: a FileError for a failed read, naming the Node error code. */
export function readError(path: string, e: unknown, what = ''): FileError {
  const code = (e as { code?: unknown } | null)?.code;
  return new FileError(path, `cannot read ${what ? what + ' ' : ''}${path}: ${typeof code === 'string' ? code : String(e)}`, e);
}
