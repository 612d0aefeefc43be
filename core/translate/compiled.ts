/**
 * What translation produces: a compiled function (IR code plus what the executor needs to run
 * it) and a compiled module. Plain data, below the executor and the runtime in the layering, so
 * both can name it without importing each other.
 */
import type { ModuleInfo } from '../types.js';
import type { ModuleContext } from '../validate/context.js';
import type { FeatureName } from '../ops/spec.js';

export interface CompiledFunc {
  readonly code: Int32Array;
  /** 8-byte slots the params take (one per 2.0 value; a v128 takes two) */
  readonly paramSlots: number;
  /** slots params + declared locals take: the operand stack starts here */
  readonly localSlots: number;
  /** slots the frame needs: locals + maximum operand-stack slots */
  readonly frameSize: number;
  /** true when some declared (non-param) local is a reference and must start as null */
  readonly hasRefLocals: boolean;
  /** (code offset, wasm byte offset) pairs, ascending, for backtraces */
  readonly pcMap: Int32Array;
  /** f64 constants that `F64…K` ops name by index (exact bits) */
  readonly consts: Float64Array;
  /** translated with fuel metering (Fuel ops at block entries, bulk ops charge per byte) */
  readonly metered: boolean;
  /** touches reference values, so the machine needs its reference array */
  readonly usesRefs: boolean;
  /** try_table catch clauses (core/exec/exceptions.ts HANDLER_WORDS per clause); absent without any */
  readonly handlers?: Int32Array;
}

export interface CompiledModule {
  /** a name for messages: CompileOptions.name, else "<anonymous>" */
  readonly name: string;
  readonly info: ModuleInfo;
  readonly ctx: ModuleContext;
  /** translated bodies of the module's own functions (not imports) */
  readonly funcs: readonly CompiledFunc[];
  /** canonical type ids by type index */
  readonly typeIds: Int32Array;
  /** the same bodies translated with fuel metering (made on first use by a metering store) */
  metered(): readonly CompiledFunc[];
  /** some function handles reference values (the store then allocates its reference array) */
  readonly usesRefs: boolean;
  /** the features beyond the MVP the module uses, in FEATURE_NAMES order (`wasmlet inspect`) */
  readonly features: readonly FeatureName[];
}
