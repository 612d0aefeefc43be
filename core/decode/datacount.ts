/**
 * Data count section (id 12, §5.5.15): the number of data segments, declared ahead of the code
 * section so that memory.init and data.drop can be validated in one pass.
 */
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import type { Reader } from './reader.js';

export function decodeDataCountSection(r: Reader): number {
  const at = r.pos;
  const n = r.u32();
  if (n > DECODE_LIMITS.maxDataSegments) r.fail(limitMessage('too many data segments', n, 'maxDataSegments'), at);
  return n;
}
