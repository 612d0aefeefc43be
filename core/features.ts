/**
 * The WebAssembly features beyond 2.0 that compilation accepts. All implemented ones are on by
 * default (3.0 is the standard); `WASM_2_0_FEATURES` turns them off, for checking that a module
 * stays within 2.0 or for running the 2.0 spec suite, whose assertions predate them.
 */
export interface Features {
  /** extended constant expressions: i32/i64 add, sub, mul, and global.get of any earlier immutable global */
  readonly extendedConst: boolean;
  /** tail calls: return_call, return_call_indirect */
  readonly tailCall: boolean;
  /** several memories per module; loads, stores and memory instructions name one by index */
  readonly multiMemory: boolean;
  /** memories with 1-byte pages (the custom-page-sizes proposal): e.g. exactly 4,096 bytes */
  readonly customPageSizes: boolean;
  /** memories and tables with i64 addresses (memory64, table64) */
  readonly memory64: boolean;
  /** exception handling with exnref: tags, throw, throw_ref, try_table (core/exec/exceptions.ts) */
  readonly exceptions: boolean;
  /** relaxed SIMD (3.0): one deterministic result per instruction, V8's on x86-64 (docs/engine.md) */
  readonly relaxedSimd: boolean;
}

export const DEFAULT_FEATURES: Features = Object.freeze({ extendedConst: true, tailCall: true, multiMemory: true, customPageSizes: true, memory64: true, exceptions: true, relaxedSimd: true });
export const WASM_2_0_FEATURES: Features = Object.freeze({ extendedConst: false, tailCall: false, multiMemory: false, customPageSizes: false, memory64: false, exceptions: false, relaxedSimd: false });

/** The defaults with `f`'s choices applied. */
export function resolveFeatures(f: Partial<Features> | undefined): Features {
  return f === undefined ? DEFAULT_FEATURES : { ...DEFAULT_FEATURES, ...f };
}
