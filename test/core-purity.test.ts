/** core/ must run in any JS engine: no node: imports and no runtime dependencies. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('core purity', () => {
  it('imports only relative modules', () => {
    const bad: string[] = [];
    for (const f of files('core')) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/^\s*(?:import|export)\b[^;'"]*?from\s+['"]([^'"]+)['"]/gm)) {
        if (!m[1]!.startsWith('.')) bad.push(`${f}: ${m[1]}`);
      }
      const code = src.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/\brequire\(|\bprocess\.|\bBuffer\./.test(code)) bad.push(`${f}: uses a Node global`);
    }
    expect(bad).toEqual([]);
  });
});
