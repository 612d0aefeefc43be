/**
 * The dashboard's view of one fleet over MQTT: one client subscribes to every device's retained
 * `status`, `meta`, `modules/reported` and the live `telemetry`, `metrics` and command results,
 * and keeps per device a row for the fleet table, a rolling window of loop samples (setpoint,
 * process value, actuator) for the chart, and an event log (online/offline, state changes,
 * deploys, faults, rollbacks, commands). It also sends commands and deploys (through the existing
 * MqttDeployer) on the same client. The server reads the rows and each watched device's new samples on every push.
 */
import type { KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { OtaReport } from '../../firmware-sim/ota/agent.js';
import { signModule } from '../../firmware-sim/ota/signing.js';
import { MqttDeployer } from '../../firmware-sim/transport/mqtt-deployer.js';
import { connectError } from '../../firmware-sim/transport/mqtt-device.js';
import { deviceBase, PREFIX, T } from '../../firmware-sim/transport/topics.js';
import { DashboardError } from './errors.js';
import type { CommandAnswer, DeployAnswer, DeviceEvent, DeviceRow, Sample } from './protocol.js';

/** samples kept per device: a minute at 10 Hz */
export const WINDOW = 600;
/** events kept per device */
const EVENTS = 200;
const VERBS = new Set(['start', 'stop', 'reset', 'rollback', 'param']);
const COMMAND_TIMEOUT_MS = 5000;
/** heater-2 before heater-10 (one collator: localeCompare with options builds one per call) */
const byId = new Intl.Collator('en', { numeric: true });

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface DeviceState {
  row: Mutable<DeviceRow>;
  samples: Sample[];
  /** samples ever received (the window's last index + 1) */
  sampleCount: number;
  events: DeviceEvent[];
  eventCount: number;
  lastState?: string;
  lastReport?: string;
  /** Date.now() of the latest telemetry */
  seenAt?: number;
  waiters: Map<string, ((a: CommandAnswer) => void)[]>;
}

export interface FleetFeedOptions {
  readonly url: string;
  readonly fleet: string;
  readonly mqtt?: IClientOptions;
  /** the key deploys are signed with (none: the page's Deploy answers 409) */
  readonly key?: KeyObject;
  /**
   * called as each incoming packet is handled: beside simulated devices in one process,
   * RealtimeRunner.service, so that due control steps go before the dashboard's backlog
   */
  readonly onPacket?: () => void;
}

export class FleetFeed {
  readonly fleet: string;
  readonly url: string;
  private readonly devices = new Map<string, DeviceState>();
  private readonly base: string;
  private deployer: MqttDeployer | null = null;
  private readonly deploying = new Set<string>();
  /** device ids in numeric order (devices are only ever added) */
  private order: string[] = [];
  private readonly key: KeyObject | undefined;

  private constructor(
    readonly client: MqttClient,
    o: FleetFeedOptions,
  ) {
    this.fleet = o.fleet;
    this.url = o.url;
    this.key = o.key;
    this.base = `${PREFIX}/${o.fleet}/`;
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
  }

  /** connect (the first attempt must succeed; later drops reconnect) and subscribe */
  static async open(o: FleetFeedOptions): Promise<FleetFeed> {
    const client = await mqtt
      .connectAsync(o.url, { reconnectPeriod: 500, connectTimeout: 10000, clientId: `wasmlet-dashboard-${process.pid}-${Math.random().toString(16).slice(2, 8)}`, ...o.mqtt }, false)
      .catch((e: unknown) => {
        throw connectError(o.url, e);
      });
    const feed = new FleetFeed(client, o);
    if (o.onPacket) client.on('packetreceive', o.onPacket);
    const b = feed.base + '+/';
    await client.subscribeAsync([b + T.status, b + T.meta, b + T.reported, b + T.telemetry, b + T.metrics, b + T.cmd + '+/result'], { qos: 0 });
    return feed;
  }

  get canDeploy(): boolean {
    return this.key !== undefined;
  }

  has(id: string): boolean {
    return this.devices.has(id);
  }

  /** every row, numeric id order */
  rows(): DeviceRow[] {
    if (this.order.length !== this.devices.size) this.order = [...this.devices.keys()].sort(byId.compare);
    const now = Date.now();
    return this.order.map((id) => {
      const d = this.devices.get(id)!;
      return d.seenAt === undefined ? { ...d.row } : { ...d.row, ageMs: now - d.seenAt };
    });
  }

  /** samples and events of `id` after the given counts (what a watcher has not seen) */
  since(id: string, samples: number, events: number): { samples: Sample[]; events: DeviceEvent[]; sampleCount: number; eventCount: number; reset: boolean } {
    const d = this.devices.get(id);
    if (!d) return { samples: [], events: [], sampleCount: 0, eventCount: 0, reset: false };
    const firstKept = d.sampleCount - d.samples.length;
    const reset = samples < firstKept || samples > d.sampleCount;
    const from = reset ? 0 : samples - firstKept;
    const firstEvent = d.eventCount - d.events.length;
    const eFrom = events < firstEvent || events > d.eventCount ? 0 : events - firstEvent;
    return { samples: d.samples.slice(from), events: d.events.slice(eFrom), sampleCount: d.sampleCount, eventCount: d.eventCount, reset };
  }

  /** Send `cmd/<verb>` and wait for the device's `cmd/<verb>/result`. */
  async command(id: string, verb: string, body: unknown): Promise<CommandAnswer> {
    const d = this.device(id);
    if (!VERBS.has(verb)) throw new DashboardError(400, `unknown command ${verb} (known: ${[...VERBS].join(', ')})`);
    let payload = '';
    if (verb === 'param') {
      const p = body as { id?: unknown; value?: unknown } | null;
      if (!p || typeof p !== 'object' || !Number.isInteger(p.id) || typeof p.value !== 'number' || !Number.isFinite(p.value)) {
        throw new DashboardError(400, 'param needs JSON {"id": integer, "value": finite number}');
      }
      payload = JSON.stringify({ id: p.id, value: p.value });
    }
    const answer = new Promise<CommandAnswer>((resolve, reject) => {
      const list = d.waiters.get(verb) ?? [];
      d.waiters.set(verb, list);
      const timer = setTimeout(() => {
        list.splice(list.indexOf(done), 1);
        reject(new DashboardError(504, `${id} did not answer ${verb} within ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      const done = (a: CommandAnswer): void => {
        clearTimeout(timer);
        resolve(a);
      };
      list.push(done);
    });
    await this.client.publishAsync(deviceBase(this.fleet, id) + T.cmd + verb, payload, { qos: 1 });
    const a = await answer;
    const what = verb === 'param' ? `param ${payload}` : verb;
    this.event(d, a.ok ? (verb === 'rollback' ? 'rollback' : 'command') : 'command', `${what}: ${a.ok ? 'ok' : `refused (${a.error ?? 'no reason'})`}, ${a.state}`);
    return a;
  }

  /** Sign `bytes` with the server's key and deploy them to `id`; resolves with the final report. */
  async deploy(id: string, bytes: Uint8Array, name: string, version: string | undefined, timeoutMs = 60000): Promise<DeployAnswer> {
    const d = this.device(id);
    if (!this.key) throw new DashboardError(409, 'this dashboard has no signing key: start it with --key FILE (wasmlet keygen makes one)');
    if (bytes.length === 0) throw new DashboardError(400, 'the module is empty');
    const moduleId = basename(name).replace(/\.wasm$/, '').replace(/[^A-Za-z0-9._-]/g, '_') || 'module';
    const v = version && version.trim() !== '' ? version.trim() : new Date().toISOString();
    // the version is a line of the signed text (docs/mqtt.md, Deployment): no separators in it
    if (!/^[A-Za-z0-9._+:-]{1,64}$/.test(v)) throw new DashboardError(400, `version ${JSON.stringify(v.slice(0, 64))} must be 1-64 letters, digits and . _ + : -`);
    const manifest = signModule(bytes, this.key, moduleId, v);
    this.event(d, 'deploy', `deploy ${moduleId}@${v} (${bytes.length} bytes) requested`);
    this.deployer ??= new MqttDeployer(this.client, this.fleet, true);
    if (this.deploying.has(id)) throw new DashboardError(409, `a deployment to ${id} is already in progress`);
    this.deploying.add(id);
    const r = await this.deployer
      .deploy({ device: id, manifest, bytes, wait: true, timeoutMs })
      .catch((e: unknown) => {
        throw new DashboardError(504, e instanceof Error ? e.message : String(e));
      })
      .finally(() => this.deploying.delete(id));
    const rep: OtaReport = r.report!;
    return {
      device: id,
      id: moduleId,
      version: v,
      sha256: manifest.sha256,
      report: { state: rep.state, version: rep.version, ...(rep.error ? { error: rep.error } : {}) },
      ms: Math.round(r.ms),
    };
  }

  async close(): Promise<void> {
    this.deployer?.close();
    await this.client.endAsync(true);
  }

  private device(id: string): DeviceState {
    const d = this.devices.get(id);
    if (!d) throw new DashboardError(404, `no device ${id} in fleet ${this.fleet}`);
    return d;
  }

  private state(id: string): DeviceState {
    let d = this.devices.get(id);
    if (!d) {
      d = { row: { id }, samples: [], sampleCount: 0, events: [], eventCount: 0, waiters: new Map() };
      this.devices.set(id, d);
    }
    return d;
  }

  private event(d: DeviceState, kind: DeviceEvent['kind'], text: string): void {
    d.events.push({ at: Date.now(), kind, text });
    d.eventCount++;
    if (d.events.length > EVENTS) d.events.splice(0, d.events.length - EVENTS);
  }

  private setState(d: DeviceState, state: string | undefined): void {
    if (state === undefined || state === d.lastState) return;
    if (d.lastState !== undefined) this.event(d, state === 'faulted' ? 'fault' : 'state', `${d.lastState} → ${state}`);
    d.lastState = state;
    d.row.state = state;
  }

  private onMessage(topic: string, payload: Buffer): void {
    if (!topic.startsWith(this.base)) return;
    const rest = topic.slice(this.base.length);
    const slash = rest.indexOf('/');
    if (slash <= 0) return;
    const id = rest.slice(0, slash);
    const sub = rest.slice(slash + 1);
    if (sub === T.status && payload.length === 0) return;
    let msg: Record<string, unknown> | null = null;
    if (sub !== T.status) {
      if (payload.length === 0) return;
      try {
        msg = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
      } catch {
        return; // not ours to show
      }
      if (!msg || typeof msg !== 'object') return;
    }
    const d = this.state(id);
    const row = d.row;
    if (sub === T.status) {
      const s = payload.toString('utf8');
      if (row.status !== undefined && row.status !== s) this.event(d, 'status', s);
      row.status = s;
    } else if (sub === T.meta) {
      const m = msg as { plant?: string; sensors?: { name: string; unit: string }[]; actuators?: { name: string; unit: string; min: number; max: number }[]; periodS?: number };
      if (typeof m.plant === 'string') row.plant = m.plant;
      if (m.sensors?.[0]) row.sensor = { name: m.sensors[0].name, unit: m.sensors[0].unit };
      if (m.actuators?.[0]) row.actuator = { name: m.actuators[0].name, unit: m.actuators[0].unit, min: m.actuators[0].min, max: m.actuators[0].max };
      if (typeof m.periodS === 'number') row.periodS = m.periodS;
    } else if (sub === T.telemetry) {
      const t = msg as Record<string, number | string | null>;
      const values: Record<string, number | null> = {};
      for (const [k, v] of Object.entries(t)) if (k !== 't' && k !== 'seq' && k !== 'state' && (typeof v === 'number' || v === null)) values[k] = v;
      row.values = values;
      d.seenAt = Date.now();
      this.setState(d, typeof t['state'] === 'string' ? t['state'] : undefined);
      const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
      d.samples.push([num(t['t']) ?? 0, num(t['sp']), num(t['pv']), num(t['u'])]);
      d.sampleCount++;
      if (d.samples.length > WINDOW + 100) d.samples.splice(0, d.samples.length - WINDOW);
      return; // telemetry alone does not make the row worth resending every step
    } else if (sub === T.metrics) {
      const m = msg as { fuel?: number; stepUs?: number; jitterP99Ms?: number; memoryBytes?: number; traps?: number; state?: string };
      if (typeof m.fuel === 'number') row.fuel = m.fuel;
      if (typeof m.stepUs === 'number') row.stepUs = m.stepUs;
      if (typeof m.jitterP99Ms === 'number') row.jitterP99Ms = m.jitterP99Ms;
      if (typeof m.memoryBytes === 'number') row.memoryBytes = m.memoryBytes;
      if (typeof m.traps === 'number') row.traps = m.traps;
      this.setState(d, m.state);
    } else if (sub === T.reported) {
      const r = msg as unknown as OtaReport;
      if (r.running !== undefined) row.running = r.running;
      if (r.last) row.last = r.last;
      else if (r.version && r.state) row.last = { id: r.id, version: r.version, state: r.state, ...(r.error ? { error: r.error } : {}) };
      if (r.committed) row.committed = r.committed;
      const text = `${r.id}@${r.version} ${r.state}${r.error ? ` (${r.error.split('\n')[0]})` : ''}`;
      if (text !== d.lastReport) {
        d.lastReport = text;
        this.event(d, r.state === 'rolled_back' ? 'rollback' : r.state === 'faulted' ? 'fault' : 'deploy', text);
      }
    } else if (sub.startsWith(T.cmd) && sub.endsWith('/result')) {
      const verb = sub.slice(T.cmd.length, -'/result'.length);
      const a = msg as unknown as CommandAnswer;
      d.waiters.get(verb)?.shift()?.(a);
      if (typeof a.state === 'string') this.setState(d, a.state);
    }
  }
}
