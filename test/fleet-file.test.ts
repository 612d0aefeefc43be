/**
 * Fleet files (`wasmlet sim --fleet-file`): three device classes with their own plant, period,
 * budgets, parameters, trusted keys and initial module parse into classes (paths relative to the
 * file, defaults merged); every mistake is a FleetFileError naming the file, the line and the key.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FleetFileError, parseFleetFile, readFleetFile } from '../firmware-sim/fleet-file.js';
import { loop } from './fixtures/device/load.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlet-fleet-file-'));
writeFileSync(join(dir, 'pid.wasm'), loop('heater-pid'));

const THREE = `
fleet: plant-floor
trust: [keys/ops.pub]
defaults:
  budgets: { fuel_per_step: 50000 }
classes:
  - name: boiler
    count: 3
    plant: heater
    period: 0.05
    seed: 7
    budgets: { max_memory_bytes: 131072, max_call_depth: 32 }
    params: { 0: 55 }
    module: pid.wasm
  - name: pump
    count: 2
    plant: motor
    trust: [keys/pump.pub, keys/spare.pub]
  - name: cistern
    count: 1
    plant: tank
    budgets: { max_stack_bytes: 4096, fuel_per_step: 20000 }
`;

function errorOf(text: string): FleetFileError {
  try {
    parseFleetFile(text, 'fleet.yaml', dir);
  } catch (e) {
    expect(e).toBeInstanceOf(FleetFileError);
    return e as FleetFileError;
  }
  throw new Error('no error');
}

describe('fleet files', () => {
  it('parse three classes, with paths relative to the file and defaults merged', () => {
    writeFileSync(join(dir, 'fleet.yaml'), THREE);
    const f = readFleetFile(join(dir, 'fleet.yaml'));
    expect(f.fleet).toBe('plant-floor');
    expect(f.trust).toEqual([join(dir, 'keys/ops.pub')]);
    const [boiler, pump, cistern] = f.classes;
    expect(boiler).toMatchObject({ name: 'boiler', count: 3, plant: 'heater', periodS: 0.05, seed: 7, params: { 0: 55 } });
    expect(boiler!.limits).toEqual({ fuelPerStep: 50000, maxMemoryBytes: 131072, maxCallDepth: 32 });
    expect(boiler!.module?.name).toBe('pid.wasm');
    expect(boiler!.module?.bytes).toEqual(new Uint8Array(loop('heater-pid')));
    expect(pump).toEqual({ name: 'pump', count: 2, plant: 'motor', limits: { fuelPerStep: 50000 }, trust: [join(dir, 'keys/pump.pub'), join(dir, 'keys/spare.pub')] });
    expect(cistern!.limits).toEqual({ fuelPerStep: 20000, maxStackBytes: 4096 });
  });

  it('name the line and path of an unknown key, a bad value or a missing key', () => {
    const cases: [string, number, string, RegExp][] = [
      ['classes:\n  - name: a\n    count: 2\n    colour: red\n', 4, 'classes[0].colour', /unknown key \(known: name, count, plant/],
      ['classes:\n  - name: a\n    count: 2\n    budgets:\n      max_memory_bytes: lots\n', 5, 'classes[0].budgets.max_memory_bytes', /must be a positive integer, got "lots"/],
      ['classes:\n  - name: a\n    count: 0\n', 3, 'classes[0].count', /must be a positive integer, got 0/],
      ['classes:\n  - name: a\n    plant: boiler\n    count: 1\n', 3, 'classes[0].plant', /unknown plant "boiler" \(known: heater, motor, tank\)/],
      ['classes:\n  - name: a\n    plant: heater\n', 2, 'classes[0].count', /required key is missing/],
      ['classes:\n  - { name: a, count: 1 }\n  - { name: a, count: 1 }\n', 3, 'classes[1].name', /duplicate class name "a"/],
      ['classes:\n  - { count: 1 }\n  - { name: b, count: 1 }\n', 2, 'classes[0].name', /required when a fleet has several classes/],
      ['classes:\n  - name: a/b\n    count: 1\n', 2, 'classes[0].name', /letters, digits/],
      ['classes:\n  - name: a\n    count: 1\n    params: { x: 1 }\n', 4, 'classes[0].params.x', /parameter id must be an integer/],
      ['classes:\n  - name: a\n    count: 1\n    period: -1\n', 4, 'classes[0].period', /must be a positive number, got -1/],
      ['classes:\n  - name: a\n    count: 1\n    module: missing.wasm\n', 4, 'classes[0].module', /cannot read module .*missing\.wasm: ENOENT/],
      ['fleet: x\n', 1, 'classes', /required key is missing/],
      ['classes: []\n', 1, 'classes', /non-empty list/],
      ['defaults:\n  count: 3\nclasses:\n  - { count: 1 }\n', 2, 'defaults.count', /unknown key/],
    ];
    for (const [text, line, path, msg] of cases) {
      const e = errorOf(text);
      expect([e.line, e.path], text).toEqual([line, path]);
      expect(e.message, text).toMatch(msg);
      expect(e.message.startsWith(`fleet.yaml:${line}: ${path}: `), e.message).toBe(true);
      expect(e.code).toBe('WASMLET_FLEET_FILE');
    }
  });

  it('report YAML syntax errors and duplicate keys with their line', () => {
    const syntax = errorOf('classes:\n  - name: a\n    count: [1\n');
    expect(syntax.line).toBeGreaterThan(2);
    expect(syntax.message).toMatch(/^fleet\.yaml:\d+: /);
    const dup = errorOf('classes:\n  - name: a\n    count: 1\n    count: 2\n');
    expect(dup.line).toBe(4);
    expect(dup.message).toMatch(/unique/i);
  });

  it('a file that cannot be read names its path', () => {
    expect(() => readFleetFile(join(dir, 'nope.yaml'))).toThrow(/cannot read fleet file .*nope\.yaml: ENOENT/);
  });
});
