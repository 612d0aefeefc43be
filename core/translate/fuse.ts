/**
 * The superinstruction matcher: applies the peephole rules of core/ops/peephole.ts, which the
 * generator packs into PEEPHOLE (core/ops/gen/peephole.ts). One rule is
 *   first, then, via, consume, zeroField, to, n, source × n
 * where `via` is the field of `then` that reads `first`'s result (0: no data dependency),
 * `consume` requires that result to be a temporary only `then` reads, `zeroField` is a field of
 * `then` that must be 0 (0: none), and each source says where an operand of `to` comes from.
 */
import { PEEPHOLE } from '../ops/gen/peephole.js';

/** source kinds (high bits of a source; the low 4 bits are a field index) */
const THEN = 0;
const FIRST = 1;
const ZERO = 2;
const MASK31 = 3;
const NEG31 = 4;
const MASK63 = 5;

/** rule offsets in PEEPHOLE by (first << 10 | then) */
const index = new Map<number, number[]>();
for (let r = 0; r < PEEPHOLE.length; r += 7 + PEEPHOLE[r + 6]!) {
  const key = (PEEPHOLE[r]! << 10) | PEEPHOLE[r + 1]!;
  let list = index.get(key);
  if (list === undefined) index.set(key, (list = []));
  list.push(r);
}

/**
 * The fused form of instruction `x` (opcode and operands) emitted right after the instruction at
 * `c[p]`, or null. `fx` / `fp`: bit k set when operand k + 1 of x / of the instruction at p reads
 * a temporary that the instruction before it produced and nothing else reads. Returns the fused
 * instruction and the same mask for it.
 */
export function fuse(c: readonly number[], p: number, x: readonly number[], fx: number, fp: number): [number[], number] | null {
  const rules = index.get((c[p]! << 10) | x[0]!);
  if (rules === undefined) return null;
  for (const r of rules) {
    const via = PEEPHOLE[r + 2]!;
    if (via !== 0 && (c[p + 1] !== x[via] || (PEEPHOLE[r + 3] !== 0 && ((fx >> (via - 1)) & 1) === 0))) continue;
    const zero = PEEPHOLE[r + 4]!;
    if (zero !== 0 && x[zero] !== 0) continue;
    const n = PEEPHOLE[r + 6]!;
    const out = [PEEPHOLE[r + 5]!];
    let mask = 0;
    for (let j = 0; j < n; j++) {
      const src = PEEPHOLE[r + 7 + j]!;
      const f = src & 15;
      const first = c[p + f]!;
      let v: number;
      switch (src >> 4) {
        case THEN:
          v = x[f]!;
          mask |= ((fx >> (f - 1)) & 1) << j;
          break;
        case FIRST:
          v = first;
          mask |= ((fp >> (f - 1)) & 1) << j;
          break;
        case ZERO:
          v = 0;
          break;
        case MASK31:
          v = first & 31;
          break;
        case NEG31:
          v = (32 - (first & 31)) & 31;
          break;
        case MASK63:
          v = first & 63;
          break;
        default:
          throw new Error('wasmlet: internal error: bad peephole source');
      }
      out.push(v);
    }
    return [out, mask];
  }
  return null;
}
