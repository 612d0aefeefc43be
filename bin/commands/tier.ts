/**
 * `--tier interpreter|compiled|auto` of `wasmlet run`, `wasmlet sim` and `wasmlet proxy`. The CLI
 * is one bundle, so it loads the compiled tier itself (the library user imports
 * `wasmlet/compiled`); registering it does not change the default tier of anything: each store
 * still says which tier it wants. `compiled` where code generation is disallowed is the engine's
 * TierError (exit 1, with the reason); `auto` there interprets.
 */
import { registerTier, type Tier } from '../../core/index.js';
import { makeTier } from '../../core/compiled/link.js';
import { TIERS } from '../../core/runtime/tier.js';
import { UsageError } from './command.js';

/** the value of `--tier` (or the default), validated; loads the compiled tier when it is needed */
export function parseTier(value: string | undefined, flag = '--tier'): Tier {
  if (value === undefined) return 'interpreter';
  if (!(TIERS as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${TIERS.join(', ')}, got "${value}"`);
  if (value !== 'interpreter') loadCompiledTier();
  return value as Tier;
}

/** register the compiled tier with the engine (once; idempotent) */
export function loadCompiledTier(): void {
  registerTier(makeTier);
}
