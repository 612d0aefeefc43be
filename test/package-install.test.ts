/**
 * The published package works where it matters, in an empty project: `npm pack`, install the
 * tarball (dependencies from the npm cache when it has them), then import every entry point in
 * Node and make one real call through each, run `npx wasmlet --help`, and compile a TypeScript
 * consumer of every entry with `module: nodenext`, `isolatedModules`, `verbatimModuleSyntax` and
 * library checking on. Nothing is mocked: this is the tarball a user gets.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wat } from './helpers/wat.js';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; exports: Record<string, unknown> };
let dir: string;
let shipped: string[];

/** npm's own variables from a surrounding `npm test` (prefix, lifecycle…) must not steer the child npm */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') || /^npm_config_(cache|registry|userconfig)$/.test(k)),
);
const run = (cmd: string, args: string[], cwd = dir) => execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// (module) writing "hello from wasi\n" to stdout, then proc_exit(7)
const HELLO_WASI = wat(`(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from wasi\\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 16))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $exit (i32.const 7))))`);
// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const ADD = wat('(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wasmlet-pkg-'));
  // dist/ as `npm test` leaves it; rebuilt only when a source is newer
  run(process.execPath, ['scripts/build.mjs', '--if-stale'], root);
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root)) as { filename: string; files: { path: string }[] }[];
  shipped = packed!.files.map((f) => f.path);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const typesNode = (JSON.parse(readFileSync(join(root, 'node_modules/@types/node/package.json'), 'utf8')) as { version: string }).version;
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(dir, packed!.filename), `@types/node@${typesNode}`]);
  writeFileSync(join(dir, 'hello.wasm'), HELLO_WASI);
  writeFileSync(join(dir, 'add.wasm'), ADD);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed package, installed in an empty project', () => {
  it('ships the bundles, declarations, launcher and docs, and no sources', () => {
    for (const f of ['dist/wasmlet.js', 'dist/wasi.js', 'dist/proxy-wasm.js', 'dist/device.js', 'dist/compiled.js', 'dist/core-2.0.js', 'dist/cli.js', 'dist/dashboard/index.html', 'dist/dashboard/app.js', 'dist/dashboard/app.css', 'bin/wasmlet.js', 'README.md', 'package.json']) {
      expect(shipped).toContain(f);
    }
    for (const e of Object.values(pkg.exports)) {
      const types = typeof e === 'object' && e !== null ? (e as { types: string }).types : undefined;
      if (types) expect(shipped).toContain(types.slice(2));
    }
    expect(shipped.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(shipped.filter((f) => /^(test|core|hosts|firmware-sim|scripts|bench|filters)\//.test(f) || f.includes('.min.js'))).toEqual([]);
  });

  it('imports every entry point and makes one real call through each', () => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { compile, Linker, Store, WasmletError, WebAssembly } from 'wasmlet';
      import { ArgumentError as WasiArgumentError, Wasi } from 'wasmlet/wasi';
      import { FilterHarness } from 'wasmlet/proxy-wasm';
      import { ArgumentError, assertDeviceWithinBudget, simulate } from 'wasmlet/device';
      const out = {};
      // wasmlet: the drop-in JS API and the native API
      const { instance } = await WebAssembly.instantiate(readFileSync('add.wasm'), {});
      out.jsapi = instance.exports.add(2, 3);
      const store = new Store({ metering: true });
      store.setFuel(1000);
      out.native = store.invoke(new Linker().instantiate(store, compile(readFileSync('add.wasm'))).func('add'), 40, 2)[0];
      // wasmlet/wasi on the engine of wasmlet (one copy of its classes)
      let stdout = '';
      const wasi = new Wasi({ stdout: { write: (b) => { stdout += new TextDecoder().decode(b); } } });
      const ws = new Store();
      out.wasi = { code: wasi.start(wasi.define(new Linker()).instantiate(ws, compile(readFileSync('hello.wasm'))), ws), stdout };
      // wasmlet/proxy-wasm: the README's harness example
      const h = FilterHarness.load({ wasm: ${JSON.stringify(join(root, 'filters/http/build/auth.wasm'))}, configuration: '{"api_keys": ["secret"]}' });
      out.proxy = h.stream().sendRequestHeaders({ ':path': '/admin' }, { endOfStream: true }).localResponse?.status;
      // wasmlet/device: a control loop on a simulated plant, and its budget
      const loop = readFileSync(${JSON.stringify(join(root, 'filters/control/build/heater-pid.wasm'))});
      const r = simulate({ plant: 'heater', module: loop, durationS: 5 });
      out.device = { state: r.finalState, steps: r.steps, ok: assertDeviceWithinBudget(loop, { plant: 'heater', steps: 50, budget: { memoryBytes: 65536 } }).ok };
      // one error family across entries: brand-checked instanceof, whichever copy made the error
      const e = new ArgumentError('x');
      out.errors = [e instanceof WasmletError, e instanceof WasiArgumentError, e.code];
      console.log(JSON.stringify(out));
    `;
    writeFileSync(join(dir, 'smoke.mjs'), script);
    const out = JSON.parse(run(process.execPath, ['smoke.mjs'])) as Record<string, unknown>;
    expect(out).toEqual({
      jsapi: 5,
      native: 42,
      wasi: { code: 7, stdout: 'hello from wasi\n' },
      proxy: 401,
      device: { state: 'running', steps: 50, ok: true },
      errors: [true, true, 'WASMLET_ARGUMENT'],
    });
  });

  // the compiled tier from its own entry: one engine (the classes of `wasmlet`), its drop-in
  // namespace on tier 'auto'; where code generation is disallowed, 'auto' interprets and
  // 'compiled' is a TierError saying why
  const COMPILED = `
    import { readFileSync } from 'node:fs';
    import * as core from 'wasmlet';
    import { compile, Linker, Store, TierError, tierStats, WebAssembly } from 'wasmlet/compiled';
    const out = { sameEngine: Store === core.Store && WebAssembly === core.WebAssembly };
    const { instance } = await WebAssembly.instantiate(readFileSync('add.wasm'), {});
    out.jsapi = [1, 2, 3].map((i) => instance.exports.add(i, 10));
    try {
      const store = new Store({ tier: 'compiled', metering: true });
      store.setFuel(1000);
      out.compiled = store.invoke(new Linker().instantiate(store, compile(readFileSync('add.wasm'))).func('add'), 40, 2)[0];
    } catch (e) {
      out.compiled = { tierError: e instanceof TierError, code: e.code, message: e.message };
    }
    out.tierStats = tierStats.compiled;
    console.log(JSON.stringify(out));
  `;

  it('imports wasmlet/compiled: the engine with the compiled tier, its WebAssembly on tier auto', () => {
    writeFileSync(join(dir, 'compiled.mjs'), COMPILED);
    const out = JSON.parse(run(process.execPath, ['compiled.mjs'])) as Record<string, unknown>;
    // add compiles on its second call under auto (the drop-in), on its first under compiled
    expect(out).toEqual({ sameEngine: true, jsapi: [11, 12, 13], compiled: 42, tierStats: 2 });
  });

  it('wasmlet/compiled without code generation: auto interprets, compiled is a TierError', () => {
    writeFileSync(join(dir, 'compiled.mjs'), COMPILED);
    const out = JSON.parse(run(process.execPath, ['--disallow-code-generation-from-strings', 'compiled.mjs'])) as { jsapi: number[]; tierStats: number; compiled: { tierError: boolean; code: string; message: string } };
    expect(out.jsapi).toEqual([11, 12, 13]);
    expect(out.tierStats).toBe(0);
    expect(out.compiled.tierError).toBe(true);
    expect(out.compiled.code).toBe('WASMLET_TIER');
    expect(out.compiled.message).toMatch(/disallows code generation from strings/);
  });

  // the engine without SIMD: its own bundle; scalar code runs, v128 is a CompileError naming the
  // full entry point
  const CORE20 = `
    import { readFileSync } from 'node:fs';
    import { compile, CompileError, Linker, Store } from 'wasmlet/core-2.0';
    const store = new Store();
    const out = { add: store.invoke(new Linker().instantiate(store, compile(readFileSync('add.wasm'))).func('add'), 40, 2)[0] };
    try {
      compile(readFileSync('simd.wasm'));
    } catch (e) {
      out.simd = { compileError: e instanceof CompileError, code: e.code, message: e.message };
    }
    console.log(JSON.stringify(out));
  `;

  it('imports wasmlet/core-2.0: the engine without SIMD', () => {
    writeFileSync(join(dir, 'simd.wasm'), wat('(module (func (export "f") (param v128) (result v128) (i32x4.add (local.get 0) (local.get 0))))'));
    writeFileSync(join(dir, 'core20.mjs'), CORE20);
    const out = JSON.parse(run(process.execPath, ['core20.mjs'])) as { add: number; simd: { compileError: boolean; code: string; message: string } };
    expect(out.add).toBe(42);
    expect(out.simd.compileError).toBe(true);
    expect(out.simd.code).toBe('WASMLET_COMPILE');
    expect(out.simd.message).toMatch(/SIMD \(v128\) is not in this build \(wasmlet\/core-2\.0\).*`wasmlet`/);
  });

  it('runs the CLI with npx', () => {
    const r = spawnSync('npx', ['--no-install', 'wasmlet', '--help'], { cwd: dir, env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: wasmlet <command>/);
    expect(r.stdout).toContain('proxy');
  });

  it('writes device projects with `wasmlet new` identical to those of a checkout', () => {
    const tree = (d: string): Record<string, string> => {
      const out: Record<string, string> = {};
      const walk = (sub: string): void => {
        for (const f of readdirSync(join(d, sub), { withFileTypes: true })) {
          const p = sub ? `${sub}/${f.name}` : f.name;
          if (f.isDirectory()) walk(p);
          else out[p] = readFileSync(join(d, p), 'utf8');
        }
      };
      walk('');
      return out;
    };
    for (const lang of ['as', 'c', 'rust']) {
      const fromPkg = spawnSync('npx', ['--no-install', 'wasmlet', 'new', 'device', '--lang', lang, `dev-${lang}`], { cwd: dir, env, encoding: 'utf8' });
      expect(fromPkg.stderr).toBe('');
      expect(fromPkg.status).toBe(0);
      const ref = join(dir, `ref-${lang}`);
      expect(spawnSync(process.execPath, [join(root, 'bin/wasmlet.js'), 'new', 'device', '--lang', lang, ref], { encoding: 'utf8' }).status).toBe(0);
      const got = tree(join(dir, `dev-${lang}`));
      expect(Object.keys(got).length).toBeGreaterThan(3);
      expect(got).toEqual(tree(ref));
    }
  });

  it('type-checks a consumer of every entry with nodenext, isolatedModules, verbatimModuleSyntax and lib checking', () => {
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2022'],
          types: ['node'],
          strict: true,
          isolatedModules: true,
          verbatimModuleSyntax: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files: ['consumer.ts'],
      }),
    );
    writeFileSync(
      join(dir, 'consumer.ts'),
      `import { compile, ExternKind, Linker, Store, Trap, TrapCode, ValType, WasmletError, WebAssembly } from 'wasmlet';
import type { BudgetStats, CompiledModule, ErrorCode, StoreLimits } from 'wasmlet';
import { Errno, Wasi, WasiExit } from 'wasmlet/wasi';
import type { WasiOptions } from 'wasmlet/wasi';
import { ConfigError, FilterHarness, loadConfigFile, Proxy, Status } from 'wasmlet/proxy-wasm';
import type { HarnessOptions, ProxyConfig } from 'wasmlet/proxy-wasm';
import { assertDeviceWithinBudget, Device, LogLevel, PLANT_NAMES, simulate } from 'wasmlet/device';
import type { DeviceLimits, PlantName, SimulationResult } from 'wasmlet/device';
import { AUTO_HOT_CALLS, Store as CompiledStore, TierError, tierStats, WebAssembly as CompiledWebAssembly } from 'wasmlet/compiled';
import type { Tier, TierStats } from 'wasmlet/compiled';
import { CompileError as SmallCompileError, Store as SmallStore } from 'wasmlet/core-2.0';
import type { StoreLimits as SmallLimits } from 'wasmlet/core-2.0';

const small: Partial<SmallLimits> = { maxCallDepth: 10 };
new SmallStore(small);
void SmallCompileError;
const limits: Partial<StoreLimits> = { maxCallDepth: 100 };
const store = new Store(limits);
const stats: BudgetStats = store.stats;
const mod: CompiledModule = compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
const opts: WasiOptions = { args: ['prog'], deterministic: true };
new Wasi(opts).define(new Linker());
const code: ErrorCode = 'WASMLET_WASI_EXIT';
// the engine's and the hosts' numbered kinds are real objects: usable under isolatedModules
const types: ValType[] = [ValType.I32, ValType.F64];
const kind: ExternKind = ExternKind.Memory;
const ok: Status = Status.Ok;
const noent: Errno = Errno.NOENT;
const level: LogLevel = LogLevel.Info;
const plant: PlantName = PLANT_NAMES[0];
const harness: HarnessOptions = { logLevel: 'info' };
const device: typeof Device = Device;
function state(r: SimulationResult): string {
  return r.finalState;
}
function classify(e: unknown): string {
  if (e instanceof WasiExit) return String(e.exitCode);
  if (e instanceof Trap) return e.trap === TrapCode.OutOfFuel ? 'fuel' : e.kind;
  if (e instanceof ConfigError) return e.path ?? '';
  return e instanceof WasmletError ? e.code : 'other';
}
async function serve(path: string): Promise<Proxy> {
  const config: ProxyConfig = loadConfigFile(path);
  return new Proxy(config);
}
const loopLimits: Partial<DeviceLimits> = { fuelPerStep: 1000 };
const tier: Tier = 'auto';
const tiered = new CompiledStore({ tier, maxCallDepth: 100 });
const tstats: TierStats = tierStats;
const hot: number = AUTO_HOT_CALLS;
const tierErr = (e: unknown): boolean => e instanceof TierError;
const cwa: typeof WebAssembly = CompiledWebAssembly;
export { cwa, hot, tier, tiered, tierErr, tstats, assertDeviceWithinBudget, classify, code, device, kind, types, FilterHarness, harness, level, loopLimits, mod, noent, ok, plant, serve, simulate, state, stats, WebAssembly };
`,
    );
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
