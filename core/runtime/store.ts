/**
 * A Store owns the execution machine (value and call stacks) that its instances run on, and the
 * limits they run under. Instances of one store call each other directly; the JS API uses one
 * default store.
 */
import { DEFAULT_LIMITS, Machine, type MachineLimits } from '../exec/machine.js';
import { invokeJs, invokeRaw } from './invoke.js';
import type { FuncInst } from './objects.js';

export interface StoreLimits extends MachineLimits {
  /** linear memory budget per memory, in bytes */
  readonly maxMemoryBytes: number;
  /** table budget per table, in elements */
  readonly maxTableElements: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = Object.freeze({
  ...DEFAULT_LIMITS,
  maxMemoryBytes: 65536 * 65536,
  maxTableElements: 10_000_000,
});

export class Store {
  readonly machine: Machine;
  readonly limits: StoreLimits;
  constructor(limits: Partial<StoreLimits> = {}) {
    this.limits = Object.freeze({ ...DEFAULT_STORE_LIMITS, ...limits });
    this.machine = new Machine(this.limits);
  }

  /** Call `f` with JS values (JS API conversions); returns its results as an array. */
  invoke(f: FuncInst, ...args: unknown[]): unknown[] {
    return invokeJs(this, f, args);
  }

  /**
   * Call `f` with exact values: i32 number, i64 bigint, f32 as u32 bits (number), f64 as u64
   * bits (bigint), references as engine values. NaN payloads survive both ways.
   */
  invokeRaw(f: FuncInst, args: readonly unknown[]): unknown[] {
    return invokeRaw(this, f, args);
  }
}

let defaultStore: Store | undefined;
export function getDefaultStore(): Store {
  return (defaultStore ??= new Store());
}
