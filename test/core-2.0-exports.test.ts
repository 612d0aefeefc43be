/**
 * wasmlet/core-2.0 exports exactly what the full entry point exports: core/index.ts re-exports
 * core/index-2.0.ts, so a name exported from the full entry only must fail here.
 */
import { expect, it } from 'vitest';
import * as full from '../core/index.js';
import * as small from '../core/index-2.0.js';

it('core/index-2.0.ts exports the same names as core/index.ts', () => {
  expect(Object.keys(small).sort()).toEqual(Object.keys(full).sort());
});
