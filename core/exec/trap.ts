/**
 * Internal trap signal. The executor and its helpers throw a TrapSignal; the call boundary
 * catches it once, attaches the Wasm backtrace, and raises the public `Trap` error.
 * A preallocated signal per code avoids allocating on the trap path.
 */
import { TRAP_MESSAGES, TrapCode } from '../errors.js';

export class TrapSignal {
  constructor(readonly code: TrapCode, readonly detail?: string) {}
}

const SIGNALS: TrapSignal[] = [];
for (let c = 0; c < TRAP_MESSAGES.length; c++) SIGNALS.push(new TrapSignal(c as TrapCode));

/** Throw the trap `code`. Typed `never` so callers can use it in expressions. */
export function trap(code: TrapCode): never {
  throw SIGNALS[code]!;
}
