/**
 * One error family: every error class of the package — each exported by an entry point, and every
 * other exported from any module of core/, hosts/, firmware-sim/, bin/commands/ or bin/dashboard/ — extends
 * WasmletError, names itself, and carries a code that docs/errors.md lists for that class; the
 * page lists exactly the codes of the ErrorCode union. A new class needs a sample here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BudgetError, CompileError, LimitError, LinkError, TierError, Trap, WasmException, WasmletError, type TrapCode } from '../core/index.js';
import { TagInst } from '../core/exec/objects.js';
import { ArgumentError, FileError } from '../hosts/errors.js';
import { Errno, WasiError, WasiExit } from '../hosts/wasi/index.js';
import { AbiError, ConfigError, GuestAbort, PluginLoadError, ProcExit } from '../hosts/proxy/index.js';
import { DeployError, DeviceAbiError, DeviceBudgetError } from '../firmware-sim/index.js';
import { RolloutError, TransportError } from '../firmware-sim/transport/errors.js';
import { FleetFileError } from '../firmware-sim/fleet-file.js';
import { UsageError } from '../bin/commands/command.js';
import { DashboardError } from '../bin/dashboard/errors.js';

const root = resolve(import.meta.dirname, '..');

/** one instance of each class, made as the package makes them */
const SAMPLES: Record<string, () => Error> = {
  CompileError: () => new CompileError('unexpected end', 8, 'code'),
  LinkError: () => new LinkError('unknown import'),
  LimitError: () => new LimitError('memory exceeds the budget'),
  WasmException: () => new WasmException(new TagInst({ params: [], results: [] }), []),
  BudgetError: () => new BudgetError({ ok: false, lines: [], report: 'OVER memory' }),
  Trap: () => new Trap(0 as TrapCode),
  TierError: () => new TierError("tier 'compiled' needs the compiled tier"),
  ArgumentError: () => new ArgumentError('bad option'),
  FileError: () => new FileError('x.pem', 'x.pem is not a PEM file'),
  UsageError: () => new UsageError('--plant is required'),
  WasiError: () => new WasiError(Errno.BADF),
  WasiExit: () => new WasiExit(3),
  AbiError: () => new AbiError('no proxy_abi_version_* marker'),
  ConfigError: () => new ConfigError('unknown field', 'admin.x'),
  PluginLoadError: () => new PluginLoadError('auth', 'cannot instantiate'),
  ProcExit: () => new ProcExit(1),
  GuestAbort: () => new GuestAbort('abort'),
  DeviceAbiError: () => new DeviceAbiError('no step export'),
  DeployError: () => new DeployError('refused'),
  DeviceBudgetError: () => new DeviceBudgetError({ ok: false, module: 'm', plant: 'heater', steps: 1, lines: [], faults: [], report: 'over budget' }),
  TransportError: () => new TransportError('cannot connect'),
  FleetFileError: () => new FleetFileError('fleet.yaml', 3, 'classes[0].count', 'must be a positive integer'),
  RolloutError: () => new RolloutError('no devices found in fleet default'),
  DashboardError: () => new DashboardError(401, 'a token is required'),
};

function isErrorClass(v: unknown): v is new (...a: never[]) => Error {
  return typeof v === 'function' && v.prototype instanceof Error;
}

/** exported error classes of a module, including members of exported namespaces (WebAssembly) */
function errorClasses(mod: Record<string, unknown>): Function[] {
  const out: Function[] = [];
  for (const v of Object.values(mod)) {
    if (isErrorClass(v)) out.push(v);
    else if (v !== null && typeof v === 'object') for (const w of Object.values(v)) if (isErrorClass(w)) out.push(w);
  }
  return out;
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((f) =>
    f.isDirectory() ? tsFiles(`${dir}/${f.name}`) : f.name.endsWith('.ts') ? [`${dir}/${f.name}`] : [],
  );
}

/** code → class names, from docs/errors.md's table */
function documented(): Map<string, string[]> {
  const page = readFileSync(join(root, 'docs/errors.md'), 'utf8');
  const rows = [...page.matchAll(/^\| `(WASMLET_[A-Z_0-9]+)` \| ([^|]*) \|/gm)];
  return new Map(rows.map((m) => [m[1]!, [...m[2]!.matchAll(/`(\w+)`/g)].map((c) => c[1]!)]));
}

const entries = JSON.parse(readFileSync(join(root, 'scripts/entries.json'), 'utf8')) as { subpath: string; source: string }[];

describe('the error family', () => {
  it('documents exactly the codes of the ErrorCode union', () => {
    const src = readFileSync(join(root, 'core/errors.ts'), 'utf8');
    const union = src.slice(src.indexOf('export type ErrorCode'), src.indexOf(';', src.indexOf('export type ErrorCode')));
    const codes = [...union.matchAll(/\| '(WASMLET_[A-Z_0-9]+)'/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(10);
    expect([...documented().keys()].sort()).toEqual([...codes].sort());
  });

  it('finds an error class behind every entry point', async () => {
    for (const e of entries) {
      const classes = errorClasses((await import(join(root, e.source))) as Record<string, unknown>);
      expect(classes.length, `wasmlet${e.subpath.slice(1)} exports no error class`).toBeGreaterThan(0);
    }
  });

  it('has every error class extend WasmletError with its documented code', async () => {
    const seen = new Set<Function>();
    // bin/wasmlet.ts runs the CLI when imported; its commands are in bin/commands
    const files = [...entries.map((e) => e.source), ...['core', 'hosts', 'firmware-sim', 'bin/commands', 'bin/dashboard'].flatMap(tsFiles)];
    for (const f of files) for (const c of errorClasses((await import(join(root, f))) as Record<string, unknown>)) seen.add(c);
    const docs = documented();
    const problems: string[] = [];
    for (const cls of seen) {
      if (cls === WasmletError) continue;
      let chain: unknown = cls;
      while (chain && chain !== WasmletError) chain = Object.getPrototypeOf(chain);
      if (chain !== WasmletError) problems.push(`${cls.name} does not extend WasmletError`);
      const sample = SAMPLES[cls.name];
      if (!sample) {
        problems.push(`${cls.name}: add a sample to SAMPLES`);
        continue;
      }
      const e = sample();
      if (!(e instanceof cls) || !(e instanceof WasmletError)) problems.push(`${cls.name}: its sample is not an instance`);
      if (e.name !== cls.name) problems.push(`${cls.name}: name is "${e.name}"`);
      const code = (e as WasmletError).code;
      if (!docs.get(code)?.includes(cls.name)) problems.push(`${cls.name}: code ${code} is not documented for it in docs/errors.md`);
    }
    expect(problems).toEqual([]);
    // every documented class exists
    const names = new Set([...seen].map((c) => c.name));
    const missing = [...docs.values()].flat().filter((n) => !names.has(n));
    expect(missing, 'classes documented in docs/errors.md but not in the package').toEqual([]);
  }, 60_000);

  it('keeps instanceof across copies (a brand, not the prototype chain)', async () => {
    // a second copy of the hosts' shared errors, as a duplicate install of the package would load
    const copy = (await import(`${join(root, 'hosts/errors.ts')}?copy`)) as typeof import('../hosts/errors.js');
    expect(copy.ArgumentError).not.toBe(ArgumentError);
    expect(new copy.ArgumentError('x')).toBeInstanceOf(ArgumentError);
    expect(new ArgumentError('x')).toBeInstanceOf(copy.ArgumentError);
    expect(new copy.ArgumentError('x')).toBeInstanceOf(WasmletError);
    expect(new copy.ArgumentError('x')).not.toBeInstanceOf(FileError);
  });
});
