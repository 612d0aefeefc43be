/**
 * The operator view of a fleet: reads the retained `status`, `meta` and `modules/reported` topics
 * of every device and returns one row per device (id, plant, online/offline, module version, OTA
 * state, and — from devices that report them — the running module and the latest attempt). `wasmlet fleet status` prints these rows; the demo shows them too.
 */
import mqtt, { type IClientOptions } from 'mqtt';
import type { LastAttempt, OtaReport, RunningModule } from '../ota/agent.js';
import { connectError } from './mqtt-device.js';

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

export async function fleetStatus(url: string, fleet: string, waitMs = 500, options: IClientOptions = {}): Promise<FleetStatusRow[]> {
  // one attempt: a refused or failed connection (TLS, credentials) rejects instead of retrying
  const client = await mqtt
    .connectAsync(url, { reconnectPeriod: 0, connectTimeout: 10000, ...options }, false)
    .catch((e: unknown) => {
      throw connectError(url, e);
    });
  const rows = new Map<string, FleetStatusRow>();
  const base = `wasmlet/v1/${fleet}/`;
  client.on('message', (topic, payload) => {
    const rest = topic.slice(base.length);
    const slash = rest.indexOf('/');
    const id = rest.slice(0, slash);
    const sub = rest.slice(slash + 1);
    const row = rows.get(id) ?? { device: id };
    rows.set(id, row);
    try {
      if (sub === 'status') row.status = payload.toString();
      else if (sub === 'meta') row.plant = (JSON.parse(payload.toString()) as { plant: string }).plant;
      else if (sub === 'modules/reported') {
        const r = JSON.parse(payload.toString()) as OtaReport;
        row.version = r.version;
        row.state = r.state;
        if (r.committed) row.committed = r.committed;
        if (r.error) row.error = r.error;
        if (r.running !== undefined) row.running = r.running;
        if (r.last) row.last = r.last;
      }
    } catch {
      /* malformed retained message: show what we have */
    }
  });
  await client.subscribeAsync([base + '+/status', base + '+/meta', base + '+/modules/reported'], { qos: 1 });
  await new Promise((r) => setTimeout(r, waitMs));
  await client.endAsync();
  return [...rows.values()].sort((a, b) => a.device.localeCompare(b.device, 'en', { numeric: true }));
}
