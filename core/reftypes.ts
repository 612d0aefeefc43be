/**
 * Reference types beyond the 2.0 shorthands (typed function references, WebAssembly 3.0): how
 * they are packed into a `ValType` number, subtyping between them, and the iso-recursive
 * canonicalization of rec groups that makes type indices of different modules comparable.
 *
 * Encoding (one number per value type, so every stage keeps comparing numbers):
 * - a byte < 0x100 is the binary encoding: numeric types and the nullable abstract shorthands
 *   (0x70 funcref = (ref null func), 0x73 nullfuncref = (ref null nofunc), ...);
 * - 0x100 | byte is the non-nullable abstract type ((ref func) = 0x170);
 * - REF_CONCRETE + 2·x + (nullable ? 1 : 0) is (ref null? x) for type index x. In a module's
 *   decoded form x is the module's type index; in runtime objects (tables, globals) it is the
 *   canonical id (see `canonValType`), so values can be compared across modules.
 */
import { CompKind, ValType, type FieldType, type FuncType, type TypeDef } from './types.js';

export const NON_NULL = 0x100;
export const REF_CONCRETE = 0x10000;

/** abstract heap-type bytes (§5.3.4) */
export const HT = {
  func: 0x70,
  extern: 0x6f,
  exn: 0x69,
  nofunc: 0x73,
  noextern: 0x72,
  noexn: 0x74,
  none: 0x71,
  any: 0x6e,
  eq: 0x6d,
  i31: 0x6c,
  struct: 0x6b,
  array: 0x6a,
} as const;

const ABSTRACT = new Set<number>(Object.values(HT));

export function isAbstractHeap(b: number): boolean {
  return ABSTRACT.has(b);
}

/** the kind of a concrete heap type (REF_CONCRETE + 2·x), in the index space of the caller */
export type KindOf = (heap: number) => CompKind;

export function isRefType(t: number): boolean {
  if (t >= REF_CONCRETE) return true;
  if (t >= NON_NULL) return t < 2 * NON_NULL && ABSTRACT.has(t - NON_NULL);
  return ABSTRACT.has(t);
}

export function isNullable(t: number): boolean {
  return t >= REF_CONCRETE ? (t & 1) === 1 : t < NON_NULL;
}

/** the heap type: an abstract byte, or REF_CONCRETE + 2·x for type index x */
export function heapOf(t: number): number {
  return t >= REF_CONCRETE ? t & ~1 : t & 0xff;
}

export function makeRef(heap: number, nullable: boolean): ValType {
  if (heap >= REF_CONCRETE) return (heap + (nullable ? 1 : 0)) as ValType;
  return (nullable ? heap : heap | NON_NULL) as ValType;
}

/** the concrete type index of a typed reference, or -1 for an abstract one */
export function typeIndexOf(t: number): number {
  return t >= REF_CONCRETE ? (t - REF_CONCRETE) >> 1 : -1;
}

export function concreteRef(index: number, nullable: boolean): ValType {
  return (REF_CONCRETE + 2 * index + (nullable ? 1 : 0)) as ValType;
}

/** the abstract top of a heap type's hierarchy: func, extern, exn or any */
export function topOf(heap: number, kindOf?: KindOf): number {
  if (heap >= REF_CONCRETE) return kindOf === undefined || kindOf(heap) === CompKind.Func ? HT.func : HT.any;
  if (heap === HT.func || heap === HT.nofunc) return HT.func;
  if (heap === HT.extern || heap === HT.noextern) return HT.extern;
  if (heap === HT.exn || heap === HT.noexn) return HT.exn;
  return HT.any;
}

/** the bottom of a hierarchy */
export function bottomOf(top: number): number {
  return top === HT.func ? HT.nofunc : top === HT.extern ? HT.noextern : top === HT.exn ? HT.noexn : HT.none;
}

/**
 * Heap subtyping, given how to compare two concrete heap types (`concreteSub`, which knows the
 * index space they live in).
 */
export function heapSub(a: number, b: number, concreteSub: (a: number, b: number) => boolean, kindOf: KindOf): boolean {
  if (a === b) return true;
  const ta = topOf(a, kindOf);
  if (ta !== topOf(b, kindOf)) return false;
  if (a === bottomOf(ta)) return true;
  if (b === ta) return true;
  if (a >= REF_CONCRETE) {
    if (b >= REF_CONCRETE) return concreteSub(a, b);
    // GC: a struct or array type is below struct / array and eq
    const k = kindOf(a);
    return b === HT.eq ? k !== CompKind.Func : b === HT.struct ? k === CompKind.Struct : b === HT.array ? k === CompKind.Array : false;
  }
  // i31, struct and array are below eq (and any, handled above)
  return b === HT.eq && (a === HT.i31 || a === HT.struct || a === HT.array);
}

/** value subtyping (numeric types only match themselves) */
export function valSub(a: number, b: number, concreteSub: (a: number, b: number) => boolean, kindOf: KindOf): boolean {
  if (a === b) return true;
  if (!isRefType(a) || !isRefType(b)) return false;
  if (isNullable(a) && !isNullable(b)) return false;
  return heapSub(heapOf(a), heapOf(b), concreteSub, kindOf);
}

// ---- canonical types ------------------------------------------------------------------------

/** the registry of canonical types: rec-group key → id of its first type */
const groups = new Map<string, number>();
/** per canonical id: the canonical id of its declared supertype, or -1 */
const supers: number[] = [];
/** per canonical id: what it defines, with field types canonical (GC objects' runtime layout) */
const comps: CanonComp[] = [];

/** a canonical type's definition: its kind and (struct, array) its fields with canonical types */
export interface CanonComp {
  readonly kind: CompKind;
  readonly fields: readonly FieldType[];
}

const FUNC_COMP: CanonComp = Object.freeze({ kind: CompKind.Func, fields: Object.freeze([]) as readonly FieldType[] });

/** the definition of canonical type `id` */
export function canonComp(id: number): CanonComp {
  return comps[id] ?? FUNC_COMP;
}

function valKey(t: number, base: number, size: number, canon: ArrayLike<number>): string {
  if (t < REF_CONCRETE) return t.toString(36);
  const x = typeIndexOf(t);
  const n = (t & 1) === 1 ? 'n' : '';
  return x >= base && x < base + size ? `r${x - base}${n}` : `c${canon[x]}${n}`;
}

/**
 * Canonical ids of a module's types (§3.5 type equivalence: rec groups are equal when their
 * types are, with references inside the group compared by position). Ids are global and stable
 * for the process, so equal ids mean equivalent types in any two modules.
 */
export function canonicalize(types: readonly FuncType[], defs: readonly TypeDef[] | undefined): Int32Array {
  const canon = new Int32Array(types.length);
  let i = 0;
  while (i < types.length) {
    const d = defs?.[i];
    const base = i;
    const size = d ? d.groupSize : 1;
    let key = `${size}`;
    for (let k = base; k < base + size; k++) {
      const t = types[k]!;
      const dk = defs?.[k];
      const fin = dk ? dk.final : true;
      const sup = dk?.super;
      const vk = (v: number) => valKey(v, base, size, canon);
      const body = dk?.fields !== undefined ? `${dk.kind === CompKind.Struct ? 's' : 'a'}[${dk.fields.map((f) => (f.mutable ? 'm' : 'c') + vk(f.type)).join(',')}]` : `(${t.params.map(vk).join(',')}>${t.results.map(vk).join(',')})`;
      key += `|${fin ? 'f' : 'o'}${sup === undefined ? '' : sup >= base ? `r${sup - base}` : `c${canon[sup]}`}${body}`;
    }
    let id = groups.get(key);
    if (id === undefined) {
      id = supers.length;
      groups.set(key, id);
      for (let k = base; k < base + size; k++) supers.push(-1);
      for (let k = 0; k < size; k++) canon[base + k] = id + k;
      for (let k = base; k < base + size; k++) {
        const dk = defs?.[k];
        const sup = dk?.super;
        if (sup !== undefined) supers[id + k - base] = sup >= base ? id + sup - base : canon[sup]!;
        comps[id + k - base] = dk?.fields === undefined ? FUNC_COMP : { kind: dk.kind!, fields: dk.fields.map((f) => ({ type: canonValType(f.type, canon), mutable: f.mutable })) };
      }
    }
    for (let k = 0; k < size; k++) canon[base + k] = id + k;
    i += size;
  }
  return canon;
}

/** canonical id of a lone final function type with abstract types only (host functions) */
export function canonicalFunc(t: FuncType): number {
  return canonicalize([t], undefined)[0]!;
}

/** canonical subtyping: a's chain of declared supertypes reaches b */
export function canonSub(a: number, b: number): boolean {
  for (let x = a; x >= 0; x = supers[x]!) if (x === b) return true;
  return false;
}

/** a module-local value type with its concrete index replaced by the canonical id */
export function canonValType(t: number, canon: ArrayLike<number>): ValType {
  if (t < REF_CONCRETE) return t as ValType;
  return concreteRef(canon[typeIndexOf(t)]!, (t & 1) === 1);
}

/** subtyping between canonical value types (runtime objects, import checks) */
export function canonValSub(a: number, b: number): boolean {
  return valSub(a, b, (x, y) => canonSub(typeIndexOf(x), typeIndexOf(y)), canonKind);
}

/** the kind of a canonical concrete heap type */
export function canonKind(heap: number): CompKind {
  return canonComp(typeIndexOf(heap)).kind;
}
