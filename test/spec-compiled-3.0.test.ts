/**
 * The compiled tier passes every core-3.0 and proposal script (tail-call, multi-memory,
 * extended-const) that the interpreter passes, without and with fuel. "Passes on the interpreter"
 * is measured here, script by script, so the list follows the interpreter as features land and no
 * skip list is copied from spec-core-3.0.test.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_CHARS, tierStats } from '../core/compiled/index.js';
import { runScript } from './spec/harness.js';
import { MISSING_REASON, requireSpecDirInCI, specDir } from './spec/locate.js';

const root = specDir();
requireSpecDirInCI();
const FOLDERS = ['core-3.0', 'proposals/tail-call', 'proposals/multi-memory', 'proposals/extended-const'];
const scripts = root ? FOLDERS.filter((d) => existsSync(join(root, d))).flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.json')).map((f) => [d, f] as const)) : [];

describe.skipIf(!root)(`spec suites 3.0 and proposals on the compiled tier${root ? '' : ` (skipped: ${MISSING_REASON})`}`, () => {
  it('finds the scripts', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(150);
  });
  let gated = 0;
  for (const [d, file] of scripts) {
    it(`${d}/${file}`, () => {
      const dir = join(root!, d);
      const interp = runScript(dir, file, 'raw');
      if (interp.failed.length > 0) return; // not built in the interpreter yet
      gated++;
      for (const mode of ['raw', 'metered'] as const) {
        const r = runScript(dir, file, mode, { tier: 'compiled' });
        expect(r.failed, mode).toEqual([]);
        expect(r.passed + r.notApplicable).toBe(interp.passed + interp.notApplicable);
      }
    });
  }
  it('ran most scripts on both tiers, all compiled', () => {
    expect(gated).toBeGreaterThanOrEqual(100);
    // what the tier leaves to the interpreter: modules with exception handling or SIMD, whole
    const whole = new Set(['module uses exception handling', 'module uses SIMD', `function too large for V8 to optimise (over ${MAX_SOURCE_CHARS} characters of JS)`]);
    // and, per function, the v128 moves of modules that hold v128 values without SIMD instructions
    // and functions with call_ref / return_call_ref or GC ops (struct/array access and allocation
    // in gcOp, the casts and i31 ops as templates over core/exec/gc.ts), which the tier has no code for
    const interpretedOps = /^hand-written IR op (CallRef|ReturnCallRef|Struct\w+|Array\w+)$|^IR op (RefEq|RefTest|RefCast|RefI31|I31GetS|I31GetU|ArrayLen): its template uses G$/;
    expect([...tierStats.reasons].filter(([why]) => !whole.has(why) && !/^IR op \w+128: /.test(why) && !interpretedOps.test(why))).toEqual([]);
  });
});
