/**
 * Differential fuzzing against V8: binaryen's `wasm-opt -ttf` turns seeded random bytes into valid
 * modules (with tail calls, bulk memory, sign extension, saturating conversions, multi-value);
 * each is run through wasmlet's drop-in WebAssembly and V8's, calling every
 * exported function in order with zero arguments (resetting binaryen's hang limit before each, as
 * its own fuzzer does). Results, traps, the logged values and the memory hash must agree. Call-stack
 * exhaustion ends the comparison for that module: the two engines' depth limits differ.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WebAssembly as WasmletWebAssembly } from '../core/index.js';

type WA = typeof WasmletWebAssembly;
// same shape as ours: the drop-in API mirrors the JS API
const V8 = (globalThis as unknown as { WebAssembly: WA }).WebAssembly;
const SEEDS = 48;
// binaryen from npm (locked in package-lock, a dependency of assemblyscript), not the system's: the
// same seed gives the same module on every machine. It runs on Node, ~0.5 s a module.
const WASM_OPT = fileURLToPath(new URL('../node_modules/binaryen/bin/wasm-opt', import.meta.url));
const FEATURES = ['--enable-tail-call', '--enable-bulk-memory', '--enable-sign-ext', '--enable-nontrapping-float-to-int', '--enable-mutable-globals', '--enable-multivalue'];
const haveWasmOpt = spawnSync(process.execPath, [WASM_OPT, '--version']).status === 0;
if (!haveWasmOpt && process.env['CI'] === 'true') throw new Error(`wasm-opt is required under CI=true (${WASM_OPT}; run npm ci)`);

/** seeded bytes (xorshift32), the input -ttf shapes into a module */
function seedBytes(seed: number, n: number): Uint8Array {
  let x = (seed * 2654435761) >>> 0 || 1;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

type Outcome = { kind: 'ok'; value: string } | { kind: 'trap' } | { kind: 'exhausted' };

/** a value as text; NaNs compare as NaN (their payloads do not survive a JS number) */
function show(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(show).join(',')}]`;
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  if (typeof v === 'number' && Object.is(v, -0)) return '-0';
  return typeof v === 'function' ? 'func' : String(v);
}

function run(api: WA, bytes: Uint8Array, exhausted: (e: unknown) => boolean): { log: string[]; outcomes: [string, Outcome][] } {
  const log: string[] = [];
  const logger = (t: string) => (v: unknown) => void log.push(`${t}:${show(v)}`);
  const funcs: ((...a: unknown[]) => unknown)[] = [];
  const callExport = (i: number) => {
    const f = funcs[i % Math.max(funcs.length, 1)];
    log.push(`call-export:${i}`);
    return f?.(...new Array(f.length).fill(0));
  };
  const imports = {
    'fuzzing-support': {
      'log-i32': logger('i32'),
      'log-i64': logger('i64'),
      'log-f32': logger('f32'),
      'log-f64': logger('f64'),
      // our own, deterministic stand-ins for binaryen's shell: call the i-th exported function
      'call-export': (i: number) => void callExport(i),
      'call-export-catch': (i: number) => {
        try {
          callExport(i);
          return 0;
        } catch {
          return 1;
        }
      },
    },
  };
  const outcomes: [string, Outcome][] = [];
  let inst: InstanceType<WA['Instance']>;
  try {
    inst = new api.Instance(new api.Module(bytes), imports);
  } catch (e) {
    // a start function that traps (or recurses too deep)
    outcomes.push(['<start>', exhausted(e) ? { kind: 'exhausted' } : { kind: 'trap' }]);
    return { log, outcomes };
  }
  const exp = inst.exports as Record<string, unknown>;
  for (const [n, f] of Object.entries(exp)) if (typeof f === 'function' && n !== 'hangLimitInitializer') funcs.push(f as (...a: unknown[]) => unknown);
  const reset = exp['hangLimitInitializer'] as (() => void) | undefined;
  for (const [name, f] of Object.entries(exp)) {
    if (typeof f !== 'function' || name === 'hangLimitInitializer') continue;
    reset?.();
    try {
      outcomes.push([name, { kind: 'ok', value: show((f as (...a: unknown[]) => unknown)(...new Array(f.length).fill(0))) }]);
    } catch (e) {
      if (exhausted(e)) {
        outcomes.push([name, { kind: 'exhausted' }]);
        break;
      }
      if (e instanceof TypeError) {
        // an i64 parameter needs a BigInt, or a result the JS API cannot carry: same on both sides
        outcomes.push([name, { kind: 'ok', value: `TypeError` }]);
        continue;
      }
      outcomes.push([name, { kind: 'trap' }]);
    }
  }
  const mem = exp['memory'];
  if (mem && typeof mem === 'object' && 'buffer' in mem) log.push(`memory:${fnv1a(new Uint8Array((mem as { buffer: ArrayBuffer }).buffer))}`);
  return { log, outcomes };
}

/** FNV-1a over a memory's bytes: equal memories, equal hashes */
function fnv1a(b: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return `${b.length}/${(h >>> 0).toString(16)}`;
}

describe.skipIf(!haveWasmOpt)(`differential fuzzing against V8${haveWasmOpt ? '' : ' (skipped: wasm-opt from the binaryen package not in node_modules; run npm ci)'}`, () => {
  it(`agrees with V8 on ${SEEDS} random modules`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasmlet-fuzz-'));
    let compared = 0;
    let skipped = 0;
    let calls = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const input = join(dir, `seed${seed}.bin`);
      const out = join(dir, `seed${seed}.wasm`);
      writeFileSync(input, seedBytes(seed, 2048 + (seed % 7) * 1024));
      const r = spawnSync(process.execPath, [WASM_OPT, '-ttf', input, '-o', out, ...FEATURES], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const bytes = new Uint8Array(readFileSync(out));
      // anything else binaryen's fuzz shell offers (table-get/set, call-ref, an externref global)
      // is left out: those modules are skipped and counted
      const imports = V8.Module.imports(new V8.Module(bytes));
      if (imports.some((i) => i.module !== 'fuzzing-support' || !/^(log-|call-export)/.test(i.name))) {
        skipped++;
        continue;
      }
      const v8 = run(V8, bytes, (e) => e instanceof RangeError);
      const ours = run(WasmletWebAssembly, bytes, (e) => e instanceof Error && /call stack exhausted/.test(e.message));
      // compare up to the first call stack exhaustion on either side
      const n = Math.min(v8.outcomes.length, ours.outcomes.length);
      let upTo = n;
      for (let i = 0; i < n; i++) if (v8.outcomes[i]![1].kind === 'exhausted' || ours.outcomes[i]![1].kind === 'exhausted') upTo = Math.min(upTo, i);
      expect(ours.outcomes.slice(0, upTo), `seed ${seed}`).toEqual(v8.outcomes.slice(0, upTo));
      if (upTo === n) {
        expect(ours.outcomes.length, `seed ${seed}`).toBe(v8.outcomes.length);
        expect(ours.log, `seed ${seed}`).toEqual(v8.log);
      }
      compared++;
      calls += upTo;
    }
    expect(compared + skipped).toBe(SEEDS);
    expect(compared).toBeGreaterThanOrEqual(SEEDS / 2);
    expect(calls).toBeGreaterThan(compared);
    console.log(`fuzz: ${compared} modules compared (${calls} calls), ${skipped} left out for their imports`);
  }, 300_000);
});
