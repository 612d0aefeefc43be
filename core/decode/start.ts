/** Start section (id 8, §5.5.11): the index of the function to run at instantiation. */
import type { Reader } from './reader.js';

export function decodeStartSection(r: Reader): number {
  return r.u32();
}
