/*
 * wasmlet_device.h: the C binding of the wasmlet device ABI v1 (docs/device-abi.md), header only,
 * for clang --target=wasm32 with no libc (see sdk/c/README.md for the flags).
 *
 * - the six "dev" imports, with the exact import module/name and Wasm types the host checks
 *   (hosts/device/abi.ts): dev_now_us, dev_sensor_read, dev_actuator_write, dev_param_get,
 *   dev_telemetry, dev_log;
 * - prototypes of the exports the host calls (init, step) with their export names, and
 *   WASMLET_DEVICE_ABI_V1 defining the marker export;
 * - WASMLET_LIMITS(...) embedding the `wasmlet.limits` custom section (the budgets the module needs);
 * - small helpers that never allocate: clamp, NaN check, parameters with defaults, logging and
 *   telemetry of string literals, a step clock and a PID controller (the same algorithm as the
 *   AssemblyScript SDK's Pid in filters/control/sdk/pid.ts).
 *
 * Everything is static inline or a macro, so only what a module uses ends up in it, and only the
 * imports it calls become imports.
 */
#ifndef WASMLET_DEVICE_H
#define WASMLET_DEVICE_H

#include <stdint.h> /* freestanding: clang provides it without a libc */

#if !defined(__wasm32__)
#error "wasmlet_device.h targets wasm32: build with clang --target=wasm32"
#endif

#define WASMLET_IMPORT(name) __attribute__((import_module("dev"), import_name(#name)))
#define WASMLET_EXPORT(name) __attribute__((export_name(#name)))

/* ---- imports (module "dev") ------------------------------------------------------------------ */

/** device time in microseconds; equals step's argument during a step */
WASMLET_IMPORT(now_us) int64_t dev_now_us(void);
/** latest reading of a sensor channel; NaN when the channel does not exist or the sensor failed */
WASMLET_IMPORT(sensor_read) double dev_sensor_read(int32_t channel);
/** set an actuator: WASMLET_APPLIED, WASMLET_CLAMPED, WASMLET_UNKNOWN_CHANNEL or WASMLET_INVALID_VALUE */
WASMLET_IMPORT(actuator_write) int32_t dev_actuator_write(int32_t channel, double value);
/** an operator parameter, 0.0 when unset; id 0 is the setpoint */
WASMLET_IMPORT(param_get) double dev_param_get(int32_t id);
/** publish a named value; the key is UTF-8 (at most 64 bytes are used) */
WASMLET_IMPORT(telemetry) void dev_telemetry(const char *key, int32_t key_len, double value);
/** a log line, UTF-8 (at most 256 bytes are used) */
WASMLET_IMPORT(log) void dev_log(int32_t level, const char *msg, int32_t len);

/* ---- exports --------------------------------------------------------------------------------- */

/** once after instantiation and after every reset; 0 = ok, anything else faults the device */
WASMLET_EXPORT(init) int32_t init(void);
/** every control period; 0 = ok, non-zero = a fault (the value is in the fault message) */
WASMLET_EXPORT(step) int32_t step(int64_t now_us);

/** defines the marker export that declares device ABI v1 (use once, at file scope) */
#define WASMLET_DEVICE_ABI_V1 \
  WASMLET_EXPORT(wasmlet_device_abi_v1) void wasmlet_device_abi_v1(void) {}

/*
 * WASMLET_LIMITS(memory_bytes, fuel_per_step, call_depth, stack_bytes): the budgets this module
 * needs, as the `wasmlet.limits` custom section (UTF-8 JSON, exactly the object, no NUL); a
 * device with smaller limits refuses the module at deploy time. Arguments must be integer
 * literals; use it once per module (the linker concatenates same-named sections).
 *
 * File-scope asm rather than __attribute__((section(".custom_section.wasmlet.limits"))): clang 14
 * puts such a variable in a data segment in linear memory, not in a custom section; the assembler's
 * `.section .custom_section.NAME` does make one (check with `wasm-objdump -h`).
 */
#define WASMLET_STR_(x) #x
#define WASMLET_STR(x) WASMLET_STR_(x)
#define WASMLET_LIMITS(mem, fuel, depth, stack)                                              \
  __asm__(".section .custom_section.wasmlet.limits,\"\",@\n"                                  \
          ".ascii \"{\\\"max_memory_bytes\\\":" WASMLET_STR(mem) ",\\\"fuel_per_step\\\":" \
          WASMLET_STR(fuel) ",\\\"max_call_depth\\\":" WASMLET_STR(depth)                    \
          ",\\\"max_stack_bytes\\\":" WASMLET_STR(stack) "}\"\n"                             \
          ".text\n")

/* ---- constants ------------------------------------------------------------------------------- */

enum {
  /* step/init results */
  WASMLET_OK = 0,
  WASMLET_FAULT_SENSOR = 1,
  WASMLET_FAULT_ACTUATOR = 2,
  /* actuator_write results */
  WASMLET_APPLIED = 0,
  WASMLET_CLAMPED = 1,
  WASMLET_UNKNOWN_CHANNEL = -1,
  WASMLET_INVALID_VALUE = -2,
  /* log levels */
  WASMLET_TRACE = 0,
  WASMLET_DEBUG = 1,
  WASMLET_INFO = 2,
  WASMLET_WARN = 3,
  WASMLET_ERROR = 4,
  /* parameter 0 is the setpoint by convention */
  WASMLET_PARAM_SETPOINT = 0,
};

/* ---- helpers --------------------------------------------------------------------------------- */

static inline int wasmlet_isnan(double v) { return v != v; }

/** v limited to [lo, hi]; comparisons, not fmin/fmax, which would need a libm */
static inline double wasmlet_clamp(double v, double lo, double hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

/** read a sensor into *out; 0 when the reading is NaN (failed sensor or unknown channel) */
static inline int wasmlet_read(int32_t channel, double *out) {
  double v = dev_sensor_read(channel);
  *out = v;
  return !wasmlet_isnan(v);
}

/** write an actuator; the host clamps to the actuator's limits and reports it */
static inline int32_t wasmlet_write(int32_t channel, double value) {
  return dev_actuator_write(channel, value);
}

/** parameter `id`, or `fallback` while the operator has not set it (it reads 0.0) */
static inline double wasmlet_param_or(int32_t id, double fallback) {
  double v = dev_param_get(id);
  return v == 0.0 ? fallback : v;
}

static inline int32_t wasmlet_strlen(const char *s) {
  int32_t n = 0;
  while (s[n]) n++;
  return n;
}

/** log a NUL-terminated string */
static inline void wasmlet_log(int32_t level, const char *msg) { dev_log(level, msg, wasmlet_strlen(msg)); }
/** log a string literal (its length is known at compile time) */
#define WASMLET_LOG(level, literal) dev_log((level), "" literal, (int32_t)sizeof(literal) - 1)
/** publish telemetry under a string-literal key */
#define WASMLET_TELEMETRY(literal, value) dev_telemetry("" literal, (int32_t)sizeof(literal) - 1, (value))

/** seconds between steps from step's now_us; the first tick returns 0 */
typedef struct {
  int64_t last_us; /* -1 before the first tick */
  int64_t count;   /* ticks so far */
} wasmlet_clock;

#define WASMLET_CLOCK_INIT {-1, 0}

static inline double wasmlet_clock_tick(wasmlet_clock *c, int64_t now_us) {
  double dt = c->last_us < 0 ? 0.0 : (double)(now_us - c->last_us) / 1e6;
  c->last_us = now_us;
  c->count++;
  return dt;
}

/** true once every n ticks (telemetry decimation) */
static inline int wasmlet_clock_every(const wasmlet_clock *c, int64_t n) {
  return n <= 1 || c->count % n == 1;
}

/*
 * PID with derivative on the measurement (no kick on setpoint changes), a first-order derivative
 * filter (tf seconds, 0 = none) and anti-windup by conditional integration: the integral holds
 * while the output is saturated in the direction the error pushes, and is bounded to the span.
 */
typedef struct {
  double kp, ki, kd;
  double out_min, out_max;
  double tf;
  double integral;
  double d_state;
  double prev_measured; /* NaN until the first update */
  int saturated;
} wasmlet_pid;

static inline void wasmlet_pid_reset(wasmlet_pid *p) {
  p->integral = 0.0;
  p->d_state = 0.0;
  p->prev_measured = __builtin_nan("");
  p->saturated = 0;
}

static inline void wasmlet_pid_setup(wasmlet_pid *p, double kp, double ki, double kd, double out_min, double out_max, double tf) {
  p->kp = kp;
  p->ki = ki;
  p->kd = kd;
  p->out_min = out_min;
  p->out_max = out_max;
  p->tf = tf;
  wasmlet_pid_reset(p);
}

/** one update `dt` seconds after the previous; returns the output within [out_min, out_max] */
static inline double wasmlet_pid_update(wasmlet_pid *p, double setpoint, double measured, double dt) {
  double e = setpoint - measured;
  double d = 0.0;
  if (p->kd != 0.0 && dt > 0.0 && !wasmlet_isnan(p->prev_measured)) {
    double raw = -(measured - p->prev_measured) / dt;
    p->d_state = p->tf > 0.0 ? p->d_state + (dt / (p->tf + dt)) * (raw - p->d_state) : raw;
    d = p->kd * p->d_state;
  }
  p->prev_measured = measured;
  double i = p->integral + p->ki * e * (dt > 0.0 ? dt : 0.0);
  double u = p->kp * e + i + d;
  p->saturated = 0;
  if (u > p->out_max) {
    if (e > 0.0) i = p->integral; /* pushing further into the limit: hold the integral */
    u = p->out_max;
    p->saturated = 1;
  } else if (u < p->out_min) {
    if (e < 0.0) i = p->integral;
    u = p->out_min;
    p->saturated = 1;
  }
  double span = p->out_max - p->out_min;
  p->integral = wasmlet_clamp(i, -span, span);
  return u;
}

#endif /* WASMLET_DEVICE_H */
