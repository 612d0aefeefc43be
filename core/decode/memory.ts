/**
 * Memory section (id 5, §5.5.8): a vector of memory types (limits in 64 KiB pages). The page
 * bounds (≤ 65536) and the single-memory rule are checked by the validator, not here.
 */
import type { MemType } from '../types.js';
import { readMemType } from './common.js';
import type { Reader } from './reader.js';

export function decodeMemorySection(r: Reader): MemType[] {
  const n = r.count('memories');
  const memories: MemType[] = [];
  for (let i = 0; i < n; i++) memories.push(readMemType(r));
  return memories;
}
