#!/usr/bin/env node
/*
 * Benchmark harness: runs the freestanding C workloads in bench/wasm/ on several
 * WebAssembly engines and prints one comparison table.
 *
 * Every (engine, workload) pair runs in its own child process (this same file with
 * `--child`), so engine flags such as `--no-liftoff` or `--jitless` apply, and one
 * engine's or workload's type feedback never shapes another's. A child measures
 *   - load: compile + instantiate (`new Module` + `new Instance`), median of several.
 *     Each repetition appends a distinct custom section to the bytes so no engine can
 *     serve a repeat from a compilation cache;
 *   - run: `run(k)` for k = n/1000, n/100, n/10, n, stopping at the largest k whose run
 *     is predicted to fit in maxRunMs (so a slow engine, e.g. one under --jitless or
 *     polywasm on i64 code, runs fewer iterations; its time is scaled to n per iteration
 *     and the table marks it "/k"). The last of these runs is the warm-up; then the best
 *     of a few timed runs at that k (fewer if runs are slow, to stay inside a budget),
 * and prints one JSON line. The V8 child (TurboFan only: `--no-liftoff
 * --no-wasm-lazy-compilation`, so its load time includes the optimising compile) always
 * runs the full n and is the checksum reference: every other engine's result for each
 * k must equal V8's, or the table says MISMATCH and the exit code is 1.
 *
 * Engines: v8, wasmlet (dist/wasmlet.js, the engine's drop-in `WebAssembly`), polywasm
 * (npm, translates Wasm to JS), jitless (wasmlet under `node --jitless`) and, on request,
 * polywasm-jitless. A missing dist/wasmlet.js makes wasmlet "unavailable", not an error.
 *
 * SIMD workloads (bench/src/simd/*.c, built twice: NAME.wasm scalar, NAME.simd.wasm with
 * -msimd128) get a second table: V8 on both builds (their checksums must agree), wasmlet on
 * both, wasmlet/V8 for each build and wasmlet SIMD vs wasmlet scalar. While the engine cannot
 * compile SIMD, its SIMD run is reported as skipped: the child sees a compile error whose code
 * is WASMLET_COMPILE and says so, instead of failing the run.
 *
 * Usage: node bench/run.mjs [--only fib,sha256] [--engines v8,polywasm] [--quick]
 *                           [--scale 0.5] [--json results.json]
 *   --quick     fewer repetitions and a lower per-run cap (for a smoke test)
 *   --scale X   multiply every workload's n by X
 * Exit code: 0 if all results match V8, 1 on a mismatch or engine error, 2 on bad usage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const HERE = new URL('.', import.meta.url);
const WASMLET_URL = new URL('../dist/wasmlet.js', import.meta.url);

/*
 * Iteration counts: each takes roughly 100 ms on V8 TurboFan on an AMD EPYC (2 vCPU)
 * running Node 20. Work is linear in n for every workload.
 */
const WORKLOADS = [
  { name: 'fib', n: 300 },
  { name: 'coremarkish', n: 10_000 },
  { name: 'sha256', n: 4_000 },
  { name: 'nbody', n: 1_500_000 },
  { name: 'i64hash', n: 12_000_000 },
  { name: 'qsort', n: 30 },
  { name: 'pid', n: 10_000_000 },
  { name: 'headers', n: 4_000 },
  { name: 'big', n: 3_000 },
];

/* SIMD kernels, each with a scalar and a -msimd128 build; n takes ~100 ms scalar on V8. */
const SIMD_WORKLOADS = [
  { name: 'fir', n: 1_000 },
  { name: 'matmul', n: 400 },
];

/* api: where the child gets its `WebAssembly` object from. */
const ENGINES = {
  v8: { label: 'V8', flags: ['--no-liftoff', '--no-wasm-lazy-compilation'], api: 'global' },
  wasmlet: { label: 'wasmlet', flags: [], api: 'wasmlet' },
  'wasmlet-fuel': { label: 'wl+fuel', flags: [], api: 'wasmlet-fuel' },
  compiled: { label: 'compiled', flags: [], api: 'compiled' },
  'compiled-fuel': { label: 'cmp+fuel', flags: [], api: 'compiled-fuel' },
  polywasm: { label: 'polywasm', flags: [], api: 'polywasm' },
  jitless: { label: 'jitless', flags: ['--jitless'], api: 'wasmlet' },
  'polywasm-jitless': { label: 'pw-jitless', flags: ['--jitless'], api: 'polywasm' },
};
const DEFAULT_ENGINES = 'v8,wasmlet,wasmlet-fuel,compiled,compiled-fuel,polywasm,jitless';

const CHILD_TIMEOUT_MS = 15 * 60_000;

// ---------------------------------------------------------------------------------------
// Child: measure one engine on one workload, print one JSON line.

async function loadApi(api) {
  if (api === 'global') {
    if (typeof WebAssembly === 'undefined') throw new Error('no global WebAssembly in this node');
    return WebAssembly;
  }
  if (api === 'wasmlet-fuel') {
    // the native API on a metering store with effectively unlimited fuel: measures metering cost
    const { compile, Store, Linker } = await import(WASMLET_URL.href);
    return {
      Module: function (bytes) {
        return { compiled: compile(bytes) };
      },
      Instance: function (module) {
        const store = new Store({ metering: true });
        store.setFuel(Number.MAX_SAFE_INTEGER);
        const inst = new Linker().instantiate(store, module.compiled);
        const f = inst.func('run');
        return { exports: { run: (n) => store.invoke(f, n)[0] } };
      },
    };
  }
  if (api === 'compiled' || api === 'compiled-fuel') {
    // the compiled tier (core/compiled, `wasmlet/compiled`), bundled from source by esbuild here
    const { build } = await import('esbuild');
    const out = await build({ entryPoints: [fileURLToPath(new URL('../core/compiled/index.ts', import.meta.url))], bundle: true, format: 'esm', write: false, logLevel: 'error', platform: 'neutral' });
    const { compile, Store, Linker } = await import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
    const metering = api === 'compiled-fuel';
    return {
      Module: function (bytes) {
        return { compiled: compile(bytes) };
      },
      Instance: function (module) {
        const store = new Store({ metering, tier: 'compiled' });
        if (metering) store.setFuel(Number.MAX_SAFE_INTEGER);
        const inst = new Linker().instantiate(store, module.compiled);
        const f = inst.func('run');
        return { exports: { run: (n) => store.invoke(f, n)[0] } };
      },
    };
  }
  const spec = api === 'wasmlet' ? WASMLET_URL.href : 'polywasm';
  const mod = await import(spec);
  if (!mod.WebAssembly) throw new Error(`${api} has no named export WebAssembly`);
  return mod.WebAssembly;
}

/* The module's bytes plus a custom section "bench-salt" holding `salt`. */
function salted(bytes, salt) {
  const name = new TextEncoder().encode('bench-salt');
  const payload = [name.length, ...name, salt & 0x7f, (salt >> 7) & 0x7f];
  const out = new Uint8Array(bytes.length + 2 + payload.length);
  out.set(bytes);
  out.set([0, payload.length, ...payload], bytes.length); // payload < 128 bytes: 1-byte LEB
  return out;
}

function checksumOf(value) {
  return `${typeof value}:${value}`;
}

/* n/1000, n/100, n/10, n: distinct, ascending, at least 1. */
function candidates(n) {
  const ks = [1000, 100, 10, 1].map((d) => Math.max(1, Math.round(n / d)));
  return [...new Set(ks)];
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function child(job) {
  const W = await loadApi(job.api);
  const bytes = readFileSync(job.file);
  const gc = globalThis.gc ?? (() => {});

  const compileMs = [];
  const loadMs = [];
  let instance;
  for (let i = 0; i < Math.max(1, job.loadReps); i++) {
    const b = salted(bytes, i);
    gc();
    const t0 = performance.now();
    let module;
    try {
      module = new W.Module(b);
    } catch (e) {
      // a SIMD build the engine cannot compile yet: a compile error (by code), not a failure
      if (job.simd && e?.code === 'WASMLET_COMPILE') return { unsupported: `${e.code}: ${e.message}` };
      throw e;
    }
    const t1 = performance.now();
    instance = new W.Instance(module, {});
    const t2 = performance.now();
    compileMs.push(t1 - t0);
    loadMs.push(t2 - t0);
  }
  const run = instance.exports.run;
  if (typeof run !== 'function') throw new Error('module has no exported function run');

  const result = { loadMs: median(loadMs), compileMs: median(compileMs), loadRuns: loadMs };

  // Ramp up k = n/1000 .. n while the next run is predicted to fit in maxRunMs.
  const checksums = {};
  const timed = (k) => {
    gc();
    const t0 = performance.now();
    const c = checksumOf(run(k));
    return [performance.now() - t0, c];
  };
  const ks = candidates(job.n);
  let i = 0;
  let [ms, c] = timed(ks[0]);
  checksums[ks[0]] = c;
  let remeasured = false;
  while (i + 1 < ks.length) {
    if ((ms * ks[i + 1]) / ks[i] > job.maxRunMs) {
      // The first run at a k is often cold (code not yet optimised): measure once more.
      if (remeasured) break;
      remeasured = true;
      [ms] = timed(ks[i]);
      continue;
    }
    i++;
    remeasured = false;
    [ms, c] = timed(ks[i]);
    checksums[ks[i]] = c;
  }
  const k = ks[i];
  const runs = [];
  let unstable = null;
  const reps = Math.min(job.reps, Math.floor(job.budgetMs / ms));
  for (let r = 0; r < reps; r++) {
    const [t, again] = timed(k);
    runs.push(t);
    if (again !== c) unstable = `run(${k}) returned ${again}, earlier ${c}`;
  }
  Object.assign(result, {
    n: k,
    checksum: c,
    checksums,
    warmMs: ms,
    runs,
    runMs: runs.length ? Math.min(...runs) : ms,
    cold: runs.length === 0,
    unstable,
  });
  return result;
}

// ---------------------------------------------------------------------------------------
// Parent: spawn children, check checksums, print the table.

function parseArgs(argv) {
  const opts = { only: null, quick: false, json: null, engines: DEFAULT_ENGINES, scale: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) die(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--only') opts.only = value().split(',');
    else if (a === '--quick') opts.quick = true;
    else if (a === '--json') opts.json = value();
    else if (a === '--engines') opts.engines = value();
    else if (a === '--scale') opts.scale = Number(value());
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/run.mjs [--only NAME,...] [--engines E,...] [--quick] [--scale X] [--json FILE]');
      console.log(`engines: ${Object.keys(ENGINES).join(', ')} (default ${DEFAULT_ENGINES})`);
      console.log(`workloads: ${[...WORKLOADS, ...SIMD_WORKLOADS].map((w) => w.name).join(', ')}`);
      process.exit(0);
    } else die(`unknown option ${a} (try --help)`);
  }
  opts.engines = opts.engines.split(',').filter(Boolean);
  for (const e of opts.engines) if (!ENGINES[e]) die(`unknown engine ${e}; known: ${Object.keys(ENGINES).join(', ')}`);
  if (!(opts.scale > 0)) die('--scale needs a positive number');
  if (opts.only) {
    for (const w of opts.only) if (![...WORKLOADS, ...SIMD_WORKLOADS].some((x) => x.name === w)) die(`unknown workload ${w}`);
  }
  return opts;
}

function die(msg) {
  console.error(`bench: ${msg}`);
  process.exit(2);
}

function spawnChild(engine, job) {
  const args = [...ENGINES[engine].flags, '--expose-gc', fileURLToPath(import.meta.url), '--child', JSON.stringify(job)];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS, maxBuffer: 16 << 20 });
  const lastLine = r.stdout?.trim().split('\n').pop() ?? '';
  let parsed = null;
  try {
    parsed = JSON.parse(lastLine);
  } catch {
    /* reported below */
  }
  if (parsed) return parsed;
  const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit code ${r.status}`;
  const stderr = (r.stderr ?? '').trim().split('\n').slice(-5).join('\n    ');
  return { error: `child failed (${why})${stderr ? `:\n    ${stderr}` : ''}` };
}

function progress(text) {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
  else if (text) process.stderr.write(`${text}\n`);
}

function cpuModel() {
  try {
    const m = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) return m[1].trim();
  } catch {
    /* not Linux */
  }
  return cpus()[0]?.model ?? 'unknown';
}

function gitCommit() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', cwd: fileURLToPath(HERE) });
  return r.status === 0 ? r.stdout.trim() : null;
}

function packageVersion(name) {
  try {
    const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return JSON.parse(readFileSync(url, 'utf8')).version;
  } catch {
    return null;
  }
}

function fmtMs(ms) {
  if (ms == null) return '';
  if (ms >= 1000) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
}

function fmtRatio(x) {
  if (x == null) return '';
  return x >= 100 ? `${x.toFixed(0)}x` : x >= 10 ? `${x.toFixed(1)}x` : `${x.toFixed(2)}x`;
}

function geomean(xs) {
  return xs.length ? Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length) : null;
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const workloads = WORKLOADS.filter((w) => !opts.only || opts.only.includes(w.name)).map((w) => ({
    ...w,
    n: Math.max(1, Math.round(w.n * opts.scale)),
    file: fileURLToPath(new URL(`wasm/${w.name}.wasm`, HERE)),
  }));
  const simdWorkloads = SIMD_WORKLOADS.filter((w) => !opts.only || opts.only.includes(w.name)).map((w) => ({
    ...w,
    n: Math.max(1, Math.round(w.n * opts.scale)),
    file: fileURLToPath(new URL(`wasm/${w.name}.wasm`, HERE)),
    simdFile: fileURLToPath(new URL(`wasm/${w.name}.simd.wasm`, HERE)),
  }));
  for (const w of [...workloads, ...simdWorkloads.flatMap((s) => [{ file: s.file }, { file: s.simdFile }])]) {
    if (!existsSync(w.file)) die(`${w.file} is missing: run bash bench/build.sh`);
  }
  const reps = opts.quick ? { v8: 3, other: 1, load: 3 } : { v8: 7, other: 3, load: 7 };
  const budgetMs = opts.quick ? 5_000 : 20_000;
  const maxRunMs = opts.quick ? 1_500 : 4_000;

  const unavailable = {};
  if (!existsSync(WASMLET_URL)) {
    for (const e of opts.engines) {
      if (ENGINES[e].api.startsWith('wasmlet')) unavailable[e] = 'dist/wasmlet.js is missing (run `node scripts/build.mjs`)';
    }
  }

  // results[workload][engine] = child result | { error } | { unavailable }
  const results = {};
  const failures = [];
  const hasV8 = opts.engines.includes('v8');
  for (const w of workloads) {
    results[w.name] = {};
    // The reference run, always at the full n: timed if v8 was asked for, else checksums only.
    progress(`bench: ${w.name} on V8...`);
    const ref = spawnChild('v8', {
      api: 'global',
      file: w.file,
      n: w.n,
      reps: hasV8 ? reps.v8 : 0,
      loadReps: hasV8 ? reps.load : 1,
      budgetMs,
      maxRunMs: 1e12, // JSON has no Infinity
    });
    if (ref.error) die(`V8 reference run of ${w.name} failed: ${ref.error}`);
    if (ref.unstable) failures.push(`UNSTABLE V8 ${w.name}: ${ref.unstable}`);
    if (hasV8) results[w.name].v8 = ref;

    for (const e of opts.engines) {
      if (e === 'v8') continue;
      if (unavailable[e]) {
        results[w.name][e] = { unavailable: unavailable[e] };
        continue;
      }
      const spec = ENGINES[e];
      progress(`bench: ${w.name} on ${spec.label}...`);
      const r = spawnChild(e, {
        api: spec.api,
        file: w.file,
        n: w.n,
        reps: reps.other,
        loadReps: reps.load,
        budgetMs,
        maxRunMs,
      });
      results[w.name][e] = r;
      if (r.unavailable) {
        unavailable[e] = r.unavailable;
        continue;
      }
      if (r.error) {
        failures.push(`ERROR ${spec.label} ${w.name}: ${r.error}`);
        continue;
      }
      r.scaledMs = (r.runMs * w.n) / r.n;
      for (const [k, got] of Object.entries(r.checksums)) {
        const want = ref.checksums[k];
        if (got !== want) {
          r.mismatch = { n: Number(k), want, got };
          failures.push(`MISMATCH ${spec.label} ${w.name}: run(${k}) returned ${got}, V8 returned ${want}`);
        }
      }
      if (r.unstable) failures.push(`UNSTABLE ${spec.label} ${w.name}: ${r.unstable}`);
    }
  }
  progress('');

  // ---- table ----
  const others = opts.engines.filter((e) => e !== 'v8');
  const header = ['workload', 'n'];
  if (hasV8) header.push('V8 ms');
  for (const e of others) {
    header.push(`${ENGINES[e].label} ms`);
    if (hasV8) header.push('xV8');
  }
  for (const e of opts.engines) header.push(`load ${ENGINES[e].label}`);

  const ratios = Object.fromEntries(others.map((e) => [e, []]));
  let anyScaled = false;
  let anyCold = false;
  const rows = workloads.map((w) => {
    const rw = results[w.name];
    const row = [w.name, w.n];
    const v8ms = rw.v8?.runMs;
    if (hasV8) row.push(fmtMs(v8ms));
    for (const e of others) {
      const r = rw[e];
      const blank = hasV8 ? [''] : [];
      if (!r || r.unavailable) row.push('n/a', ...blank);
      else if (r.error) row.push('ERROR', ...blank);
      else {
        let cell = fmtMs(r.scaledMs);
        if (r.n !== w.n) {
          cell += ` /${Math.round(w.n / r.n)}`;
          anyScaled = true;
        }
        if (r.cold) {
          cell += '*';
          anyCold = true;
        }
        row.push(r.mismatch ? `MISMATCH ${cell}` : cell);
        if (hasV8) {
          const ratio = v8ms ? r.scaledMs / v8ms : null;
          row.push(fmtRatio(ratio));
          if (ratio && !r.mismatch) ratios[e].push(ratio);
        }
      }
    }
    for (const e of opts.engines) {
      const r = rw[e];
      row.push(r?.loadMs != null ? fmtMs(r.loadMs) : r?.unavailable ? 'n/a' : '');
    }
    return row;
  });

  const machine = {
    cpu: cpuModel(),
    cores: cpus().length,
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform}-${process.arch}`,
    polywasm: packageVersion('polywasm'),
    commit: gitCommit(),
    date: new Date().toISOString(),
  };

  console.log();
  printTable(header, rows);
  console.log();
  console.log('All times in ms. Run: best of the timed runs after a warm-up; load: median of');
  console.log('compile+instantiate. xV8: run time relative to V8 TurboFan (lower is better).');
  if (anyScaled) console.log('/k: too slow for the full n; ran n/k iterations, time scaled by k.');
  if (anyCold) console.log('*: only the warm-up run fitted in the time budget.');
  const means = {};
  for (const e of others) {
    const g = geomean(ratios[e]);
    means[e] = g;
    if (g != null) console.log(`geomean ${ENGINES[e].label}/V8: ${fmtRatio(g)} over ${ratios[e].length} workload${ratios[e].length === 1 ? "" : "s"}`);
  }
  for (const [e, why] of Object.entries(unavailable)) console.log(`${ENGINES[e].label}: unavailable: ${why}`);
  console.log(
    `machine: ${machine.cpu}, ${machine.cores} cores; node ${machine.node} (V8 ${machine.v8}); ` +
      `polywasm ${machine.polywasm ?? '?'}; commit ${machine.commit ?? '?'}`,
  );
  const simdResults = simdWorkloads.length ? runSimd(simdWorkloads, { reps, budgetMs, maxRunMs, unavailable, failures }) : [];

  if (failures.length) {
    console.log();
    console.log('!'.repeat(72));
    for (const f of failures) console.log(`!! ${f}`);
    console.log('!'.repeat(72));
  }

  if (opts.json) {
    const out = {
      machine,
      options: { engines: opts.engines, quick: opts.quick, scale: opts.scale },
      workloads: workloads.map((w) => ({
        name: w.name,
        n: w.n,
        results: results[w.name],
      })),
      geomeanVsV8: means,
      simd: simdResults,
      failures,
    };
    writeFileSync(opts.json, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`wrote ${opts.json}`);
  }
  process.exitCode = failures.length ? 1 : 0;
}

/*
 * The SIMD table: V8 and wasmlet on each kernel's scalar and SIMD builds. V8's scalar run is the
 * checksum reference for all four.
 */
function runSimd(simdWorkloads, { reps, budgetMs, maxRunMs, unavailable, failures }) {
  const out = [];
  let skipped = null;
  for (const w of simdWorkloads) {
    const job = (file, simd, v8) => ({
      api: v8 ? 'global' : 'wasmlet',
      file,
      simd,
      n: w.n,
      reps: v8 ? reps.v8 : reps.other,
      loadReps: reps.load,
      budgetMs,
      maxRunMs: v8 ? 1e12 : maxRunMs,
    });
    const r = { name: w.name, n: w.n };
    for (const [key, file, simd, engine] of [
      ['v8Scalar', w.file, false, 'v8'],
      ['v8Simd', w.simdFile, true, 'v8'],
      ['wlScalar', w.file, false, 'wasmlet'],
      ['wlSimd', w.simdFile, true, 'wasmlet'],
    ]) {
      if (engine === 'wasmlet' && unavailable.wasmlet) {
        r[key] = { unavailable: unavailable.wasmlet };
        continue;
      }
      progress(`bench: ${w.name}${simd ? ' (SIMD)' : ''} on ${ENGINES[engine].label}...`);
      const res = spawnChild(engine, job(file, simd, engine === 'v8'));
      r[key] = res;
      if (res.unsupported) skipped = res.unsupported;
      else if (res.error) failures.push(`ERROR ${ENGINES[engine].label} ${w.name}${simd ? '.simd' : ''}: ${res.error}`);
      else if (!res.unavailable) {
        res.scaledMs = (res.runMs * w.n) / res.n;
        const want = r.v8Scalar?.checksums;
        for (const [k, got] of Object.entries(res.checksums ?? {})) {
          if (want?.[k] !== undefined && got !== want[k]) failures.push(`MISMATCH ${ENGINES[engine].label} ${w.name}${simd ? '.simd' : ''}: run(${k}) returned ${got}, V8 scalar ${want[k]}`);
        }
      }
    }
    out.push(r);
  }
  progress('');
  const ms = (x) => (x?.scaledMs != null ? fmtMs(x.scaledMs) : x?.unsupported ? 'skipped' : x?.unavailable ? 'n/a' : 'ERROR');
  const ratio = (a, b) => (a?.scaledMs != null && b?.scaledMs ? fmtRatio(a.scaledMs / b.scaledMs) : '');
  console.log();
  printTable(
    ['simd workload', 'n', 'V8 scalar', 'V8 SIMD', 'wasmlet scalar', 'xV8 scalar', 'wasmlet SIMD', 'xV8 SIMD', 'wl SIMD/scalar'],
    out.map((r) => [r.name, r.n, ms(r.v8Scalar), ms(r.v8Simd), ms(r.wlScalar), ratio(r.wlScalar, r.v8Scalar), ms(r.wlSimd), ratio(r.wlSimd, r.v8Simd), ratio(r.wlSimd, r.wlScalar)]),
  );
  console.log('SIMD table: ms per n iterations; xV8 compares each build with V8 on the same build.');
  if (skipped) console.log(`wasmlet SIMD: skipped, the engine does not compile SIMD yet (${skipped.split('\n')[0]})`);
  return out;
}

if (process.argv[2] === '--child') {
  const job = JSON.parse(process.argv[3]);
  let out;
  try {
    out = await child(job);
  } catch (err) {
    const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    out = job.api.startsWith('wasmlet') && /Cannot find|ERR_MODULE_NOT_FOUND|no named export/.test(msg)
      ? { unavailable: msg }
      : { error: msg };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
} else {
  await main();
}
