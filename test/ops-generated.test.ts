/**
 * The engine's instruction code is generated from its tables (core/ops/*.ts) by
 * scripts/gen-ops.mjs and checked in. This fails when a table or a generated file was edited
 * without regenerating (or a generated file was edited by hand).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('generated instruction code', () => {
  it('is up to date with core/ops', () => {
    let out = '';
    try {
      out = execFileSync(process.execPath, ['scripts/gen-ops.mjs', '--check'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { stderr?: string; stdout?: string };
      expect.fail(`${err.stderr ?? ''}${err.stdout ?? ''}`);
    }
    expect(out).toContain('up to date');
  });
});
