/**
 * Budget checks for users' memory-budget tests: compare a store's BudgetStats with limits such as
 * "64 KiB memory, 8 KiB stack, 20,000 fuel per call" and explain every violation in one line.
 * Works in any test runner: `assertWithinBudget` throws a BudgetError listing what exceeded.
 */
import { WasmletError } from './errors.js';
import type { BudgetStats } from './runtime/store.js';

export interface Budget {
  readonly memoryBytes?: number;
  readonly stackBytes?: number;
  readonly fuelPerCall?: number;
  readonly callDepth?: number;
}

export interface BudgetLine {
  readonly what: 'memory' | 'stack' | 'fuel per call' | 'call depth';
  readonly used: number;
  readonly limit: number | undefined;
  readonly ok: boolean;
}

export interface BudgetCheck {
  readonly ok: boolean;
  readonly lines: readonly BudgetLine[];
  /** human-readable, one line per budget */
  readonly report: string;
}

export function checkBudget(stats: BudgetStats, budget: Budget): BudgetCheck {
  const line = (what: BudgetLine['what'], used: number, limit: number | undefined): BudgetLine => ({
    what,
    used,
    limit,
    ok: limit === undefined || used <= limit,
  });
  const lines = [
    line('memory', stats.memoryBytes, budget.memoryBytes),
    line('stack', stats.peakStackBytes, budget.stackBytes),
    line('fuel per call', stats.peakFuelPerCall, budget.fuelPerCall),
    line('call depth', stats.peakCallDepth, budget.callDepth),
  ];
  const unit = (w: BudgetLine['what']) => (w === 'memory' || w === 'stack' ? ' bytes' : '');
  const report = lines
    .map((l) => `${l.ok ? 'ok  ' : 'OVER'} ${l.what.padEnd(13)} ${String(l.used).padStart(10)}${unit(l.what)}${l.limit === undefined ? '' : ` / ${l.limit}${unit(l.what)}`}`)
    .join('\n');
  return { ok: lines.every((l) => l.ok), lines, report };
}

export class BudgetError extends WasmletError {
  static override readonly brand: string = 'BudgetError';
  readonly check: BudgetCheck;
  constructor(check: BudgetCheck) {
    super('WASMLET_LIMIT', `over budget:\n${check.report}`);
    this.name = 'BudgetError';
    this.check = check;
  }
}

/** Throw a BudgetError naming each exceeded budget; returns the check when within budget. */
export function assertWithinBudget(stats: BudgetStats, budget: Budget): BudgetCheck {
  const c = checkBudget(stats, budget);
  if (!c.ok) throw new BudgetError(c);
  return c;
}
