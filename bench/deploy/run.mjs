#!/usr/bin/env node
/*
 * Runs the deploy benchmark (bench/deploy/bench.ts): bundles it with esbuild (no TypeScript loader
 * needed) into node_modules/.cache, where its npm imports resolve (they stay external: serialport
 * loads a native binding), and runs it. Arguments are passed through:
 *   node bench/deploy/run.mjs [--json]
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = join(root, 'node_modules', '.cache', 'wasmlet-bench-deploy');
mkdirSync(dir, { recursive: true });
const out = join(dir, 'bench.mjs');
try {
  await build({ entryPoints: [join(root, 'bench/deploy/bench.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, packages: 'external', logLevel: 'warning' });
  const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, WASMLET_ROOT: root } });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
