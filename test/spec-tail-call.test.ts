/**
 * Tail calls (return_call, return_call_indirect): the tail-call proposal's spec scripts in all
 * three modes (the 3.0 suite's return_call*.json run in spec-core-3.0.test.ts).
 */
import { specSuite } from './spec/suite.js';

specSuite('spec suite: tail-call proposal', 'proposals/tail-call', { modes: ['raw', 'metered', 'js'], minScripts: 2 });
