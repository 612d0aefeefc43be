/**
 * `wasmlet sim` in MQTT mode (any of --devices, --fleet-file, --broker, --mqtt-port, --trust,
 * --fleet): N simulated devices in real time, one MQTT client each, ids `<plant>-<n>` (or
 * `<class>-<n>` for the device classes of a fleet file, each with its own plant, period, budgets,
 * parameters, trusted keys and initial module), on an embedded aedes
 * broker (127.0.0.1, port 1883 or --mqtt-port; the devices reach it through in-process pipes)
 * unless --broker names one. All devices share one RealtimeRunner, which their clients call on
 * every incoming packet so that due control steps go first. Devices trust the
 * --trust public keys; without --trust a development key pair is created and its path printed.
 * Runs for --duration seconds of wall time, or until SIGINT/SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IClientOptions } from 'mqtt';
import { OtaAgent } from '../ota/agent.js';
import { readPublicKey, writeKeyPair } from '../ota/signing.js';
import { PLANT_NAMES, type PlantName } from '../plants.js';
import { SimDevice } from '../sim-device.js';
import type { DeviceClass } from '../fleet-file.js';
import type { DeviceLimits } from '../../hosts/device/limits.js';
import type { Tier } from '../../core/index.js';
import { ArgumentError } from '../../hosts/errors.js';
import { budgetProblem, loadDeviceModule } from '../../hosts/device/module.js';
import { resolveLimits } from '../../hosts/device/limits.js';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker.js';
import { connectError, MqttDeviceLink } from './mqtt-device.js';
import { RealtimeRunner } from './realtime.js';
import { SerialDeviceLink } from './serial-link.js';

export const MQTT_SIM_FLAGS = [
  '--devices', '--fleet-file', '--broker', '--mqtt-port', '--trust', '--fleet', '--state-dir', '--serial', '--baud', '--shard', '--workers', '--dashboard', '--telemetry-per-write',
  // broker connection flags (bin/commands/broker-flags.ts): only meaningful in MQTT mode
  '--ca', '--cert', '--key', '--tls-key', '--insecure', '--username', '--password',
];

export interface FleetOptions {
  /** one class of `devices` devices built from the flat options below, when `classes` is not given */
  readonly devices?: number;
  readonly fleet: string;
  readonly plant?: PlantName;
  /** control period of every device, s: virtual and wall clock (default: the plant's, stepped every `periodMs`) */
  readonly periodS?: number;
  readonly seed?: number;
  readonly limits?: Partial<DeviceLimits>;
  readonly params?: Readonly<Record<number, number>>;
  /** initial module of every device */
  readonly module?: { readonly bytes: Uint8Array; readonly name: string };
  /** a mixed fleet (fleet-file.ts); replaces devices, plant, periodS, seed, limits, params and module */
  readonly classes?: readonly DeviceClass[];
  readonly broker?: string;
  readonly mqttPort?: number;
  readonly trust: readonly string[];
  readonly stateDir: string;
  /** wall-clock ms between steps of devices without their own period (default 100) */
  readonly periodMs?: number;
  readonly protocolVersion?: 4 | 5;
  /** give each device a pty pair (socat) speaking the serial protocol; prints the host-side path */
  readonly serial?: boolean;
  /** line rate each device's serial port simulates (docs/serial.md); omitted: unpaced */
  readonly baud?: number;
  readonly log?: (line: string) => void;
  /**
   * with the embedded broker, devices reach it through in-process pipes (default true) rather
   * than loopback TCP; other clients always use the TCP listener
   */
  readonly inProcess?: boolean;
  /** extra mqtt.js options for every device client (credentials, TLS) */
  readonly mqtt?: IClientOptions;
  /**
   * run only the `index`-th (1-based) of `count` equal shares of the fleet: device ids, seeds and
   * state directories are those of the whole fleet, so `count` processes simulate it together
   */
  readonly shard?: { readonly index: number; readonly count: number };
  /**
   * where every device's module runs (SimDevice's `tier`; default 'interpreter'): 'compiled' and
   * 'auto' need the compiled tier registered (bin/commands/tier.ts)
   */
  readonly tier?: Tier;
  /** steady-state telemetry beside mqtt.js (MqttDeviceOptions.lean; default true) */
  readonly lean?: boolean;
  /** telemetry messages per socket write (MqttDeviceOptions.telemetryPerWrite; default 1) */
  readonly telemetryPerWrite?: number;
}

export interface Fleet {
  readonly url: string;
  readonly devices: readonly { sim: SimDevice; agent: OtaAgent; link: MqttDeviceLink }[];
  readonly runner: RealtimeRunner;
  readonly devKey?: string;
  close(): Promise<void>;
}

/** the fleet's classes: `o.classes`, or one made of the flat options */
function classesOf(o: FleetOptions): readonly DeviceClass[] {
  if (o.classes) return o.classes;
  return [{
    count: o.devices ?? 1,
    ...(o.plant ? { plant: o.plant } : {}),
    ...(o.periodS !== undefined ? { periodS: o.periodS } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.limits ? { limits: o.limits } : {}),
    ...(o.params ? { params: o.params } : {}),
    ...(o.module ? { module: o.module } : {}),
  }];
}

/** Every class's initial module must fit its budgets: checked before anything starts. */
function checkInitialModules(classes: readonly DeviceClass[]): void {
  classes.forEach((c, i) => {
    if (!c.module) return;
    const what = `device class ${c.name ?? i}: initial module ${c.module.name}`;
    try {
      const problem = budgetProblem(loadDeviceModule(c.module.bytes, c.module.name), resolveLimits(c.limits));
      if (problem) throw new ArgumentError(problem);
    } catch (e) {
      throw new ArgumentError(`${what}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  });
}

export async function startFleet(o: FleetOptions): Promise<Fleet> {
  const log = o.log ?? ((l: string) => process.stdout.write(l + '\n'));
  const classes = classesOf(o);
  checkInitialModules(classes);
  let broker: EmbeddedBroker | null = null;
  let url = o.broker;
  if (!url) {
    broker = await startEmbeddedBroker(o.mqttPort ?? 1883);
    url = broker.url;
    log(`embedded MQTT broker (aedes, MQTT 3.1.1): ${url}`);
  }
  let devKey: string | undefined;
  const trusted: KeyObject[] = o.trust.map(readPublicKey);
  if (trusted.length === 0 && classes.some((c) => !c.trust?.length)) {
    const dir = join(o.stateDir, 'dev-keys');
    if (!existsSync(join(dir, 'wasmlet.pub'))) writeKeyPair(dir);
    devKey = join(dir, 'wasmlet.key');
    trusted.push(readPublicKey(join(dir, 'wasmlet.pub')));
    log(`no --trust given: devices trust the development key ${join(dir, 'wasmlet.pub')} (sign with ${devKey})`);
  }
  const runner = new RealtimeRunner(o.periodMs ?? 100);
  const embedded = broker;
  const service = (): void => runner.service();
  const ptys: ChildProcess[] = [];
  const serials: SerialDeviceLink[] = [];
  const devices: { sim: SimDevice; agent: OtaAgent; link: MqttDeviceLink }[] = [];
  // devices keep retrying; a failure (refused, TLS certificate…) is logged once for the fleet,
  // and again only when it changes or after a minute
  let lastError = '';
  let lastErrorAt = 0;
  const brokerUrl = url;
  const onError = (e: Error): void => {
    const line = connectError(brokerUrl, e).message;
    const now = performance.now();
    if (line === lastError && now - lastErrorAt < 60000) return;
    lastError = line;
    lastErrorAt = now;
    log(line);
  };
  let index = 0; // across the fleet: the default seed
  const ids = new Set<string>();
  const total = classes.reduce((n, c) => n + c.count, 0);
  const sh = o.shard;
  // contiguous shares: shard i of k holds fleet positions [⌊(i−1)·n/k⌋, ⌊i·n/k⌋)
  const from = sh ? Math.floor(((sh.index - 1) * total) / sh.count) : 0;
  const to = sh ? Math.floor((sh.index * total) / sh.count) : total;
  if (sh) log(`shard ${sh.index}/${sh.count}: ${to - from} of the fleet's ${total} devices`);
  for (const c of classes) {
    const classTrust = c.trust?.length ? c.trust.map(readPublicKey) : trusted;
    for (let i = 0; i < c.count; i++, index++) {
      const plant = c.plant ?? PLANT_NAMES[i % PLANT_NAMES.length]!;
      const n = c.name || c.plant ? i + 1 : Math.floor(i / PLANT_NAMES.length) + 1;
      const id = `${c.name ?? plant}-${n}`;
      if (ids.has(id)) throw new ArgumentError(`device id ${id} is used twice: give each device class its own name`);
      ids.add(id);
      if (index < from || index >= to) continue; // another shard's
      const sim = new SimDevice({
        plant,
        id,
        trace: false,
        seed: c.seed === undefined ? index + 1 : c.seed + i,
        ...(c.periodS !== undefined ? { periodS: c.periodS } : {}),
        ...(c.limits ? { limits: c.limits } : {}),
        ...(c.params ? { params: c.params } : {}),
        ...(o.tier ? { tier: o.tier } : {}),
      });
      const dir = join(o.stateDir, o.fleet, id);
      mkdirSync(dir, { recursive: true });
      const agent = new OtaAgent(sim.device, { trusted: classTrust, stateDir: dir });
      try {
        agent.restore();
      } catch {
        /* a stored module that no longer deploys: start empty */
      }
      if (c.module && !agent.committed) {
        try {
          agent.provision(c.module.bytes, c.module.name.replace(/\.wasm$/, ''));
        } catch (e) {
          log(`device ${id}: initial module ${c.module.name} refused: ${e instanceof Error ? e.message : String(e)}`); // checked above; only init can fail here
        }
      }
      const link = new MqttDeviceLink({
        url,
        fleet: o.fleet,
        sim,
        agent,
        ...(o.protocolVersion ? { protocolVersion: o.protocolVersion } : {}),
        jitter: () => runner.jitterPercentiles(),
        onPacket: service,
        ...(embedded && o.inProcess !== false ? { stream: () => embedded.connect() } : {}),
        ...(o.mqtt ? { mqtt: o.mqtt } : {}),
        ...(o.lean === false ? { lean: false } : {}),
        ...(o.telemetryPerWrite !== undefined ? { telemetryPerWrite: o.telemetryPerWrite } : {}),
        onError,
      });
      let serial: SerialDeviceLink | null = null;
      if (o.serial) {
        const a = join(dir, 'tty-device');
        const b = join(dir, 'tty');
        const p = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
        ptys.push(p);
        for (let k = 0; k < 100 && !(existsSync(a) && existsSync(b)); k++) await new Promise((r) => setTimeout(r, 20));
        serial = await SerialDeviceLink.open(a, sim, agent, 10, o.baud !== undefined ? { baud: o.baud } : {});
        serials.push(serial);
        log(`device ${id}: serial port ${b}`);
      }
      runner.add(
        sim,
        () => {
          link.afterStep();
          serial?.afterStep();
        },
        c.periodS !== undefined ? c.periodS * 1000 : runner.periodMs,
      );
      devices.push({ sim, agent, link });
      log(`device ${id} (fleet ${o.fleet}): wasmlet/v1/${o.fleet}/${id}/`);
    }
  }
  runner.start();
  return {
    url,
    devices,
    runner,
    ...(devKey ? { devKey } : {}),
    async close() {
      runner.stop();
      await Promise.all(devices.map((d) => d.link.close()));
      await Promise.all(serials.map((s) => s.close()));
      for (const p of ptys) p.kill('SIGTERM');
      await broker?.close();
    },
  };
}
