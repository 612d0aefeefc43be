/**
 * Plant models: the physical systems a simulated device controls. Each is a small ODE integrated
 * with fixed-step RK4 (sub-stepped below the control period), with one sensor and one actuator
 * channel as device ABI v1 defines them (docs/device-abi.md), and one disturbance input:
 *
 * - heater (first-order thermal): C·dT/dt = P·u/100 − (T − T_amb)/R − d        d: heat loss, W
 * - motor (DC, classic parameters): J·ω̇ = K·i − b·ω − d,  L·i̇ = V − R·i − K·ω   d: load torque, N·m
 * - tank (nonlinear): A·ḣ = q_max·u − a·√(2·g·h) − d, 0 ≤ h ≤ h_max             d: leak, m³/s
 *
 * Integration allocates nothing per step.
 */
import type { ActuatorSpec, SensorSpec } from '../hosts/device/device.js';
import { ArgumentError } from '../hosts/errors.js';

export type PlantName = 'heater' | 'motor' | 'tank';
export const PLANT_NAMES: readonly PlantName[] = ['heater', 'motor', 'tank'];

export interface PlantSpec {
  readonly name: PlantName;
  readonly title: string;
  readonly sensors: readonly SensorSpec[];
  readonly actuators: readonly ActuatorSpec[];
  /** what the disturbance input means, with its unit */
  readonly disturbance: string;
  /** defaults for a simulation on this plant */
  readonly defaults: {
    /** param 0 when the operator sets none */
    readonly setpoint: number;
    readonly periodS: number;
    readonly durationS: number;
    /** sensor noise, standard deviation in the sensor's unit */
    readonly noise: number;
  };
}

export interface Plant {
  readonly spec: PlantSpec;
  /** the true (noise-free) value of sensor `ch` now */
  output(ch: number): number;
  /** advance `dt` seconds holding actuator inputs `u` and disturbance `d` */
  advance(dt: number, u: Float64Array, d: number): void;
  /** back to the initial state */
  reset(): void;
}

// ---- heater -------------------------------------------------------------------------------------

export interface HeaterParams {
  /** heat capacity, J/K */
  readonly C: number;
  /** thermal resistance to ambient, K/W */
  readonly R: number;
  /** heater power at 100 %, W */
  readonly P: number;
  /** ambient temperature, °C (also the initial temperature) */
  readonly ambient: number;
}

export const HEATER_DEFAULTS: HeaterParams = Object.freeze({ C: 400, R: 0.25, P: 400, ambient: 20 });

export const HEATER_SPEC: PlantSpec = Object.freeze({
  name: 'heater',
  title: 'heater (first-order thermal)',
  sensors: [{ name: 'temperature', unit: '°C' }],
  actuators: [{ name: 'heater power', unit: '%', min: 0, max: 100, safe: 0 }],
  disturbance: 'extra heat loss, W',
  defaults: { setpoint: 50, periodS: 0.1, durationS: 300, noise: 0.05 },
});

export class Heater implements Plant {
  readonly spec = HEATER_SPEC;
  readonly p: HeaterParams;
  T: number;
  constructor(params: Partial<HeaterParams> = {}) {
    this.p = { ...HEATER_DEFAULTS, ...params };
    this.T = this.p.ambient;
  }
  output(): number {
    return this.T;
  }
  reset(): void {
    this.T = this.p.ambient;
  }
  advance(dt: number, u: Float64Array, d: number): void {
    const { C, R, P, ambient } = this.p;
    const q = (P * u[0]!) / 100 - d;
    const f = (T: number) => (q - (T - ambient) / R) / C;
    const n = Math.max(1, Math.ceil(dt / 0.1));
    const h = dt / n;
    let T = this.T;
    for (let i = 0; i < n; i++) {
      const k1 = f(T);
      const k2 = f(T + (h / 2) * k1);
      const k3 = f(T + (h / 2) * k2);
      const k4 = f(T + h * k3);
      T += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    }
    this.T = T;
  }
}

// ---- DC motor ----------------------------------------------------------------------------------

export interface MotorParams {
  /** rotor inertia, kg·m² */
  readonly J: number;
  /** viscous friction, N·m·s */
  readonly b: number;
  /** motor constant (torque and back-EMF), N·m/A = V·s/rad */
  readonly K: number;
  /** armature resistance, Ω */
  readonly R: number;
  /** armature inductance, H */
  readonly L: number;
}

export const MOTOR_DEFAULTS: MotorParams = Object.freeze({ J: 0.01, b: 0.1, K: 0.01, R: 1, L: 0.5 });

export const MOTOR_SPEC: PlantSpec = Object.freeze({
  name: 'motor',
  title: 'DC motor (J=0.01, b=0.1, K=0.01, R=1, L=0.5)',
  sensors: [{ name: 'speed', unit: 'rad/s' }],
  actuators: [{ name: 'voltage', unit: 'V', min: 0, max: 12, safe: 0 }],
  disturbance: 'load torque, N·m',
  defaults: { setpoint: 0.8, periodS: 0.01, durationS: 5, noise: 0.002 },
});

export class Motor implements Plant {
  readonly spec = MOTOR_SPEC;
  readonly p: MotorParams;
  /** speed, rad/s */
  w = 0;
  /** armature current, A */
  i = 0;
  constructor(params: Partial<MotorParams> = {}) {
    this.p = { ...MOTOR_DEFAULTS, ...params };
  }
  output(): number {
    return this.w;
  }
  reset(): void {
    this.w = 0;
    this.i = 0;
  }
  advance(dt: number, u: Float64Array, d: number): void {
    const { J, b, K, R, L } = this.p;
    const V = u[0]!;
    const n = Math.max(1, Math.ceil(dt / 0.001));
    const h = dt / n;
    let w = this.w;
    let i = this.i;
    for (let s = 0; s < n; s++) {
      const w1 = (K * i - b * w - d) / J;
      const i1 = (V - R * i - K * w) / L;
      let wt = w + (h / 2) * w1;
      let it = i + (h / 2) * i1;
      const w2 = (K * it - b * wt - d) / J;
      const i2 = (V - R * it - K * wt) / L;
      wt = w + (h / 2) * w2;
      it = i + (h / 2) * i2;
      const w3 = (K * it - b * wt - d) / J;
      const i3 = (V - R * it - K * wt) / L;
      wt = w + h * w3;
      it = i + h * i3;
      const w4 = (K * it - b * wt - d) / J;
      const i4 = (V - R * it - K * wt) / L;
      w += (h / 6) * (w1 + 2 * w2 + 2 * w3 + w4);
      i += (h / 6) * (i1 + 2 * i2 + 2 * i3 + i4);
    }
    this.w = w;
    this.i = i;
  }
}

// ---- water tank --------------------------------------------------------------------------------

export interface TankParams {
  /** tank cross-section, m² */
  readonly A: number;
  /** outlet area, m² */
  readonly a: number;
  /** inflow at actuator 1.0, m³/s */
  readonly qMax: number;
  /** height at which the tank overflows, m */
  readonly hMax: number;
  /** initial level, m */
  readonly h0: number;
}

export const TANK_DEFAULTS: TankParams = Object.freeze({ A: 0.1, a: 0.002, qMax: 0.02, hMax: 2, h0: 0 });
const G = 9.81;

export const TANK_SPEC: PlantSpec = Object.freeze({
  name: 'tank',
  title: 'water tank (A=0.1 m², outlet 0.002 m², q_max=0.02 m³/s)',
  sensors: [{ name: 'level', unit: 'm' }],
  actuators: [{ name: 'inflow valve', unit: 'fraction', min: 0, max: 1, safe: 0 }],
  disturbance: 'extra outflow (leak), m³/s',
  defaults: { setpoint: 1, periodS: 0.1, durationS: 120, noise: 0.002 },
});

export class Tank implements Plant {
  readonly spec = TANK_SPEC;
  readonly p: TankParams;
  /** level, m */
  h: number;
  constructor(params: Partial<TankParams> = {}) {
    this.p = { ...TANK_DEFAULTS, ...params };
    this.h = this.p.h0;
  }
  output(): number {
    return this.h;
  }
  reset(): void {
    this.h = this.p.h0;
  }
  advance(dt: number, u: Float64Array, d: number): void {
    const { A, a, qMax, hMax } = this.p;
    const qin = qMax * u[0]! - d;
    const f = (h: number) => (qin - a * Math.sqrt(2 * G * (h > 0 ? h : 0))) / A;
    const n = Math.max(1, Math.ceil(dt / 0.02));
    const step = dt / n;
    let h = this.h;
    for (let i = 0; i < n; i++) {
      const k1 = f(h);
      const k2 = f(h + (step / 2) * k1);
      const k3 = f(h + (step / 2) * k2);
      const k4 = f(h + step * k3);
      h += (step / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
      if (h < 0) h = 0;
      else if (h > hMax) h = hMax;
    }
    this.h = h;
  }
}

export type PlantParams = Partial<HeaterParams> | Partial<MotorParams> | Partial<TankParams>;

export function createPlant(name: PlantName, params: Record<string, number> = {}): Plant {
  switch (name) {
    case 'heater':
      return new Heater(params);
    case 'motor':
      return new Motor(params);
    case 'tank':
      return new Tank(params);
  }
  throw new ArgumentError(`unknown plant "${String(name)}" (known: ${PLANT_NAMES.join(', ')})`);
}

export function plantSpec(name: PlantName): PlantSpec {
  return name === 'heater' ? HEATER_SPEC : name === 'motor' ? MOTOR_SPEC : TANK_SPEC;
}

export function isPlantName(s: string): s is PlantName {
  return (PLANT_NAMES as readonly string[]).includes(s);
}
