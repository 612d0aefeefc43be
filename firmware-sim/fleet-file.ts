/**
 * `wasmlet sim --fleet-file fleet.yaml`: a mixed fleet as device classes (docs/mqtt.md, "Fleet
 * files"). Checked strictly, as the proxy's Envoy YAML is: an unknown key, a wrong type or a bad
 * value is a FleetFileError naming the file, the line and the key's path
 * (`fleet.yaml:9: classes[1].budgets.max_memory_bytes: must be a positive integer, got "lots"`).
 * Paths in the file (trusted keys, initial modules) are relative to the file's directory.
 *
 *   fleet: plant-floor            # optional; --fleet overrides it
 *   trust: [keys/ops.pub]         # optional, for every class without its own
 *   defaults: { period: 0.1 }     # optional: any class key but name and count
 *   classes:
 *     - name: boiler              # device ids boiler-1 … boiler-<count>
 *       count: 3
 *       plant: heater
 *       period: 0.1               # control period, s
 *       seed: 7                   # device n gets seed + n - 1
 *       budgets: { max_memory_bytes: 131072, fuel_per_step: 200000, max_call_depth: 64, max_stack_bytes: 4096 }
 *       params: { 0: 55 }         # operator parameters; 0 is the setpoint
 *       trust: [keys/boiler.pub]
 *       module: build/pid.wasm    # initial module, run until an OTA deploy replaces it
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { WasmletError } from '../core/index.js';
import type { DeviceLimits } from '../hosts/device/limits.js';
import { readError } from '../hosts/errors.js';
import { isPlantName, PLANT_NAMES, type PlantName } from './plants.js';

/** A fleet file cannot be read or is invalid; `line` is 1-based (0 when the file could not be parsed at all). */
export class FleetFileError extends WasmletError {
  static override readonly brand: string = 'FleetFileError';
  readonly file: string;
  readonly line: number;
  /** the key's path, e.g. `classes[1].budgets.max_memory_bytes` ('' for the whole file) */
  readonly path: string;
  constructor(file: string, line: number, path: string, message: string) {
    super('WASMLET_FLEET_FILE', `${file}:${line}: ${path ? path + ': ' : ''}${message}`);
    this.name = 'FleetFileError';
    this.file = file;
    this.line = line;
    this.path = path;
  }
}

/** One kind of device in a fleet: `count` devices with the same plant, period, budgets and trust. */
export interface DeviceClass {
  /** device ids are `<name>-1` … `<name>-<count>`; without a name, `<plant>-<n>` (plants in turn) */
  readonly name?: string;
  readonly count: number;
  /** without one: heater, motor, tank in turn */
  readonly plant?: PlantName;
  /** control period in seconds, virtual and wall clock alike (default: the plant's and the fleet's) */
  readonly periodS?: number;
  /** seed of the first device's sensor noise; device n gets seed + n - 1 */
  readonly seed?: number;
  readonly limits?: Partial<DeviceLimits>;
  readonly params?: Readonly<Record<number, number>>;
  /** public key files the devices trust (default: the fleet's) */
  readonly trust?: readonly string[];
  /** initial module, run from slot A until a deploy commits another */
  readonly module?: { readonly bytes: Uint8Array; readonly name: string };
}

export interface FleetFile {
  readonly fleet?: string;
  readonly trust?: readonly string[];
  readonly classes: readonly DeviceClass[];
}

const BUDGETS = {
  max_memory_bytes: 'maxMemoryBytes',
  fuel_per_step: 'fuelPerStep',
  max_call_depth: 'maxCallDepth',
  max_stack_bytes: 'maxStackBytes',
} as const;
const CLASS_KEYS = ['name', 'count', 'plant', 'period', 'seed', 'budgets', 'params', 'trust', 'module'] as const;
const DEFAULT_KEYS = CLASS_KEYS.filter((k) => k !== 'name' && k !== 'count');
/** class names become MQTT topic levels and file names: no wildcards, separators or spaces */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function readFleetFile(file: string): FleetFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw readError(file, e, 'fleet file');
  }
  return parseFleetFile(text, file, dirname(resolve(file)));
}

/** Parse fleet-file text; `file` names it in errors, `baseDir` resolves its relative paths. */
export function parseFleetFile(text: string, file: string, baseDir: string): FleetFile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) throw new FleetFileError(file, err.linePos?.[0].line ?? 0, '', err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
  const lineOf = (n: YamlNode | null | undefined): number => (n?.range ? lc.linePos(n.range[0]).line : 1);
  const fail = (n: YamlNode | null | undefined, path: string, msg: string): never => {
    throw new FleetFileError(file, lineOf(n), path, msg);
  };
  const show = (n: YamlNode): string => (isScalar(n) ? JSON.stringify(n.value) : isSeq(n) ? 'a list' : 'a mapping');

  /** the mapping's entries, every key known */
  const entries = (n: YamlNode | null, path: string, known: readonly string[]): Map<string, { key: YamlNode; value: YamlNode }> => {
    if (!isMap(n)) return fail(n, path, `expected a mapping, got ${n ? show(n) : 'nothing'}`);
    const out = new Map<string, { key: YamlNode; value: YamlNode }>();
    for (const item of n.items) {
      const key = item.key as YamlNode;
      const k = isScalar(key) ? String(key.value) : '';
      const at = path ? `${path}.${k}` : k;
      if (!known.includes(k)) fail(key, at, `unknown key (known: ${known.join(', ')})`);
      if (item.value === null || item.value === undefined) fail(key, at, 'has no value');
      out.set(k, { key, value: item.value as YamlNode });
    }
    return out;
  };
  const str = (n: YamlNode, path: string): string => (isScalar(n) && typeof n.value === 'string' && n.value !== '' ? n.value : fail(n, path, `must be a non-empty string, got ${show(n)}`));
  const posInt = (n: YamlNode, path: string): number =>
    isScalar(n) && typeof n.value === 'number' && Number.isSafeInteger(n.value) && n.value > 0 ? n.value : fail(n, path, `must be a positive integer, got ${show(n)}`);
  const posNum = (n: YamlNode, path: string): number =>
    isScalar(n) && typeof n.value === 'number' && Number.isFinite(n.value) && n.value > 0 ? n.value : fail(n, path, `must be a positive number, got ${show(n)}`);
  const paths = (n: YamlNode, path: string): string[] => {
    const list = isSeq(n) ? (n.items as YamlNode[]) : [n];
    return list.map((x, i) => resolve(baseDir, str(x, isSeq(n) ? `${path}[${i}]` : path)));
  };

  /** the class keys shared by `defaults` and each class */
  const classFields = (m: Map<string, { key: YamlNode; value: YamlNode }>, path: string): Omit<DeviceClass, 'count' | 'name'> => {
    const out: { -readonly [K in keyof DeviceClass]?: DeviceClass[K] } = {};
    for (const [k, { value }] of m) {
      const at = `${path}.${k}`;
      if (k === 'plant') {
        const p = str(value, at);
        if (!isPlantName(p)) fail(value, at, `unknown plant "${p}" (known: ${PLANT_NAMES.join(', ')})`);
        out.plant = p as PlantName;
      } else if (k === 'period') out.periodS = posNum(value, at);
      else if (k === 'seed') {
        if (!(isScalar(value) && typeof value.value === 'number' && Number.isSafeInteger(value.value) && value.value >= 0)) fail(value, at, `must be a non-negative integer, got ${show(value)}`);
        out.seed = (value as { value: number }).value;
      } else if (k === 'budgets') {
        const limits: Record<string, number> = {};
        for (const [b, e] of entries(value, at, Object.keys(BUDGETS))) limits[BUDGETS[b as keyof typeof BUDGETS]] = posInt(e.value, `${at}.${b}`);
        out.limits = limits;
      } else if (k === 'params') {
        if (!isMap(value)) fail(value, at, `expected a mapping of parameter id to value, got ${show(value)}`);
        const params: Record<number, number> = {};
        for (const item of (value as { items: { key: YamlNode; value: YamlNode }[] }).items) {
          const key = item.key;
          const id = isScalar(key) ? Number(key.value) : NaN;
          if (!Number.isInteger(id)) fail(key, `${at}.${isScalar(key) ? String(key.value) : '?'}`, 'a parameter id must be an integer');
          const v = item.value;
          if (!(isScalar(v) && typeof v.value === 'number' && Number.isFinite(v.value))) fail(v ?? key, `${at}.${id}`, `must be a number, got ${v ? show(v) : 'nothing'}`);
          params[id] = (v as { value: number }).value;
        }
        out.params = params;
      } else if (k === 'trust') out.trust = paths(value, at);
      else if (k === 'module') {
        const p = resolve(baseDir, str(value, at));
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(readFileSync(p));
        } catch (e) {
          fail(value, at, readError(p, e, 'module').message);
        }
        out.module = { bytes: bytes!, name: basename(p) };
      }
    }
    return out;
  };

  const top = entries(doc.contents as YamlNode | null, '', ['fleet', 'trust', 'defaults', 'classes']);
  const result: { fleet?: string; trust?: string[]; classes: DeviceClass[] } = { classes: [] };
  const fleet = top.get('fleet');
  if (fleet) {
    result.fleet = str(fleet.value, 'fleet');
    if (!NAME.test(result.fleet)) fail(fleet.value, 'fleet', 'must be letters, digits, ".", "_" or "-" (it is an MQTT topic level)');
  }
  const trust = top.get('trust');
  if (trust) result.trust = paths(trust.value, 'trust');
  const d = top.get('defaults');
  const defaults = d ? classFields(entries(d.value, 'defaults', DEFAULT_KEYS), 'defaults') : {};
  const classes = top.get('classes');
  if (!classes) return fail(doc.contents as YamlNode, 'classes', 'required key is missing');
  if (!isSeq(classes.value) || classes.value.items.length === 0) fail(classes.value, 'classes', 'must be a non-empty list of device classes');
  const names = new Set<string>();
  (classes.value as { items: YamlNode[] }).items.forEach((node, i) => {
    const path = `classes[${i}]`;
    const m = entries(node, path, CLASS_KEYS);
    const count = m.get('count');
    if (!count) fail(node, `${path}.count`, 'required key is missing');
    const c: { -readonly [K in keyof DeviceClass]?: DeviceClass[K] } = { ...defaults, ...classFields(m, path), count: posInt(count!.value, `${path}.count`) };
    if (d && m.has('budgets') && defaults.limits) c.limits = { ...defaults.limits, ...c.limits };
    const name = m.get('name');
    if (name) {
      const n = str(name.value, `${path}.name`);
      if (!NAME.test(n)) fail(name.value, `${path}.name`, 'must be letters, digits, ".", "_" or "-" (it starts every device id)');
      if (names.has(n)) fail(name.value, `${path}.name`, `duplicate class name "${n}"`);
      names.add(n);
      c.name = n;
    } else if ((classes.value as { items: unknown[] }).items.length > 1) fail(node, `${path}.name`, 'required when a fleet has several classes (it keeps device ids unique)');
    result.classes.push(c as DeviceClass);
  });
  return result;
}
