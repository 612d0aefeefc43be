/**
 * Argument helpers shared by the commands: parseArgs with its errors as usage errors, positive
 * numbers, plant names and module files, each failing with a one-line message naming the flag.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isPlantName, PLANT_NAMES } from '../../firmware-sim/plants.js';
import { readError } from '../../hosts/errors.js';
import { UsageError } from './command.js';

/** parseArgs, with its errors (unknown option, missing value…) as usage errors */
export function parseUsage<const T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export function positive(name: string, v: string | undefined, integer = false): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${v}"`);
  }
  return n;
}

export function parsePlant(v: string | undefined): (typeof PLANT_NAMES)[number] {
  if (v === undefined) throw new UsageError(`--plant is required (${PLANT_NAMES.join(', ')})`);
  if (!isPlantName(v)) throw new UsageError(`unknown plant "${v}" (known: ${PLANT_NAMES.join(', ')})`);
  return v;
}

export function readModule(path: string | undefined, flag: string): Uint8Array {
  if (path === undefined) throw new UsageError(`${flag} FILE.wasm is required`);
  try {
    return readFileSync(path);
  } catch (e) {
    throw readError(path, e, 'module');
  }
}

