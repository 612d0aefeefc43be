/**
 * wasmlet: a WebAssembly interpreter in TypeScript. Two API layers:
 * - `WebAssembly`: a drop-in for the standard JS API;
 * - the native API (Store, compile, instantiate, Linker, invokeRaw) for limits, host functions
 *   with declared signatures and exact-value calls.
 * The export list lives in core/index-2.0.ts (the entry without SIMD); this entry adds the SIMD
 * executor, so the two can never export different names.
 */
export * from './index-2.0.js';

import { installSimd } from './exec/simd.js';
installSimd();
