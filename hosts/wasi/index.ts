/**
 * `wasmlet/wasi`: the WASI preview1 host. `Wasi` (node:wasi-shaped options, capability-safe
 * preopens, deterministic clock and random on request), its typed exit, and the preview1 numbers.
 */
export { Wasi, WASI_MODULE, type WasiOptions, type PreopenOptions } from './wasi.js';
export { WasiExit, WasiError } from './errors.js';
export { ArgumentError } from '../errors.js';
export { PREVIEW1_SIGNATURES } from './preview1.js';
export { Errno, Rights, Filetype } from './constants.js';
export { RealClock, VirtualClock, type WasiClock, type VirtualClockOptions } from './clock.js';
export { SeededRandom, type WasiRandom } from './random.js';
export type { WasiReadable, WasiWritable } from './fdtable.js';
export type { MemorySource } from './memory.js';
