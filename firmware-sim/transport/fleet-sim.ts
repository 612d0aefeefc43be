/**
 * `wasmlet sim` in MQTT mode (any of --devices, --broker, --mqtt-port, --trust, --fleet): N
 * simulated devices in real time, one MQTT client each, ids `<plant>-<n>`, on an embedded aedes
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
import { startEmbeddedBroker, type EmbeddedBroker } from './broker.js';
import { connectError, MqttDeviceLink } from './mqtt-device.js';
import { RealtimeRunner } from './realtime.js';
import { SerialDeviceLink } from './serial-link.js';

export const MQTT_SIM_FLAGS = [
  '--devices', '--broker', '--mqtt-port', '--trust', '--fleet', '--state-dir', '--serial',
  // broker connection flags (bin/commands/broker-flags.ts): only meaningful in MQTT mode
  '--ca', '--cert', '--key', '--tls-key', '--insecure', '--username', '--password',
];

export interface FleetOptions {
  readonly devices: number;
  readonly fleet: string;
  readonly plant?: PlantName;
  readonly broker?: string;
  readonly mqttPort?: number;
  readonly trust: readonly string[];
  readonly stateDir: string;
  readonly periodMs?: number;
  readonly protocolVersion?: 4 | 5;
  /** give each device a pty pair (socat) speaking the serial protocol; prints the host-side path */
  readonly serial?: boolean;
  readonly log?: (line: string) => void;
  /**
   * with the embedded broker, devices reach it through in-process pipes (default true) rather
   * than loopback TCP; other clients always use the TCP listener
   */
  readonly inProcess?: boolean;
  /** extra mqtt.js options for every device client (credentials, TLS) */
  readonly mqtt?: IClientOptions;
}

export interface Fleet {
  readonly url: string;
  readonly devices: readonly { sim: SimDevice; agent: OtaAgent; link: MqttDeviceLink }[];
  readonly runner: RealtimeRunner;
  readonly devKey?: string;
  close(): Promise<void>;
}

export async function startFleet(o: FleetOptions): Promise<Fleet> {
  const log = o.log ?? ((l: string) => process.stdout.write(l + '\n'));
  let broker: EmbeddedBroker | null = null;
  let url = o.broker;
  if (!url) {
    broker = await startEmbeddedBroker(o.mqttPort ?? 1883);
    url = broker.url;
    log(`embedded MQTT broker (aedes, MQTT 3.1.1): ${url}`);
  }
  let devKey: string | undefined;
  const trusted: KeyObject[] = o.trust.map(readPublicKey);
  if (trusted.length === 0) {
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
  for (let i = 0; i < o.devices; i++) {
    const plant = o.plant ?? PLANT_NAMES[i % PLANT_NAMES.length]!;
    const n = o.plant ? i + 1 : Math.floor(i / PLANT_NAMES.length) + 1;
    const id = `${plant}-${n}`;
    const sim = new SimDevice({ plant, id, trace: false, seed: i + 1 });
    const dir = join(o.stateDir, o.fleet, id);
    mkdirSync(dir, { recursive: true });
    const agent = new OtaAgent(sim.device, { trusted, stateDir: dir });
    try {
      agent.restore();
    } catch {
      /* a stored module that no longer deploys: start empty */
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
      onError,
    });
    let serial: SerialDeviceLink | null = null;
    if (o.serial) {
      const a = join(dir, 'tty-device');
      const b = join(dir, 'tty');
      const p = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
      ptys.push(p);
      for (let k = 0; k < 100 && !(existsSync(a) && existsSync(b)); k++) await new Promise((r) => setTimeout(r, 20));
      serial = await SerialDeviceLink.open(a, sim, agent);
      serials.push(serial);
      log(`device ${id}: serial port ${b}`);
    }
    runner.add(sim, () => {
      link.afterStep();
      serial?.afterStep();
    });
    devices.push({ sim, agent, link });
    log(`device ${id} (fleet ${o.fleet}): wasmlet/v1/${o.fleet}/${id}/`);
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
