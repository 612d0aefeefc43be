/**
 * A drop-in for the standard WebAssembly JS API, backed by the interpreter: code written against
 * the built-in `WebAssembly` runs on wasmlet by changing one import. Module/Instance/Memory/Table/
 * Global wrap the engine's objects; exported functions convert values the standard way (i64 ↔
 * BigInt, f32 rounding, funcref ↔ exported function). All instances share the default store.
 */
import { CompileError, LimitError, LinkError, Trap } from './errors.js';
import { PAGE_BYTES } from './limits.js';
import { coerce, V128_AT_JS_BOUNDARY } from './exec/interpreter.js';
import { evalConstJs } from './jsapi-values.js';
import { instantiate } from './runtime/instantiate.js';
import { invokeJs } from './runtime/store.js';
import { compile, validateBytes, type CompiledModule } from './runtime/module.js';
import { FuncInst, funcOfExported, GlobalInst, MemoryInst, TableInst, type ExternVal, type Instance as EngineInstance } from './exec/objects.js';
import { getDefaultStore } from './runtime/store.js';
import { CompKind, ExternKind, ValType, type FuncType } from './types.js';
import { canonKind, canonSub, heapOf, HT, isNullable, isRefType, REF_CONCRETE, typeIndexOf } from './reftypes.js';
import { GcArray, GcStruct, I31, i31, isGcObject } from './exec/gc.js';
import { EXN, ExnInst, exnFromRaw, payloadOf, TagInst, WasmException } from './exec/exceptions.js';

type BufferSource = ArrayBuffer | ArrayBufferView;

function toBytes(src: BufferSource): Uint8Array {
  if (src instanceof ArrayBuffer) return new Uint8Array(src.slice(0));
  if (ArrayBuffer.isView(src)) return new Uint8Array(src.buffer.slice(src.byteOffset, src.byteOffset + src.byteLength));
  throw new TypeError('WebAssembly: first argument must be an ArrayBuffer or typed array');
}

const KINDS = ['function', 'table', 'memory', 'global', 'tag'] as const;
const TYPE_NAMES: Record<string, ValType> = {
  i32: ValType.I32,
  i64: ValType.I64,
  f32: ValType.F32,
  f64: ValType.F64,
  anyfunc: ValType.FuncRef,
  funcref: ValType.FuncRef,
  externref: ValType.ExternRef,
};

function parseType(s: unknown, what: string): ValType {
  const t = TYPE_NAMES[String(s)];
  if (t === undefined) throw new TypeError(`WebAssembly.${what}: invalid value type ${String(s)}`);
  return t;
}

// ---- wrappers are cached so identity is stable -------------------------------------------

const funcWrappers = new WeakMap<FuncInst, Function>();
const funcOfWrapper = funcOfExported;
const tableWrappers = new WeakMap<TableInst, Table>();
const memoryWrappers = new WeakMap<MemoryInst, Memory>();
const globalWrappers = new WeakMap<GlobalInst, Global>();

const isRef = isRefType;

/** engine value → JS value (by the value for references: a concrete type index may be any kind) */
function toJs(t: ValType, v: unknown): unknown {
  if (isRefType(t)) {
    const heap = heapOf(t);
    if (heap === HT.exn || heap === HT.noexn) throw new TypeError('WebAssembly: an exnref value cannot be passed to JavaScript');
    if (v === null || v === undefined) return v;
    if (v instanceof FuncInst) return exportFunction(v);
    // GC: an i31 is its signed value; structs and arrays are opaque objects
    if (v instanceof I31) return (v.v << 1) >> 1;
    return v;
  }
  if (t === ValType.V128) throw new TypeError(V128_AT_JS_BOUNDARY);
  return v;
}

/** a JS number an anyref / eqref / i31ref turns into an i31 (ToWebAssemblyValue) */
function i31Of(v: unknown): I31 | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 30) && v < 2 ** 30 ? i31(v) : undefined;
}

/**
 * JS value → engine value, with the JS API's coercions. References (ToWebAssemblyValue): null
 * only where the type is nullable; a function reference must be an exported Wasm function, and a
 * bottom type (nullfuncref, nullexternref, nullref) holds only null. GC: anyref takes any value
 * (an integer in i31 range becomes an i31), eqref/i31ref/structref/arrayref and concrete struct
 * and array types only values of their type; `ids` (the module's canonical ids) checks concrete
 * types where known.
 */
function fromJs(t: ValType, v: unknown, ids?: Int32Array): unknown {
  if (isRefType(t)) {
    const heap = heapOf(t);
    if (heap === HT.exn || heap === HT.noexn) throw new TypeError('WebAssembly: an exnref value cannot be passed from JavaScript');
    if (v === null) {
      if (!isNullable(t)) throw new TypeError('WebAssembly: null for a non-nullable reference');
      return null;
    }
    if (heap === HT.nofunc || heap === HT.noextern || heap === HT.none) throw new TypeError('WebAssembly: only null is a value of a null reference type');
    if (heap === HT.extern) return v;
    const x = typeIndexOf(heap);
    const kind = x < 0 ? undefined : ids !== undefined ? canonKind(REF_CONCRETE + 2 * ids[x]!) : isGcObject(v) ? CompKind.Struct : CompKind.Func;
    if (heap === HT.func || kind === CompKind.Func) {
      const f = typeof v === 'function' ? funcOfWrapper.get(v) : undefined;
      if (!f) throw new TypeError('WebAssembly: a function reference must be an exported WebAssembly function');
      if (x >= 0 && ids !== undefined && !canonSub(f.typeId, ids[x]!)) throw new TypeError('WebAssembly: the function does not have the reference\'s type');
      return f;
    }
    const bad = (): never => {
      throw new TypeError(`WebAssembly: the value is not of the reference type (heap type 0x${heap.toString(16)})`);
    };
    if (heap === HT.any) return i31Of(v) ?? v;
    if (heap === HT.eq) return i31Of(v) ?? (isGcObject(v) ? v : bad());
    if (heap === HT.i31) return i31Of(v) ?? bad();
    if (heap === HT.struct) return v instanceof GcStruct ? v : bad();
    if (heap === HT.array) return v instanceof GcArray ? v : bad();
    // a concrete struct or array type
    if (!isGcObject(v)) bad();
    if (ids !== undefined && !canonSub((v as GcStruct).t, ids[x]!)) bad();
    return v;
  }
  if (t === ValType.V128) throw new TypeError(V128_AT_JS_BOUNDARY);
  if (t === ValType.I64 && typeof v !== 'bigint') {
    if (typeof v === 'number') throw new TypeError('WebAssembly: cannot convert a Number to a BigInt for an i64 value');
  }
  return coerce(t, v);
}

function exportFunction(f: FuncInst): Function {
  let w = funcWrappers.get(f);
  if (w) return w;
  const t = f.type;
  const store = getDefaultStore();
  const hasRefs = t.params.some(isRef) || t.results.some(isRef);
  // the JS API throws before the call when the type has a v128 anywhere, results included
  const hasV128 = t.params.includes(ValType.V128) || t.results.includes(ValType.V128);
  const fn = function (this: unknown, ...args: unknown[]): unknown {
    if (hasV128) throw new TypeError(V128_AT_JS_BOUNDARY);
    const ids = f.instance?.typeIds;
    const vals = hasRefs ? t.params.map((pt, i) => fromJs(pt, args[i], ids)) : args.map((a, i) => (t.params[i] === ValType.I64 ? fromJs(ValType.I64, a) : a));
    while (vals.length < t.params.length) vals.push(t.params[vals.length] === ValType.I64 ? fromJs(ValType.I64, undefined) : undefined);
    let r: unknown[];
    try {
      r = invokeJs(store, f, vals.slice(0, t.params.length));
    } catch (e) {
      // an escaping Wasm exception reaches JS as its WebAssembly.Exception (one per exception)
      if (e instanceof WasmException) throw Exception.wrap(e[EXN]);
      throw e;
    }
    const out = hasRefs ? r.map((x, i) => toJs(t.results[i]!, x)) : r;
    return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
  };
  Object.defineProperty(fn, 'length', { value: t.params.length });
  Object.defineProperty(fn, 'name', { value: String(f.index) });
  w = fn;
  funcWrappers.set(f, w);
  funcOfWrapper.set(w, f);
  return w;
}

function hostFunction(type: FuncType, js: Function): FuncInst {
  const hasRefs = type.params.some(isRef) || type.results.some(isRef);
  if (!hasRefs) return new FuncInst(type, null, null, js as (...a: unknown[]) => unknown, -1);
  return new FuncInst(
    type,
    null,
    null,
    (...args: unknown[]) => {
      const r = js(...args.map((a, i) => toJs(type.params[i]!, a)));
      if (type.results.length === 0) return undefined;
      if (type.results.length === 1) return fromJs(type.results[0]!, r);
      return [...(r as Iterable<unknown>)].map((x, i) => fromJs(type.results[i]!, x));
    },
    -1,
  );
}

// ---- classes -------------------------------------------------------------------------------

export class Module {
  /** @internal */
  readonly compiled: CompiledModule;
  constructor(bytes: BufferSource) {
    this.compiled = compile(toBytes(bytes));
  }
  static exports(m: Module): { name: string; kind: string }[] {
    return m.compiled.info.exports.map((e) => ({ name: e.name, kind: KINDS[e.kind] }));
  }
  static imports(m: Module): { module: string; name: string; kind: string }[] {
    return m.compiled.info.imports.map((i) => ({ module: i.module, name: i.name, kind: KINDS[i.desc.kind] }));
  }
  static customSections(m: Module, name: string): ArrayBuffer[] {
    return m.compiled.info.customs.filter((c) => c.name === name).map((c) => c.bytes.slice().buffer);
  }
}

export class Instance {
  readonly exports: Record<string, unknown>;
  /** @internal */
  readonly engine: EngineInstance;
  constructor(module: Module, importObject?: Record<string, Record<string, unknown>>) {
    if (!(module instanceof Module)) throw new TypeError('WebAssembly.Instance: first argument must be a WebAssembly.Module');
    const info = module.compiled.info;
    if (info.imports.length > 0 && (importObject === undefined || importObject === null || typeof importObject !== 'object')) {
      throw new TypeError('WebAssembly.Instance: imports argument must be present and must be an object');
    }
    const ext: ExternVal[] = info.imports.map((imp) => {
      const ns = importObject![imp.module];
      if (ns === undefined || ns === null || (typeof ns !== 'object' && typeof ns !== 'function')) {
        throw new TypeError(`WebAssembly.Instance: import module "${imp.module}" must be an object`);
      }
      const v = (ns as Record<string, unknown>)[imp.name];
      const where = `import "${imp.module}" "${imp.name}"`;
      const d = imp.desc;
      switch (d.kind) {
        case ExternKind.Func: {
          if (typeof v !== 'function') throw new LinkError(`${where}: function import requires a callable`);
          const type = info.types[d.typeIndex]!;
          const f = funcOfWrapper.get(v) ?? hostFunction(type, v);
          return { kind: 'func', value: f };
        }
        case ExternKind.Table:
          if (!(v instanceof Table)) throw new LinkError(`${where}: table import requires a WebAssembly.Table`);
          return { kind: 'table', value: v.inst };
        case ExternKind.Memory:
          if (!(v instanceof Memory)) throw new LinkError(`${where}: memory import requires a WebAssembly.Memory`);
          return { kind: 'memory', value: v.inst };
        case ExternKind.Tag:
          if (!(v instanceof Tag)) throw new LinkError(`${where}: tag import requires a WebAssembly.Tag`);
          return { kind: 'tag', value: v.inst };
        case ExternKind.Global: {
          if (v instanceof Global) return { kind: 'global', value: v.inst };
          const gt = d.type;
          if (typeof v === 'number' || typeof v === 'bigint') {
            if (gt.mutable) throw new LinkError(`${where}: mutable global import requires a WebAssembly.Global`);
            if ((gt.type === ValType.I64) !== (typeof v === 'bigint')) throw new LinkError(`${where}: global import has the wrong type`);
            const g = new GlobalInst({ type: gt.type, mutable: false });
            evalConstJs(g, v);
            return { kind: 'global', value: g };
          }
          throw new LinkError(`${where}: global import requires a Number, BigInt or WebAssembly.Global`);
        }
      }
    });
    this.engine = instantiate(getDefaultStore(), module.compiled, ext);
    const exps: Record<string, unknown> = Object.create(null);
    for (const [name, e] of this.engine.exports) {
      switch (e.kind) {
        case 'func':
          exps[name] = exportFunction(e.value);
          break;
        case 'table':
          exps[name] = Table.wrap(e.value);
          break;
        case 'memory':
          exps[name] = Memory.wrap(e.value);
          break;
        case 'global':
          exps[name] = Global.wrap(e.value);
          break;
        case 'tag':
          exps[name] = Tag.wrap(e.value);
          break;
      }
    }
    this.exports = Object.freeze(exps);
  }
}

/** memory64 JS API: a memory's or table's address type; sizes and indices of 'i64' are bigints */
export type AddressType = 'i32' | 'i64';

function isAddress64(v: unknown, where: string): boolean {
  if (v === undefined || v === 'i32') return false;
  if (v === 'i64') return true;
  throw new TypeError(`WebAssembly.${where}: address must be 'i32' or 'i64'`);
}

/**
 * An i64 address value (memory64 JS API, ToAddressValue for 'i64'): a bigint in [0, 2^64), as a
 * number (exact below 2^53, which is beyond every size that can be allocated).
 */
function address64(v: unknown, what: string): number {
  if (typeof v !== 'bigint') throw new TypeError(`${what} must be a bigint for the i64 address type`);
  if (v < 0n || v > 0xffffffffffffffffn) throw new TypeError(`${what} is outside the u64 range`);
  return Number(v);
}

export interface MemoryDescriptor {
  initial: number | bigint;
  maximum?: number | bigint;
  address?: AddressType;
}

export class Memory {
  /** @internal */
  inst!: MemoryInst;
  constructor(desc: MemoryDescriptor) {
    if (desc === null || typeof desc !== 'object') throw new TypeError('WebAssembly.Memory: descriptor must be an object');
    if (isAddress64(desc.address, 'Memory')) {
      const initial = address64(desc.initial, 'WebAssembly.Memory: initial');
      const maximum = desc.maximum === undefined ? undefined : address64(desc.maximum, 'WebAssembly.Memory: maximum');
      // 2^48 pages of 64 KiB span the 2^64-byte address space
      if (initial > 2 ** 48) throw new RangeError('WebAssembly.Memory: initial must be at most 2^48 pages');
      if (maximum !== undefined && !(maximum >= initial && maximum <= 2 ** 48)) throw new RangeError('WebAssembly.Memory: maximum must be >= initial and at most 2^48');
      try {
        this.inst = new MemoryInst(initial, maximum, getDefaultStore().limits.maxMemoryBytes, 'WebAssembly.Memory', undefined, PAGE_BYTES, true);
      } catch (e) {
        // beyond the budget or the 64-bit memory limit (MAX_MEMORY64_BYTES): the JS API's RangeError
        throw e instanceof LimitError ? new RangeError(e.message) : e;
      }
      memoryWrappers.set(this.inst, this);
      return;
    }
    const initial = Number(desc.initial);
    const maximum = desc.maximum === undefined ? undefined : Number(desc.maximum);
    if (!(initial >= 0 && initial <= 65536)) throw new RangeError('WebAssembly.Memory: initial must be at most 65536 pages');
    if (maximum !== undefined && !(maximum >= initial && maximum <= 65536)) throw new RangeError('WebAssembly.Memory: maximum must be >= initial and at most 65536');
    this.inst = new MemoryInst(initial, maximum, getDefaultStore().limits.maxMemoryBytes);
    memoryWrappers.set(this.inst, this);
  }
  /** @internal */
  static wrap(m: MemoryInst): Memory {
    let w = memoryWrappers.get(m);
    if (!w) {
      w = Object.create(Memory.prototype) as Memory;
      w.inst = m;
      memoryWrappers.set(m, w);
    }
    return w;
  }
  get buffer(): ArrayBuffer {
    return this.inst.buffer;
  }
  grow(delta: number | bigint): number | bigint {
    if (this.inst.address64) {
      // any delta of 2^32 pages or more fails like one just too large
      const r = this.inst.grow(Math.min(address64(delta, 'WebAssembly.Memory.grow: delta'), 0xffffffff));
      if (r < 0) throw new RangeError('WebAssembly.Memory.grow: failed to grow memory');
      return BigInt(r);
    }
    const r = this.inst.grow(Number(delta) >>> 0);
    if (r < 0) throw new RangeError('WebAssembly.Memory.grow: failed to grow memory');
    return r;
  }
}

export interface TableDescriptor {
  element: string;
  initial: number | bigint;
  maximum?: number | bigint;
  address?: AddressType;
}

export class Table {
  /** @internal */
  inst!: TableInst;
  constructor(desc: TableDescriptor, value?: unknown) {
    const t = parseType(desc.element, 'Table');
    if (!isRef(t)) throw new TypeError('WebAssembly.Table: element must be anyfunc, funcref or externref');
    const init = value === undefined ? (t === ValType.ExternRef ? undefined : null) : fromJs(t, value);
    if (isAddress64(desc.address, 'Table')) {
      const initial = address64(desc.initial, 'WebAssembly.Table: initial');
      const maximum = desc.maximum === undefined ? undefined : address64(desc.maximum, 'WebAssembly.Table: maximum');
      if (maximum !== undefined && maximum < initial) throw new RangeError('WebAssembly.Table: maximum must be >= initial');
      try {
        this.inst = new TableInst(t as ValType.FuncRef, initial, maximum, init, getDefaultStore().limits.maxTableElements, true);
      } catch (e) {
        throw e instanceof LimitError ? new RangeError(e.message) : e;
      }
    } else this.inst = new TableInst(t as ValType.FuncRef, Number(desc.initial) >>> 0, desc.maximum === undefined ? undefined : Number(desc.maximum) >>> 0, init);
    tableWrappers.set(this.inst, this);
  }
  /** @internal */
  static wrap(t: TableInst): Table {
    let w = tableWrappers.get(t);
    if (!w) {
      w = Object.create(Table.prototype) as Table;
      w.inst = t;
      tableWrappers.set(t, w);
    }
    return w;
  }
  get length(): number | bigint {
    return this.inst.address64 ? BigInt(this.inst.size) : this.inst.size;
  }
  /** an index argument: a bigint for a table64 (out of range: an index past every table) */
  private index(i: number | bigint, what: string): number {
    return this.inst.address64 ? address64(i, `WebAssembly.Table.${what}: index`) : Number(i) >>> 0;
  }
  get(i: number | bigint): unknown {
    const idx = this.index(i, 'get');
    if (idx >= this.inst.size) throw new RangeError('WebAssembly.Table.get: index out of bounds');
    return toJs(this.inst.elemType, this.inst.elements[idx]);
  }
  set(i: number | bigint, v?: unknown): void {
    const idx = this.index(i, 'set');
    if (idx >= this.inst.size) throw new RangeError('WebAssembly.Table.set: index out of bounds');
    this.inst.elements[idx] = v === undefined && this.inst.elemType === ValType.FuncRef ? null : fromJs(this.inst.elemType, v);
  }
  grow(delta: number | bigint, v?: unknown): number | bigint {
    const init = v === undefined ? (this.inst.elemType === ValType.ExternRef ? undefined : null) : fromJs(this.inst.elemType, v);
    const r = this.inst.grow(this.inst.address64 ? Math.min(address64(delta, 'WebAssembly.Table.grow: delta'), 0xffffffff) : Number(delta) >>> 0, init);
    if (r < 0) throw new RangeError('WebAssembly.Table.grow: failed to grow table');
    return this.inst.address64 ? BigInt(r) : r;
  }
}

export interface GlobalDescriptor {
  value: string;
  mutable?: boolean;
}

export class Global {
  /** @internal */
  inst!: GlobalInst;
  constructor(desc: GlobalDescriptor, v?: unknown) {
    const t = parseType(desc.value, 'Global');
    this.inst = new GlobalInst({ type: t, mutable: !!desc.mutable });
    globalWrappers.set(this.inst, this);
    if (v === undefined) {
      if (t === ValType.ExternRef) this.inst.ref = undefined;
      return;
    }
    this.write(v);
  }
  /** @internal */
  static wrap(g: GlobalInst): Global {
    let w = globalWrappers.get(g);
    if (!w) {
      w = Object.create(Global.prototype) as Global;
      w.inst = g;
      globalWrappers.set(g, w);
    }
    return w;
  }
  private write(v: unknown): void {
    const g = this.inst;
    const t = g.type.type;
    const x = fromJs(t, v);
    switch (t) {
      case ValType.I32:
        g.i32[0] = x as number;
        break;
      case ValType.I64:
        g.i64[0] = x as bigint;
        break;
      case ValType.F32:
        g.f32[0] = x as number;
        break;
      case ValType.F64:
        g.f64[0] = x as number;
        break;
      default:
        g.ref = x;
    }
  }
  get value(): unknown {
    const g = this.inst;
    switch (g.type.type) {
      case ValType.I32:
        return g.i32[0];
      case ValType.I64:
        return g.i64[0];
      case ValType.F32:
        return g.f32[0];
      case ValType.F64:
        return g.f64[0];
      default:
        return toJs(g.type.type, g.ref);
    }
  }
  set value(v: unknown) {
    if (!this.inst.type.mutable) throw new TypeError('WebAssembly.Global: cannot set the value of an immutable global');
    this.write(v);
  }
  valueOf(): unknown {
    return this.value;
  }
}

// ---- exception handling: Tag and Exception ----------------------------------------------------

const tagWrappers = new WeakMap<TagInst, Tag>();
const exnWrappers = new WeakMap<ExnInst, Exception>();
const TYPE_TEXT = new Map<ValType, string>(Object.entries(TYPE_NAMES).filter(([k]) => k !== 'anyfunc').map(([k, v]) => [v, k]));

export interface TagDescriptor {
  parameters: readonly string[];
}

/** WebAssembly.Tag: an exception tag; its identity is what Wasm's catch clauses compare. */
export class Tag {
  /** @internal */
  inst!: TagInst;
  constructor(desc: TagDescriptor) {
    if (desc === null || typeof desc !== 'object' || desc.parameters === undefined) throw new TypeError('WebAssembly.Tag: descriptor must be an object with parameters');
    const params = [...desc.parameters].map((p) => parseType(p, 'Tag'));
    this.inst = new TagInst({ params, results: [] });
    tagWrappers.set(this.inst, this);
  }
  /** @internal */
  static wrap(t: TagInst): Tag {
    let w = tagWrappers.get(t);
    if (!w) {
      w = Object.create(Tag.prototype) as Tag;
      w.inst = t;
      tagWrappers.set(t, w);
    }
    return w;
  }
  type(): { parameters: string[] } {
    return { parameters: this.inst.type.params.map((t) => TYPE_TEXT.get(t) ?? 'v128') };
  }
}

const bits = new DataView(new ArrayBuffer(8));

/** JS value → the raw payload value exnFromRaw takes (f32/f64 as bits) */
function rawFromJs(t: ValType, v: unknown): unknown {
  const x = fromJs(t, v);
  if (t === ValType.F32) {
    bits.setFloat32(0, x as number, true);
    return bits.getUint32(0, true);
  }
  if (t === ValType.F64) {
    bits.setFloat64(0, x as number, true);
    return bits.getBigUint64(0, true);
  }
  return x;
}

function jsFromRaw(t: ValType, v: unknown): unknown {
  if (t === ValType.F32) {
    bits.setUint32(0, v as number, true);
    return bits.getFloat32(0, true);
  }
  if (t === ValType.F64) {
    bits.setBigUint64(0, v as bigint, true);
    return bits.getFloat64(0, true);
  }
  return toJs(t, v);
}

export interface ExceptionOptions {
  traceStack?: boolean;
}

/**
 * WebAssembly.Exception: a Wasm exception as a JS value. Thrown by a JS import, Wasm's try_table
 * can catch it (and catch_ref / throw_ref hand the same object back); one escaping an exported
 * function is thrown as this object.
 */
export class Exception {
  /** @internal */
  readonly [EXN]!: ExnInst;
  /** set when constructed with { traceStack: true } */
  declare readonly stack?: string;
  constructor(tag: Tag, payload: Iterable<unknown>, options?: ExceptionOptions) {
    if (!(tag instanceof Tag)) throw new TypeError('WebAssembly.Exception: first argument must be a WebAssembly.Tag');
    const ps = tag.inst.type.params;
    const vals = [...payload];
    if (vals.length !== ps.length) throw new TypeError(`WebAssembly.Exception: the tag takes ${ps.length} values, got ${vals.length}`);
    const exn = exnFromRaw(
      tag.inst,
      vals.map((v, i) => rawFromJs(ps[i]!, v)),
    );
    Object.defineProperty(this, EXN, { value: exn });
    exnWrappers.set(exn, this);
    if (options?.traceStack === true) Object.defineProperty(this, 'stack', { value: new Error().stack ?? '', writable: true, configurable: true });
  }
  /** @internal the one JS object of an exception */
  static wrap(exn: ExnInst): Exception {
    let w = exnWrappers.get(exn);
    if (!w) {
      w = Object.create(Exception.prototype) as Exception;
      Object.defineProperty(w, EXN, { value: exn });
      exnWrappers.set(exn, w);
    }
    return w;
  }
  is(tag: Tag): boolean {
    if (!(tag instanceof Tag)) throw new TypeError('WebAssembly.Exception.is: argument must be a WebAssembly.Tag');
    return this[EXN].tag === tag.inst;
  }
  getArg(tag: Tag, index: number): unknown {
    if (!(tag instanceof Tag)) throw new TypeError('WebAssembly.Exception.getArg: first argument must be a WebAssembly.Tag');
    const exn = this[EXN];
    if (exn.tag !== tag.inst) throw new TypeError('WebAssembly.Exception.getArg: the exception has another tag');
    const ps = exn.tag.type.params;
    const i = Number(index);
    if (!(Number.isInteger(i) && i >= 0 && i < ps.length)) throw new RangeError(`WebAssembly.Exception.getArg: index ${String(index)} out of range (${ps.length} values)`);
    return jsFromRaw(ps[i]!, payloadOf(exn)[i]);
  }
}

function validate(bytes: BufferSource): boolean {
  try {
    validateBytes(toBytes(bytes));
    return true;
  } catch (e) {
    if (e instanceof CompileError) return false;
    throw e;
  }
}

async function compileAsync(bytes: BufferSource): Promise<Module> {
  return new Module(bytes);
}

function instantiateAsync(source: Module, imports?: Record<string, Record<string, unknown>>): Promise<Instance>;
function instantiateAsync(source: BufferSource, imports?: Record<string, Record<string, unknown>>): Promise<{ module: Module; instance: Instance }>;
async function instantiateAsync(source: Module | BufferSource, imports?: Record<string, Record<string, unknown>>): Promise<Instance | { module: Module; instance: Instance }> {
  if (source instanceof Module) return new Instance(source, imports);
  const module = new Module(source);
  return { module, instance: new Instance(module, imports) };
}

/** The drop-in namespace: `import { WebAssembly } from 'wasmlet'`. */
export const WebAssembly = Object.freeze({
  Module,
  Instance,
  Memory,
  Table,
  Global,
  Tag,
  Exception,
  CompileError,
  LinkError,
  RuntimeError: Trap,
  validate,
  compile: compileAsync,
  instantiate: instantiateAsync,
});
