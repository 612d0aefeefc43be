/**
 * The firmware simulator: plant models, a seeded sensor model, simulated devices in virtual
 * time, traces, control-quality analysis, SVG plots, and the memory-budget check for test suites.
 */
export * from './plants.js';
export * from './rng.js';
export * from './trace.js';
export * from './sim-device.js';
export * from './analysis.js';
export * from './plot.js';
export * from './simulate.js';
export * from './budget.js';
