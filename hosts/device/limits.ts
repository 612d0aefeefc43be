/**
 * Per-device limits, all in one place with their defaults (docs/device-abi.md, "Limits"). Sized
 * for microcontroller-class loops: a step is a few hundred instructions, memory one or two pages.
 */
import { ArgumentError } from '../errors.js';

export interface DeviceLimits {
  /** fuel (≈ Wasm instructions) one `step` may use; more is an overrun fault ('out_of_fuel') */
  readonly fuelPerStep: number;
  /** fuel for instantiation (start function, data) plus `init` */
  readonly initFuel: number;
  /** wall-clock time one `step` may take, in milliseconds; more is a 'deadline_missed' fault */
  readonly deadlineMs: number;
  /** linear memory budget in bytes; growth past it is a 'memory_budget' fault */
  readonly maxMemoryBytes: number;
  /** deepest Wasm call nesting; deeper traps with 'call_stack_exhausted' */
  readonly maxCallDepth: number;
  /** value stack in bytes (8 per slot); more traps with 'call_stack_exhausted' */
  readonly maxStackBytes: number;
  /** table budget in elements */
  readonly maxTableElements: number;
}

export const DEFAULT_DEVICE_LIMITS: DeviceLimits = Object.freeze({
  fuelPerStep: 100_000,
  initFuel: 1_000_000,
  deadlineMs: 50,
  maxMemoryBytes: 64 * 1024,
  maxCallDepth: 64,
  // 256 values: ample for control loops (the examples peak at 144 bytes) and what keeps an idle
  // device within 16 KB of host memory beyond its linear memory (docs/device-abi.md, Limits)
  maxStackBytes: 2 * 1024,
  maxTableElements: 1024,
});

export function resolveLimits(partial: Partial<DeviceLimits> = {}): DeviceLimits {
  const l = { ...DEFAULT_DEVICE_LIMITS };
  for (const [k, v] of Object.entries(partial) as [keyof DeviceLimits, number | undefined][]) {
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v > 0) || Number.isNaN(v)) throw new ArgumentError(`device limit ${k} must be a positive number, got ${String(v)}`);
    (l as Record<keyof DeviceLimits, number>)[k] = v;
  }
  return Object.freeze(l);
}
