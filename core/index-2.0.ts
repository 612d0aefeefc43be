/**
 * wasmlet/core-2.0: the engine without SIMD, for the smallest bundle. It holds the export list
 * that core/index.ts re-exports, and it never imports the SIMD
 * executor (core/exec/simd.ts), so a bundle of this entry carries none of it: a module using v128
 * is refused at compile time with a CompileError naming the feature and the full entry point
 * `wasmlet` (core/simd-support.ts NO_SIMD).
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
