/**
 * The shape of a `wasmlet` subcommand. Each command lives in its own file in this folder and is
 * listed once in commands.ts. Commands parse their own arguments (node:util parseArgs), print
 * results to stdout, and return the process exit code. A thrown UsageError prints one line and
 * exits 2; any other error prints one line (`wasmlet: <message>`) and exits 1 — never a stack trace.
 */
export interface Command {
  readonly name: string;
  /** one line for `wasmlet --help` */
  readonly summary: string;
  /** full help text for `wasmlet <name> --help` */
  readonly usage: string;
  run(args: string[]): Promise<number>;
}

export class UsageError extends Error {
  readonly code = 'WASMLET_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
