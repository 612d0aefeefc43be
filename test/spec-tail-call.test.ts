/**
 * Tail calls (return_call, return_call_indirect): the tail-call proposal's spec scripts in all
 * three modes, and the same scripts of the 3.0 suite natively and metered.
 */
import { specSuite } from './spec/suite.js';

specSuite('spec suite: tail-call proposal', 'proposals/tail-call', { modes: ['raw', 'metered', 'js'], minScripts: 2 });
specSuite('spec suite: core-3.0 tail calls', 'core-3.0', {
  modes: ['raw', 'metered'],
  minScripts: 2,
  filter: (f) => f === 'return_call.json' || f === 'return_call_indirect.json',
});
