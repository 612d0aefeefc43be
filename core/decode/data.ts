/**
 * Data section (id 11, §5.5.14): segments with flags 0 (active, memory 0), 1 (passive) or
 * 2 (active, explicit memory index). The bytes stay a view into the module, not a copy.
 */
import { SegmentMode, type ConstExpr, type DataSegment } from '../types.js';
import { readConstExpr } from './common.js';
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import type { Reader } from './reader.js';

export function decodeDataSection(r: Reader, dataCount: number | undefined): DataSegment[] {
  const at = r.pos;
  const n = r.count('data segments');
  if (n > DECODE_LIMITS.maxDataSegments) r.fail(limitMessage('too many data segments', n, 'maxDataSegments'), at);
  if (dataCount !== undefined && n !== dataCount) {
    r.fail(`data count and data section have inconsistent lengths (${dataCount} and ${n})`, at);
  }
  const datas: DataSegment[] = [];
  for (let i = 0; i < n; i++) {
    const flagsAt = r.pos;
    const flags = r.u32();
    if (flags > 2) r.fail(`malformed data segment kind ${flags}`, flagsAt);
    if (flags === 1) {
      datas.push({ mode: SegmentMode.Passive, memory: 0, offset: undefined, bytes: r.byteVec() });
      continue;
    }
    const memory = flags === 2 ? r.u32() : 0;
    const offset: ConstExpr = readConstExpr(r);
    datas.push({ mode: SegmentMode.Active, memory, offset, bytes: r.byteVec() });
  }
  return datas;
}
