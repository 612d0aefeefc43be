/**
 * Bang-bang thermostat with hysteresis on the heater plant: full power below
 * setpoint − hysteresis, off above setpoint + hysteresis, unchanged in between.
 *
 * Parameters: 0 setpoint °C; 1 hysteresis °C (default 0.5). A failed sensor (NaN) makes `step`
 * return FAULT_SENSOR.
 */
import { param_get, paramOr, sensor_read, actuator_write, OK, FAULT_SENSOR, PARAM_SETPOINT } from "./sdk/dev";

let on = false;
let hysteresis: f64 = 0.5;

export function wasmlet_device_abi_v1(): void {}

export function init(): i32 {
  hysteresis = paramOr(1, hysteresis);
  on = false;
  return OK;
}

export function step(nowUs: i64): i32 {
  const t = sensor_read(0);
  if (isNaN(t)) return FAULT_SENSOR;
  const sp = param_get(PARAM_SETPOINT);
  if (t < sp - hysteresis) on = true;
  else if (t > sp + hysteresis) on = false;
  actuator_write(0, on ? 100.0 : 0.0);
  return OK;
}
