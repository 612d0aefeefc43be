/**
 * Encodings shared by several sections: value and reference types, limits, table, memory and
 * global types (§5.3), and constant expressions (§5.4.9, used by globals, element and data
 * segments). Each reads from a Reader positioned at the encoding and fails with the spec's
 * wording ("malformed value type", "malformed limits flags", ...).
 */
import { ValType, type ConstExpr, type ConstInstr, type GlobalType, type Limits, type MemType, type RefType, type TableType } from '../types.js';
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import { isAbstractHeap, makeRef, REF_CONCRETE } from '../reftypes.js';
import type { Reader } from './reader.js';

export function isValType(b: number): b is ValType {
  return b === ValType.I32 || b === ValType.I64 || b === ValType.F32 || b === ValType.F64 || b === ValType.V128 || isAbstractHeap(b);
}

/** A heap type: an abstract type's byte, or a type index (s33, non-negative). */
export function readHeapType(r: Reader): number {
  const at = r.pos;
  const b = r.bytes[r.pos];
  if (b !== undefined && isAbstractHeap(b)) {
    r.pos++;
    return b;
  }
  const x = r.s33();
  if (x < 0 || x >= REF_CONCRETE) r.fail(`malformed heap type`, at);
  return REF_CONCRETE + 2 * x;
}

/** a reference type: a shorthand byte, or 0x63 (nullable) / 0x64 (non-nullable) and a heap type */
function readRefAfter(r: Reader, b: number, at: number): RefType {
  if (b === 0x63 || b === 0x64) return makeRef(readHeapType(r), b === 0x63);
  if (!isAbstractHeap(b)) r.fail(`malformed reference type 0x${b.toString(16)}`, at);
  return b as RefType;
}

export function readValType(r: Reader): ValType {
  const b = r.u8();
  if (b === ValType.I32 || b === ValType.I64 || b === ValType.F32 || b === ValType.F64 || b === ValType.V128) return b;
  if (b !== 0x63 && b !== 0x64 && !isAbstractHeap(b)) r.fail(`malformed value type 0x${b.toString(16)}`, r.pos - 1);
  return readRefAfter(r, b, r.pos - 1);
}

export function readRefType(r: Reader): RefType {
  const b = r.u8();
  return readRefAfter(r, b, r.pos - 1);
}

/**
 * Limits: flags 0 (min) or 1 (min, max). When `allowShared`, flags 2 and 3 are read as the
 * threads proposal's shared variants; the caller records `shared` and validation rejects it.
 */
function readLimits(r: Reader, allowShared: boolean): { limits: Limits; shared: boolean } {
  const at = r.pos;
  const flags = r.u8();
  if (flags > (allowShared ? 3 : 1)) r.fail(`malformed limits flags 0x${flags.toString(16)} (integer too large)`, at);
  const min = r.u32();
  const max = (flags & 1) !== 0 ? r.u32() : undefined;
  return { limits: { min, max }, shared: (flags & 2) !== 0 };
}

/** a u64 limit (memory64, table64) as a number: exact below 2^53, which is all that can exist */
function u64Limit(r: Reader): number {
  return Number(r.u64());
}

/** table limits flags: 1 a maximum follows, 4 64-bit indices (table64) */
export function readTableType(r: Reader): TableType {
  const elem = readRefType(r);
  const at = r.pos;
  if (r.pos < r.end && (r.bytes[r.pos]! & ~1) === 4) {
    // table64: u64 limits. No decode limit on the minimum: the core spec makes a table of up to
    // 2^64 - 1 elements valid, so a too-large one fails at instantiation (the table budget)
    const flags = r.u8();
    const min = u64Limit(r);
    const max = (flags & 1) !== 0 ? u64Limit(r) : undefined;
    return { elem, limits: { min, max }, address64: true };
  }
  const { limits } = readLimits(r, false);
  if (limits.min > DECODE_LIMITS.maxTableSize) r.fail(limitMessage('table size', limits.min, 'maxTableSize'), at);
  return { elem, limits };
}

/** memory limits flags: 1 a maximum follows, 2 shared, 4 64-bit addresses, 8 a page size follows */
export function readMemType(r: Reader): MemType {
  const at = r.pos;
  const flags = r.u8();
  if (flags > 0x0f) r.fail(`malformed limits flags 0x${flags.toString(16)} (integer too large)`, at);
  // memory64: u64 limits, i64 addresses
  const a64 = (flags & 4) !== 0;
  const min = a64 ? u64Limit(r) : r.u32();
  const max = (flags & 1) !== 0 ? (a64 ? u64Limit(r) : r.u32()) : undefined;
  const shared = (flags & 2) !== 0;
  if ((flags & 8) === 0) return a64 ? { limits: { min, max }, shared, address64: true } : { limits: { min, max }, shared };
  const log2At = r.pos;
  const pageSizeLog2 = r.u32();
  if (pageSizeLog2 > 64) r.fail(`malformed memory page size 2^${pageSizeLog2}`, log2At);
  return a64 ? { limits: { min, max }, shared, pageSizeLog2, address64: true } : { limits: { min, max }, shared, pageSizeLog2 };
}

export function readGlobalType(r: Reader): GlobalType {
  const type = readValType(r);
  const m = r.u8();
  if (m > 1) r.fail(`malformed mutability 0x${m.toString(16)}`, r.pos - 1);
  return { type, mutable: m === 1 };
}

/**
 * A constant expression: instructions up to and including `end` (0x0b). Constant opcodes keep
 * their immediates (see ConstInstr); other opcodes whose immediates are a single index or nothing
 * are recorded too (imm = index or 0) so the validator reports "constant expression required".
 * v128.const is recorded as op 0xfd with imm = the 16 bytes as an unsigned little-endian bigint.
 * Anything else cannot be decoded here and is a CompileError.
 */
/**
 * GC instructions a constant expression may hold: struct.new(_default), array.new(_default),
 * array.new_fixed, any.convert_extern, extern.convert_any, ref.i31 (the last three: no immediate)
 */
const GC_CONST = new Set([0x00, 0x01, 0x06, 0x07, 0x08, 0x1a, 0x1b, 0x1c]);

export function readConstExpr(r: Reader): ConstExpr {
  const out: ConstInstr[] = [];
  for (;;) {
    const offset = r.pos;
    const op = r.u8();
    let imm: number | bigint = 0;
    switch (op) {
      case 0x0b: // end
        return out;
      case 0x41: // i32.const
        imm = r.s32();
        break;
      case 0x42: // i64.const
        imm = r.s64();
        break;
      case 0x43: // f32.const
        imm = r.f32bits();
        break;
      case 0x44: // f64.const
        imm = r.f64bits();
        break;
      case 0xd0: // ref.null ht: imm is the nullable reference type
        imm = makeRef(readHeapType(r), true);
        break;
      case 0x23: // global.get
      case 0xd2: // ref.func
      // not constant, but decodable: the validator rejects them
      case 0x0c: // br
      case 0x0d: // br_if
      case 0x10: // call
      case 0x20: // local.get
      case 0x21: // local.set
      case 0x22: // local.tee
      case 0x24: // global.set
      case 0x25: // table.get
      case 0x26: // table.set
        imm = r.u32();
        break;
      case 0xfc: {
        // 0xfc 0..7 (saturating truncation) have no immediates; recorded as op 0xfc, imm = sub-opcode
        const sub = r.u32();
        if (sub > 7) r.fail(`illegal opcode 0xfc 0x${sub.toString(16)} in constant expression`, offset);
        imm = sub;
        break;
      }
      case 0xfb: {
        // GC (§5.4.9): recorded as op 0xfb00 | sub-opcode; imm = the type index, and for
        // array.new_fixed the length in `imm2`
        const sub = r.u32();
        if (!GC_CONST.has(sub)) r.fail(`illegal opcode 0xfb 0x${sub.toString(16)} in constant expression`, offset);
        const x = sub >= 0x1a ? 0 : r.u32();
        const n = sub === 0x08 ? r.u32() : 0;
        out.push({ op: 0xfb00 | sub, imm: x, imm2: n, offset });
        continue;
      }
      case 0xfd: {
        const sub = r.u32();
        if (sub !== 12) r.fail(`illegal opcode 0xfd 0x${sub.toString(16)} in constant expression`, offset);
        const lo = r.f64bits();
        const hi = r.f64bits();
        imm = (hi << 64n) | lo;
        break;
      }
      default:
        // no-immediate opcodes: unreachable, nop, return, drop, select, numeric ops, ref.is_null
        if (!(op <= 0x01 || op === 0x0f || op === 0x1a || op === 0x1b || (op >= 0x45 && op <= 0xc4) || op === 0xd1)) {
          r.fail(`illegal opcode 0x${op.toString(16)} in constant expression`, offset);
        }
    }
    out.push({ op, imm, offset });
  }
}
