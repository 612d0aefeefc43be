/**
 * wasmlet: a WebAssembly 2.0 interpreter in TypeScript. Two API layers:
 * - `WebAssembly`: a drop-in for the standard JS API;
 * - the native API (Store, compile, instantiate, Linker, invokeRaw) for limits, host functions
 *   with declared signatures and exact-value calls.
 */
export { CompileError, LinkError, LimitError, TierError, Trap, TrapCode, WasmletError, TRAP_MESSAGES } from './errors.js';
export type { BacktraceFrame, ErrorCode } from './errors.js';
export { ValType, ExternKind } from './types.js';
export type { CustomSection, FuncType, ModuleInfo } from './types.js';
export { compile, validateBytes, type CompiledModule, type CompileOptions } from './runtime/module.js';
export { instantiate } from './runtime/instantiate.js';
export { Linker, hostFunc, toFuncType, type Signature, type ValTypeName } from './runtime/linker.js';
export { invokeRaw, invokeJs } from './runtime/store.js';
export { Store, getDefaultStore, setDefaultTier, DEFAULT_STORE_LIMITS, type StoreLimits, type BudgetStats, type CallOptions, type Resumable, type StoreOptions } from './runtime/store.js';
export { registerTier, type Tier, type TierCompiler, type TierRuntime } from './runtime/tier.js';
export { checkBudget, assertWithinBudget, BudgetError, type Budget, type BudgetCheck, type BudgetLine } from './budget.js';
export { FUEL_BYTES_PER_UNIT } from './limits.js';
export { DEFAULT_FEATURES, WASM_2_0_FEATURES, type Features } from './features.js';
export { FuncInst, GlobalInst, MemoryInst, TableInst, Instance, type ExternVal, type HostFn } from './exec/objects.js';
export { WasmException, TagInst } from './exec/exceptions.js';
export { WebAssembly } from './jsapi.js';

// the full build runs SIMD (core/index-2.0.ts leaves it out)
import { installSimd } from './exec/simd.js';
installSimd();
