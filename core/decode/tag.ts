/**
 * Tag section (id 13, exception handling; between memory and global): a vector of tag types,
 * each an attribute byte (0: exception) and the index of its function type, whose parameters
 * are the exception's payload. That the type has no results is the validator's concern.
 */
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import type { Reader } from './reader.js';

/** a tag type: attribute 0x00 then a type index (also the form of a tag import) */
export function readTagType(r: Reader): number {
  const at = r.pos;
  const attr = r.u8();
  if (attr !== 0) r.fail(`malformed tag attribute 0x${attr.toString(16)} (only 0, exception, exists)`, at);
  return r.u32();
}

export function decodeTagSection(r: Reader): number[] {
  const at = r.pos;
  const n = r.count('tags');
  // a tag costs what a global does: the same bound keeps a hostile count from allocating
  if (n > DECODE_LIMITS.maxGlobals) r.fail(limitMessage('too many tags', n, 'maxGlobals'), at);
  const tags: number[] = [];
  for (let i = 0; i < n; i++) tags.push(readTagType(r));
  return tags;
}
