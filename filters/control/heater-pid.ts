/**
 * Heater temperature control: PID with anti-windup on the heater plant (sensor 0: temperature
 * °C; actuator 0: heater power 0–100 %).
 *
 * Parameters: 0 setpoint °C; 1 kp (%/°C), 2 ki (%/(°C·s)), 3 kd (%·s/°C) — 0 keeps the default.
 * A failed sensor (NaN) makes `step` return FAULT_SENSOR, so the host applies the safe state.
 * Telemetry every 10 steps: error, output, integral.
 */
import { Key, log, paramOr, param_get, sensor_read, actuator_write, telemetry, INFO, OK, FAULT_SENSOR, PARAM_SETPOINT } from "./sdk/dev";
import { Pid } from "./sdk/pid";
import { StepClock } from "./sdk/timing";

const pid = new Pid(10.0, 0.2, 5.0, 0.0, 100.0);
const clock = new StepClock();
const kError = new Key("error");
const kOutput = new Key("output");
const kIntegral = new Key("integral");

export function wasmlet_device_abi_v1(): void {}

export function init(): i32 {
  pid.kp = paramOr(1, pid.kp);
  pid.ki = paramOr(2, pid.ki);
  pid.kd = paramOr(3, pid.kd);
  pid.tf = 1.0;
  pid.reset();
  log(INFO, "heater PID ready");
  return OK;
}

export function step(nowUs: i64): i32 {
  const dt = clock.tick(nowUs);
  const t = sensor_read(0);
  if (isNaN(t)) return FAULT_SENSOR;
  const sp = param_get(PARAM_SETPOINT);
  const u = pid.update(sp, t, dt);
  actuator_write(0, u);
  if (clock.every(10)) {
    telemetry(kError, sp - t);
    telemetry(kOutput, u);
    telemetry(kIntegral, pid.integral);
  }
  return OK;
}
