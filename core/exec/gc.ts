/**
 * GC objects (WebAssembly 3.0): i31 references, structs and arrays as JS objects the JS GC
 * collects, the casts between reference types, the `gcOp` executor of allocation and field
 * access, and the per-store heap budget every allocation is charged to.
 *
 * Representation (docs/engine.md "GC"):
 * - an i31ref is an `I31` object (a box, so it can never be confused with a host value such as a
 *   JS number carried by an externref); ref.eq compares i31 values by value;
 * - a struct is a `GcStruct`: its canonical type id and one array `f` holding each field as raw
 *   32-bit words (i64/f64 two, v128 four, low word first; i8/i16 one masked word) or a reference;
 * - an array is a `GcArray`: its canonical type id, length and a typed store (Uint8Array for i8,
 *   Uint16Array for i16, an Int32Array of raw words for every other numeric type, a JS array of
 *   references);
 * - extern.convert_any and any.convert_extern are identities: a host value stays the same JS value
 *   inside anyref, and a struct handed out as externref is the struct.
 */
import { TrapCode } from '../errors.js';
import { FUEL_BYTES_PER_UNIT } from '../limits.js';
import { canonComp, canonSub, HT, REF_CONCRETE } from '../reftypes.js';
import { CompKind, PACKED_I16, PACKED_I8, ValType } from '../types.js';
import type { Machine } from './machine.js';
import { FuncInst, type Instance } from './objects.js';
import { trap } from './trap.js';
import type { GcHeap } from './gc-heap.js';

export { GcHeap } from './gc-heap.js';

export class I31 {
  /** the 31-bit payload, unsigned (0 .. 2^31 - 1) */
  constructor(readonly v: number) {}
}

export class GcStruct {
  constructor(
    /** canonical type id */
    readonly t: number,
    readonly f: unknown[],
  ) {}
}

export type ArrayStore = Uint8Array | Uint16Array | Int32Array | unknown[];

export class GcArray {
  constructor(
    /** canonical type id */
    readonly t: number,
    readonly len: number,
    readonly d: ArrayStore,
  ) {}
}

/** any GC object (not i31, not a host value) */
export function isGcObject(v: unknown): v is GcStruct | GcArray {
  return v instanceof GcStruct || v instanceof GcArray;
}

// ---- layouts ----------------------------------------------------------------------------------

/** how a canonical struct or array type's values are stored and read from the frame */
export interface Layout {
  readonly kind: CompKind;
  /** per field: storage type (value type or packed 0x78 / 0x77) */
  readonly st: readonly number[];
  /** per field: 0 for a reference, else 32-bit words (1, 2 or 4) */
  readonly words: readonly number[];
  /** per field: its index in GcStruct.f */
  readonly off: readonly number[];
  /** per field: its operand's slot offset on the stack (struct.new's prefix sums of widths) */
  readonly slot: readonly number[];
  /** GcStruct.f length */
  readonly size: number;
  /** bytes charged: a struct's whole size, an array's per element */
  readonly bytes: number;
}

/** bytes the budget charges per object, besides its fields (docs/engine.md "GC") */
export const GC_HEADER_BYTES = 16;
/** bytes the budget charges per reference field or element */
export const GC_REF_BYTES = 8;

function storageBytes(t: number): number {
  switch (t) {
    case PACKED_I8:
      return 1;
    case PACKED_I16:
      return 2;
    case ValType.I32:
    case ValType.F32:
      return 4;
    case ValType.I64:
    case ValType.F64:
      return 8;
    case ValType.V128:
      return 16;
    default:
      return GC_REF_BYTES;
  }
}

function wordsOf(t: number): number {
  if (t === PACKED_I8 || t === PACKED_I16 || t === ValType.I32 || t === ValType.F32) return 1;
  if (t === ValType.I64 || t === ValType.F64) return 2;
  if (t === ValType.V128) return 4;
  return 0;
}

const layouts: Layout[] = [];

export function layoutOf(id: number): Layout {
  let l = layouts[id];
  if (l !== undefined) return l;
  const c = canonComp(id);
  const st: number[] = [];
  const words: number[] = [];
  const off: number[] = [];
  const slot: number[] = [];
  let size = 0;
  let slots = 0;
  let bytes = c.kind === CompKind.Struct ? GC_HEADER_BYTES : 0;
  for (const f of c.fields) {
    const w = wordsOf(f.type);
    st.push(f.type);
    words.push(w);
    off.push(size);
    slot.push(slots);
    size += w === 0 ? 1 : w;
    slots += w === 4 ? 2 : 1;
    bytes += storageBytes(f.type);
  }
  l = { kind: c.kind, st, words, off, slot, size, bytes };
  layouts[id] = l;
  return l;
}

/** bytes charged for an array of n elements of canonical type id */
export function arrayBytes(id: number, n: number): number {
  return GC_HEADER_BYTES + n * layoutOf(id).bytes;
}

function newStore(st: number, n: number): ArrayStore {
  if (st === PACKED_I8) return new Uint8Array(n);
  if (st === PACKED_I16) return new Uint16Array(n);
  const w = wordsOf(st);
  if (w === 0) return new Array<unknown>(n).fill(null);
  return new Int32Array(n * w);
}

// ---- helpers used by the IR templates (G.*) ---------------------------------------------------

export function refEq(a: unknown, b: unknown): number {
  return a === b || (a instanceof I31 && b instanceof I31 && a.v === b.v) ? 1 : 0;
}

export function i31(x: number): I31 {
  return new I31(x & 0x7fffffff);
}

export function i31get(r: unknown, signed: boolean): number {
  if (r === null || r === undefined) trap(TrapCode.NullI31Reference);
  const v = (r as I31).v;
  return signed ? (v << 1) >> 1 : v;
}

export function arrayLen(r: unknown): number {
  if (r === null || r === undefined) trap(TrapCode.NullArrayReference);
  return (r as GcArray).len;
}

/**
 * Whether v is in heap type h (an abstract byte, or REF_CONCRETE + 2·x for the instance's type
 * index x); a null passes when n is 1. Validation put v in h's hierarchy already.
 */
export function test(inst: Instance, v: unknown, h: number, n: number): boolean {
  if (v === null || v === undefined) return n === 1;
  if (h >= REF_CONCRETE) {
    const id = inst.typeIds[(h - REF_CONCRETE) >> 1]!;
    if (v instanceof GcStruct || v instanceof GcArray) return canonSub(v.t, id);
    if (v instanceof FuncInst) return canonSub(v.typeId, id);
    return false;
  }
  switch (h) {
    case HT.eq:
      return v instanceof I31 || v instanceof GcStruct || v instanceof GcArray;
    case HT.i31:
      return v instanceof I31;
    case HT.struct:
      return v instanceof GcStruct;
    case HT.array:
      return v instanceof GcArray;
    case HT.none:
    case HT.nofunc:
    case HT.noextern:
    case HT.noexn:
      return false;
    default:
      // any, func, extern, exn: every non-null value of the hierarchy
      return true;
  }
}

export const G = { refEq, i31, i31get, arrayLen, test };

// ---- allocation and field access (the IR's gc group) -----------------------------------------

/** read a numeric value of `words` words at frame word index `w` into `out` at `o` */
function readWords(I32: Int32Array, w: number, words: number, out: unknown[] | Int32Array, o: number): void {
  for (let k = 0; k < words; k++) out[o + k] = I32[w + k]!;
}

/** a value from the frame at slot s for storage type st, as stored in a struct field or array */
function packedFrom(I32: Int32Array, s: number, st: number): number {
  const v = I32[s << 1]!;
  return st === PACKED_I8 ? v & 0xff : st === PACKED_I16 ? v & 0xffff : v;
}

/**
 * One GC instruction of the IR (see core/ops/ir.ts): operands at consecutive stack homes from
 * slot `fp + b`, result at `fp + b`. Under metering, allocations charge one unit per
 * FUEL_BYTES_PER_UNIT bytes and bulk array ops one per element, before any effect; returns -1
 * when that fuel is missing (the caller suspends and resumes at this instruction).
 */
export function gcOp(m: Machine, inst: Instance, metered: boolean, code: Int32Array, pc: number, fp: number): number {
  const I32 = m.i32;
  const R = m.refs;
  const op = code[pc]!;
  const id = inst.typeIds[code[pc + 1]!]!;
  const heap = m.counters.gc;
  switch (op) {
    case 325 /* StructNew */:
    case 326 /* StructNewDefault */: {
      const b = fp + code[pc + 2]!;
      const l = layoutOf(id);
      if (metered && !fuel(m, Math.ceil(l.bytes / FUEL_BYTES_PER_UNIT))) return -1;
      heap.charge(l.bytes);
      const f = new Array<unknown>(l.size);
      const dflt = op === 326 /* StructNewDefault */;
      for (let k = 0; k < l.st.length; k++) {
        const w = l.words[k]!;
        const o = l.off[k]!;
        if (dflt) {
          if (w === 0) f[o] = null;
          else for (let i = 0; i < w; i++) f[o + i] = 0;
        } else {
          const s = b + l.slot[k]!;
          if (w === 0) f[o] = R[s];
          else if (w === 1) f[o] = packedFrom(I32, s, l.st[k]!);
          else readWords(I32, s << 1, w, f, o);
        }
      }
      const x = new GcStruct(id, f);
      heap.track(x, l.bytes);
      R[b] = x;
      return pc + 3;
    }
    case 327 /* StructGet */:
    case 328 /* StructGetS */:
    case 329 /* StructGetU */: {
      const b = fp + code[pc + 3]!;
      const x = R[b] as GcStruct | null;
      if (x === null || x === undefined) trap(TrapCode.NullStructReference);
      const l = layoutOf(id);
      const k = code[pc + 2]!;
      const w = l.words[k]!;
      const o = l.off[k]!;
      if (w === 0) R[b] = x.f[o];
      else {
        const w0 = b << 1;
        for (let i = 0; i < w; i++) I32[w0 + i] = x.f[o + i] as number;
        const st = l.st[k]!;
        if (op === 328 /* StructGetS */) I32[w0] = st === PACKED_I8 ? (I32[w0]! << 24) >> 24 : (I32[w0]! << 16) >> 16;
      }
      return pc + 4;
    }
    case 330 /* StructSet */: {
      const b = fp + code[pc + 3]!;
      const x = R[b] as GcStruct | null;
      if (x === null || x === undefined) trap(TrapCode.NullStructReference);
      const l = layoutOf(id);
      const k = code[pc + 2]!;
      const w = l.words[k]!;
      const o = l.off[k]!;
      if (w === 0) x.f[o] = R[b + 1];
      else if (w === 1) x.f[o] = packedFrom(I32, b + 1, l.st[k]!);
      else readWords(I32, (b + 1) << 1, w, x.f, o);
      return pc + 4;
    }
    case 331 /* ArrayNew */:
    case 332 /* ArrayNewDefault */:
    case 333 /* ArrayNewFixed */:
    case 334 /* ArrayNewData */:
    case 335 /* ArrayNewElem */: {
      const fixed = op === 333 /* ArrayNewFixed */;
      const b = fp + code[pc + (fixed || op === 334 /* ArrayNewData */ || op === 335 /* ArrayNewElem */ ? 3 : 2)]!;
      const l = layoutOf(id);
      const st = l.st[0]!;
      const w = l.words[0]!;
      const width = w === 4 ? 2 : 1;
      const n = fixed ? code[pc + 2]! : (I32[(op === 331 /* ArrayNew */ ? b + width : b + (op === 332 /* ArrayNewDefault */ ? 0 : 1)) << 1]! >>> 0);
      const src = op === 334 /* ArrayNewData */ || op === 335 /* ArrayNewElem */ ? I32[b << 1]! >>> 0 : 0;
      // segment bounds before any cost: an out-of-range copy traps without allocating
      if (op === 334 /* ArrayNewData */) {
        const seg = inst.datas[code[pc + 2]!];
        if (src + n * l.bytes > (seg ? seg.length : 0)) trap(TrapCode.OutOfBoundsMemory);
      } else if (op === 335 /* ArrayNewElem */) {
        const seg = inst.elems[code[pc + 2]!];
        if (src + n > (seg ? seg.length : 0)) trap(TrapCode.OutOfBoundsTable);
      }
      const bytes = GC_HEADER_BYTES + n * l.bytes;
      if (metered && !fuel(m, Math.ceil(bytes / FUEL_BYTES_PER_UNIT))) return -1;
      heap.charge(bytes);
      const d = newStore(st, n);
      if (op === 331 /* ArrayNew */) fillFrom(I32, R, b, st, w, d, 0, n);
      else if (fixed) {
        for (let i = 0; i < n; i++) setFrom(I32, R, b + i * width, st, w, d, i);
      } else if (op === 334 /* ArrayNewData */) copyData(inst.datas[code[pc + 2]!]!, src, d, l.bytes, 0, n);
      else if (op === 335 /* ArrayNewElem */) {
        const seg = inst.elems[code[pc + 2]!]!;
        for (let i = 0; i < n; i++) (d as unknown[])[i] = seg[src + i];
      }
      const x = new GcArray(id, n, d);
      heap.track(x, bytes);
      R[b] = x;
      return pc + (fixed || op === 334 /* ArrayNewData */ || op === 335 /* ArrayNewElem */ ? 4 : 3);
    }
    case 336 /* ArrayGet */:
    case 337 /* ArrayGetS */:
    case 338 /* ArrayGetU */: {
      const b = fp + code[pc + 2]!;
      const x = R[b] as GcArray | null;
      if (x === null || x === undefined) trap(TrapCode.NullArrayReference);
      const i = I32[(b + 1) << 1]! >>> 0;
      if (i >= x.len) trap(TrapCode.OutOfBoundsArray);
      const l = layoutOf(id);
      const w = l.words[0]!;
      const st = l.st[0]!;
      const d = x.d;
      if (w === 0) R[b] = (d as unknown[])[i];
      else if (st === PACKED_I8 || st === PACKED_I16) {
        const v = (d as Uint8Array)[i]!;
        I32[b << 1] = op === 337 /* ArrayGetS */ ? (st === PACKED_I8 ? (v << 24) >> 24 : (v << 16) >> 16) : v;
      } else {
        const w0 = b << 1;
        for (let k = 0; k < w; k++) I32[w0 + k] = (d as Int32Array)[i * w + k]!;
      }
      return pc + 3;
    }
    case 339 /* ArraySet */: {
      const b = fp + code[pc + 2]!;
      const x = R[b] as GcArray | null;
      if (x === null || x === undefined) trap(TrapCode.NullArrayReference);
      const i = I32[(b + 1) << 1]! >>> 0;
      if (i >= x.len) trap(TrapCode.OutOfBoundsArray);
      const l = layoutOf(id);
      setFrom(I32, R, b + 2, l.st[0]!, l.words[0]!, x.d, i);
      return pc + 3;
    }
    case 340 /* ArrayFill */: {
      const b = fp + code[pc + 2]!;
      const x = R[b] as GcArray | null;
      if (x === null || x === undefined) trap(TrapCode.NullArrayReference);
      const l = layoutOf(id);
      const w = l.words[0]!;
      const i = I32[(b + 1) << 1]! >>> 0;
      const n = I32[(b + 2 + (w === 4 ? 2 : 1)) << 1]! >>> 0;
      if (i + n > x.len) trap(TrapCode.OutOfBoundsArray);
      if (metered && !fuel(m, n)) return -1;
      fillFrom(I32, R, b + 2, l.st[0]!, w, x.d, i, n);
      return pc + 3;
    }
    case 341 /* ArrayCopy */: {
      const b = fp + code[pc + 3]!;
      const dst = R[b] as GcArray | null;
      const src = R[b + 2] as GcArray | null;
      if (dst === null || dst === undefined || src === null || src === undefined) trap(TrapCode.NullArrayReference);
      const d = I32[(b + 1) << 1]! >>> 0;
      const s = I32[(b + 3) << 1]! >>> 0;
      const n = I32[(b + 4) << 1]! >>> 0;
      if (d + n > dst.len || s + n > src.len) trap(TrapCode.OutOfBoundsArray);
      if (metered && !fuel(m, n)) return -1;
      const w = Math.max(1, layoutOf(id).words[0]!);
      if (Array.isArray(dst.d)) {
        if (dst.d === src.d) dst.d.copyWithin(d, s, s + n);
        else for (let k = 0; k < n; k++) dst.d[d + k] = (src.d as unknown[])[s + k];
      } else if (dst.d === src.d) (dst.d as Int32Array).copyWithin(d * w, s * w, (s + n) * w);
      else (dst.d as Int32Array).set((src.d as Int32Array).subarray(s * w, (s + n) * w), d * w);
      return pc + 4;
    }
    case 342 /* ArrayInitData */:
    case 343 /* ArrayInitElem */: {
      const b = fp + code[pc + 3]!;
      const x = R[b] as GcArray | null;
      if (x === null || x === undefined) trap(TrapCode.NullArrayReference);
      const d = I32[(b + 1) << 1]! >>> 0;
      const s = I32[(b + 2) << 1]! >>> 0;
      const n = I32[(b + 3) << 1]! >>> 0;
      if (d + n > x.len) trap(TrapCode.OutOfBoundsArray);
      const l = layoutOf(id);
      if (op === 342 /* ArrayInitData */) {
        const seg = inst.datas[code[pc + 2]!];
        if (s + n * l.bytes > (seg ? seg.length : 0)) trap(TrapCode.OutOfBoundsMemory);
        if (metered && !fuel(m, n)) return -1;
        if (n > 0) copyData(seg!, s, x.d, l.bytes, d, n);
      } else {
        const seg = inst.elems[code[pc + 2]!];
        if (s + n > (seg ? seg.length : 0)) trap(TrapCode.OutOfBoundsTable);
        if (metered && !fuel(m, n)) return -1;
        for (let k = 0; k < n; k++) (x.d as unknown[])[d + k] = seg![s + k];
      }
      return pc + 4;
    }
  }
  throw new Error('wasmlet: internal error: bad GC opcode');
}

function fuel(m: Machine, cost: number): boolean {
  const c = m.counters;
  if (c.fuel < cost) return false;
  c.fuel -= cost;
  return true;
}

/** store the frame value at slot s into element i of an array store */
function setFrom(I32: Int32Array, R: unknown[], s: number, st: number, w: number, d: ArrayStore, i: number): void {
  if (w === 0) (d as unknown[])[i] = R[s];
  else if (st === PACKED_I8 || st === PACKED_I16) (d as Uint8Array)[i] = I32[s << 1]!;
  else for (let k = 0; k < w; k++) (d as Int32Array)[i * w + k] = I32[(s << 1) + k]!;
}

/** elements i .. i + n - 1 of an array store become the frame value at slot s */
function fillFrom(I32: Int32Array, R: unknown[], s: number, st: number, w: number, d: ArrayStore, i: number, n: number): void {
  if (n === 0) return;
  if (w === 0) (d as unknown[]).fill(R[s], i, i + n);
  else if (st === PACKED_I8 || st === PACKED_I16 || w === 1) (d as Int32Array).fill(I32[s << 1]!, i, i + n);
  else for (let e = i; e < i + n; e++) for (let k = 0; k < w; k++) (d as Int32Array)[e * w + k] = I32[(s << 1) + k]!;
}

/** n elements of `size` bytes from a data segment at byte s into an array store from element i */
function copyData(seg: Uint8Array, s: number, d: ArrayStore, size: number, i: number, n: number): void {
  const t = d as Uint8Array | Uint16Array | Int32Array;
  // little-endian, as Wasm's data: the typed store is read in the platform's order (x86, ARM: LE)
  new Uint8Array(t.buffer, t.byteOffset + i * size, n * size).set(seg.subarray(s, s + n * size));
}

// ---- the reachability count (GcHeap.trace) ---------------------------------------------------

/** bytes an object is charged (the formula of docs/engine.md "GC") */
export function bytesOf(o: GcStruct | GcArray): number {
  const l = layoutOf(o.t);
  return o instanceof GcStruct ? l.bytes : GC_HEADER_BYTES + o.len * l.bytes;
}

/**
 * Bytes of the GC objects reachable from `roots` (reference slots, arrays of them): what the heap
 * holds for sure. Exceptions in flight (objects with `refs`) are walked too.
 */
export function traceBytes(roots: Iterable<ArrayLike<unknown>>): number {
  const seen = new Set<object>();
  const stack: unknown[] = [];
  let total = 0;
  const visit = (v: unknown) => {
    if (typeof v === 'object' && v !== null && !seen.has(v)) {
      seen.add(v);
      stack.push(v);
    }
  };
  for (const r of roots) for (let i = 0; i < r.length; i++) visit(r[i]);
  while (stack.length > 0) {
    const o = stack.pop();
    if (o instanceof GcStruct) {
      total += bytesOf(o);
      const l = layoutOf(o.t);
      for (let k = 0; k < l.words.length; k++) if (l.words[k] === 0) visit(o.f[l.off[k]!]);
    } else if (o instanceof GcArray) {
      total += bytesOf(o);
      if (Array.isArray(o.d)) for (const e of o.d) visit(e);
    } else {
      // an exception (ExnInst) carries its payload's references
      const refs = (o as { refs?: unknown }).refs;
      if (Array.isArray(refs)) for (const e of refs) visit(e);
    }
  }
  return total;
}

// ---- values in constant expressions (instantiate) and across the API -------------------------

/** a raw value (invoke.ts representation) into a struct field / array element's words */
function rawWords(v: unknown, st: number, out: unknown[], o: number): void {
  const w = wordsOf(st);
  if (w === 0) out[o] = v;
  else if (w === 1) out[o] = st === PACKED_I8 ? (v as number) & 0xff : st === PACKED_I16 ? (v as number) & 0xffff : (v as number) | 0;
  else if (w === 2) {
    const b = BigInt.asUintN(64, v as bigint);
    out[o] = Number(BigInt.asIntN(32, b));
    out[o + 1] = Number(BigInt.asIntN(32, b >> 32n));
  } else {
    const bytes = v as Uint8Array;
    const dv = new DataView(bytes.buffer, bytes.byteOffset, 16);
    for (let k = 0; k < 4; k++) out[o + k] = dv.getInt32(k * 4, true);
  }
}

/** struct.new / struct.new_default in a constant expression: raw field values (or none: defaults) */
export function newStructRaw(heap: GcHeap, id: number, vals: readonly unknown[] | null): GcStruct {
  const l = layoutOf(id);
  heap.charge(l.bytes);
  const f = new Array<unknown>(l.size);
  for (let k = 0; k < l.st.length; k++) {
    if (vals === null) {
      if (l.words[k] === 0) f[l.off[k]!] = null;
      else for (let i = 0; i < l.words[k]!; i++) f[l.off[k]! + i] = 0;
    } else rawWords(vals[k], l.st[k]!, f, l.off[k]!);
  }
  const x = new GcStruct(id, f);
  heap.track(x, l.bytes);
  return x;
}

/** array.new / new_default / new_fixed in a constant expression: raw element values */
export function newArrayRaw(heap: GcHeap, id: number, n: number, vals: readonly unknown[] | null): GcArray {
  const l = layoutOf(id);
  const bytes = GC_HEADER_BYTES + n * l.bytes;
  heap.charge(bytes);
  const st = l.st[0]!;
  const w = l.words[0]!;
  const d = newStore(st, n);
  if (vals !== null) {
    const tmp: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const v = vals.length === 1 ? vals[0] : vals[i];
      if (w === 0) (d as unknown[])[i] = v;
      else {
        rawWords(v, st, tmp, 0);
        if (st === PACKED_I8 || st === PACKED_I16) (d as Uint8Array)[i] = tmp[0] as number;
        else for (let k = 0; k < w; k++) (d as Int32Array)[i * w + k] = tmp[k] as number;
      }
    }
  }
  const x = new GcArray(id, n, d);
  heap.track(x, bytes);
  return x;
}
