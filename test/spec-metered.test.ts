/**
 * The spec suite again on a metering store: fuel instructions in every basic block must not change
 * any result, trap or validation outcome (the default fuel is effectively unlimited).
 * Compiled with WASM_2_0_FEATURES: the suite's assertions are 2.0's (3.0 reverses a few).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WASM_2_0_FEATURES } from '../core/index.js';
import { runScript } from './spec/harness.js';
import { MISSING_REASON, requireSpecDirInCI, specDir } from './spec/locate.js';

const dir = specDir();
requireSpecDirInCI();
const scripts = dir ? readdirSync(join(dir, 'core-2.0')).filter((f) => f.endsWith('.json')).sort() : [];

describe.skipIf(!dir)(`spec suite core-2.0, native API with fuel metering${dir ? '' : ` (skipped: ${MISSING_REASON})`}`, () => {
  it('finds the scripts', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(140);
  });
  for (const file of scripts) {
    it(file, () => {
      const r = runScript(join(dir!, 'core-2.0'), file, 'metered', { features: WASM_2_0_FEATURES });
      expect(r.failed).toEqual([]);
      expect(r.passed + r.notApplicable).toBeGreaterThan(0);
    });
  }
});
