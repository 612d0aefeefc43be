/**
 * One spec folder as a vitest suite: every script in `sub` (relative to the spec root), in each
 * of the given modes, must pass completely. Skips with the reason when the suite is missing
 * (fails under CI=true, see locate.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript, type RunOptions } from './harness.js';
import { MISSING_REASON, requireSpecDirInCI, specDir } from './locate.js';

export interface SuiteOptions extends RunOptions {
  readonly modes: readonly ('raw' | 'js' | 'metered')[];
  /** which scripts of the folder (default: every .json) */
  readonly filter?: (file: string) => boolean;
  /** fewest scripts the folder must hold (guards against an empty or wrong folder) */
  readonly minScripts: number;
}

export function specSuite(title: string, sub: string, opts: SuiteOptions): void {
  const root = specDir();
  requireSpecDirInCI();
  const dir = root ? join(root, sub) : undefined;
  if (root && process.env['CI'] === 'true' && !existsSync(dir!)) throw new Error(`spec folder ${sub} missing under ${root} (required under CI=true)`);
  const present = dir !== undefined && existsSync(dir);
  const scripts = present ? readdirSync(dir).filter((f) => f.endsWith('.json') && (opts.filter?.(f) ?? true)).sort() : [];
  describe.skipIf(!present)(`${title}${present ? '' : ` (skipped: ${root ? `${sub} not found` : MISSING_REASON})`}`, () => {
    it('finds the scripts', () => {
      expect(scripts.length).toBeGreaterThanOrEqual(opts.minScripts);
    });
    for (const file of scripts) {
      for (const mode of opts.modes) {
        it(`${file} (${mode})`, () => {
          const r = runScript(dir!, file, mode, opts);
          expect(r.failed).toEqual([]);
          expect(r.passed + r.notApplicable).toBeGreaterThan(0);
        });
      }
    }
  });
}
