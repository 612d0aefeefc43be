/**
 * A wall-clock scheduler for simulated devices behind a transport: each attached SimDevice is
 * advanced by one control period every `periodMs`, devices spread evenly over the period (phase
 * i/N, as independent devices would be) so a large fleet does not pile up at one instant. It records
 * how late each device's step started after its due time (jitter) for p50/p99 over the last 4096
 * steps. One timer drives all devices of a process.
 */
import type { SimDevice } from '../../firmware-sim/sim-device.js';

interface Entry {
  readonly sim: SimDevice;
  readonly after?: () => void;
  due: number;
}

export class RealtimeRunner {
  readonly periodMs: number;
  private readonly devices: Entry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** ring of recent lateness samples, ms */
  private readonly jitter = new Float64Array(4096);
  private count = 0;

  constructor(periodMs: number) {
    this.periodMs = periodMs;
  }

  add(sim: SimDevice, after?: () => void): void {
    this.devices.push({ sim, ...(after ? { after } : {}), due: performance.now() + this.periodMs });
    if (this.running) this.rephase();
  }

  private rephase(): void {
    const t0 = performance.now() + this.periodMs;
    const n = this.devices.length;
    this.devices.forEach((d, i) => (d.due = t0 + (i * this.periodMs) / n));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.rephase();
    const loop = (): void => {
      if (!this.running) return;
      let next = Infinity;
      for (const d of this.devices) {
        const now = performance.now();
        if (d.due <= now) {
          this.jitter[this.count++ % this.jitter.length] = now - d.due;
          d.sim.advance();
          d.after?.();
          d.due += this.periodMs;
          if (d.due < now) d.due = now + this.periodMs; // fell a whole period behind: skip, don't burst
        }
        if (d.due < next) next = d.due;
      }
      this.timer = setTimeout(loop, Math.max(0, next - performance.now()));
    };
    this.timer = setTimeout(loop, 0);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** forget the lateness samples so far (e.g. after a warm-up) */
  resetJitter(): void {
    this.count = 0;
  }

  /** p50 and p99 of recent step lateness, ms */
  jitterPercentiles(): { p50: number; p99: number } {
    const n = Math.min(this.count, this.jitter.length);
    if (n === 0) return { p50: 0, p99: 0 };
    const s = Array.from(this.jitter.subarray(0, n)).sort((a, b) => a - b);
    return { p50: s[Math.floor(n * 0.5)]!, p99: s[Math.min(n - 1, Math.floor(n * 0.99))]! };
  }
}
