/**
 * The operator view of a fleet: reads the retained `status`, `meta` and `modules/reported` topics
 * of every device and returns one row per device (id, plant, online/offline, module version, OTA
 * state, and — from devices that report them — the running module and the latest attempt).
 * `wasmlet fleet status` prints these rows; the demo shows them too. `FleetWatch` keeps the rows
 * current on a client the caller owns (a staged rollout discovers the fleet with it and keeps
 * following status and reports while it deploys).
 */
import type { IClientOptions, MqttClient } from 'mqtt';
import type { LastAttempt, OtaReport, RunningModule } from '../ota/agent.js';
import { connectAny } from './broker-urls.js';
import { connectError } from './mqtt-device.js';
import { PREFIX, T } from './topics.js';

export interface FleetStatusRow {
  device: string;
  plant?: string;
  status?: string;
  version?: string;
  committed?: string;
  state?: string;
  error?: string;
  /** what runs (devices that publish it; `null`: nothing runs) */
  running?: RunningModule | null;
  /** the latest deployment attempt */
  last?: LastAttempt;
}

/** Rows of one fleet, updated from every status, meta and reported message the client receives. */
export class FleetWatch {
  private readonly rows = new Map<string, FleetStatusRow>();
  private readonly base: string;
  private readonly listener = (topic: string, payload: Buffer): void => this.onMessage(topic, payload);

  constructor(
    readonly client: MqttClient,
    readonly fleet: string,
  ) {
    this.base = `${PREFIX}/${fleet}/`;
    client.on('message', this.listener);
  }

  /** subscribe, then give the broker `waitMs` to deliver the retained messages */
  async start(waitMs = 500): Promise<void> {
    const b = this.base;
    await this.client.subscribeAsync([b + '+/' + T.status, b + '+/' + T.meta, b + '+/' + T.reported], { qos: 1 });
    await new Promise((r) => setTimeout(r, waitMs));
  }

  get(device: string): FleetStatusRow | undefined {
    return this.rows.get(device);
  }

  /** the rows, by device id in numeric order (heater-2 before heater-10) */
  list(): FleetStatusRow[] {
    return [...this.rows.values()].map((r) => ({ ...r })).sort((a, b) => a.device.localeCompare(b.device, 'en', { numeric: true }));
  }

  close(): void {
    this.client.off('message', this.listener);
  }

  private onMessage(topic: string, payload: Buffer): void {
    if (!topic.startsWith(this.base)) return;
    const rest = topic.slice(this.base.length);
    const slash = rest.indexOf('/');
    const id = rest.slice(0, slash);
    const sub = rest.slice(slash + 1);
    if (sub !== T.status && sub !== T.meta && sub !== T.reported) return;
    const row = this.rows.get(id) ?? { device: id };
    this.rows.set(id, row);
    try {
      if (sub === T.status) row.status = payload.toString();
      else if (sub === T.meta) row.plant = (JSON.parse(payload.toString()) as { plant: string }).plant;
      else {
        const r = JSON.parse(payload.toString()) as OtaReport;
        row.version = r.version;
        row.state = r.state;
        // each report is complete: a field it lacks no longer holds
        if (r.committed) row.committed = r.committed;
        else delete row.committed;
        if (r.error) row.error = r.error;
        else delete row.error;
        if (r.running !== undefined) row.running = r.running;
        else delete row.running;
        if (r.last) row.last = r.last;
        else delete row.last;
      }
    } catch {
      /* malformed retained message: show what we have */
    }
  }
}

export async function fleetStatus(url: string, fleet: string, waitMs = 500, options: IClientOptions = {}): Promise<FleetStatusRow[]> {
  // one attempt: a refused or failed connection (TLS, credentials) rejects instead of retrying
  const client = await connectAny(url, { reconnectPeriod: 0, connectTimeout: 10000, ...options }, connectError);
  const watch = new FleetWatch(client, fleet);
  await watch.start(waitMs);
  watch.close();
  await client.endAsync();
  return watch.list();
}
