/**
 * Custom sections (id 0, §5.5.3): a name then arbitrary bytes. The name must be valid UTF-8 (a
 * malformed name fails the module, as the spec requires); the contents are kept as a view into
 * the module. The `name` section (appendix 7.4) is read best-effort for function names: any
 * problem inside it drops the names and never fails the module.
 */
import type { CustomSection } from '../types.js';
import { Reader } from './reader.js';

export function decodeCustomSection(r: Reader): CustomSection {
  const name = r.name();
  return { name, bytes: r.take(r.end - r.pos) };
}

const FUNCTION_NAMES = 1;

/**
 * Function names from a `name` section's contents, by function index; undefined if the section is
 * malformed in any way (names are debugging aids, so a bad section is ignored, not an error).
 */
export function parseFunctionNames(bytes: Uint8Array): Map<number, string> | undefined {
  try {
    const r = new Reader(bytes, 0, bytes.length, 'name');
    while (r.pos < bytes.length) {
      const id = r.u8();
      const size = r.u32();
      if (size > bytes.length - r.pos) return undefined;
      const end = r.pos + size;
      if (id !== FUNCTION_NAMES) {
        r.pos = end;
        continue;
      }
      r.end = end;
      const names = new Map<number, string>();
      const n = r.count('function names');
      for (let i = 0; i < n; i++) {
        const index = r.u32();
        names.set(index, r.name());
      }
      return r.pos === end ? names : undefined;
    }
    return undefined;
  } catch {
    return undefined;
  }
}
