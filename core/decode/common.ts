/**
 * Encodings shared by several sections: value and reference types, limits, table, memory and
 * global types (§5.3), and constant expressions (§5.4.9, used by globals, element and data
 * segments). Each reads from a Reader positioned at the encoding and fails with the spec's
 * wording ("malformed value type", "malformed limits flags", ...).
 */
import { ValType, type ConstExpr, type ConstInstr, type GlobalType, type Limits, type MemType, type RefType, type TableType } from '../types.js';
import { DECODE_LIMITS, limitMessage } from '../limits.js';
import type { Reader } from './reader.js';

export function isValType(b: number): b is ValType {
  return (
    b === ValType.I32 ||
    b === ValType.I64 ||
    b === ValType.F32 ||
    b === ValType.F64 ||
    b === ValType.V128 ||
    b === ValType.FuncRef ||
    b === ValType.ExternRef ||
    b === ValType.ExnRef
  );
}

/** a reference type's shorthand byte (funcref, externref, exnref) */
function isRefByte(b: number): b is RefType {
  return b === ValType.FuncRef || b === ValType.ExternRef || b === ValType.ExnRef;
}

/**
 * `(ref null ht)` (0x63 ht) with an abstract heap type is the shorthand type itself; other heap
 * types and non-nullable `(ref ht)` (0x64) are typed function references, not built yet.
 */
function readNullableRef(r: Reader, at: number): RefType {
  const ht = r.u8();
  if (isRefByte(ht)) return ht;
  return r.fail(`malformed reference type: (ref null 0x${ht.toString(16)}) needs typed function references, not supported yet`, at);
}

export function readValType(r: Reader): ValType {
  const b = r.u8();
  if (b === 0x63) return readNullableRef(r, r.pos - 1);
  if (b === 0x64) r.fail('malformed value type: non-nullable (ref ...) needs typed function references, not supported yet', r.pos - 1);
  if (!isValType(b)) r.fail(`malformed value type 0x${b.toString(16)}`, r.pos - 1);
  return b;
}

export function readRefType(r: Reader): RefType {
  const b = r.u8();
  if (b === 0x63) return readNullableRef(r, r.pos - 1);
  if (!isRefByte(b)) r.fail(`malformed reference type 0x${b.toString(16)}`, r.pos - 1);
  return b;
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
      case 0xd0: // ref.null
        imm = readRefType(r);
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
