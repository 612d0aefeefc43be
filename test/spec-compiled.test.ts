/**
 * The compiled tier passes the spec suites the interpreter passes: every core-2.0 script (but SIMD),
 * on a store with `tier: 'compiled'`, without and with fuel metering, through the same harness.
 * Compiled with WASM_2_0_FEATURES: the suite's assertions are 2.0's (3.0 reverses a few). The
 * tier must compile the functions, not leave them to the interpreter: tierStats counts both.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_CHARS, WASM_2_0_FEATURES, tierStats } from '../core/compiled/index.js';
import { runScript } from './spec/harness.js';
import { MISSING_REASON, requireSpecDirInCI, specDir } from './spec/locate.js';

/** SIMD is a later issue: every simd_*.json script is skipped for that one reason. */
const SKIP_PREFIX = 'simd_';

const dir = specDir();
requireSpecDirInCI();
const scripts = dir ? readdirSync(join(dir, 'core-2.0')).filter((f) => f.endsWith('.json') && !f.startsWith(SKIP_PREFIX)).sort() : [];

describe.skipIf(!dir)(`spec suite core-2.0 on the compiled tier${dir ? '' : ` (skipped: ${MISSING_REASON})`}`, () => {
  it('finds the scripts', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(90);
  });
  for (const metered of [false, true]) {
    for (const file of scripts) {
      it(`${file}${metered ? ' (fuel)' : ''}`, () => {
        const r = runScript(join(dir!, 'core-2.0'), file, metered ? 'metered' : 'raw', { features: WASM_2_0_FEATURES, tier: 'compiled' });
        expect(r.failed).toEqual([]);
        expect(r.passed + r.notApplicable).toBeGreaterThan(0);
      });
    }
  }
  it('compiled every function it ran (none left to the interpreter but a few over the size limit)', () => {
    expect(tierStats.compiled).toBeGreaterThan(1000);
    // br_table.wast's huge table and skip-stack-guard-page.wast's long call chains are over
    // MAX_SOURCE_CHARS (each module raw and metered): left to the interpreter by design
    const tooLarge = `function too large for V8 to optimise (over ${MAX_SOURCE_CHARS} characters of JS)`;
    expect([...tierStats.reasons].filter(([why]) => why !== tooLarge)).toEqual([]);
    expect(tierStats.reasons.get(tooLarge) ?? 0).toBeLessThanOrEqual(8);
    expect(tierStats.interpreted).toBe(tierStats.reasons.get(tooLarge) ?? 0);
  });
});
