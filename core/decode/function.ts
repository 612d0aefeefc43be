/**
 * Function section (id 3, §5.5.6): the type index of each function defined in the module. The
 * bodies come later, in the code section, which must have as many entries.
 */
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import type { Reader } from './reader.js';

export function decodeFunctionSection(r: Reader, importedFuncs: number): number[] {
  const at = r.pos;
  const n = r.count('functions');
  if (n + importedFuncs > DECODE_LIMITS.maxFunctions) {
    r.fail(limitMessage('too many functions (imported and defined)', n + importedFuncs, 'maxFunctions'), at);
  }
  const funcs: number[] = [];
  for (let i = 0; i < n; i++) funcs.push(r.u32());
  return funcs;
}
