#!/usr/bin/env node
/*
 * Regenerates test/fixtures/tier-corpus/: random valid modules from binaryen's `wasm-opt -ttf`
 * (the npm package's, locked in package-lock, so a seed gives the same module everywhere) for the
 * tier-equivalence test (test/tier-equivalence-random.test.ts). The modules are committed, so the
 * test needs no binaryen. Seeds whose modules import anything but binaryen's `fuzzing-support`
 * log-* and call-export* functions are skipped (the test's host provides those only), as are
 * modules using SIMD or exceptions (the compiled tier interprets those whole: nothing to compare).
 *
 *   node scripts/gen-tier-corpus.mjs [--count N]   (default 24 modules)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'test/fixtures/tier-corpus');
const WASM_OPT = join(root, 'node_modules/binaryen/bin/wasm-opt');
const FEATURES = ['--enable-tail-call', '--enable-bulk-memory', '--enable-sign-ext', '--enable-nontrapping-float-to-int', '--enable-mutable-globals', '--enable-multivalue'];
const i = process.argv.indexOf('--count');
const count = i > 0 ? Number(process.argv[i + 1]) : 24;

/** seeded bytes (xorshift32), the input -ttf shapes into a module (as test/fuzz-differential.test.ts) */
function seedBytes(seed, n) {
  let x = (seed * 2654435761) >>> 0 || 1;
  const b = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[k] = x & 0xff;
  }
  return b;
}

mkdirSync(out, { recursive: true });
// seeds 1000 on are this script's; others (seed5018, a larger module kept by hand) stay
for (const f of readdirSync(out)) if (/^seed1\d{3}\.wasm$/.test(f)) rmSync(join(out, f));
const tmp = join(tmpdir(), `wasmlet-tier-corpus-${process.pid}`);
mkdirSync(tmp, { recursive: true });
let kept = 0;
// seeds from 1000 on: a different range than the V8 differential test's 1..48
for (let seed = 1000; kept < count && seed < 1000 + count * 10; seed++) {
  const input = join(tmp, 'in.bin');
  const file = join(tmp, 'out.wasm');
  writeFileSync(input, seedBytes(seed, 2048 + (seed % 5) * 1024));
  const r = spawnSync(process.execPath, [WASM_OPT, '-ttf', input, '-o', file, ...FEATURES], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wasm-opt failed on seed ${seed}: ${r.stderr}`);
  const bytes = readFileSync(file);
  const mod = new WebAssembly.Module(bytes);
  if (WebAssembly.Module.imports(mod).some((im) => im.module !== 'fuzzing-support' || !/^(log-(i32|i64|f32|f64)|call-export(-catch)?)$/.test(im.name))) continue;
  writeFileSync(join(out, `seed${seed}.wasm`), bytes);
  kept++;
}
rmSync(tmp, { recursive: true, force: true });
console.log(`test/fixtures/tier-corpus: ${kept} modules`);
