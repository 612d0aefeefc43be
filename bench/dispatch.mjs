#!/usr/bin/env node
/*
 * Dispatch counts: how many IR instructions the interpreter executes on each bench workload,
 * in total and per IR op. Counts are deterministic (same module, same n → same numbers), so they
 * check a translator change exactly where timings are noisy: a refactoring that keeps every
 * fusion must keep every count.
 *
 * The engine is bundled from core/ with esbuild; a plugin adds one counter increment in front of
 * the dispatch switch of `run()`. Nothing in core/ knows about it.
 *
 * Usage: node bench/dispatch.mjs [--only fib,sha256] [--scale 0.01] [--top 12] [--metered]
 *                                [--json out.json]
 */
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: opt } = parseArgs({
  options: {
    only: { type: 'string' },
    scale: { type: 'string', default: '0.01' },
    top: { type: 'string', default: '12' },
    metered: { type: 'boolean', default: false },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log('usage: node bench/dispatch.mjs [--only fib,sha256] [--scale 0.01] [--top 12] [--metered] [--json out.json]');
  process.exit(0);
}

// n per workload at scale 1 (bench/run.mjs's counts)
const WORKLOADS = { fib: 300, coremarkish: 10_000, sha256: 4_000, nbody: 1_500_000, i64hash: 12_000_000, qsort: 30, pid: 10_000_000, headers: 4_000, big: 3_000 };

const counting = {
  name: 'count-dispatches',
  setup(b) {
    b.onLoad({ filter: /core[\\/]exec[\\/]interpreter\.ts$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const marker = 'switch (code[pc]) {';
      const at = src.indexOf(marker);
      if (at < 0) throw new Error('dispatch.mjs: dispatch switch not found in interpreter.ts');
      const out = src.slice(0, at) + 'globalThis.__wasmletDispatch[code[pc]]++;\n' + src.slice(at);
      return { contents: out, loader: 'ts' };
    });
  },
};

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-dispatch-'));
const outfile = join(dir, 'engine.js');
await build({ entryPoints: [join(root, 'core/index.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile, plugins: [counting], logLevel: 'warning' });
globalThis.__wasmletDispatch = new Float64Array(4096);
const engine = await import(outfile);
// IR op names, when the engine exposes them (core/ops); else numbers
let names = [];
try {
  const ops = await build({ entryPoints: [join(root, 'core/ops/gen/ir-ops.ts')], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
  const m = await import('data:text/javascript,' + encodeURIComponent(ops.outputFiles[0].text));
  names = Object.entries(m.Op).filter(([, v]) => typeof v === 'number').sort((a, b) => a[1] - b[1]).map(([k]) => k);
} catch {
  /* older tree without core/ops: numbers only */
}

const only = opt.only ? opt.only.split(',') : Object.keys(WORKLOADS);
const scale = Number(opt.scale);
const top = Number(opt.top);
const report = {};
for (const w of only) {
  const n = Math.max(1, Math.round(WORKLOADS[w] * scale));
  const bytes = readFileSync(join(root, 'bench/wasm', `${w}.wasm`));
  const mod = engine.compile(bytes);
  const store = new engine.Store({ metering: opt.metered });
  const inst = new engine.Linker().instantiate(store, mod);
  const counts = globalThis.__wasmletDispatch;
  counts.fill(0);
  const [result] = store.invoke(inst.func('run'), n);
  let total = 0;
  const per = [];
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) { total += counts[i]; per.push([names[i] ?? String(i), counts[i]]); }
  per.sort((a, b) => b[1] - a[1]);
  report[w] = { n, result: String(result), total, ops: Object.fromEntries(per) };
  const tops = per.slice(0, top).map(([k, c]) => `${k} ${((100 * c) / total).toFixed(1)}%`).join(', ');
  console.log(`${w.padEnd(12)} n=${String(n).padStart(8)} dispatches ${String(total).padStart(12)}  ${tops}`);
}
if (opt.json) writeFileSync(opt.json, JSON.stringify(report, null, 1));
