/**
 * `wasmlet/compiled`: the engine with its compiled tier loaded. Importing it registers the tier,
 * so `new Store({ tier: 'compiled' | 'auto' })` works; it re-exports the whole engine API, and its
 * `WebAssembly` namespace runs on a compiled store. The tier is its own bundle: the engine
 * (`wasmlet`) stays the size it was without it.
 */
import { registerTier } from '../index.js';
import { makeTier } from './link.js';

export * from '../index.js';
export { tierStats, AUTO_HOT_CALLS, type TierStats } from './link.js';

registerTier(makeTier);
