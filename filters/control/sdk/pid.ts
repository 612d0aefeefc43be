/**
 * A PID controller for device loops: derivative on the measurement (no kick on setpoint
 * changes) with a first-order filter, and anti-windup by conditional integration — the integral
 * stops growing while the output is saturated in the direction the error pushes, and it is
 * bounded to the output range. Set ki or kd to 0 for P, PI or PD control.
 */
export class Pid {
  kp: f64;
  ki: f64;
  kd: f64;
  outMin: f64;
  outMax: f64;
  /** derivative filter time constant, s (0: unfiltered) */
  tf: f64 = 0;
  /** feed-forward added to the output (e.g. the steady-state output at the setpoint) */
  feedForward: f64 = 0;

  integral: f64 = 0;
  private dState: f64 = 0;
  private prevMeasured: f64 = NaN;
  /** whether the last output was clamped to a limit */
  saturated: bool = false;

  constructor(kp: f64, ki: f64, kd: f64, outMin: f64, outMax: f64) {
    this.kp = kp;
    this.ki = ki;
    this.kd = kd;
    this.outMin = outMin;
    this.outMax = outMax;
  }

  reset(): void {
    this.integral = 0;
    this.dState = 0;
    this.prevMeasured = NaN;
    this.saturated = false;
  }

  /** One update after `dt` seconds; returns the output within [outMin, outMax]. */
  update(setpoint: f64, measured: f64, dt: f64): f64 {
    const e = setpoint - measured;
    let d: f64 = 0;
    if (this.kd != 0 && dt > 0 && !isNaN(this.prevMeasured)) {
      const raw = -(measured - this.prevMeasured) / dt;
      this.dState = this.tf > 0 ? this.dState + (dt / (this.tf + dt)) * (raw - this.dState) : raw;
      d = this.kd * this.dState;
    }
    this.prevMeasured = measured;
    const p = this.kp * e;
    let i = this.integral + this.ki * e * (dt > 0 ? dt : 0);
    let u = p + i + d + this.feedForward;
    this.saturated = false;
    if (u > this.outMax) {
      if (e > 0) i = this.integral; // pushing further into the limit: hold the integral
      u = this.outMax;
      this.saturated = true;
    } else if (u < this.outMin) {
      if (e < 0) i = this.integral;
      u = this.outMin;
      this.saturated = true;
    }
    const span = this.outMax - this.outMin;
    this.integral = max(-span, min(span, i));
    return u;
  }
}
