/**
 * Multiple memories: the multi-memory proposal's spec scripts in all three modes (the 3.0 suite's
 * multi-memory_*.json run in spec-core-3.0.test.ts). Not applicable: two data.json assertions that
 * predate 3.0's constant-expression rule (see spec-extended-const).
 */
import { specSuite } from './spec/suite.js';

specSuite('spec suite: multi-memory proposal', 'proposals/multi-memory', {
  modes: ['raw', 'metered', 'js'],
  minScripts: 35,
  skip: new Set(['data.json:86', 'data.json:90']),
});
