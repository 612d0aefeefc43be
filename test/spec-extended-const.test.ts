/**
 * The extended-const proposal's spec scripts (i32/i64 add, sub, mul in constant expressions),
 * through the native API, on a metering store and through the JS API, with default features.
 * Six of its assertions predate 3.0, which lets a constant expression read any earlier immutable
 * global (core-3.0's global.json, data.json and elem.json assert the new rule); they do not apply.
 */
import { specSuite } from './spec/suite.js';

const PRE_3_0 = new Set(['data.json:85', 'data.json:89', 'elem.json:171', 'elem.json:175', 'global.json:364', 'global.json:368']);

specSuite('spec suite: extended constant expressions', 'proposals/extended-const', { modes: ['raw', 'metered', 'js'], minScripts: 3, skip: PRE_3_0 });
