/**
 * Where the converted spec suite lives: $WASM_SPECTEST_DIR, else ../shared/spectest beside the
 * project root. Missing → tests skip with a reason, except under CI=true where they fail.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function specDir(): string | undefined {
  const env = process.env['WASM_SPECTEST_DIR'];
  const candidates = env ? [env] : [resolve(root, '..', 'shared', 'spectest')];
  for (const c of candidates) if (existsSync(resolve(c, 'core-2.0'))) return c;
  return undefined;
}

export const MISSING_REASON =
  'WebAssembly spec suite not found: set WASM_SPECTEST_DIR to a folder with core-2.0/*.json (wast2json output) or place it at ../shared/spectest';

export function requireSpecDirInCI(): void {
  if (!specDir() && process.env['CI'] === 'true') throw new Error(MISSING_REASON + ' (required under CI=true)');
}
