/**
 * `wasmlet sim`: run a device module on a simulated plant in virtual time and report control
 * quality, faults and peak resource use — as text for people, or as one JSON object (`--json`,
 * snake_case fields, see docs/device-abi.md) — and optionally plot the run as SVG. Exits 0 when
 * the device is still running at the end, 1 when it faulted (the report is printed either way).
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { plantSpec } from '../../firmware-sim/plants.js';
import { plotSvg } from '../../firmware-sim/plot.js';
import { jsonReport, simulate, type SimulationResult } from '../../firmware-sim/simulate.js';
import type { DeviceLimits } from '../../hosts/device/limits.js';
import { DEVICE_FLAGS, parseDeviceLimits, parseParams, parsePlant, parseSeed, parseUsage, positive, readModule } from './args.js';
import { brokerFlagsHelp } from './broker-flags.js';
import { UsageError, type Command } from './command.js';
import { MQTT_SIM_FLAGS, runMqttSim } from './sim-mqtt.js';
import { parseTier } from './tier.js';

const USAGE = `usage: wasmlet sim --plant heater|motor|tank --module FILE.wasm [options]

Runs a device-ABI-v1 module on a simulated plant in virtual time (deterministic for a seed).

options:
  --plant P             heater | motor | tank
  --module FILE.wasm    the control loop (exports wasmlet_device_abi_v1, init, step)
  --duration SECONDS    virtual time to simulate (default: heater 300, motor 5, tank 120)
  --period SECONDS      control period (default: heater 0.1, motor 0.01, tank 0.1)
  --param ID=VALUE      operator parameter, repeatable; id 0 is the setpoint
                        (default setpoint: heater 50 °C, motor 0.8 rad/s, tank 1 m)
  --seed N              seed of the sensor noise (default 1)
  --fuel-per-step N     fuel budget of one step (default 100000)
  --max-memory BYTES    linear memory budget (default 65536)
  --max-call-depth N    call depth limit (default 64)
  --tier T              interpreter | compiled | auto (default interpreter): where the
                        module's functions run; auto compiles the hot ones to JS
  --json                print one JSON report instead of text
  --plot FILE.svg       write a chart of setpoint, process value and actuator output

Exit status: 0 when the device ran to the end, 1 when it faulted, 2 on usage errors.

MQTT mode (real time; see docs/mqtt.md), chosen by any of these options:
  wasmlet sim --devices N [--fleet NAME] [--plant P] [--broker URL | --mqtt-port N]
              [--module FILE.wasm] [--period SECONDS] [--param ID=VALUE]... [--seed N]
              [--fuel-per-step N] [--max-memory BYTES] [--max-call-depth N]
              [--trust FILE.pub]... [--state-dir DIR] [--mqtt-version 4|5] [--duration SECONDS]
              [--serial [--baud N]]   (each device also gets a pty, docs/serial.md; needs socat;
                           --baud simulates that line rate, e.g. 115200)
              [--dashboard [PORT]]   (the web dashboard on 127.0.0.1:PORT, default 8080;
                                      deploys from it are signed with the development key)
              [--ca FILE] [--cert FILE --key FILE] [--insecure] [--username U --password P]
              [--shard I/K]   (only the I-th of K equal shares of the fleet: K processes, on one
                               machine or many, simulate one fleet with the same device ids)
              [--workers W]   (W shards as child processes of this command: every core)
              [--telemetry-per-write N]   (write each device's telemetry N messages at a time:
                               1/N of the socket writes, each message but the last up to N − 1
                               periods late; default 1)
  wasmlet sim --fleet-file fleet.yaml [--fleet NAME] [--broker URL | --mqtt-port N] [...]
              a mixed fleet: device classes with their own count, plant, period, budgets,
              parameters, trusted keys and initial module (docs/mqtt.md, "Fleet files")
  Every device gets the device options: --module is its initial module (slot A until a deploy
  commits another), --period its control period in virtual and wall-clock time alike (default:
  the plant's period, stepped every 100 ms), --seed the first device's noise seed (device n gets
  seed + n - 1). Without --broker an embedded broker listens on 127.0.0.1:1883 (or --mqtt-port);
  --broker URL1,URL2,... names the nodes of one broker (wasmlet broker --redis): a device whose
  node goes away reconnects to the next;
  without --trust a development key pair is created and its path printed. Runs until SIGINT or
  --duration.
  Devices keep reconnecting to an unreachable broker; each connection error is printed once.
  Broker connection (with --broker; TLS flags need an mqtts:// URL):
${brokerFlagsHelp('--key')}`;

const num = (x: number | null, unit = '', digits = 4) => (x === null ? 'n/a' : `${Number(x.toPrecision(digits))}${unit}`);

function textReport(r: SimulationResult, limits: DeviceLimits, plotPath: string | undefined): string {
  const spec = r.sim.plant.spec;
  const unit = spec.sensors[0]!.unit;
  const c = r.control;
  const lines: string[] = [];
  lines.push(`wasmlet sim: ${r.module} on ${spec.title}`);
  lines.push(`  ${num(r.durationS, ' s')} of virtual time, ${r.steps} steps every ${r.periodS} s, seed ${r.seed}`);
  lines.push(`  params: ${Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(', ')} (0 = setpoint, ${unit})`);
  if (r.finalState === 'faulted') {
    lines.push(`  state: FAULTED — actuators at their safe values (${spec.actuators.map((a) => `${a.name} ${a.safe} ${a.unit}`).join(', ')})`);
  } else lines.push(`  state: ${r.finalState}, no faults`);
  for (const f of r.faults) lines.push(`  fault at step ${f.step} (${num(f.timeUs / 1e6, ' s', 6)}): ${f.kind}: ${f.message}`);
  lines.push('');
  lines.push(`control quality (step ${num(c.step.initial, '', 4)} → ${num(c.step.setpoint, '', 4)} ${unit} at ${num(c.step.fromS, ' s')}, true process value)`);
  const row = (k: string, v: string) => lines.push(`  ${k.padEnd(22)} ${v}`);
  row('rise time (10–90 %)', num(c.riseTimeS, ' s'));
  row('overshoot', num(c.overshootPct, ' %', 3));
  row('settling time (±2 %)', c.settlingTimeS === null ? 'not settled' : num(c.settlingTimeS, ' s'));
  row('steady-state error', num(c.steadyStateError, ` ${unit}`, 3));
  row('IAE', num(c.iae, ` ${unit}·s`));
  row('actuator saturation', num(c.saturationS, ' s'));
  lines.push('');
  lines.push('per step');
  const d = c.fuelPerStep;
  row('fuel', `mean ${num(d.mean, '', 4)}  p50 ${d.p50}  p99 ${d.p99}  max ${d.max}   (budget ${limits.fuelPerStep})`);
  const t = c.stepTimeUs;
  row('wall-clock time', `mean ${num(t.mean, ' µs', 3)}  p50 ${num(t.p50, ' µs', 3)}  p99 ${num(t.p99, ' µs', 3)}  max ${num(t.max, ' µs', 3)}   (${Number.isFinite(limits.deadlineMs) ? `deadline ${limits.deadlineMs} ms` : 'no wall-clock deadline in virtual time'})`);
  lines.push('peak');
  row('linear memory', `${r.peaks.memoryBytes} bytes (budget ${limits.maxMemoryBytes})`);
  row('call depth', `${r.peaks.callDepth} (limit ${limits.maxCallDepth})`);
  row('value stack', `${r.peaks.valueStackBytes} bytes (limit ${limits.maxStackBytes})`);
  if (r.logs.length > 0) {
    lines.push('');
    lines.push(`module log (last ${Math.min(5, r.logs.length)} of ${r.logs.length})`);
    for (const l of r.logs.slice(-5)) lines.push(`  ${num(l.timeUs / 1e6, ' s', 6).padStart(10)}  ${l.levelName.padEnd(5)} ${l.message}`);
  }
  if (plotPath) lines.push('', `plot: ${plotPath}`);
  return lines.join('\n');
}

export const sim: Command = {
  name: 'sim',
  summary: 'run a control-loop module on a simulated plant and report control quality',
  usage: USAGE,
  async run(args) {
    if (args.some((a) => MQTT_SIM_FLAGS.some((f) => a === f || a.startsWith(f + '=')))) return runMqttSim(args);
    const { values } = parseUsage({
      args,
      strict: true,
      options: {
        plant: { type: 'string' },
        module: { type: 'string' },
        duration: { type: 'string' },
        ...DEVICE_FLAGS,
        json: { type: 'boolean' },
        plot: { type: 'string' },
        tier: { type: 'string' },
      },
    });
    const tier = parseTier(values.tier);
    const plant = parsePlant(values.plant);
    const durationS = positive('duration', values.duration);
    const periodS = positive('period', values.period);
    const seed = parseSeed(values.seed);
    const limits = parseDeviceLimits(values);
    const params = parseParams(values.param ?? []);
    const bytes = readModule(values.module, '--module');
    if (periodS !== undefined && durationS !== undefined && periodS > durationS) throw new UsageError('--period is longer than --duration');

    const r = simulate({
      plant,
      module: bytes,
      moduleName: basename(values.module!),
      durationS,
      periodS,
      params,
      seed: seed ?? 1,
      limits,
      tier,
    });
    if (values.plot) {
      const svg = plotSvg(r.trace, {
        title: `${r.module} on the ${plant} — ${r.finalState}${r.faults.length ? ` (${r.faults[0]!.kind})` : ''}`,
        notes: [
          `${plantSpec(plant).title}; seed ${r.seed}, period ${r.periodS} s, ${r.steps} steps`,
          `rise ${num(r.control.riseTimeS, ' s', 3)} · overshoot ${num(r.control.overshootPct, ' %', 2)} · settling ${r.control.settlingTimeS === null ? 'n/a' : num(r.control.settlingTimeS, ' s', 3)} · steady-state error ${num(r.control.steadyStateError, ' ' + plantSpec(plant).sensors[0]!.unit, 2)} · saturation ${num(r.control.saturationS, ' s', 3)}`,
        ],
        spec: plantSpec(plant),
        faults: r.faults,
      });
      writeFileSync(values.plot, svg);
    }
    process.stdout.write((values.json ? JSON.stringify(jsonReport(r)) : textReport(r, r.sim.device.limits, values.plot)) + '\n');
    return r.finalState === 'faulted' ? 1 : 0;
  },
};
