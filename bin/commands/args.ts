/**
 * Argument helpers shared by the commands: parseArgs with its errors as usage errors, positive
 * numbers, plant names, module files and the device options of `wasmlet sim` (parameters, seed,
 * budgets), each failing with a one-line message naming the flag.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isPlantName, PLANT_NAMES } from '../../firmware-sim/plants.js';
import type { DeviceLimits } from '../../hosts/device/limits.js';
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


/** the device options of `wasmlet sim` (single device and --devices alike) */
export const DEVICE_FLAGS = {
  period: { type: 'string' },
  param: { type: 'string', multiple: true },
  seed: { type: 'string' },
  'fuel-per-step': { type: 'string' },
  'max-memory': { type: 'string' },
  'max-call-depth': { type: 'string' },
} as const;

/** `--param ID=VALUE`… as id → value */
export function parseParams(list: readonly string[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const p of list) {
    const m = /^(-?\d+)=(.+)$/.exec(p);
    const v = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(v)) throw new UsageError(`--param must be ID=VALUE with an integer id and a number, got "${p}"`);
    out[Number(m[1])] = v;
  }
  return out;
}

export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--seed must be a non-negative integer, got "${text}"`);
  return Number(text) >>> 0;
}

/** --fuel-per-step, --max-memory, --max-call-depth as device limits (only those given) */
export function parseDeviceLimits(values: { 'fuel-per-step'?: string; 'max-memory'?: string; 'max-call-depth'?: string }): Partial<DeviceLimits> {
  const limits: { -readonly [K in keyof DeviceLimits]?: number } = {};
  const fuel = positive('fuel-per-step', values['fuel-per-step'], true);
  const memory = positive('max-memory', values['max-memory'], true);
  const depth = positive('max-call-depth', values['max-call-depth'], true);
  if (fuel !== undefined) limits.fuelPerStep = fuel;
  if (memory !== undefined) limits.maxMemoryBytes = memory;
  if (depth !== undefined) limits.maxCallDepth = depth;
  return limits;
}

/** `--baud N` (a serial line rate in bits per second), only beside `serial` */
export function baudOption(v: string | undefined, serial: boolean): { baud?: number } {
  if (v === undefined) return {};
  if (!serial) throw new UsageError('--baud is the line rate of a serial port: give it with --serial');
  const baud = Number(v);
  if (!Number.isInteger(baud) || baud < 300 || baud > 4_000_000) throw new UsageError(`--baud must be a line rate from 300 to 4000000 bits per second, got "${v}"`);
  return { baud };
}

/** a port number (0-65535) from `flag`'s value */
export function parsePort(v: string | undefined, flag = '--port'): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} must be a port number (0-65535), got "${v}"`);
  return n;
}

/** wait for SIGINT or SIGTERM, or `durationS` seconds when given, whichever comes first */
export function untilStopped(durationS?: number): Promise<void> {
  return new Promise((resolve) => {
    // the others must not keep the process alive afterwards
    const timer = durationS === undefined ? undefined : setTimeout(done, durationS * 1000);
    function done(): void {
      clearTimeout(timer);
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    }
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
