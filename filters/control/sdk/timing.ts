/**
 * Step timing: the seconds since the previous step, from the `now_us` argument of `step`. The
 * first step returns 0 (controllers skip integration and differentiation then).
 */
export class StepClock {
  private last: i64 = -1;
  /** steps seen so far */
  count: i64 = 0;

  /** seconds since the previous call (0 on the first) */
  tick(nowUs: i64): f64 {
    const dt: f64 = this.last < 0 ? 0 : <f64>(nowUs - this.last) / 1e6;
    this.last = nowUs;
    this.count++;
    return dt;
  }

  /** true once every `n` steps (for telemetry decimation) */
  every(n: i64): bool {
    return this.count % n == 1 || n <= 1;
  }
}
