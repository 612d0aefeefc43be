/**
 * A wall-clock scheduler for simulated devices behind a transport. Each attached SimDevice is
 * advanced by one control period every `periodMs` (the runner's, or its own: a fleet's device
 * classes may differ); devices are spread evenly over their periods (phase i/N, as independent
 * devices would be) so a large fleet does not pile up at one instant. One timer
 * drives all devices of a process; due times sit in a binary heap.
 *
 * Control before comms, as in real firmware, where the control loop runs in a higher-priority task
 * or interrupt than the network stack:
 * - each turn first steps every device that is due (sample → module step → actuators → plant) and
 *   only then runs the stepped devices' `after` callbacks (telemetry, metrics, OTA commit checks),
 *   so one device's publish never delays the next device's step;
 * - `service()` steps the devices that are due without running comms; transports call it as they
 *   handle each incoming packet, so a burst of network input (hundreds of sockets ready in one
 *   event-loop poll) cannot hold a due step back until the burst is over. Their comms follow in
 *   the next turn.
 *
 * Lateness (jitter) is the time from a device's due instant to the start of its step. The runner
 * keeps the last 4096 samples for p50/p99 (computed at most once per period however many devices
 * ask; devices publish them in `metrics`) and a histogram of every step since the last reset.
 */
import type { SimDevice } from '../sim-device.js';

interface Entry {
  readonly sim: SimDevice;
  readonly after: (() => void) | undefined;
  /** wall-clock ms between this device's steps */
  readonly period: number;
  due: number;
}

const SAMPLES = 4096;
/** lateness histogram since the last reset: 10 µs bins up to 100 ms, then one overflow bin */
const BIN_MS = 0.01;
const BINS = 10_000;
/**
 * Node timers fire on a millisecond clock that is sampled once per event-loop iteration, so one set
 * for a fractional delay fires up to ~1.5 ms off. The runner sets them EARLY_MS short and sleeps
 * the remainder precisely (Atomics.wait, at most ~2 ms, only when a device is about to be due):
 * incoming I/O waits that long, a step does not.
 */
const EARLY_MS = 1;
const SLEEP = new Int32Array(new SharedArrayBuffer(4));

export class RealtimeRunner {
  readonly periodMs: number;
  /** min-heap on `due` */
  private readonly heap: Entry[] = [];
  /** devices stepped but whose comms have not run yet */
  private stepped: Entry[] = [];
  private spare: Entry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private running = false;
  private busy = false;
  /** ring of recent lateness samples, ms */
  private readonly jitter = new Float64Array(SAMPLES);
  private count = 0;
  private readonly histogram = new Uint32Array(BINS + 1);
  private maxLate = 0;
  private cached: { p50: number; p99: number } | null = null;
  private cachedAt = -Infinity;
  private readonly loop = (): void => this.turn();

  constructor(periodMs: number) {
    this.periodMs = periodMs;
  }

  /**
   * Attach a device stepped every `periodMs` (default: the runner's); `after` runs after its step
   * (and after the steps of all devices due with it).
   */
  add(sim: SimDevice, after?: () => void, periodMs = this.periodMs): void {
    if (!(periodMs > 0)) throw new RangeError(`period must be positive, got ${periodMs}`);
    this.heap.push({ sim, after, period: periodMs, due: performance.now() + periodMs });
    if (this.running) this.rephase();
  }

  get size(): number {
    return this.heap.length;
  }

  /** spread the devices evenly over their periods (phase i/N), in the order they were added */
  private rephase(): void {
    const now = performance.now();
    const h = this.heap;
    const n = h.length;
    h.sort((a, b) => a.due - b.due);
    h.forEach((d, i) => (d.due = now + d.period + (i * d.period) / n));
    h.sort((a, b) => a.due - b.due); // sorted: a heap again (periods may differ)
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.rephase();
    this.timer = setTimeout(this.loop, 0);
  }

  /** Step the devices that are due now (control only; their comms run in the next turn). */
  service(): void {
    if (!this.running || this.busy) return;
    const top = this.heap[0];
    if (top === undefined || top.due > performance.now()) return;
    this.busy = true;
    try {
      this.stepDue();
    } finally {
      this.busy = false;
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.immediate) this.immediate = setImmediate(this.loop);
  }

  private stepDue(): void {
    const h = this.heap;
    const ring = this.jitter;
    let now = performance.now(); // re-read only after work: the time that matters passes in steps
    for (let d = h[0]; d !== undefined && d.due <= now; d = h[0]) {
      const late = now - d.due;
      ring[this.count++ & (SAMPLES - 1)] = late;
      this.histogram[Math.min(BINS, Math.floor(late / BIN_MS))]!++;
      if (late > this.maxLate) this.maxLate = late;
      d.sim.advance();
      const period = d.period;
      d.due += period;
      // fell a whole period behind: skip the missed periods (no burst), keeping the device's phase
      // so that a stall (start-up, a GC pause) does not bunch the fleet up for good
      if (d.due < now) d.due += (Math.floor((now - d.due) / period) + 1) * period;
      siftDown(h, 0);
      this.stepped.push(d);
      now = performance.now();
    }
  }

  private turn(): void {
    this.timer = null;
    this.immediate = null;
    if (!this.running || this.busy) return;
    // arrive on time: a turn is entered up to ~2 ms early (timer granularity); block for the rest
    const first = this.heap[0];
    const early = first === undefined ? 0 : first.due - performance.now();
    if (early > 0 && early <= EARLY_MS + 1) Atomics.wait(SLEEP, 0, 0, early);
    this.busy = true;
    try {
      this.stepDue();
      // comms for every device stepped since the last turn
      const stepped = this.stepped;
      this.stepped = this.spare;
      this.spare = stepped;
      for (let i = 0; i < stepped.length; i++) stepped[i]!.after?.();
      stepped.length = 0;
    } finally {
      this.busy = false;
    }
    if (!this.running) return;
    const top = this.heap[0];
    if (top === undefined) return;
    // comms still owed (service() stepped devices during this turn's comms), or a device due within
    // the timer's precision: come back right after pending I/O; otherwise wake EARLY_MS before the
    // next device is due. (No busy-waiting: that would take the CPU from the broker and others.)
    const wait = top.due - performance.now();
    if (this.stepped.length > 0 || wait <= EARLY_MS + 1) this.immediate = setImmediate(this.loop);
    else this.timer = setTimeout(this.loop, wait - EARLY_MS);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }

  /** forget the lateness samples so far (e.g. after a warm-up) */
  resetJitter(): void {
    this.count = 0;
    this.cached = null;
    this.histogram.fill(0);
    this.maxLate = 0;
  }

  /** p50 and p99 of recent step lateness, ms (recomputed at most once per period) */
  jitterPercentiles(): { p50: number; p99: number } {
    const now = performance.now();
    if (this.cached && now - this.cachedAt < this.periodMs) return this.cached;
    const n = Math.min(this.count, SAMPLES);
    if (n === 0) return { p50: 0, p99: 0 };
    const s = this.jitter.slice(0, n).sort(); // typed-array sort: numeric, no comparator calls
    this.cached = { p50: s[Math.floor(n * 0.5)]!, p99: s[Math.min(n - 1, Math.floor(n * 0.99))]! };
    this.cachedAt = now;
    return this.cached;
  }

  /**
   * Lateness of every step since the last resetJitter() (not only the recent window): count,
   * p50/p99/p99.9 (10 µs resolution; anything past 100 ms counts as 100 ms) and max, ms.
   */
  lateness(): { steps: number; p50: number; p99: number; p999: number; max: number } {
    const h = this.histogram;
    let steps = 0;
    for (let i = 0; i <= BINS; i++) steps += h[i]!;
    if (steps === 0) return { steps, p50: 0, p99: 0, p999: 0, max: 0 };
    const at = (q: number): number => {
      const rank = Math.min(steps - 1, Math.floor(steps * q));
      let seen = 0;
      for (let i = 0; i <= BINS; i++) {
        seen += h[i]!;
        if (seen > rank) return (i + 1) * BIN_MS; // upper edge of the bin
      }
      return BINS * BIN_MS;
    };
    return { steps, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: this.maxLate };
  }
}

function siftDown(h: Entry[], i: number): void {
  const n = h.length;
  const e = h[i]!;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && h[r]!.due < h[l]!.due ? r : l;
    if (h[c]!.due >= e.due) break;
    h[i] = h[c]!;
    i = c;
  }
  h[i] = e;
}
