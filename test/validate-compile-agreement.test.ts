/**
 * WebAssembly.validate's path (validateBytes: the validator with no translator behind it) accepts
 * exactly the modules compile accepts, over every module file of the spec suite, valid and
 * invalid, with the same error message. The two paths share the validator, but only compile
 * consumes immediates through the translator's sink — a skipped immediate once made them disagree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, validateBytes } from '../core/index.js';
import { MISSING_REASON, requireSpecDirInCI, specDir } from './spec/locate.js';

requireSpecDirInCI();
const dir = specDir();

const outcome = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
};

describe.skipIf(!dir)(dir ? 'validateBytes agrees with compile' : MISSING_REASON, () => {
  it('on every module file of the spec suite', () => {
    const core = join(dir!, 'core-2.0');
    const files = readdirSync(core).filter((f) => f.endsWith('.wasm'));
    const disagree: string[] = [];
    let valid = 0;
    let invalid = 0;
    for (const file of files) {
      const bytes = readFileSync(join(core, file));
      const c = outcome(() => compile(bytes));
      const v = outcome(() => validateBytes(bytes));
      if (c !== v) disagree.push(`${file}: compile → ${c}; validateBytes → ${v}`);
      if (c === 'ok') valid++;
      else invalid++;
    }
    expect(disagree.slice(0, 20)).toEqual([]);
    expect(valid).toBeGreaterThan(1000);
    expect(invalid).toBeGreaterThan(500);
  });
});
