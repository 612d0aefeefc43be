/**
 * The device host's public surface: device ABI v1 (abi.ts), module loading and budget pre-checks
 * (module.ts), per-device limits (limits.ts) and the Device itself (device.ts) — state machine,
 * faults, safe values, events and deploy(). `wasmlet/device` (firmware-sim/index.ts) re-exports
 * it with the simulator.
 */
export {
  ABI_EXPORTS,
  ABI_IMPORTS,
  ABI_MARKER,
  ABI_MODULE,
  ACTUATOR_APPLIED,
  ACTUATOR_CLAMPED,
  ACTUATOR_INVALID_VALUE,
  ACTUATOR_UNKNOWN_CHANNEL,
  checkDeviceAbi,
  DeviceAbiError,
  LOG_LEVEL_NAMES,
  LogLevel,
  MAX_KEY_BYTES,
  MAX_LOG_BYTES,
  type AbiUse,
} from './abi.js';
export { DEFAULT_DEVICE_LIMITS, type DeviceLimits } from './limits.js';
export { declaredLimitsProblem, LIMITS_SECTION, parseDeclaredLimits, type DeclaredKey, type DeclaredLimits } from './declared-limits.js';
export { loadDeviceModule, type DeviceModule } from './module.js';
export {
  DeployError,
  Device,
  type ActuatorSpec,
  type DeviceEvents,
  type DeviceHardware,
  type DeviceOptions,
  type DevicePeaks,
  type DeviceState,
  type Fault,
  type FaultKind,
  type LogEvent,
  type SensorSpec,
  type TelemetryEvent,
} from './device.js';
