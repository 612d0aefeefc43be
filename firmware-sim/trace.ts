/**
 * The trace of a simulation: one row per control period, in preallocated typed columns (grown by
 * doubling), so recording allocates nothing per step. Every column except the wall-clock step
 * time is deterministic; `digest()` hashes exactly those, so two runs with the same seed and
 * inputs can be compared bit for bit.
 */
import { createHash } from 'node:crypto';

export class Trace {
  length = 0;
  /** virtual time of the row, s */
  time: Float64Array;
  /** param 0 (setpoint) at that time */
  setpoint: Float64Array;
  /** true plant value (sensor 0, noise-free) */
  pv: Float64Array;
  /** what the module read from sensor 0 (noise, delay, failure) */
  measured: Float64Array;
  /** actuator 0 as applied to the plant for the period that follows */
  output: Float64Array;
  /** 1 when the device ran a step and actuator 0 was at a limit */
  saturated: Uint8Array;
  /** 1 when the device ran a step in this period */
  ran: Uint8Array;
  /** fuel the step used (0 when none ran) */
  fuel: Float64Array;
  /** wall-clock time of the step, µs (not deterministic; not in the digest) */
  stepUs: Float32Array;

  constructor(capacity = 1024) {
    const n = Math.max(16, capacity | 0);
    this.time = new Float64Array(n);
    this.setpoint = new Float64Array(n);
    this.pv = new Float64Array(n);
    this.measured = new Float64Array(n);
    this.output = new Float64Array(n);
    this.saturated = new Uint8Array(n);
    this.ran = new Uint8Array(n);
    this.fuel = new Float64Array(n);
    this.stepUs = new Float32Array(n);
  }

  get capacity(): number {
    return this.time.length;
  }

  record(time: number, setpoint: number, pv: number, measured: number, output: number, saturated: boolean, ran: boolean, fuel: number, stepUs: number): void {
    if (this.length === this.time.length) this.grow();
    const i = this.length++;
    this.time[i] = time;
    this.setpoint[i] = setpoint;
    this.pv[i] = pv;
    this.measured[i] = measured;
    this.output[i] = output;
    this.saturated[i] = saturated ? 1 : 0;
    this.ran[i] = ran ? 1 : 0;
    this.fuel[i] = fuel;
    this.stepUs[i] = stepUs;
  }

  /** sha256 over the deterministic columns (time, setpoint, pv, measured, output, saturated, ran, fuel) */
  digest(): string {
    const h = createHash('sha256');
    const n = this.length;
    for (const col of [this.time, this.setpoint, this.pv, this.measured, this.output, this.saturated, this.ran, this.fuel]) {
      h.update(new Uint8Array(col.buffer, 0, n * col.BYTES_PER_ELEMENT));
    }
    return h.digest('hex');
  }

  /** rows as CSV (header line first), for spreadsheets and plotting tools */
  toCsv(): string {
    const rows = ['time_s,setpoint,pv,measured,output,saturated,ran,fuel,step_us'];
    for (let i = 0; i < this.length; i++) {
      rows.push([this.time[i], this.setpoint[i], this.pv[i], this.measured[i], this.output[i], this.saturated[i], this.ran[i], this.fuel[i], this.stepUs[i]!.toFixed(2)].join(','));
    }
    return rows.join('\n') + '\n';
  }

  private grow(): void {
    const n = this.time.length * 2;
    const g = <T extends Float64Array | Float32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a as never);
      return b;
    };
    this.time = g(this.time, (k) => new Float64Array(k));
    this.setpoint = g(this.setpoint, (k) => new Float64Array(k));
    this.pv = g(this.pv, (k) => new Float64Array(k));
    this.measured = g(this.measured, (k) => new Float64Array(k));
    this.output = g(this.output, (k) => new Float64Array(k));
    this.saturated = g(this.saturated, (k) => new Uint8Array(k));
    this.ran = g(this.ran, (k) => new Uint8Array(k));
    this.fuel = g(this.fuel, (k) => new Float64Array(k));
    this.stepUs = g(this.stepUs, (k) => new Float32Array(k));
  }
}
