/**
 * The `wasmlet` command line: dispatches to the subcommands registered in bin/commands/index.ts.
 * Errors end as one line on stderr and a non-zero exit code, never a stack trace.
 */
import { COMMANDS } from './commands/index.js';
import { UsageError } from './commands/command.js';

function mainHelp(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: wasmlet <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    'Run `wasmlet <command> --help` for the options of a command.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp() + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write('wasmlet 0.1.0\n');
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`wasmlet: unknown command "${name}" (see wasmlet --help)\n`);
    return 2;
  }
  // only a leading --help is ours: later arguments may belong to a guest program
  if (rest[0] === '--help' || rest[0] === '-h') {
    process.stdout.write(cmd.usage + '\n');
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    process.stderr.write(`wasmlet: ${msg}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`wasmlet: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
