/** Global section (id 6, §5.5.9): a vector of (global type, constant initializer expression). */
import type { Global } from '../types.js';
import { readConstExpr, readGlobalType } from './common.js';
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import type { Reader } from './reader.js';

export function decodeGlobalSection(r: Reader, importedGlobals: number): Global[] {
  const at = r.pos;
  const n = r.count('globals');
  if (n + importedGlobals > DECODE_LIMITS.maxGlobals) {
    r.fail(limitMessage('too many globals (imported and defined)', n + importedGlobals, 'maxGlobals'), at);
  }
  const globals: Global[] = [];
  for (let i = 0; i < n; i++) {
    const type = readGlobalType(r);
    const init = readConstExpr(r);
    globals.push({ type, init });
  }
  return globals;
}
