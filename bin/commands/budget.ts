/**
 * `wasmlet budget`: run a device module for N steps on a simulated plant and compare its peak
 * linear memory, value stack and fuel per step with the budgets given; exit 1 when one is
 * exceeded (or the module faults). The same check for test suites is `assertDeviceWithinBudget`
 * in firmware-sim/budget.ts.
 */
import { basename } from 'node:path';
import { checkDeviceBudget } from '../../firmware-sim/budget.js';
import { UsageError, type Command } from './command.js';
import { parsePlant, parseUsage, positive, readModule } from './args.js';

const USAGE = `usage: wasmlet budget FILE.wasm --plant heater|motor|tank [--steps N] [--memory BYTES] [--stack BYTES] [--fuel-per-step N] [--gc-heap BYTES]

Runs the module for N steps (default 1000) on the simulated plant with generous limits, measures
its peaks and prints each against its budget. Exit status: 0 within budget, 1 over budget or
faulted, 2 on usage errors.

options:
  --plant P             heater | motor | tank
  --steps N             steps to run (default 1000)
  --memory BYTES        linear memory budget
  --stack BYTES         value stack budget (8 bytes per value)
  --fuel-per-step N     fuel budget of one step
  --gc-heap BYTES       GC heap budget (peak of structs and arrays, docs/engine.md "GC")`;

export const budget: Command = {
  name: 'budget',
  summary: 'check a device module against memory, stack and fuel budgets',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseUsage({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        plant: { type: 'string' },
        steps: { type: 'string' },
        memory: { type: 'string' },
        stack: { type: 'string' },
        'fuel-per-step': { type: 'string' },
        'gc-heap': { type: 'string' },
      },
    });
    if (positionals.length > 1) throw new UsageError(`expected one module file, got ${positionals.length}`);
    const plant = parsePlant(values.plant);
    const steps = positive('steps', values.steps, true) ?? 1000;
    const b = {
      memoryBytes: positive('memory', values.memory, true),
      stackBytes: positive('stack', values.stack, true),
      fuelPerStep: positive('fuel-per-step', values['fuel-per-step'], true),
      gcHeapBytes: positive('gc-heap', values['gc-heap'], true),
    };
    const bytes = readModule(positionals[0], 'a module');
    const check = checkDeviceBudget(bytes, { plant, steps, budget: b, moduleName: basename(positionals[0]!) });
    process.stdout.write(`wasmlet budget: ${check.report}\n`);
    return check.ok ? 0 : 1;
  },
};
