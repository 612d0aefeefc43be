/**
 * Fixed-width SIMD (issue 14): the core-2.0 suite's simd_*.json scripts, natively and metered.
 */
import { specSuite } from './spec/suite.js';
import { WASM_2_0_FEATURES } from '../core/index.js';

specSuite('spec suite core-2.0 SIMD', 'core-2.0', { modes: ['raw', 'metered'], minScripts: 50, filter: (f) => f.startsWith('simd_'), features: WASM_2_0_FEATURES });
