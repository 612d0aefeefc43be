/**
 * Runtime objects: function, memory, table and global instances, and the instance that ties a
 * compiled module to them. These are engine-level (no JS-API wrapping); the JS API and the native
 * API both build on them.
 */
import { LimitError, LinkError } from '../errors.js';
import { PAGE_BYTES, slotWidth } from '../limits.js';
import type { CompiledFunc, CompiledModule } from '../translate/compiled.js';
import { ValType, type FuncType, type GlobalType, type RefType } from '../types.js';
import { canonicalFunc, isRefType } from '../reftypes.js';
import type { GcHeap } from './gc-heap.js';

const PAGE = PAGE_BYTES;
/** the largest 64-bit memory, in bytes (an implementation limit, docs/limits.md) */
export const MAX_MEMORY64_BYTES = 0xfffffffe;

/** A JS function callable from Wasm: receives JS-converted arguments, returns like a JS import. */
export type HostFn = (...args: any[]) => unknown;

/**
 * Canonical id of a function type given alone (a host function's), for call_indirect and import
 * checks across modules; a module's own types get theirs from their rec groups (canonicalize).
 */
export function typeId(t: FuncType): number {
  return canonicalFunc(t);
}

export class FuncInst {
  readonly typeId: number;
  constructor(
    readonly type: FuncType,
    /** owning instance; null for host functions */
    readonly instance: Instance | null,
    /** translated body; null for host functions */
    readonly compiled: CompiledFunc | null,
    /** host implementation; null for Wasm functions */
    readonly host: HostFn | null,
    /** function index in its module (for backtraces), -1 for host functions */
    readonly index: number,
    /** canonical type id (a module function's from its module; default: the type alone) */
    canonId?: number,
  ) {
    this.typeId = canonId ?? typeId(type);
    this.i32Only = type.params.every((t) => t === ValType.I32) && type.results.length <= 1 && type.results.every((t) => t === ValType.I32);
    this.usesRefs = type.params.some(isRefType) || type.results.some(isRefType);
  }
  /** (i32*) -> (i32?): callable through Store.callI32 */
  readonly i32Only: boolean;
  /** takes or returns references (the machine needs its reference array) */
  readonly usesRefs: boolean;
  /** the compiled tier's entry points once a tiered store has attached it (core/runtime/tier.ts) */
  jit: JitEntry | null = null;
}

/** A function's compiled-tier entry points (core/compiled/ makes them). */
export interface JitEntry {
  // `m` is the Machine (typed loosely: machine.ts imports this file); methods, so implementations
  // may name the Machine type
  /** run as a top-level call with the arguments at slot fp; returns the execute Status */
  entry(m: object, fp: number): number;
  /**
   * run as a callee at activation `depth` of a call whose first activation is `entryDepth`;
   * returns the function to tail-call in the same frame, or null when done
   */
  body(m: object, fp: number, depth: number, entryDepth: number): FuncInst | null;
}

/**
 * The engine function behind each function the drop-in JS API exported (filled by core/jsapi.ts;
 * here, below both, so the native API can accept those functions without an import cycle).
 */
export const funcOfExported = new WeakMap<Function, FuncInst>();

/** The memory budget shared by the memories one instance defines (StoreLimits.maxInstanceMemoryBytes). */
export interface MemoryPool {
  readonly limitBytes: number;
  usedBytes: number;
}

export class MemoryInst {
  buffer: ArrayBuffer;
  view: DataView;
  u8: Uint8Array;
  byteLength: number;
  /** maximum pages allowed (declared max clamped to 65536 and to the memory budget) */
  readonly maxPages: number;
  /** declared maximum, for import matching and the JS API */
  readonly declaredMax: number | undefined;
  /** called after every successful grow (the JS API refreshes its `buffer`) */
  onGrow: (() => void) | undefined;
  /** called when a grow is refused (beyond the maximum or the budget), with the pages asked for */
  onGrowRefused: ((delta: number) => void) | undefined;

  /**
   * With a finite budget the memory is reserved once at its budgeted maximum, so growth never
   * copies and views a host took earlier stay valid; without one it grows by copying.
   */
  constructor(
    initialPages: number,
    declaredMax: number | undefined,
    budgetBytes = Infinity,
    label = 'memory',
    private readonly pool?: MemoryPool,
    /** bytes per page: 65536, or 1 with the custom-page-sizes proposal */
    readonly pageSize: number = PAGE,
    /** memory64: i64 addresses */
    readonly address64 = false,
  ) {
    this.declaredMax = declaredMax;
    if (pool) budgetBytes = Math.min(budgetBytes, pool.limitBytes);
    const ps = pageSize;
    // a 32-bit memory addresses at most 4 GiB, whatever its page size. A 64-bit one stays below
    // 2^32 - 1 bytes: the translator saturates i64 addresses to 2^32 - 1 (sink.ts addr64), which
    // is then out of bounds exactly when the address is, and a grow result never reads as -1
    const capPages = address64 ? Math.floor(MAX_MEMORY64_BYTES / ps) : (65536 * PAGE) / ps;
    const budgetPages = Math.floor(Math.min(budgetBytes, 65536 * PAGE) / ps);
    this.maxPages = Math.min(declaredMax ?? capPages, capPages, budgetPages);
    const bytes = initialPages * ps;
    if (initialPages > this.maxPages) {
      const why = initialPages > budgetPages ? `the memory budget of ${budgetBytes} bytes` : `its maximum of ${this.maxPages} pages`;
      throw new LimitError(`${label}: initial size ${bytes} bytes (${initialPages} pages) exceeds ${why}`);
    }
    if (pool) {
      if (pool.usedBytes + bytes > pool.limitBytes) {
        throw new LimitError(`${label}: initial size ${bytes} bytes exceeds the instance memory budget of ${pool.limitBytes} bytes (${pool.usedBytes} bytes in its other memories)`);
      }
      pool.usedBytes += bytes;
    }
    const reserve = Number.isFinite(budgetBytes) ? this.maxPages * ps : bytes;
    this.buffer = new ArrayBuffer(reserve);
    this.byteLength = bytes;
    this.view = new DataView(this.buffer, 0, this.byteLength);
    this.u8 = new Uint8Array(this.buffer, 0, this.byteLength);
  }

  get pages(): number {
    return this.byteLength / this.pageSize;
  }

  /** Grow by `delta` pages; returns the old size in pages or -1. */
  grow(delta: number): number {
    const old = this.pages;
    if (delta === 0) return old;
    const next = old + delta;
    const pool = this.pool;
    const added = delta * this.pageSize;
    if (next > this.maxPages || (pool !== undefined && pool.usedBytes + added > pool.limitBytes)) {
      this.onGrowRefused?.(delta);
      return -1;
    }
    const bytes = next * this.pageSize;
    if (bytes > this.buffer.byteLength) {
      let buf: ArrayBuffer;
      try {
        buf = new ArrayBuffer(bytes);
      } catch {
        this.onGrowRefused?.(delta);
        return -1;
      }
      new Uint8Array(buf).set(this.u8);
      // The old buffer is deliberately not detached (the JS API would): detaching any
      // ArrayBuffer invalidates a V8-wide protector and slows every typed-array access in the
      // interpreter by 20–25% (measured). Budgeted memories never copy at all.
      this.buffer = buf;
    }
    if (pool !== undefined) pool.usedBytes += added;
    this.byteLength = bytes;
    this.view = new DataView(this.buffer, 0, bytes);
    this.u8 = new Uint8Array(this.buffer, 0, bytes);
    this.onGrow?.();
    return old;
  }
}

export class TableInst {
  elements: unknown[];
  readonly maxSize: number;
  readonly declaredMax: number | undefined;
  constructor(
    readonly elemType: RefType,
    initial: number,
    declaredMax: number | undefined,
    init: unknown = null,
    budget = 10_000_000,
    /** table64: i64 indices; at most 2^32 - 2 elements, for the reason MemoryInst gives */
    readonly address64 = false,
  ) {
    this.declaredMax = declaredMax;
    this.maxSize = Math.min(declaredMax ?? 0xffffffff, budget, address64 ? 0xfffffffe : 0xffffffff);
    if (initial > this.maxSize) throw new LimitError(`table of ${initial} elements exceeds the limit of ${this.maxSize}`);
    this.elements = new Array(initial).fill(init);
  }
  get size(): number {
    return this.elements.length;
  }
  grow(delta: number, init: unknown): number {
    const old = this.elements.length;
    if (delta === 0) return old;
    if (old + delta > this.maxSize) return -1;
    for (let i = 0; i < delta; i++) this.elements.push(init);
    return old;
  }
}

export class GlobalInst {
  /** raw cell: i32/f32 in word 0, i64/f64 in words 0–1, v128 in words 0–3 (the executor reads only this) */
  readonly i32: Int32Array;
  ref: unknown = null;
  constructor(readonly type: GlobalType) {
    // a v128 global has a 16-byte cell (words 0–3, lanes little-endian)
    this.i32 = new Int32Array(type.type === ValType.V128 ? 4 : 2);
  }
  // Other views are made on first use: an idle instance pays for one small array per global.
  get i64(): BigInt64Array {
    return new BigInt64Array(this.i32.buffer);
  }
  get f32(): Float32Array {
    return new Float32Array(this.i32.buffer);
  }
  get f64(): Float64Array {
    return new Float64Array(this.i32.buffer);
  }
  get valType(): ValType {
    return this.type.type;
  }
}

export type ExternVal =
  | { kind: 'func'; value: FuncInst }
  | { kind: 'table'; value: TableInst }
  | { kind: 'memory'; value: MemoryInst }
  | { kind: 'global'; value: GlobalInst }
  | { kind: 'tag'; value: TagInst };

export class Instance {
  funcs: FuncInst[] = [];
  tables: TableInst[] = [];
  memories: MemoryInst[] = [];
  globals: GlobalInst[] = [];
  /** tags, imports first (exception handling) */
  tags: TagInst[] = [];
  /** memory 0, or an empty placeholder so the executor needs no null checks */
  mem: MemoryInst = EMPTY_MEMORY;
  /** passive data segments (null once dropped) */
  datas: (Uint8Array | null)[] = [];
  /** element segments, evaluated (null once dropped) */
  elems: (unknown[] | null)[] = [];
  /** canonical type ids by the module's type index */
  typeIds: Int32Array;
  /** the store's GC heap account (constant expressions allocate into it) */
  gcHeap: GcHeap | null = null;
  readonly exports = new Map<string, ExternVal>();
  constructor(readonly module: CompiledModule) {
    this.typeIds = module.typeIds;
  }

  private get(name: string, kind: ExternVal['kind']): unknown {
    const e = this.exports.get(name);
    if (!e) throw new LinkError(`no export named "${name}"`);
    if (e.kind !== kind) throw new LinkError(`export "${name}" is a ${e.kind}, not a ${kind}`);
    return e.value;
  }
  /** the exported function `name` (throws LinkError if missing or not a function) */
  func(name: string): FuncInst {
    return this.get(name, 'func') as FuncInst;
  }
  memory(name: string): MemoryInst {
    return this.get(name, 'memory') as MemoryInst;
  }
  table(name: string): TableInst {
    return this.get(name, 'table') as TableInst;
  }
  global(name: string): GlobalInst {
    return this.get(name, 'global') as GlobalInst;
  }
}

export const EMPTY_MEMORY = new MemoryInst(0, 0);

/** A tag instance: its identity is what `catch` compares; its type's params are the payload. */
export class TagInst {
  /** slots the payload takes (one per value, two per v128) */
  readonly payloadSlots: number;
  /** the payload holds references (copied through the machine's reference array) */
  readonly hasRefs: boolean;
  readonly typeId: number;
  constructor(
    readonly type: FuncType,
    /** canonical type id (a module tag's from its module; default: the type alone) */
    canonId?: number,
  ) {
    this.typeId = canonId ?? typeId(type);
    let n = 0;
    let refs = false;
    for (const t of type.params) {
      n += slotWidth(t);
      if (isRefType(t)) refs = true;
    }
    this.payloadSlots = n;
    this.hasRefs = refs;
  }
}
