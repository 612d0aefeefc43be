//! Heater temperature control in Rust: the same PID as filters/control/heater-pid.ts, on the
//! heater plant (sensor 0: temperature °C; actuator 0: heater power 0–100 %), in 16 KiB of memory.
//!
//! Parameters: 0 setpoint °C; 1 kp (%/°C), 2 ki (%/(°C·s)), 3 kd (%·s/°C); 0 keeps the default.
//! A failed sensor (NaN) makes `step` return FAULT_SENSOR, so the host applies the safe state.
//! Telemetry every 10 steps: error, output, integral.
#![no_std]

use wasmlet_device::{self as dev, Level, Pid, State, StepClock};

dev::device_abi_v1!();
// measured with `wasmlet budget`: 202 fuel per step, call depth 1, 136 value-stack bytes, 1,184
// bytes of memory laid out; the rest is headroom
dev::limits!(max_memory_bytes: 16384, fuel_per_step: 2000, max_call_depth: 16, max_stack_bytes: 1024);

struct Loop {
    pid: Pid,
    clock: StepClock,
}

static LOOP: State<Loop> = State::new(Loop { pid: Pid::new(10.0, 0.2, 5.0, 0.0, 100.0), clock: StepClock::new() });

#[no_mangle]
pub extern "C" fn init() -> i32 {
    LOOP.with(|l| {
        l.pid = Pid::new(dev::param_or(1, 10.0), dev::param_or(2, 0.2), dev::param_or(3, 5.0), 0.0, 100.0);
        l.pid.tf = 1.0;
        l.clock = StepClock::new();
    });
    dev::log(Level::Info, "heater PID (Rust) ready");
    dev::OK
}

#[no_mangle]
pub extern "C" fn step(now_us: i64) -> i32 {
    LOOP.with(|l| {
        let dt = l.clock.tick(now_us);
        let t = match dev::sensor(0) {
            Some(t) => t,
            None => return dev::FAULT_SENSOR,
        };
        let sp = dev::param(dev::PARAM_SETPOINT);
        let u = l.pid.update(sp, t, dt);
        dev::actuator(0, u);
        if l.clock.every(10) {
            dev::telemetry("error", sp - t);
            dev::telemetry("output", u);
            dev::telemetry("integral", l.pid.integral);
        }
        dev::OK
    })
}
