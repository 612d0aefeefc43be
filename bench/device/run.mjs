#!/usr/bin/env node
/*
 * Runs the device benchmark (bench/device/bench.ts): bundles it with esbuild into a temporary
 * file (no TypeScript loader needed) and runs that under `node --expose-gc`, so idle-device
 * memory can be measured after full collections. Arguments are passed through:
 *   node bench/device/run.mjs [--quick] [--json] [--tier interpreter|compiled|auto]
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wasmlet-bench-device-'));
const out = join(dir, 'bench.mjs');
try {
  await build({ entryPoints: [join(root, 'bench/device/bench.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'warning' });
  const r = spawnSync(process.execPath, ['--expose-gc', out, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, WASMLET_ROOT: root } });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
