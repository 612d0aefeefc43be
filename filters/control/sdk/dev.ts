/**
 * AssemblyScript bindings for device ABI v1 (docs/device-abi.md): the "dev" imports, telemetry
 * keys encoded once, logging through a fixed scratch buffer, and an abort handler that logs and
 * traps. Nothing here allocates after start-up, so loops built with `--runtime stub` (no GC) run
 * forever in one page of memory. Only the functions a loop uses end up as imports.
 */

@external("dev", "now_us")
export declare function now_us(): i64;

@external("dev", "sensor_read")
export declare function sensor_read(channel: i32): f64;

@external("dev", "actuator_write")
export declare function actuator_write(channel: i32, value: f64): i32;

@external("dev", "param_get")
export declare function param_get(id: i32): f64;

@external("dev", "telemetry")
declare function dev_telemetry(keyPtr: usize, keyLen: i32, value: f64): void;

@external("dev", "log")
declare function dev_log(level: i32, ptr: usize, len: i32): void;

/** param 0 is the setpoint by convention */
export const PARAM_SETPOINT: i32 = 0;

/** actuator_write results */
export const APPLIED: i32 = 0;
export const CLAMPED: i32 = 1;

/** log levels */
export const TRACE: i32 = 0;
export const DEBUG: i32 = 1;
export const INFO: i32 = 2;
export const WARN: i32 = 3;
export const ERROR: i32 = 4;

/** step/init results: 0 ok; anything else is a fault the host records */
export const OK: i32 = 0;
export const FAULT_SENSOR: i32 = 1;
export const FAULT_ACTUATOR: i32 = 2;

/** A telemetry key, UTF-8 encoded once (create keys as globals, not inside step). */
export class Key {
  readonly ptr: usize;
  readonly len: i32;
  constructor(name: string) {
    const bytes = String.UTF8.encode(name);
    this.ptr = changetype<usize>(bytes);
    this.len = bytes.byteLength;
  }
}

export function telemetry(key: Key, value: f64): void {
  dev_telemetry(key.ptr, key.len, value);
}

const SCRATCH_BYTES: i32 = 768;
const scratch = memory.data(SCRATCH_BYTES);

/** Log `message` (UTF-8, at most 256 characters) without allocating. */
export function log(level: i32, message: string): void {
  const n = min(message.length, 256);
  const len = String.UTF8.encodeUnsafe(changetype<usize>(message), n, scratch);
  dev_log(level, scratch, <i32>len);
}

/** Read a parameter, or `fallback` when the operator has not set it (reads 0.0). */
export function paramOr(id: i32, fallback: f64): f64 {
  const v = param_get(id);
  return v == 0.0 ? fallback : v;
}

/** The abort handler (build with `--use abort=sdk/dev/abortHandler`): log, then trap. */
export function abortHandler(message: string | null, fileName: string | null, line: u32, column: u32): void {
  log(ERROR, message !== null ? message : "abort");
  unreachable();
}
