/**
 * The hook between the engine and the compiled tier (core/compiled/, the `wasmlet/compiled`
 * entry). The engine bundle does not contain the tier: loading `wasmlet/compiled` registers a
 * compiler here, and a store created with `tier: 'compiled'` or `'auto'` hands each new instance
 * to it. The tier runs on the interpreter's own machine (frames, fuel counters, suspensions), so
 * it receives the interpreter's internals through TIER_RUNTIME instead of importing them: the
 * tier's bundle then shares the engine's classes (TrapSignal, Trap) rather than copying them.
 */
import { Trap, TrapCode, TierError } from '../errors.js';
import * as N from '../exec/numeric.js';
import { backtrace, bulkOp, callHost, i64DivSmall, interpret, memOp, toTrap, ASYNC_ON_SYNC_PATH } from '../exec/interpreter.js';
import { Status } from '../exec/machine.js';
import { trap, TrapSignal } from '../exec/trap.js';
import { canonSub } from '../reftypes.js';
import type { Instance } from '../exec/objects.js';

/** Where a store's Wasm functions run: always interpreted, compiled to JS, or compiled when hot. */
export type Tier = 'interpreter' | 'compiled' | 'auto';
export const TIERS: readonly Tier[] = ['interpreter', 'compiled', 'auto'];

/** What the compiled tier needs from the interpreter (shared, never copied). */
export const TIER_RUNTIME = Object.freeze({ Trap, TrapCode, TrapSignal, trap, N, Status, backtrace, bulkOp, callHost, i64DivSmall, interpret, memOp, toTrap, ASYNC_ON_SYNC_PATH, canonSub });
export type TierRuntime = typeof TIER_RUNTIME;

export interface TierCompiler {
  /** whether this JS engine allows `new Function` (false under --disallow-code-generation-from-strings) */
  readonly codegenAllowed: boolean;
  /** give the instance's own functions their compiled-tier entries */
  attach(inst: Instance, tier: 'compiled' | 'auto'): void;
}

let compiler: TierCompiler | null = null;

/** @internal called once by `wasmlet/compiled` when it loads */
export function registerTier(make: (rt: TierRuntime) => TierCompiler): TierCompiler {
  compiler ??= make(TIER_RUNTIME);
  return compiler;
}

/**
 * The compiler for a store's tier, or null for the interpreter (and for `auto` where code cannot
 * be generated: it then just interprets). `compiled` that cannot run is a TierError.
 */
export function tierCompiler(tier: Tier): TierCompiler | null {
  if (!TIERS.includes(tier)) throw new TierError(`unknown tier ${JSON.stringify(tier)}: expected one of ${TIERS.join(', ')}`);
  if (tier === 'interpreter') return null;
  if (compiler === null) {
    if (tier === 'auto') return null;
    throw new TierError("tier 'compiled' needs the compiled tier: import it from 'wasmlet/compiled' before creating the store");
  }
  if (!compiler.codegenAllowed) {
    if (tier === 'auto') return null;
    throw new TierError(
      "tier 'compiled' cannot run: this JS engine disallows code generation from strings (node --disallow-code-generation-from-strings or a Content-Security-Policy without 'unsafe-eval'); use tier 'auto' or 'interpreter'",
    );
  }
  return compiler;
}
