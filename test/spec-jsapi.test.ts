/**
 * The same spec scripts through the drop-in `WebAssembly` JS API layer, wherever JS values can
 * carry a command (arguments or results with exact NaN payloads cannot cross as JS numbers and are
 * counted as not applicable; the native-API run checks those bit-exactly). The JS API compiles with
 * the 3.0 defaults, so the 19 assertions of 2.0 that 3.0 reverses (SUPERSEDED_BY_3_0) do not apply.
 * SIMD scripts run too: a call of a function whose type has a v128, or a v128 global's value, must be
 * the JS API's TypeError (the harness checks it, then counts the command not applicable).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript, SUPERSEDED_BY_3_0 } from './spec/harness.js';
import { MISSING_REASON, requireSpecDirInCI, specDir } from './spec/locate.js';

const dir = specDir();
requireSpecDirInCI();
const scripts = dir ? readdirSync(join(dir, 'core-2.0')).filter((f) => f.endsWith('.json')).sort() : [];

describe.skipIf(!dir)(`spec suite core-2.0, JS API layer${dir ? '' : ` (skipped: ${MISSING_REASON})`}`, () => {
  it('finds the scripts', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(140);
  });
  for (const file of scripts) {
    it(file, () => {
      const r = runScript(join(dir!, 'core-2.0'), file, 'js', { skip: SUPERSEDED_BY_3_0 });
      expect(r.failed).toEqual([]);
      expect(r.passed + r.notApplicable).toBeGreaterThan(0);
    });
  }
});
