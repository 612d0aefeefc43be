/**
 * `wasmlet run`: run a WASI command (or call one export with --invoke) under the store limits
 * from the command line. The guest gets only what it is handed: the directories given with
 * --dir, the variables given with --env, its arguments, and stdio, which stream straight through.
 * The process exit code is the guest's; a trap is one line on stderr (`wasmlet: trap: …`) and
 * exit code 134, like an abort.
 */
import { readFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compile, Linker, Store, Trap, ValType, type FuncInst, type StoreLimits } from '../../core/index.js';
import { ArgumentError, readError } from '../../hosts/errors.js';
import { Wasi, WasiExit, type PreopenOptions } from '../../hosts/wasi/index.js';
import { UsageError, type Command } from './command.js';

/** exit code for a trap (128 + SIGABRT, as wasmtime and a native abort()) */
export const TRAP_EXIT = 134;

const USAGE = `usage: wasmlet run [options] FILE.wasm [ARGS...]

Runs a WASI (preview1) command module: calls _start with ARGS; the exit code is the guest's.

options:
  --dir HOST[:GUEST][:ro]  give the guest a host directory, named GUEST inside (default: HOST);
                           ":ro" makes it read-only (writes fail with EROFS): HOST:GUEST:ro or
                           HOST::ro. Nothing else of the host file system is visible. Repeatable.
  --env NAME=VALUE         set a guest environment variable (--env NAME copies the host's). Repeatable.
  --invoke NAME            call the exported function NAME with ARGS (numbers) instead of _start,
                           and print its results, one per line
  --fuel N                 stop with an out_of_fuel trap after N units of fuel
  --max-memory BYTES       linear memory budget per memory (suffixes k, m, g: 64m)
  --max-call-depth N       maximum Wasm call depth
  --max-stack BYTES        value stack size (suffixes k, m, g)
  --report                 print peak call depth, stack, memory and fuel used to stderr
  --deterministic          virtual clock and seeded random (seed 0): the same run every time
  --seed N                 seed random_get (implies seeded random)
  -h, --help               show this help

Arguments after FILE.wasm go to the guest untouched. A trap prints one line to stderr,
"wasmlet: trap: <message> (<kind>)", and exits with ${TRAP_EXIT}.

example:
  wasmlet run --dir=. ucase.wasm in.txt out.txt`;

/** options that take a value (the rest are flags); used to find where FILE.wasm is */
const VALUE_OPTS = new Set(['dir', 'env', 'invoke', 'fuel', 'max-memory', 'max-call-depth', 'max-stack', 'seed']);
const FLAG_OPTS = new Set(['report', 'deterministic', 'help']);

export const run: Command = {
  name: 'run',
  summary: 'run a WASI command module (capability-safe --dir preopens, limits, --invoke)',
  usage: USAGE,
  async run(argv) {
    const parsed = parseRunArgs(argv);
    if (parsed === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const { opts, file, guestArgs } = parsed;
    const out = (s: string) => writeAll(1, s);
    const err = (s: string) => writeAll(2, s);

    const fuel = opts.fuel !== undefined ? integer('--fuel', opts.fuel) : undefined;
    const limits: { -readonly [K in keyof StoreLimits]?: StoreLimits[K] } = {};
    if (opts['max-memory'] !== undefined) limits.maxMemoryBytes = bytes('--max-memory', opts['max-memory']);
    if (opts['max-call-depth'] !== undefined) limits.maxCallDepth = positiveInt('--max-call-depth', opts['max-call-depth']);
    if (opts['max-stack'] !== undefined) limits.maxStackBytes = bytes('--max-stack', opts['max-stack']);
    // metering makes fuel count; --report then also shows the fuel a run consumed
    if (fuel !== undefined || opts.report) limits.metering = true;
    const preopens: Record<string, PreopenOptions> = {};
    for (const d of opts.dir ?? []) {
      const [host, guest, readonly] = parseDir(d);
      preopens[guest] = { path: host, readonly };
    }
    const env: Record<string, string> = {};
    for (const e of opts.env ?? []) {
      const eq = e.indexOf('=');
      const name = eq < 0 ? e : e.slice(0, eq);
      if (name === '') throw new UsageError(`--env: bad variable "${e}" (expected NAME=VALUE)`);
      const value = eq < 0 ? process.env[name] : e.slice(eq + 1);
      if (value !== undefined) env[name] = value;
    }
    const seed = opts.seed !== undefined ? opts.seed : undefined;

    let bytesIn: Uint8Array;
    try {
      bytesIn = readFileSync(file);
    } catch (e) {
      throw readError(file, e);
    }
    const module = compile(bytesIn);

    const store = new Store(limits);
    if (fuel !== undefined) store.setFuel(fuel);

    const wasi = new Wasi({
      args: [file, ...guestArgs],
      env,
      preopens,
      returnOnExit: true,
      deterministic: opts.deterministic === true,
      ...(seed !== undefined ? { randomSeed: seed } : {}),
    });
    const t0 = performance.now();
    let code = 0;
    let outcome = 'returned';
    try {
      const linker = wasi.define(new Linker());
      const instance = linker.instantiate(store, module);
      if (opts.invoke !== undefined) {
        const f = instance.exports.get(opts.invoke);
        if (f?.kind !== 'func') throw new ArgumentError(`no exported function named "${opts.invoke}"`);
        const callArgs = convertArgs(opts.invoke, f.value, guestArgs);
        if (instance.exports.get('_initialize')?.kind === 'func') wasi.initialize(instance, store);
        else if (instance.exports.get('memory')?.kind === 'memory') wasi.setMemory(instance.memory('memory'));
        const results = store.invoke(f.value, ...callArgs);
        for (const r of results) out(formatValue(r) + '\n');
      } else {
        if (instance.exports.get('_start')?.kind !== 'func') {
          throw new ArgumentError(`${file} has no _start export (a library/reactor module? use --invoke NAME)`);
        }
        code = wasi.start(instance, store);
        outcome = `exit ${code}`;
      }
    } catch (e) {
      if (e instanceof WasiExit) {
        // proc_exit during --invoke or _initialize
        code = e.exitCode;
        outcome = `exit ${code}`;
      } else if (e instanceof Trap) {
        err(`wasmlet: trap: ${e.message.split('\n')[0]} (${e.kind})${where(e)}\n`);
        code = TRAP_EXIT;
        outcome = `trap ${e.kind}`;
      } else {
        throw e;
      }
    } finally {
      wasi.close();
      if (opts.report) err(report(store, fuel !== undefined, outcome, performance.now() - t0));
    }
    return code;
  },
};

interface RunOpts {
  dir?: string[];
  env?: string[];
  invoke?: string;
  fuel?: string;
  'max-memory'?: string;
  'max-call-depth'?: string;
  'max-stack'?: string;
  seed?: string;
  report?: boolean;
  deterministic?: boolean;
}

/**
 * Split argv at FILE.wasm: options before it are ours, everything after it is the guest's (so
 * `wasmlet run prog.wasm -v --dir x` passes `-v --dir x` to prog). `--` also ends our options.
 */
function parseRunArgs(argv: string[]): { opts: RunOpts; file: string; guestArgs: string[] } | 'help' {
  let i = 0;
  while (i < argv.length) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const name = a.replace(/^--?/, '').split('=')[0]!;
    if (VALUE_OPTS.has(name) && !a.includes('=')) i += 2;
    else if (VALUE_OPTS.has(name) || FLAG_OPTS.has(name) || name === 'h') i += 1;
    else throw new UsageError(`run: unknown option ${a} (see wasmlet run --help)`);
  }
  const ours = argv.slice(0, i).filter((a) => a !== '--');
  const [file, ...guestArgs] = argv.slice(i);
  let values;
  try {
    ({ values } = parseArgs({
      args: ours,
      strict: true,
      allowPositionals: false,
      options: {
        dir: { type: 'string', multiple: true },
        env: { type: 'string', multiple: true },
        invoke: { type: 'string' },
        fuel: { type: 'string' },
        'max-memory': { type: 'string' },
        'max-call-depth': { type: 'string' },
        'max-stack': { type: 'string' },
        seed: { type: 'string' },
        report: { type: 'boolean' },
        deterministic: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError(`run: ${(e as Error).message.split('\n')[0]}`);
  }
  if ((values as { help?: boolean }).help) return 'help';
  if (file === undefined) throw new UsageError('run: missing FILE.wasm (see wasmlet run --help)');
  return { opts: values as RunOpts, file, guestArgs };
}

function parseDir(spec: string): [host: string, guest: string, readonly: boolean] {
  const parts = spec.split(':');
  let readonly = false;
  if (parts.length > 1 && (parts[parts.length - 1] === 'ro' || parts[parts.length - 1] === 'rw')) {
    readonly = parts.pop() === 'ro';
  }
  if (parts.length > 2 || parts[0] === '') {
    throw new UsageError(`--dir: bad value "${spec}" (expected HOST[:GUEST][:ro])`);
  }
  // an empty GUEST (HOST::ro) means the default: the HOST string as written
  return [parts[0]!, parts[1] || parts[0]!, readonly];
}

function positiveInt(flag: string, s: string): number {
  const n = integer(flag, s);
  if (n === 0) throw new UsageError(`${flag}: must be at least 1`);
  return n;
}

function integer(flag: string, s: string): number {
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(Number(s))) throw new UsageError(`${flag}: expected a non-negative integer, got "${s}"`);
  return Number(s);
}

function bytes(flag: string, s: string): number {
  const m = /^(\d+)([kmg]i?b?|b)?$/i.exec(s);
  if (!m) throw new UsageError(`${flag}: expected a size in bytes (e.g. 65536, 64k, 16m), got "${s}"`);
  const mult = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? 'b')[0]!.toLowerCase()] ?? 1;
  const n = Number(m[1]) * mult;
  if (!Number.isSafeInteger(n)) throw new UsageError(`${flag}: size too large: "${s}"`);
  return n;
}

/** Command-line strings → the export's parameter types (i64 as bigint, the rest as numbers). */
function convertArgs(name: string, f: FuncInst, args: string[]): unknown[] {
  const params = f.type.params;
  if (args.length !== params.length) {
    throw new UsageError(`--invoke ${name}: expected ${params.length} argument${params.length === 1 ? '' : 's'}, got ${args.length}`);
  }
  return params.map((t, i) => {
    const s = args[i]!;
    const bad = () => new UsageError(`--invoke ${name}: argument ${i + 1} "${s}" is not a valid ${typeName(t)}`);
    switch (t) {
      case ValType.I32: {
        if (!/^[-+]?(0x[0-9a-f]+|\d+)$/i.test(s)) throw bad();
        const v = Number(s.replace(/^\+/, ''));
        if (!Number.isFinite(v) || v < -(2 ** 31) || v > 2 ** 32 - 1) throw bad();
        return v | 0;
      }
      case ValType.I64: {
        try {
          const neg = s.startsWith('-');
          const v = BigInt(neg ? s.slice(1) : s.replace(/^\+/, ''));
          const r = neg ? -v : v;
          if (r < -(2n ** 63n) || r > 2n ** 64n - 1n) throw bad();
          return BigInt.asIntN(64, r);
        } catch {
          throw bad();
        }
      }
      case ValType.F32:
      case ValType.F64: {
        const v = /^[-+]?(nan|inf|infinity)$/i.test(s) ? (/nan/i.test(s) ? NaN : s.startsWith('-') ? -Infinity : Infinity) : Number(s);
        if (s.trim() === '' || (Number.isNaN(v) && !/nan/i.test(s))) throw bad();
        return v;
      }
      default:
        throw new UsageError(`--invoke ${name}: parameter ${i + 1} has type ${typeName(t)}, which cannot be given on the command line`);
    }
  });
}

function typeName(t: ValType): string {
  return { [ValType.I32]: 'i32', [ValType.I64]: 'i64', [ValType.F32]: 'f32', [ValType.F64]: 'f64', [ValType.V128]: 'v128', [ValType.FuncRef]: 'funcref', [ValType.ExternRef]: 'externref', [ValType.ExnRef]: 'exnref' }[t] ?? `type 0x${(t as number).toString(16)}`;
}

function formatValue(v: unknown): string {
  if (typeof v === 'number' && Object.is(v, -0)) return '-0';
  if (v === null) return 'null';
  return String(v);
}

/** " in func[3] <name>" for the innermost Wasm frame of a trap, if known */
function where(t: Trap): string {
  const f = t.backtrace[0];
  if (!f) return '';
  return ` in func[${f.funcIndex}]${f.funcName ? ` <${f.funcName}>` : ''}`;
}

function report(store: Store, fueled: boolean, outcome: string, ms: number): string {
  const s = store.stats;
  const lines = [
    `wasmlet: report: ${outcome} after ${ms.toFixed(1)} ms`,
    `  peak call depth    ${s.peakCallDepth}`,
    `  peak stack bytes   ${s.peakStackBytes}`,
    `  peak memory bytes  ${s.memoryBytes}`,
    `  fuel consumed      ${s.fuelConsumed}`,
  ];
  if (fueled) lines.push(`  fuel remaining     ${store.getFuel()}`);
  return lines.join('\n') + '\n';
}

/** Synchronous write (the guest's stdio is synchronous too, so output stays in order). */
function writeAll(fd: number, s: string): void {
  const b = Buffer.from(s);
  let off = 0;
  while (off < b.length) {
    try {
      off += writeSync(fd, b, off);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EAGAIN') throw e;
    }
  }
}
