/**
 * The generated tables (core/ops/gen/) ship as packed strings, decoded once at load: a few
 * kilobytes instead of tens of kilobytes of array literals in the bundle. Each number is zigzag
 * encoded and written in base-64 digits of 5 value bits plus a continuation bit (the VLQ of
 * source maps), so small numbers and -1 take one character.
 */
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decode a string written by scripts/gen-ops.mjs's `pack`. */
export function unpack(s: string): Int16Array {
  const out: number[] = [];
  let v = 0;
  let shift = 0;
  for (let i = 0; i < s.length; i++) {
    const d = DIGITS.indexOf(s[i]!);
    v |= (d & 31) << shift;
    if (d & 32) {
      shift += 5;
      continue;
    }
    out.push(v & 1 ? -(v >>> 1) - 1 : v >>> 1);
    v = 0;
    shift = 0;
  }
  return Int16Array.from(out);
}
