//! The Rust binding of the wasmlet device ABI v1 (docs/device-abi.md), `no_std`, no dependencies,
//! for `wasm32-unknown-unknown`.
//!
//! - [`raw`]: the six `dev` imports with the exact names and Wasm types the host checks
//!   (hosts/device/abi.ts); the rest of the crate wraps them safely.
//! - [`device_abi_v1!`] defines the marker export; [`limits!`] embeds the `wasmlet.limits` custom
//!   section (the budgets the module needs). The module itself exports `init` and `step` with
//!   `#[no_mangle] pub extern "C" fn`.
//! - [`State`]: module state in a `static` without `static mut`; [`Pid`] and [`StepClock`]: the
//!   same controller and timing as the AssemblyScript SDK (filters/control/sdk).
//! - Panics: with the default `panic-handler` feature the crate provides the `#[panic_handler]`:
//!   it logs "panic" at error level and executes `unreachable`, so the host faults the device
//!   (kind `unreachable`) and applies the safe state. It does not format the panic message: that
//!   would link core::fmt, several KiB of code. Build with `panic = "abort"`.
//!
//! Nothing here allocates; there is no allocator.
#![no_std]

/// The imports of module `dev`, exactly as device ABI v1 defines them.
pub mod raw {
    #[link(wasm_import_module = "dev")]
    extern "C" {
        /// device time in microseconds; equals `step`'s argument during a step
        pub fn now_us() -> i64;
        /// latest reading of a sensor channel; NaN when it does not exist or the sensor failed
        pub fn sensor_read(channel: i32) -> f64;
        /// 0 applied, 1 clamped, -1 unknown channel, -2 NaN (the device faults)
        pub fn actuator_write(channel: i32, value: f64) -> i32;
        /// an operator parameter, 0.0 when unset; id 0 is the setpoint
        pub fn param_get(id: i32) -> f64;
        /// publish a named value; the key is UTF-8 in this module's memory (≤ 64 bytes used)
        pub fn telemetry(key_ptr: *const u8, key_len: i32, value: f64);
        /// a log line, UTF-8 in this module's memory (≤ 256 bytes used)
        pub fn log(level: i32, ptr: *const u8, len: i32);
    }
}

/// `init`/`step` results: 0 is ok, anything else is a fault the host records.
pub const OK: i32 = 0;
pub const FAULT_SENSOR: i32 = 1;
pub const FAULT_ACTUATOR: i32 = 2;
/// parameter 0 is the setpoint by convention
pub const PARAM_SETPOINT: i32 = 0;

/// Log levels of `dev.log`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(i32)]
pub enum Level {
    Trace = 0,
    Debug = 1,
    Info = 2,
    Warn = 3,
    Error = 4,
}

/// What `actuator_write` did.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Write {
    Applied,
    Clamped,
    UnknownChannel,
    /// the value was NaN: not applied, the device faults
    InvalidValue,
    Other(i32),
}

/// device time in microseconds
#[inline]
pub fn now_us() -> i64 {
    unsafe { raw::now_us() }
}

/// a sensor reading, `None` when it is NaN (failed sensor or unknown channel)
#[inline]
pub fn sensor(channel: i32) -> Option<f64> {
    let v = unsafe { raw::sensor_read(channel) };
    if v.is_nan() {
        None
    } else {
        Some(v)
    }
}

/// set an actuator (the host clamps to its limits and says so)
#[inline]
pub fn actuator(channel: i32, value: f64) -> Write {
    match unsafe { raw::actuator_write(channel, value) } {
        0 => Write::Applied,
        1 => Write::Clamped,
        -1 => Write::UnknownChannel,
        -2 => Write::InvalidValue,
        n => Write::Other(n),
    }
}

/// an operator parameter, 0.0 when unset
#[inline]
pub fn param(id: i32) -> f64 {
    unsafe { raw::param_get(id) }
}

/// parameter `id`, or `fallback` while it is unset (reads 0.0)
#[inline]
pub fn param_or(id: i32, fallback: f64) -> f64 {
    let v = param(id);
    if v == 0.0 {
        fallback
    } else {
        v
    }
}

/// publish telemetry (the host reads the key from this module's memory; use literals)
#[inline]
pub fn telemetry(key: &str, value: f64) {
    unsafe { raw::telemetry(key.as_ptr(), key.len() as i32, value) }
}

/// a log line
#[inline]
pub fn log(level: Level, message: &str) {
    unsafe { raw::log(level as i32, message.as_ptr(), message.len() as i32) }
}

/// `v` limited to `[lo, hi]` by comparisons (f64::clamp asserts lo <= hi, which can panic)
#[inline]
pub fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo {
        lo
    } else if v > hi {
        hi
    } else {
        v
    }
}

/// Module state in a `static`: `STATE.with(|s| ...)` gives `&mut T` for the closure.
///
/// Sound because a device module is single-threaded (wasm32-unknown-unknown without the atomics
/// feature has no threads) and the host never calls back into the module from an import; a
/// nested `with` on the same state, the one way to alias, traps instead.
pub struct State<T> {
    value: core::cell::UnsafeCell<T>,
    busy: core::cell::Cell<bool>,
}

#[cfg(not(target_feature = "atomics"))]
unsafe impl<T> Sync for State<T> {}

impl<T> State<T> {
    pub const fn new(value: T) -> Self {
        State { value: core::cell::UnsafeCell::new(value), busy: core::cell::Cell::new(false) }
    }

    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        if self.busy.replace(true) {
            core::arch::wasm32::unreachable();
        }
        let r = f(unsafe { &mut *self.value.get() });
        self.busy.set(false);
        r
    }
}

/// Seconds between steps, from `step`'s `now_us`; the first tick returns 0.
#[derive(Clone, Copy, Debug)]
pub struct StepClock {
    last_us: i64,
    /// ticks so far
    pub count: i64,
}

impl StepClock {
    pub const fn new() -> Self {
        StepClock { last_us: -1, count: 0 }
    }

    pub fn tick(&mut self, now_us: i64) -> f64 {
        let dt = if self.last_us < 0 { 0.0 } else { (now_us - self.last_us) as f64 / 1e6 };
        self.last_us = now_us;
        self.count += 1;
        dt
    }

    /// true once every `n` ticks (telemetry decimation)
    pub fn every(&self, n: i64) -> bool {
        n <= 1 || self.count % n == 1
    }
}

/// PID with derivative on the measurement (no kick on setpoint changes), a first-order
/// derivative filter (`tf` seconds, 0 = none) and anti-windup by conditional integration: the
/// integral holds while the output is saturated in the direction the error pushes, and is bounded
/// to the output span.
#[derive(Clone, Copy, Debug)]
pub struct Pid {
    pub kp: f64,
    pub ki: f64,
    pub kd: f64,
    pub out_min: f64,
    pub out_max: f64,
    pub tf: f64,
    pub integral: f64,
    d_state: f64,
    prev_measured: f64,
    /// whether the last output was clamped to a limit
    pub saturated: bool,
}

impl Pid {
    pub const fn new(kp: f64, ki: f64, kd: f64, out_min: f64, out_max: f64) -> Self {
        Pid { kp, ki, kd, out_min, out_max, tf: 0.0, integral: 0.0, d_state: 0.0, prev_measured: f64::NAN, saturated: false }
    }

    pub fn reset(&mut self) {
        self.integral = 0.0;
        self.d_state = 0.0;
        self.prev_measured = f64::NAN;
        self.saturated = false;
    }

    /// one update `dt` seconds after the previous; the output is within `[out_min, out_max]`
    pub fn update(&mut self, setpoint: f64, measured: f64, dt: f64) -> f64 {
        let e = setpoint - measured;
        let mut d = 0.0;
        if self.kd != 0.0 && dt > 0.0 && !self.prev_measured.is_nan() {
            let raw = -(measured - self.prev_measured) / dt;
            self.d_state = if self.tf > 0.0 { self.d_state + (dt / (self.tf + dt)) * (raw - self.d_state) } else { raw };
            d = self.kd * self.d_state;
        }
        self.prev_measured = measured;
        let mut i = self.integral + self.ki * e * if dt > 0.0 { dt } else { 0.0 };
        let mut u = self.kp * e + i + d;
        self.saturated = false;
        if u > self.out_max {
            if e > 0.0 {
                i = self.integral; // pushing further into the limit: hold the integral
            }
            u = self.out_max;
            self.saturated = true;
        } else if u < self.out_min {
            if e < 0.0 {
                i = self.integral;
            }
            u = self.out_min;
            self.saturated = true;
        }
        let span = self.out_max - self.out_min;
        self.integral = clamp(i, -span, span);
        u
    }
}

/// Defines the `wasmlet_device_abi_v1` marker export (use once, at the crate root).
#[macro_export]
macro_rules! device_abi_v1 {
    () => {
        #[no_mangle]
        pub extern "C" fn wasmlet_device_abi_v1() {}
    };
}

/// Embeds the `wasmlet.limits` custom section: the budgets this module needs, as UTF-8 JSON.
/// A device with smaller limits refuses the module at deploy time. Use once, at the crate root:
///
/// ```ignore
/// wasmlet_device::limits!(max_memory_bytes: 16384, fuel_per_step: 2000, max_call_depth: 16, max_stack_bytes: 1024);
/// ```
#[macro_export]
macro_rules! limits {
    (max_memory_bytes: $m:literal, fuel_per_step: $f:literal, max_call_depth: $d:literal, max_stack_bytes: $s:literal) => {
        #[link_section = "wasmlet.limits"]
        #[used]
        static WASMLET_LIMITS: [u8; concat!("{\"max_memory_bytes\":", $m, ",\"fuel_per_step\":", $f, ",\"max_call_depth\":", $d, ",\"max_stack_bytes\":", $s, "}").len()] =
            $crate::__bytes(concat!("{\"max_memory_bytes\":", $m, ",\"fuel_per_step\":", $f, ",\"max_call_depth\":", $d, ",\"max_stack_bytes\":", $s, "}"));
    };
}

/// the bytes of `s` as an array (for [`limits!`]: a link_section static must be plain bytes)
#[doc(hidden)]
pub const fn __bytes<const N: usize>(s: &str) -> [u8; N] {
    let b = s.as_bytes();
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = b[i];
        i += 1;
    }
    out
}

#[cfg(feature = "panic-handler")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    log(Level::Error, "panic");
    core::arch::wasm32::unreachable()
}
