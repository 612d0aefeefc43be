/**
 * `wasmlet/device`: the device host (hosts/device) and the firmware simulator — plant models, a
 * seeded sensor model, simulated devices in virtual time, traces, control-quality analysis, SVG
 * plots, and the memory-budget check for test suites. Transports (MQTT, serial) and OTA are the
 * CLI's (`wasmlet sim`, `wasmlet deploy`), not part of this entry, so importing it loads no
 * npm dependency.
 */
export * from '../hosts/device/index.js';
export { ArgumentError } from '../hosts/errors.js';
export {
  createPlant,
  Heater,
  HEATER_DEFAULTS,
  HEATER_SPEC,
  isPlantName,
  Motor,
  MOTOR_DEFAULTS,
  MOTOR_SPEC,
  PLANT_NAMES,
  plantSpec,
  Tank,
  TANK_DEFAULTS,
  TANK_SPEC,
  type HeaterParams,
  type MotorParams,
  type Plant,
  type PlantName,
  type PlantParams,
  type PlantSpec,
  type TankParams,
} from './plants.js';
export { Rng } from './rng.js';
export { Trace } from './trace.js';
export { SimDevice, type Disturbance, type ParamChange, type SensorOptions, type SimDeviceOptions } from './sim-device.js';
export { analyze, SETTLING_BAND, type ControlQuality, type Distribution } from './analysis.js';
export { plotSvg, type PlotOptions } from './plot.js';
export { jsonReport, simulate, type SimulationOptions, type SimulationResult } from './simulate.js';
export {
  assertDeviceWithinBudget,
  checkDeviceBudget,
  DeviceBudgetError,
  type DeviceBudget,
  type DeviceBudgetCheck,
  type DeviceBudgetLine,
  type DeviceBudgetOptions,
} from './budget.js';
