/**
 * DC motor speed control: PI with anti-windup on the motor plant (sensor 0: speed rad/s;
 * actuator 0: voltage 0–12 V).
 *
 * Parameters: 0 setpoint rad/s; 1 kp (V·s/rad), 2 ki (V/rad) — 0 keeps the default.
 * A failed sensor (NaN) makes `step` return FAULT_SENSOR. Telemetry every 10 steps: error, output.
 */
import { Key, log, paramOr, param_get, sensor_read, actuator_write, telemetry, INFO, OK, FAULT_SENSOR, PARAM_SETPOINT } from "./sdk/dev";
import { Pid } from "./sdk/pid";
import { StepClock } from "./sdk/timing";

const pi = new Pid(40.0, 120.0, 0.0, 0.0, 12.0);
const clock = new StepClock();
const kError = new Key("error");
const kOutput = new Key("output");

export function wasmlet_device_abi_v1(): void {}

export function init(): i32 {
  pi.kp = paramOr(1, pi.kp);
  pi.ki = paramOr(2, pi.ki);
  pi.reset();
  log(INFO, "motor PI ready");
  return OK;
}

export function step(nowUs: i64): i32 {
  const dt = clock.tick(nowUs);
  const w = sensor_read(0);
  if (isNaN(w)) return FAULT_SENSOR;
  const sp = param_get(PARAM_SETPOINT);
  const u = pi.update(sp, w, dt);
  actuator_write(0, u);
  if (clock.every(10)) {
    telemetry(kError, sp - w);
    telemetry(kOutput, u);
  }
  return OK;
}
