/**
 * The shape of a `wasmlet` subcommand. Each command lives in its own file in this folder and is
 * listed once in index.ts. Commands parse their own arguments (node:util parseArgs), print
 * results to stdout, and return the process exit code. A thrown UsageError prints one line and
 * exits 2; any other error prints one line (`wasmlet: <message>`) and exits 1 — never a stack trace.
 */
import { WasmletError } from '../../core/index.js';

export interface Command {
  readonly name: string;
  /** one line for `wasmlet --help` */
  readonly summary: string;
  /** full help text for `wasmlet <name> --help` */
  readonly usage: string;
  run(args: string[]): Promise<number>;
}

/** Bad command-line usage: the CLI prints the message and exits 2. */
export class UsageError extends WasmletError {
  static override readonly brand: string = 'UsageError';
  constructor(message: string) {
    super('WASMLET_USAGE', message);
    this.name = 'UsageError';
  }
}
