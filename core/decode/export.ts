/**
 * Export section (id 7, §5.5.10): a vector of (name, kind, index). Duplicate names and index
 * bounds are the validator's concern.
 */
import type { Export, ExternKind } from '../types.js';
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import type { Reader } from './reader.js';

export function decodeExportSection(r: Reader): Export[] {
  const at = r.pos;
  const n = r.count('exports');
  if (n > DECODE_LIMITS.maxExports) r.fail(limitMessage('too many exports', n, 'maxExports'), at);
  const exports: Export[] = [];
  for (let i = 0; i < n; i++) {
    const name = r.name();
    const kindAt = r.pos;
    const kind = r.u8();
    if (kind > 4) r.fail(`malformed export kind 0x${kind.toString(16)}`, kindAt);
    const index = r.u32();
    exports.push({ name, kind: kind as ExternKind, index });
  }
  return exports;
}
