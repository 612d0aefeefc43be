/**
 * wasmlet/core-2.0 exports exactly what the full entry point exports (its export list is a copy,
 * so a name added to one only must fail here).
 */
import { expect, it } from 'vitest';
import * as full from '../core/index.js';
import * as small from '../core/index-2.0.js';

it('core/index-2.0.ts exports the same names as core/index.ts', () => {
  expect(Object.keys(small).sort()).toEqual(Object.keys(full).sort());
});
