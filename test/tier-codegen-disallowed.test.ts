/**
 * Where code generation from strings is disallowed (node --disallow-code-generation-from-strings,
 * a CSP without 'unsafe-eval'), `tier: 'auto'` interprets and `tier: 'compiled'` is a TierError
 * saying why. Run in a child process with that flag, on the compiled tier bundled from source.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { wat } from './helpers/wat.js';

describe('compiled tier without code generation', () => {
  it('auto interprets, compiled throws TierError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasmlet-tier-'));
    const bundle = join(dir, 'compiled.mjs');
    await build({ entryPoints: [join(import.meta.dirname, '../core/compiled/index.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: bundle, logLevel: 'error' });
    const bytes = wat('(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))');
    const script = join(dir, 'main.mjs');
    writeFileSync(
      script,
      `import { compile, Linker, Store, TierError } from './compiled.mjs';
const mod = compile(new Uint8Array([${[...bytes].join(',')}]));
const store = new Store({ tier: 'auto' });
const inst = new Linker().instantiate(store, mod);
const sums = [];
for (let i = 0; i < 5; i++) sums.push(store.invoke(inst.func('add'), i, 10)[0]);
let err;
try { new Store({ tier: 'compiled' }); } catch (e) { err = e; }
console.log(JSON.stringify({ sums, tierError: err instanceof TierError, code: err?.code, message: err?.message }));`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['--disallow-code-generation-from-strings', script], { encoding: 'utf8' }));
    expect(out.sums).toEqual([10, 11, 12, 13, 14]);
    expect(out.tierError).toBe(true);
    expect(out.code).toBe('WASMLET_TIER');
    expect(out.message).toMatch(/disallows code generation from strings/);
  });
});
