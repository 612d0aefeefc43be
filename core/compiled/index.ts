/**
 * `wasmlet/compiled`: the engine with its compiled tier loaded. Importing it registers the tier,
 * so `new Store({ tier: 'compiled' | 'auto' })` works; it re-exports the whole engine API, and its
 * `WebAssembly` namespace (the engine's drop-in, whose default store this entry puts on tier
 * 'auto': hot functions compiled, everything interpreted where code generation is disallowed). The tier is its own bundle: the engine
 * (`wasmlet`) stays the size it was without it.
 */
import { registerTier, setDefaultTier } from '../index.js';
import { makeTier } from './link.js';

export * from '../index.js';
export { tierStats, AUTO_HOT_CALLS, AUTO_HOT_CALLS_LOOP, MAX_SOURCE_CHARS, type TierStats } from './link.js';

registerTier(makeTier);
setDefaultTier('auto');
