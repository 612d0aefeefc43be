/**
 * Element section (id 9, §5.5.12): the eight segment encodings of WebAssembly 2.0, selected by a
 * flags field. Bit 0: passive or declarative (else active); bit 1: explicit table index (active)
 * or declarative (non-active); bit 2: elements are expressions with a reference type (else
 * function indices with an element kind). Function-index forms become ref.func expressions so
 * later stages see one shape.
 *
 *   0: expr vec(funcidx)                 active, table 0, funcref
 *   1: elemkind vec(funcidx)             passive
 *   2: tableidx expr elemkind vec(funcidx) active
 *   3: elemkind vec(funcidx)             declarative
 *   4: expr vec(expr)                    active, table 0, funcref
 *   5: reftype vec(expr)                 passive
 *   6: tableidx expr reftype vec(expr)   active
 *   7: reftype vec(expr)                 declarative
 */
import { SegmentMode, ValType, type ConstExpr, type ElemSegment, type RefType } from '../types.js';
import { readConstExpr, readRefType } from './common.js';
import { HT, makeRef } from '../reftypes.js';
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import type { Reader } from './reader.js';

const REF_FUNC = 0xd2;
const NON_NULL_FUNC = makeRef(HT.func, false);

function readElemKind(r: Reader): RefType {
  const k = r.u8();
  if (k !== 0x00) r.fail(`malformed element kind 0x${k.toString(16)}`, r.pos - 1);
  return NON_NULL_FUNC;
}

export function decodeElementSection(r: Reader): ElemSegment[] {
  const at = r.pos;
  const n = r.count('element segments');
  if (n > DECODE_LIMITS.maxElementSegments) r.fail(limitMessage('too many element segments', n, 'maxElementSegments'), at);
  const elems: ElemSegment[] = [];
  for (let i = 0; i < n; i++) {
    const flagsAt = r.pos;
    const flags = r.u32();
    if (flags > 7) r.fail(`malformed elements segment kind ${flags}`, flagsAt);
    const mode =
      (flags & 1) === 0 ? SegmentMode.Active : (flags & 2) === 0 ? SegmentMode.Passive : SegmentMode.Declarative;
    let table = 0;
    let offset: ConstExpr | undefined;
    if (mode === SegmentMode.Active) {
      if ((flags & 2) !== 0) table = r.u32();
      offset = readConstExpr(r);
    }
    const usesExprs = (flags & 4) !== 0;
    // 3.0: function indices make (ref func) elements (never null), so they also fit a table of
    // non-nullable references; flag 4 has an implicit funcref type; the others carry theirs
    let type: RefType = usesExprs ? ValType.FuncRef : NON_NULL_FUNC;
    if ((flags & 3) !== 0) type = usesExprs ? readRefType(r) : readElemKind(r);
    const count = r.count('elements');
    const init: ConstExpr[] = [];
    if (usesExprs) {
      for (let j = 0; j < count; j++) init.push(readConstExpr(r));
    } else {
      for (let j = 0; j < count; j++) {
        const offset = r.pos;
        init.push([{ op: REF_FUNC, imm: r.u32(), offset }]);
      }
    }
    elems.push({ mode, table, offset, type, init });
  }
  return elems;
}
