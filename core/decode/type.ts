/**
 * Type section (id 1, §5.5.4): a vector of function types, each 0x60 followed by a vector of
 * parameter types and a vector of result types.
 */
import type { FuncType, ValType } from '../types.js';
import { readValType } from './common.js';
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import type { Reader } from './reader.js';

function readResultTypes(r: Reader, what: 'parameters' | 'results'): ValType[] {
  const at = r.pos;
  const n = r.count(what);
  const limit = what === 'parameters' ? 'maxParams' : 'maxResults';
  if (n > DECODE_LIMITS[limit]) r.fail(limitMessage(`too many ${what}`, n, limit), at);
  const out: ValType[] = [];
  for (let i = 0; i < n; i++) out.push(readValType(r));
  return out;
}

export function decodeTypeSection(r: Reader): FuncType[] {
  const at = r.pos;
  const n = r.count('types');
  if (n > DECODE_LIMITS.maxTypes) r.fail(limitMessage('too many types', n, 'maxTypes'), at);
  const types: FuncType[] = [];
  for (let i = 0; i < n; i++) {
    const form = r.u8();
    if (form !== 0x60) r.fail(`malformed function type: expected 0x60, found 0x${form.toString(16)}`, r.pos - 1);
    const params = readResultTypes(r, 'parameters');
    const results = readResultTypes(r, 'results');
    types.push({ params, results });
  }
  return types;
}
