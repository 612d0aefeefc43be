/*
 * Heater temperature control in C: the same PID as filters/control/heater-pid.ts, on the heater
 * plant (sensor 0: temperature °C; actuator 0: heater power 0–100 %), in 16 KiB of memory.
 *
 * Parameters: 0 setpoint °C; 1 kp (%/°C), 2 ki (%/(°C·s)), 3 kd (%·s/°C); 0 keeps the default.
 * A failed sensor (NaN) makes step return WASMLET_FAULT_SENSOR, so the host applies the safe
 * state. Telemetry every 10 steps: error, output, integral.
 */
#include "../wasmlet_device.h"

WASMLET_DEVICE_ABI_V1
/* measured with `wasmlet budget`: 173 fuel per step, call depth 1, 120 value-stack bytes, 1,152
   bytes of memory laid out; the rest is headroom */
WASMLET_LIMITS(16384, 2000, 16, 1024);

static wasmlet_pid pid;
static wasmlet_clock clock = WASMLET_CLOCK_INIT;

int32_t init(void) {
  wasmlet_pid_setup(&pid, wasmlet_param_or(1, 10.0), wasmlet_param_or(2, 0.2), wasmlet_param_or(3, 5.0), 0.0, 100.0, 1.0);
  clock = (wasmlet_clock)WASMLET_CLOCK_INIT;
  WASMLET_LOG(WASMLET_INFO, "heater PID (C) ready");
  return WASMLET_OK;
}

int32_t step(int64_t now_us) {
  double dt = wasmlet_clock_tick(&clock, now_us);
  double t;
  if (!wasmlet_read(0, &t)) return WASMLET_FAULT_SENSOR;
  double sp = dev_param_get(WASMLET_PARAM_SETPOINT);
  double u = wasmlet_pid_update(&pid, sp, t, dt);
  wasmlet_write(0, u);
  if (wasmlet_clock_every(&clock, 10)) {
    WASMLET_TELEMETRY("error", sp - t);
    WASMLET_TELEMETRY("output", u);
    WASMLET_TELEMETRY("integral", pid.integral);
  }
  return WASMLET_OK;
}
