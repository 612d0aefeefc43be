/**
 * Whether this build runs SIMD. The SIMD executor (core/exec/simd.ts) registers itself here when
 * an entry point imports it (core/index.ts does; core/index-2.0.ts does not), so the smallest
 * bundle carries none of it: the validator then refuses v128 and 0xfd instructions with a typed
 * error, and the interpreter's default case finds no engine. No imports, so every layer may read it.
 */

/** One SIMD IR op: runs the op at `pc` (machine, instance, code, pc, frame) and returns the next pc. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SimdStep = (m: any, inst: any, code: Int32Array, pc: number, fp: number) => number;

/** The SIMD executor: its ops by IR number (a throwing stub for every other number). */
export interface SimdEngine {
  readonly ops: readonly SimdStep[];
}

export const simdSupport: { engine: SimdEngine | null } = { engine: null };

/** The message of a module that needs SIMD in a build without it. */
export const NO_SIMD = 'SIMD (v128) is not in this build (wasmlet/core-2.0); use the full entry point `wasmlet`';
