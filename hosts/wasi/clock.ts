/**
 * Time for the WASI host. The real clock reads the host's clocks and sleeps by blocking the
 * thread (Atomics.wait: the guest's call is synchronous). The virtual clock makes runs
 * deterministic: time starts at a fixed instant, advances a fixed `tick` on every reading, and
 * sleeping advances it instantly instead of waiting — a sandboxed guest then cannot use timing as
 * a side channel, and tests of sleeping code run in microseconds.
 */
import { ClockId } from './constants.js';

export interface WasiClock {
  /** current time of a preview1 clock in nanoseconds, or undefined for an unknown clock id */
  now(id: number): bigint | undefined;
  resolution(id: number): bigint | undefined;
  /** block (or pretend to) for `ns` nanoseconds */
  sleep(ns: bigint): void;
}

export interface VirtualClockOptions {
  /** realtime at start, in nanoseconds since the Unix epoch (default 2000-01-01T00:00:00Z) */
  readonly start?: bigint;
  /** nanoseconds added on every clock reading (default 1000) */
  readonly tick?: bigint;
}

const KNOWN = (id: number) => id >= ClockId.REALTIME && id <= ClockId.THREAD_CPUTIME;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export class RealClock implements WasiClock {
  private readonly realtimeBase = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();
  now(id: number): bigint | undefined {
    switch (id) {
      case ClockId.REALTIME:
        return this.realtimeBase + process.hrtime.bigint();
      case ClockId.MONOTONIC:
        return process.hrtime.bigint();
      case ClockId.PROCESS_CPUTIME:
      case ClockId.THREAD_CPUTIME: {
        const u = process.cpuUsage();
        return BigInt(u.user + u.system) * 1000n;
      }
      default:
        return undefined;
    }
  }
  resolution(id: number): bigint | undefined {
    if (!KNOWN(id)) return undefined;
    return id === ClockId.MONOTONIC ? 1n : 1000n;
  }
  sleep(ns: bigint): void {
    if (ns <= 0n) return;
    // Atomics.wait takes milliseconds (fractions allowed); wait in slices below 2^31 ms
    let ms = Number(ns) / 1e6;
    while (ms > 0) {
      const slice = Math.min(ms, 2 ** 30);
      Atomics.wait(sleeper, 0, 0, slice);
      ms -= slice;
    }
  }
}

export class VirtualClock implements WasiClock {
  private elapsed = 0n;
  private readonly start: bigint;
  private readonly tick: bigint;
  constructor(opts: VirtualClockOptions = {}) {
    this.start = opts.start ?? 946_684_800_000_000_000n;
    this.tick = opts.tick ?? 1000n;
  }
  now(id: number): bigint | undefined {
    if (!KNOWN(id)) return undefined;
    this.elapsed += this.tick;
    return id === ClockId.REALTIME ? this.start + this.elapsed : this.elapsed;
  }
  resolution(id: number): bigint | undefined {
    return KNOWN(id) ? (this.tick > 0n ? this.tick : 1n) : undefined;
  }
  sleep(ns: bigint): void {
    if (ns > 0n) this.elapsed += ns;
  }
}
