#!/usr/bin/env node
/*
 * Build: bundles the engine with esbuild into dist/.
 *
 *   dist/wasmlet.js      ESM bundle of core/index.ts, platform neutral (no Node built-ins
 *                        may leak into the engine), ES2022, with a source map
 *   dist/wasmlet.min.js  the same, minified; its raw and gzip sizes are printed because
 *                        footprint is a design goal
 *   dist/cli.js          bin/wasmlet.ts bundled for Node, only once that file exists;
 *                        bin/wasmlet.js (committed) is the tiny launcher that imports it
 *
 * Type declarations are not emitted here yet. `--analyze` also prints esbuild's per-file
 * size breakdown of the minified bundle.
 */
import { execFileSync } from 'node:child_process';
import { build, analyzeMetafile } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = `${root}core/index.ts`;
const cliEntry = `${root}bin/wasmlet.ts`;
const analyze = process.argv.includes('--analyze');

if (!existsSync(entry)) {
  console.error('build: core/index.ts does not exist yet; nothing to bundle (it is the engine entry point).');
  process.exit(1);
}

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

try {
  await build({ ...common, entryPoints: [entry], platform: 'neutral', outfile: `${root}dist/wasmlet.js` });
  const min = await build({
    ...common,
    entryPoints: [entry],
    platform: 'neutral',
    minify: true,
    metafile: analyze,
    outfile: `${root}dist/wasmlet.min.js`,
  });
  const bytes = readFileSync(`${root}dist/wasmlet.min.js`);
  const gz = gzipSync(bytes, { level: 9 }).length;
  console.log(`dist/wasmlet.min.js: ${bytes.length.toLocaleString('en')} bytes, ${gz.toLocaleString('en')} bytes gzipped`);
  if (analyze) console.log(await analyzeMetafile(min.metafile));
  // type declarations for the package's `exports` map (core only: it is the public surface)
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`], { stdio: 'inherit' });
  console.log('dist/types: declarations emitted');

  if (existsSync(cliEntry)) {
    // npm dependencies stay external: native addons (serialport) cannot be bundled
    await build({ ...common, entryPoints: [cliEntry], platform: 'node', target: 'node20', packages: 'external', outfile: `${root}dist/cli.js` });
    console.log('dist/cli.js: built');
  }
} catch {
  // esbuild has already printed the errors with file and line.
  console.error('build: failed');
  process.exit(1);
}
