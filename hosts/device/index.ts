/**
 * The device host: device ABI v1 (abi.ts), module loading and budget pre-checks (module.ts),
 * per-device limits (limits.ts) and the Device itself (device.ts) — state machine, faults, safe
 * values, events and deploy(). Transports (MQTT, serial) and simulators attach here.
 */
export * from './abi.js';
export * from './limits.js';
export * from './module.js';
export * from './device.js';
