/**
 * Budgets a module declares it needs, in a custom section named `wasmlet.limits` (docs/device-abi.md,
 * "Declared budgets"): a UTF-8 JSON object such as
 * `{"max_memory_bytes":16384,"fuel_per_step":2000,"max_call_depth":16,"max_stack_bytes":1024}`.
 * Trailing NUL bytes are ignored, so a C string literal placed in the section works as it is.
 * A device refuses a module that needs more than its budgets before anything is replaced, and an
 * operator's deploy checks the device's published limits before any byte is transferred.
 */
import type { CustomSection } from '../../core/index.js';
import { DeviceAbiError } from './abi.js';
import type { DeviceLimits } from './limits.js';

export const LIMITS_SECTION = 'wasmlet.limits';

/** section key → DeviceLimits field; the keys are the snake_case names used everywhere in JSON */
const KEYS = {
  max_memory_bytes: 'maxMemoryBytes',
  fuel_per_step: 'fuelPerStep',
  max_call_depth: 'maxCallDepth',
  max_stack_bytes: 'maxStackBytes',
} as const;

export type DeclaredKey = keyof typeof KEYS;
export type DeclaredLimits = { readonly [K in DeclaredKey]?: number };

/** The module's declared needs, or undefined without a `wasmlet.limits` section. Throws DeviceAbiError when it is malformed. */
export function parseDeclaredLimits(customs: readonly CustomSection[]): DeclaredLimits | undefined {
  const found = customs.filter((c) => c.name === LIMITS_SECTION);
  if (found.length === 0) return undefined;
  if (found.length > 1) throw new DeviceAbiError(`custom section ${LIMITS_SECTION} appears ${found.length} times; a module declares its budgets once`);
  let end = found[0]!.bytes.length;
  while (end > 0 && found[0]!.bytes[end - 1] === 0) end--;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(found[0]!.bytes.subarray(0, end)));
  } catch (e) {
    throw new DeviceAbiError(`custom section ${LIMITS_SECTION} is not UTF-8 JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DeviceAbiError(`custom section ${LIMITS_SECTION} must hold a JSON object`);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!(k in KEYS)) throw new DeviceAbiError(`custom section ${LIMITS_SECTION}: unknown key "${k}" (known: ${Object.keys(KEYS).join(', ')})`);
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw new DeviceAbiError(`custom section ${LIMITS_SECTION}: ${k} must be a positive integer, got ${JSON.stringify(v)}`);
    out[k] = v;
  }
  return Object.freeze(out);
}

/** The first declared need that `limits` do not meet, as a sentence; undefined when all fit. */
export function declaredLimitsProblem(declared: DeclaredLimits | undefined, limits: Partial<DeviceLimits>, name: string): string | undefined {
  if (!declared) return undefined;
  for (const k of Object.keys(KEYS) as DeclaredKey[]) {
    const need = declared[k];
    const have = limits[KEYS[k]];
    if (need !== undefined && have !== undefined && need > have) {
      return `module ${name} declares it needs ${k} ${need} (${LIMITS_SECTION}); the device allows ${have}`;
    }
  }
  return undefined;
}
