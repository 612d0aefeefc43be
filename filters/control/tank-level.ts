/**
 * Water tank level control on the nonlinear tank (sensor 0: level m; actuator 0: inflow valve
 * 0–1): PI with anti-windup plus a feed-forward of the valve opening that balances the outflow
 * at the setpoint (q_out = a·√(2·g·h)), which linearises the loop around the operating point.
 *
 * Parameters: 0 setpoint m; 1 kp (1/m), 2 ki (1/(m·s)); 4 the outlet-to-inflow ratio
 * a/q_max in s/m^0.5 (default 0.1, the simulated tank's); 0 keeps a default.
 * A failed sensor (NaN) makes `step` return FAULT_SENSOR. Telemetry every 10 steps: error, output.
 */
import { Key, log, paramOr, param_get, sensor_read, actuator_write, telemetry, INFO, OK, FAULT_SENSOR, PARAM_SETPOINT } from "./sdk/dev";
import { Pid } from "./sdk/pid";
import { StepClock } from "./sdk/timing";

const G: f64 = 9.81;
const pi = new Pid(1.5, 0.05, 0.0, 0.0, 1.0);
const clock = new StepClock();
let outletRatio: f64 = 0.1;
const kError = new Key("error");
const kOutput = new Key("output");

export function wasmlet_device_abi_v1(): void {}

export function init(): i32 {
  pi.kp = paramOr(1, pi.kp);
  pi.ki = paramOr(2, pi.ki);
  outletRatio = paramOr(4, outletRatio);
  pi.reset();
  log(INFO, "tank level PI ready");
  return OK;
}

export function step(nowUs: i64): i32 {
  const dt = clock.tick(nowUs);
  const h = sensor_read(0);
  if (isNaN(h)) return FAULT_SENSOR;
  const sp = param_get(PARAM_SETPOINT);
  pi.feedForward = outletRatio * Math.sqrt(2.0 * G * max(sp, 0.0));
  const u = pi.update(sp, h, dt);
  actuator_write(0, u);
  if (clock.every(10)) {
    telemetry(kError, sp - h);
    telemetry(kOutput, u);
  }
  return OK;
}
