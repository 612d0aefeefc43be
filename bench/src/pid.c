/*
 * pid: a PID temperature controller with output clamping and conditional-integration
 * anti-windup, stepping a first-order heater plant (forward Euler) in f64. Small noise
 * from an LCG exercises int->float conversion; setpoint steps include an unreachable one
 * so the actuator saturates and anti-windup matters. run(n) simulates n steps of 10 ms
 * and returns a checksum of the temperature trace and the final state's bits.
 */
#include "bench.h"

typedef struct {
  double kp, ki, kd;
  double integral, prev_error;
  double out_min, out_max;
} pid_ctl;

typedef struct {
  double temp;    /* degC */
  double ambient; /* degC */
  double gain;    /* degC per second at full power */
  double tau;     /* seconds, thermal time constant */
} heater;

static double pid_step(pid_ctl *c, double setpoint, double measured, double dt) {
  double error = setpoint - measured;
  double derivative = (error - c->prev_error) / dt;
  double integral = c->integral + error * dt;
  double out = c->kp * error + c->ki * integral + c->kd * derivative;
  if (out > c->out_max) {
    out = c->out_max;
    if (error < 0) c->integral = integral; /* integrate only if it unwinds */
  } else if (out < c->out_min) {
    out = c->out_min;
    if (error > 0) c->integral = integral;
  } else {
    c->integral = integral;
  }
  c->prev_error = error;
  return out;
}

static void heater_step(heater *h, double power, double dt) {
  h->temp += dt * (h->gain * power - (h->temp - h->ambient) / h->tau);
}

EXPORT(run) i64 run(i32 n) {
  static const double setpoints[4] = {50.0, 80.0, 35.0, 400.0};
  pid_ctl c = {0.08, 0.01, 0.02, 0.0, 0.0, 0.0, 1.0};
  heater h = {20.0, 20.0, 2.5, 120.0};
  const double dt = 0.01;
  u32 seed = 42;
  double trace = 0;
  i64 saturated = 0;
  for (i32 i = 0; i < n; i++) {
    double sp = setpoints[((u32)i / 20000u) & 3];
    double noise = ((double)(lcg_next(&seed) >> 8) / 16777216.0 - 0.5) * 0.05;
    double u = pid_step(&c, sp, h.temp + noise, dt);
    saturated += u >= c.out_max;
    heater_step(&h, u, dt);
    trace += h.temp * (double)((i & 7) + 1);
  }
  return (i64)(trace * 0.001) ^ (i64)f64_bits(h.temp) ^ (i64)f64_bits(c.integral) ^ (saturated << 40);
}
