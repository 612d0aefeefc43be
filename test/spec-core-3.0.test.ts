/**
 * The WebAssembly 3.0 suite (core-3.0, the spec's reference-interpreter conversion): every script
 * whose features are built must pass completely, natively, metered and through the JS API. The
 * rest are listed below with the feature they wait for, so a script leaves the list only by
 * passing (remove it, and this file runs it).
 */
import { specSuite } from './spec/suite.js';

/** script-name prefixes of whole groups not built yet */
const GROUPS_NOT_YET: Record<string, string> = {
};

/** single scripts, by what they need first (the first failure in each is a decode error for it) */
const SCRIPTS_NOT_YET: Record<string, string> = {
  // an implementation limit, not a missing feature: a table of 2^32 - 1 elements is valid in the
  // core spec but over the JS API's limit of 10,000,000 that DECODE_LIMITS follows
  'table.json': 'the JS API table-size limit (DECODE_LIMITS.maxTableSize) refuses its 4 GiB-element table definition',
};

const built = (f: string) => !Object.keys(GROUPS_NOT_YET).some((p) => f.startsWith(p)) && !(f in SCRIPTS_NOT_YET);

specSuite('spec suite core-3.0 (built features)', 'core-3.0', { modes: ['raw', 'metered', 'js'], minScripts: 120, filter: built });
