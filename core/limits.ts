/**
 * Every limit and default of the engine, in one place: what a store may use (call depth, value
 * stack, memory, tables), what a module may declare (the decode limits), and the fuel model's
 * constants. Hosts read their defaults from here too, so a reader can see all of them at once and
 * error messages can name the one that was hit.
 */
import { ValType } from './types.js';

/** Bytes per value-stack slot (a v128 value takes two). */
export const SLOT_BYTES = 8;
/** Slots a value of type `t` takes in a frame: two for v128, one for every other type. */
export function slotWidth(t: ValType): number {
  return t === ValType.V128 ? 2 : 1;
}
/** Bytes per WebAssembly memory page. */
export const PAGE_BYTES = 65536;

/**
 * Fuel (docs/limits.md): every Wasm instruction costs 1 unit, except the structural block, loop,
 * else and end, which are free. Bulk memory and table operations cost one more unit per
 * FUEL_BYTES_PER_UNIT bytes (or per element), charged when they run.
 */
export const FUEL_BYTES_PER_UNIT = 16;
/**
 * The largest GC object (struct or array), in bytes by the heap formula: an implementation limit
 * under any budget (JS typed arrays cannot hold much more), so a huge array.new traps
 * gc_heap_exhausted instead of throwing a host RangeError.
 */
export const MAX_GC_OBJECT_BYTES = 1 << 30;
/** Fuel handed out per slice when a call must stay cancellable (timeouts, abort signals). */
export const CANCEL_SLICE_FUEL = 200_000;

export interface MachineLimits {
  /** maximum Wasm call depth */
  readonly maxCallDepth: number;
  /** value stack size in bytes (SLOT_BYTES per slot) */
  readonly maxStackBytes: number;
}

export interface StoreLimits extends MachineLimits {
  /** linear memory budget per memory, in bytes (Infinity: only the module's own maximum) */
  readonly maxMemoryBytes: number;
  /** budget for all the memories one instance defines together, in bytes (multi-memory) */
  readonly maxInstanceMemoryBytes: number;
  /** table budget per table, in elements */
  readonly maxTableElements: number;
  /** translate modules with fuel metering, so fuel limits and cancellation work */
  readonly metering: boolean;
  /**
   * GC heap budget of the store, in bytes by the formula of docs/engine.md "GC" (Infinity: no
   * budget and no accounting); an allocation beyond it traps with gc_heap_exhausted
   */
  readonly maxGcHeapBytes: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = Object.freeze({
  maxCallDepth: 4096,
  maxStackBytes: 1 << 20,
  maxMemoryBytes: Infinity,
  maxInstanceMemoryBytes: Infinity,
  maxTableElements: 10_000_000,
  metering: false,
  maxGcHeapBytes: 1 << 30,
});

/**
 * Implementation limits applied while decoding a module. They follow the limits that the
 * WebAssembly JS API requires every embedder to enforce (WebAssembly JS API, "Implementation-defined
 * limits"), so a module wasmlet rejects for size would also be rejected by a browser.
 */
export interface DecodeLimits {
  /** whole module, in bytes (1 GiB) */
  readonly maxModuleSize: number;
  /** entries in the type section */
  readonly maxTypes: number;
  /** functions, imported and defined together */
  readonly maxFunctions: number;
  /** entries in the import section */
  readonly maxImports: number;
  /** entries in the export section */
  readonly maxExports: number;
  /** globals, imported and defined together */
  readonly maxGlobals: number;
  /** tables, imported and defined together */
  readonly maxTables: number;
  /** entries in the data section (and the data count) */
  readonly maxDataSegments: number;
  /** entries in the element section */
  readonly maxElementSegments: number;
  /** bytes in one function body (its size field in the code section) */
  readonly maxFunctionBodySize: number;
  /** locals of one function, parameters included */
  readonly maxLocals: number;
  /** parameters of one function type */
  readonly maxParams: number;
  /** results of one function type */
  readonly maxResults: number;
  /** initial (minimum) size of a table, in elements */
  readonly maxTableSize: number;
}

export const DECODE_LIMITS: DecodeLimits = Object.freeze({
  maxModuleSize: 1024 * 1024 * 1024,
  maxTypes: 1_000_000,
  maxFunctions: 1_000_000,
  maxImports: 100_000,
  maxExports: 100_000,
  maxGlobals: 1_000_000,
  maxTables: 100_000,
  maxDataSegments: 100_000,
  maxElementSegments: 10_000_000,
  maxFunctionBodySize: 7_654_321,
  maxLocals: 50_000,
  maxParams: 1_000,
  maxResults: 1_000,
  maxTableSize: 10_000_000,
});

/** The message for an exceeded limit: names the limit, its value and what was found. */
export function limitMessage(what: string, found: number, limit: keyof DecodeLimits): string {
  return `${what}: ${found} exceeds the implementation limit of ${DECODE_LIMITS[limit]} (DECODE_LIMITS.${limit})`;
}
