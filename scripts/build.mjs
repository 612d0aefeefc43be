#!/usr/bin/env node
/*
 * Build: bundles the package's entry points (scripts/entries.json) with esbuild into dist/.
 *
 *   dist/wasmlet.js      `wasmlet`: core/index.ts, platform neutral (no Node built-ins may leak
 *                        into the engine), ES2022, with a source map
 *   dist/wasi.js, dist/proxy-wasm.js, dist/device.js
 *                        `wasmlet/wasi`, `wasmlet/proxy-wasm`, `wasmlet/device`, for Node; they
 *                        import the engine as `wasmlet` (the package's self-reference), so one
 *                        copy of the engine's classes is shared by every entry, and npm packages
 *                        stay external (they are the package's dependencies)
 *   dist/compiled.js     `wasmlet/compiled`: the compiled tier (core/compiled/), platform neutral, its
 *                        own bundle so the engine does not grow; it imports the engine as `wasmlet`
 *                        too and bundles only core/compiled/ and the IR table (core/ops/)
 *   dist/core-2.0.js     `wasmlet/core-2.0`: core/index-2.0.ts, the engine without SIMD (its own
 *                        copy of the engine: it never imports core/exec/simd.ts)
 *   dist/wasmlet.min.js, dist/compiled.min.js, dist/core-2.0.min.js
 *                        the engine, the tier and the SIMD-less engine minified, not shipped: their raw and gzip sizes
 *                        are printed because footprint is a design goal
 *   dist/types/          declarations of every entry (tsc -p tsconfig.build.json)
 *   dist/cli.js          bin/wasmlet.ts for Node, self-contained but for npm packages;
 *                        bin/wasmlet.js (committed) is the tiny launcher that imports it
 *   dist/sdk-files.json  the device SDK sources `wasmlet new device` copies (scripts/sdk-files.json
 *                        lists them), so an installed package, which ships no sources, has them
 *   dist/dashboard/      the page `wasmlet dashboard` serves (web/dashboard: index.html, app.js
 *                        with uPlot bundled in, app.css), minified, for browsers; built with the
 *                        CLI because the CLI serves it
 *
 * Options:
 *   --only=cli    build dist/cli.js only (what the tests spawn; takes well under a second)
 *   --if-stale    do nothing when every output is newer than every source
 *   --analyze     print the minified engine's size per part (core subfolder or top-level file)
 */
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const analyze = args.includes('--analyze');
const onlyCli = args.includes('--only=cli');
const ifStale = args.includes('--if-stale');
const entries = JSON.parse(readFileSync(join(root, 'scripts/entries.json'), 'utf8'));
const cliEntry = join(root, 'bin/wasmlet.ts');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** what each part of the build writes (for --if-stale and for cleaning dist/) */
const minified = ['wasmlet', 'compiled', 'core-2.0'];
const engineOutputs = [...entries.flatMap((e) => [`dist/${e.out}.js`, `dist/${e.out}.js.map`]), ...minified.flatMap((m) => [`dist/${m}.min.js`, `dist/${m}.min.js.map`])];
const cliOutputs = ['dist/cli.js', 'dist/cli.js.map', 'dist/sdk-files.json'];
const sdkFiles = JSON.parse(readFileSync(join(root, 'scripts/sdk-files.json'), 'utf8'));
const pageOutputs = ['dist/dashboard/index.html', 'dist/dashboard/app.js', 'dist/dashboard/app.css'];

/** ./dist/types/<source>.d.ts: where tsc puts an entry's declarations */
function typesPath(e) {
  return `./dist/types/${e.source.replace(/\.ts$/, '.d.ts')}`;
}

/** newest mtime of the build's inputs: sources under `dirs`, configs and scripts/ */
function newestInput(dirs) {
  let t = 0;
  const walk = (d) => {
    for (const f of readdirSync(join(root, d), { withFileTypes: true })) {
      const p = `${d}/${f.name}`;
      if (f.isDirectory()) walk(p);
      else if (/\.(ts|js|mjs|json)$/.test(f.name)) t = Math.max(t, statSync(join(root, p)).mtimeMs);
    }
  };
  for (const d of [...dirs, 'scripts']) walk(d);
  for (const f of ['package.json', 'tsconfig.json', 'tsconfig.build.json']) t = Math.max(t, statSync(join(root, f)).mtimeMs);
  return t;
}

/** whether any of `outputs` is missing or older than the newest input */
function stale(outputs, newest) {
  return outputs.some((o) => !existsSync(join(root, o)) || statSync(join(root, o)).mtimeMs < newest);
}

/** the package.json `exports` map must name exactly these entries' files */
function checkExports() {
  const problems = [];
  for (const e of entries) {
    const want = { types: typesPath(e), import: `./dist/${e.out}.js` };
    const got = pkg.exports?.[e.subpath];
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`exports["${e.subpath}"] should be ${JSON.stringify(want)}`);
  }
  const tsFiles = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')).files;
  if (JSON.stringify(tsFiles) !== JSON.stringify(entries.map((e) => e.source))) problems.push('tsconfig.build.json "files" should list the entries\' sources in order');
  const extra = Object.keys(pkg.exports ?? {}).filter((k) => k !== './package.json' && !entries.some((e) => e.subpath === k));
  for (const k of extra) problems.push(`exports["${k}"] is not an entry of scripts/entries.json`);
  if (problems.length) {
    console.error(`build: package.json or tsconfig.build.json disagrees with scripts/entries.json:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
}

/**
 * Host entries reach the engine only through core/index.ts, which becomes the external import
 * `wasmlet` (resolved by Node through the package's own `exports`); a deep import into core/
 * would bundle a second copy of engine classes, so it fails the build.
 */
const engineAsPackage = {
  name: 'wasmlet-engine-external',
  setup(b) {
    const core = join(root, 'core') + '/';
    b.onResolve({ filter: /^\.\.?\// }, (a) => {
      const target = resolve(a.resolveDir, a.path);
      if (!target.startsWith(core) || a.importer.startsWith(core)) return undefined;
      if (target === core + 'index.js' || target === core + 'index.ts') return { path: pkg.name, external: true };
      return { errors: [{ text: `${relative(root, a.importer)} imports ${relative(root, target)}: import the engine through core/index.js` }] };
    });
  },
};

/**
 * An entry inside core/ other than core/index.ts (the compiled tier) reaches the engine the same
 * way, as `wasmlet`; it may bundle its own folder and the IR table (core/ops/: plain data), and
 * nothing else of core (it gets the interpreter's internals through TIER_RUNTIME), so the engine's
 * classes are never copied into it.
 */
function engineFromCore(entryDir) {
  return {
    name: 'wasmlet-engine-from-core',
    setup(b) {
      const core = join(root, 'core') + '/';
      const own = [join(root, entryDir) + '/', core + 'ops/'];
      b.onResolve({ filter: /^\.\.?\// }, (a) => {
        const target = resolve(a.resolveDir, a.path);
        if (!target.startsWith(core)) return undefined;
        if (target === core + 'index.js' || target === core + 'index.ts') return { path: pkg.name, external: true };
        if (own.some((d) => target.startsWith(d))) return undefined;
        return { errors: [{ text: `${relative(root, a.importer)} imports ${relative(root, target)}: the tier reaches the engine through core/index.js (TIER_RUNTIME)` }] };
      });
    },
  };
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

/** Minified size per part of the engine: core subfolders, and core's top-level files by stem. */
function printParts(metafile, outfile, raw, gz) {
  const out = metafile.outputs[relative(root, outfile)];
  const parts = new Map();
  for (const [path, { bytesInOutput }] of Object.entries(out.inputs)) {
    const rel = path.replace(/^core\//, '');
    const part = rel.includes('/') ? rel.slice(0, rel.indexOf('/')) + '/' : rel.replace(/\.ts$/, '').split('-')[0];
    parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
  }
  const total = [...parts.values()].reduce((a, b) => a + b, 0);
  console.log('\nminified engine by part (bytes of the bundle each part contributes):');
  for (const [part, bytes] of [...parts].filter(([, b]) => b > 0).sort((a, b) => b[1] - a[1])) {
    console.log(`  ${part.padEnd(14)} ${bytes.toLocaleString('en').padStart(8)}  ${((100 * bytes) / total).toFixed(1).padStart(5)}%`);
  }
  console.log(`  ${'total'.padEnd(14)} ${raw.toLocaleString('en').padStart(8)}  raw (parts ${total.toLocaleString('en')} + esbuild's wrapper), ${gz.toLocaleString('en')} gzipped`);
}

// With --if-stale each part is rebuilt only when it is out of date, so a fresh dist/cli.js is
// never rewritten while tests may be running it.
const types = entries.map((e) => typesPath(e).slice(2));
const buildEngine = !onlyCli && (!ifStale || stale([...engineOutputs, ...types], newestInput(['core', 'hosts', 'firmware-sim'])));
const newestSdk = Math.max(...sdkFiles.map((f) => statSync(join(root, f)).mtimeMs));
const buildCli = !ifStale || stale(cliOutputs, Math.max(newestSdk, newestInput(['core', 'hosts', 'firmware-sim', 'bin'])));
const buildPage = !ifStale || stale(pageOutputs, Math.max(newestInput(['web']), ...['index.html', 'style.css'].map((f) => statSync(join(root, 'web/dashboard', f)).mtimeMs)));

try {
  if (buildEngine) {
    checkExports();
    // nothing stale may ship: remove what this build does not write (old bundles, old declarations)
    const keep = new Set([...engineOutputs, ...cliOutputs, 'dist/dashboard'].map((o) => o.slice('dist/'.length)));
    if (existsSync(join(root, 'dist'))) {
      for (const f of readdirSync(join(root, 'dist'))) if (!keep.has(f)) rmSync(join(root, 'dist', f), { recursive: true, force: true });
    }
    /** esbuild options of entry `e` (the engine itself bundles everything it imports) */
    const options = (e) => {
      // the engine, and the engine without SIMD (wasmlet/core-2.0), each self-contained
      if (e.subpath === '.' || e.subpath === './core-2.0') return { platform: 'neutral' };
      if (e.source.startsWith('core/')) return { platform: 'neutral', plugins: [engineFromCore(e.source.slice(0, e.source.lastIndexOf('/')))] };
      return { platform: 'node', target: 'node20', packages: 'external', plugins: [engineAsPackage] };
    };
    for (const e of entries) {
      await build({ ...common, entryPoints: [join(root, e.source)], ...options(e), outfile: join(root, `dist/${e.out}.js`) });
    }
    for (const m of minified) {
      const e = entries.find((x) => x.out === m);
      const minfile = join(root, `dist/${m}.min.js`);
      const min = await build({ ...common, entryPoints: [join(root, e.source)], ...options(e), minify: true, metafile: analyze && m === 'wasmlet', outfile: minfile });
      const bytes = readFileSync(minfile);
      const gz = gzipSync(bytes, { level: 9 }).length;
      console.log(`dist/${m}.min.js: ${bytes.length.toLocaleString('en')} bytes, ${gz.toLocaleString('en')} bytes gzipped`);
      if (analyze && m === 'wasmlet') printParts(min.metafile, minfile, bytes.length, gz);
    }
    console.log(`dist: ${entries.map((e) => `${e.out}.js`).join(', ')}`);
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
    console.log('dist/types: declarations emitted');
  }
  if (buildCli) {
    // npm dependencies stay external: native addons (serialport) cannot be bundled
    await build({ ...common, entryPoints: [cliEntry], platform: 'node', target: 'node20', packages: 'external', outfile: join(root, 'dist/cli.js') });
    writeFileSync(join(root, 'dist/sdk-files.json'), JSON.stringify(Object.fromEntries(sdkFiles.map((f) => [f, readFileSync(join(root, f), 'utf8')]))));
    if (!onlyCli) console.log('dist/cli.js: built');
  }
  if (buildPage) {
    // everything the page loads comes from this bundle: no CDN (users may be offline)
    const out = join(root, 'dist/dashboard');
    await build({ ...common, entryPoints: { app: join(root, 'web/dashboard/main.ts') }, platform: 'browser', target: 'es2022', minify: true, sourcemap: false, outdir: out });
    copyFileSync(join(root, 'web/dashboard/index.html'), join(out, 'index.html'));
    if (!onlyCli) {
      const size = (f) => `${f} ${readFileSync(join(out, f)).length.toLocaleString('en')} bytes (${gzipSync(readFileSync(join(out, f)), { level: 9 }).length.toLocaleString('en')} gzipped)`;
      console.log(`dist/dashboard: ${size('app.js')}, ${size('app.css')}`);
    }
  }
} catch (e) {
  // esbuild has already printed its errors with file and line; tsc too
  if (!(e && typeof e === 'object' && 'errors' in e) && !(e && e.status !== undefined)) console.error(e);
  console.error('build: failed');
  process.exit(1);
}
