/**
 * Per-filter call statistics for operators (the dashboard's proxy view): how many top-level
 * callbacks a filter ran, the fuel they used, their wall-clock latency over the most recent calls
 * (one call in eight is timed, into a fixed ring, so recording allocates nothing and costs a few
 * nanoseconds per call), and the failure-policy events of its VM
 * (failed, reloaded, reload failed) with their times.
 */

/** latencies kept for the percentiles */
const RING = 2048;
/** one callback in this many is timed (a power of two) */
const SAMPLE_EVERY = 8;
/** events kept */
const EVENTS = 100;

export interface FilterEvent {
  /** Date.now() when it happened */
  readonly at: number;
  readonly text: string;
}

export class FilterStats {
  /** top-level callbacks run */
  calls = 0;
  /** fuel they used (0 when unmetered) */
  fuel = 0;
  /** streams answered by the failure policy */
  failedStreams = 0;
  readonly events: FilterEvent[] = [];
  private readonly ring = new Float64Array(RING);
  private n = 0;

  /** whether the next callback's latency is measured: one in SAMPLE_EVERY (a clock read costs ~90 ns) */
  get timeNext(): boolean {
    return (this.calls & (SAMPLE_EVERY - 1)) === 0;
  }

  /** one callback: fuel used, and its wall-clock µs when it was timed (else a negative number) */
  record(us: number, fuel: number): void {
    this.calls++;
    this.fuel += fuel;
    if (us >= 0) this.ring[this.n++ % RING] = us;
  }

  event(text: string): void {
    this.events.push({ at: Date.now(), text });
    if (this.events.length > EVENTS) this.events.shift();
  }

  /** latency percentiles over the recent timed calls, µs (0 before any) */
  latency(): { p50: number; p99: number; max: number } {
    const k = Math.min(this.n, RING);
    if (k === 0) return { p50: 0, p99: 0, max: 0 };
    const s = this.ring.slice(0, k).sort();
    return { p50: s[Math.floor((k - 1) * 0.5)]!, p99: s[Math.floor((k - 1) * 0.99)]!, max: s[k - 1]! };
  }
}
