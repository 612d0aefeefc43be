/**
 * `wasmlet sim` in MQTT mode (firmware-sim/transport/fleet-sim.ts): N simulated devices in real
 * time on an embedded or external broker until SIGINT/SIGTERM or --duration, with the web
 * dashboard beside it when `--dashboard [PORT]` is given. sim.ts delegates here when any of
 * MQTT_SIM_FLAGS is given.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basename } from 'node:path';
import { readFleetFile } from '../../firmware-sim/fleet-file.js';
import { startFleet, type FleetOptions } from '../../firmware-sim/transport/fleet-sim.js';
import { baudOption, untilStopped, DEVICE_FLAGS, parseDeviceLimits, parseParams, parsePlant, parseSeed, parseUsage, positive, readModule } from './args.js';
import { BROKER_FLAGS_WITH_KEY, brokerOptions } from './broker-flags.js';
import { UsageError } from './command.js';
import { parsePort } from './args.js';
import { parseTier } from './tier.js';
import { readPrivateKey } from '../../firmware-sim/ota/signing.js';
import { startDashboard } from '../dashboard/index.js';

export { MQTT_SIM_FLAGS } from '../../firmware-sim/transport/fleet-sim.js';

/**
 * `--dashboard [PORT]` (the port is optional, which parseArgs cannot say): taken out of `args`;
 * undefined when not given
 */
export function takeDashboardFlag(args: string[]): { args: string[]; port: number | undefined } {
  const out: string[] = [];
  let port: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--dashboard') {
      const next = args[i + 1];
      port = next !== undefined && /^\d+$/.test(next) ? parsePort(args[++i]!, '--dashboard')! : 8080;
    } else if (a.startsWith('--dashboard=')) port = parsePort(a.slice('--dashboard='.length), '--dashboard')!;
    else out.push(a);
  }
  return { args: out, port };
}

export async function runMqttSim(argv: string[]): Promise<number> {
  const { args, port: dashboardPort } = takeDashboardFlag(argv);
  const { values } = parseUsage({
    args,
    strict: true,
    options: {
      devices: { type: 'string' },
      'fleet-file': { type: 'string' },
      fleet: { type: 'string' },
      plant: { type: 'string' },
      module: { type: 'string' },
      ...DEVICE_FLAGS,
      broker: { type: 'string' },
      'mqtt-port': { type: 'string' },
      'mqtt-version': { type: 'string' },
      trust: { type: 'string', multiple: true },
      'state-dir': { type: 'string' },
      duration: { type: 'string' },
      serial: { type: 'boolean' },
      baud: { type: 'string' },
      shard: { type: 'string' },
      workers: { type: 'string' },
      tier: { type: 'string' },
      'telemetry-per-write': { type: 'string' },
      ...BROKER_FLAGS_WITH_KEY,
    },
  });
  const mqttOptions = brokerOptions(values.broker, values);
  const tier = parseTier(values.tier);
  const shard = parseShard(values.shard);
  if (values.workers !== undefined) {
    if (shard) throw new UsageError('give --shard I/K or --workers W, not both (workers are the shards of this command)');
    if (values.serial) throw new UsageError('--serial needs one process: it cannot be combined with --workers');
    if (dashboardPort !== undefined) throw new UsageError('--dashboard runs in one simulator process: with --workers, run `wasmlet dashboard --broker URL` beside it');
    return runWorkers(args, positive('workers', values.workers, true)!, values);
  }
  const file = values['fleet-file'];
  if (file !== undefined) {
    // a fleet file describes every device; per-device flags beside it would be ambiguous
    const clash = ['devices', 'plant', 'module', ...Object.keys(DEVICE_FLAGS)].find((k) => values[k as keyof typeof values] !== undefined);
    if (clash) throw new UsageError(`--${clash} cannot be combined with --fleet-file (give it in the file's classes or defaults)`);
  }
  const fleetFile = file === undefined ? undefined : readFleetFile(file);
  const plant = values.plant === undefined ? undefined : parsePlant(values.plant);
  const periodS = positive('period', values.period);
  const seed = parseSeed(values.seed);
  const limits = parseDeviceLimits(values);
  const params = parseParams(values.param ?? []);
  const devices: Partial<FleetOptions> = fleetFile
    ? { classes: fleetFile.classes }
    : {
        devices: positive('devices', values.devices, true) ?? 1,
        ...(plant ? { plant } : {}),
        ...(periodS !== undefined ? { periodS } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(Object.keys(limits).length > 0 ? { limits } : {}),
        ...(Object.keys(params).length > 0 ? { params } : {}),
        ...(values.module !== undefined ? { module: { bytes: readModule(values.module, '--module'), name: basename(values.module) } } : {}),
      };
  const pv = values['mqtt-version'];
  if (pv !== undefined && pv !== '4' && pv !== '5') throw new UsageError('--mqtt-version must be 4 or 5');
  const port = values['mqtt-port'] === undefined ? undefined : Number(values['mqtt-port']);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError('--mqtt-port must be a port number');
  const perWrite = positive('telemetry-per-write', values['telemetry-per-write'], true);
  const f = await startFleet({
    ...devices,
    fleet: values.fleet ?? fleetFile?.fleet ?? 'default',
    ...(values.broker ? { broker: values.broker } : {}),
    ...(Object.keys(mqttOptions).length > 0 ? { mqtt: mqttOptions } : {}),
    ...(port !== undefined ? { mqttPort: port } : {}),
    ...(pv ? { protocolVersion: Number(pv) as 4 | 5 } : {}),
    trust: values.trust ?? fleetFile?.trust ?? [],
    serial: values.serial === true,
    ...(shard ? { shard } : {}),
    ...(tier !== 'interpreter' ? { tier } : {}),
    ...(perWrite !== undefined ? { telemetryPerWrite: perWrite } : {}),
    ...baudOption(values.baud, values.serial === true),
    stateDir: values['state-dir'] ?? join(tmpdir(), 'wasmlet-devices'),
  });
  const durationS = positive('duration', values.duration);
  // the dashboard reaches the devices as any operator does: through the broker's TCP port
  const dash =
    dashboardPort === undefined
      ? undefined
      : await startDashboard({
          broker: f.url,
          fleet: values.fleet ?? fleetFile?.fleet ?? 'default',
          ...(values.broker && Object.keys(mqttOptions).length > 0 ? { mqtt: mqttOptions } : {}),
          ...(f.devKey ? { key: readPrivateKey(f.devKey) } : {}),
          port: dashboardPort,
          onPacket: () => f.runner.service(), // due control steps before the dashboard's messages
        }).catch(async (e: unknown) => {
          await f.close();
          throw e;
        });
  if (dash) process.stdout.write(`dashboard: ${dash.url}${f.devKey ? ` (deploys signed with ${f.devKey})` : ' (deploys disabled: the devices trust --trust keys, not a key the dashboard holds)'}\n`);
  await untilStopped(durationS);
  await dash?.close();
  await f.close();
  return 0;
}

/** `I/K` with 1 ≤ I ≤ K */
function parseShard(v: string | undefined): { index: number; count: number } | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be I/K with 1 <= I <= K, e.g. 1/2, got "${v}"`);
  return { index, count };
}

/** `args` without `--flag VALUE` / `--flag=VALUE` */
function without(args: readonly string[], flag: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) i++;
    else if (!args[i]!.startsWith(flag + '=')) out.push(args[i]!);
  }
  return out;
}

/**
 * `--workers W`: the fleet as W shards, each a child `wasmlet sim --shard i/W` on its own core.
 * Without --broker this process runs the embedded broker on TCP for all of them; without --trust
 * it makes the development key once and every shard trusts it. Output lines carry the shard.
 */
async function runWorkers(args: readonly string[], workers: number, values: { broker?: string | undefined; trust?: string[] | undefined; 'state-dir'?: string | undefined; 'mqtt-port'?: string | undefined }): Promise<number> {
  const { spawn } = await import('node:child_process');
  const { existsSync } = await import('node:fs');
  const { startEmbeddedBroker } = await import('../../firmware-sim/transport/broker.js');
  const { writeKeyPair } = await import('../../firmware-sim/ota/signing.js');
  let childArgs = without(without(args, '--workers'), '--mqtt-port');
  let broker: Awaited<ReturnType<typeof startEmbeddedBroker>> | null = null;
  if (!values.broker) {
    const port = values['mqtt-port'] === undefined ? 1883 : Number(values['mqtt-port']);
    if (!(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError('--mqtt-port must be a port number');
    broker = await startEmbeddedBroker(port);
    process.stdout.write(`embedded MQTT broker (aedes, MQTT 3.1.1): ${broker.url} for ${workers} workers\n`);
    childArgs.push('--broker', broker.url);
  }
  if (!values.trust?.length) {
    const dir = join(values['state-dir'] ?? join(tmpdir(), 'wasmlet-devices'), 'dev-keys');
    if (!existsSync(join(dir, 'wasmlet.pub'))) writeKeyPair(dir);
    process.stdout.write(`no --trust given: devices trust the development key ${join(dir, 'wasmlet.pub')} (sign with ${join(dir, 'wasmlet.key')})\n`);
    childArgs = [...childArgs, '--trust', join(dir, 'wasmlet.pub')];
  }
  const launcher = process.argv[1]!;
  const codes = await Promise.all(
    Array.from({ length: workers }, (_, i) =>
      new Promise<number>((resolve) => {
        const tag = `[shard ${i + 1}/${workers}] `;
        const child = spawn(process.execPath, [...process.execArgv, launcher, 'sim', ...childArgs, '--shard', `${i + 1}/${workers}`], { stdio: ['ignore', 'pipe', 'pipe'] });
        const relay = (to: NodeJS.WriteStream) => {
          let rest = '';
          return (d: Buffer): void => {
            const lines = (rest + d.toString()).split('\n');
            rest = lines.pop()!;
            for (const l of lines) to.write(tag + l + '\n');
          };
        };
        child.stdout.on('data', relay(process.stdout));
        child.stderr.on('data', relay(process.stderr));
        const stop = (): void => void child.kill('SIGTERM');
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        child.once('exit', (code) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(code ?? 1);
        });
      }),
    ),
  );
  await broker?.close();
  return codes.every((c) => c === 0) ? 0 : 1;
}
