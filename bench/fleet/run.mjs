#!/usr/bin/env node
/*
 * Runs the fleet benchmark (bench/fleet/bench.ts): bundles it with esbuild (npm packages stay
 * external, resolved from the repository's node_modules) and runs it.
 *   node bench/fleet/run.mjs [--quick]
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// node_modules may be shared by several worktrees: one bundle per checkout, so that runs from two
// checkouts at once do not overwrite each other's
const dir = join(root, 'node_modules', '.cache', 'wasmlet-bench-fleet', createHash('sha1').update(root).digest('hex').slice(0, 12));
mkdirSync(dir, { recursive: true });
const out = join(dir, 'bench.mjs');
await build({ entryPoints: [join(root, 'bench/fleet/bench.ts')], bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'warning' });
const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, WASMLET_ROOT: root } });
process.exit(r.status ?? 1);
