/**
 * `wasmlet fleet status --broker URL [--fleet NAME]`: the operator view — reads the retained
 * `status`, `meta` and `modules/reported` topics of every device in the fleet and prints one line
 * per device (id, plant, online/offline, module version, OTA state).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions } from 'mqtt';
import { MQTT_SIM_FLAGS, startFleet } from '../transport/fleet-sim.js';
import { connectError } from '../transport/mqtt-device.js';
import { BROKER_FLAGS_WITH_KEY, brokerFlagsHelp, brokerOptions } from './broker-flags.js';
import { UsageError, type Command } from './command.js';
import { parsePlant, parseUsage, positive } from './sim.js';

export { MQTT_SIM_FLAGS };

const USAGE = `usage: wasmlet fleet status --broker URL [--fleet NAME] [--wait MS] [--json]
                           [--ca FILE] [--cert FILE --key FILE] [--insecure] [--username U --password P]

Lists the devices of a fleet (default: default) from the broker's retained messages.

options:
  --broker URL     mqtt://host:1883 or mqtts://host:8883 (user:password@ accepted)
  --fleet NAME     fleet (default: default)
  --wait MS        how long to collect retained messages (default 500)
  --json           one JSON array instead of a table
${brokerFlagsHelp('--key')}`;

interface Row {
  device: string;
  plant?: string;
  status?: string;
  version?: string;
  committed?: string;
  state?: string;
  error?: string;
}

export async function fleetStatus(url: string, fleet: string, waitMs = 500, options: IClientOptions = {}): Promise<Row[]> {
  // one attempt: a refused or failed connection (TLS, credentials) rejects instead of retrying
  const client = await mqtt
    .connectAsync(url, { reconnectPeriod: 0, connectTimeout: 10000, ...options }, false)
    .catch((e: unknown) => {
      throw connectError(url, e);
    });
  const rows = new Map<string, Row>();
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
        const r = JSON.parse(payload.toString()) as { version: string; state: string; committed?: string; error?: string };
        row.version = r.version;
        row.state = r.state;
        if (r.committed) row.committed = r.committed;
        if (r.error) row.error = r.error;
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

export const fleet: Command = {
  name: 'fleet',
  summary: 'operator view of a fleet of devices on an MQTT broker',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseUsage({
      args,
      strict: true,
      allowPositionals: true,
      options: { broker: { type: 'string' }, fleet: { type: 'string' }, wait: { type: 'string' }, json: { type: 'boolean' }, ...BROKER_FLAGS_WITH_KEY },
    });
    if (positionals[0] !== 'status' || positionals.length !== 1) throw new UsageError('expected: wasmlet fleet status --broker URL');
    if (!values.broker) throw new UsageError('--broker URL is required');
    const options = brokerOptions(values.broker, values);
    const rows = await fleetStatus(values.broker, values.fleet ?? 'default', positive('wait', values.wait, true) ?? 500, options);
    if (values.json) {
      process.stdout.write(JSON.stringify(rows) + '\n');
      return 0;
    }
    const lines = [['DEVICE', 'PLANT', 'STATUS', 'VERSION', 'STATE', 'COMMITTED'].join('\t')];
    for (const r of rows) {
      lines.push([r.device, r.plant ?? '-', r.status ?? '-', r.version ?? '-', (r.state ?? '-') + (r.error ? ` (${r.error})` : ''), r.committed ?? '-'].join('\t'));
    }
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};

/** `wasmlet sim` in MQTT mode (see hosts/transport/fleet-sim.ts); sim.ts delegates here. */
export async function runMqttSim(args: string[]): Promise<number> {
  const { values } = parseUsage({
    args,
    strict: true,
    options: {
      devices: { type: 'string' },
      fleet: { type: 'string' },
      plant: { type: 'string' },
      broker: { type: 'string' },
      'mqtt-port': { type: 'string' },
      'mqtt-version': { type: 'string' },
      trust: { type: 'string', multiple: true },
      'state-dir': { type: 'string' },
      duration: { type: 'string' },
      serial: { type: 'boolean' },
      ...BROKER_FLAGS_WITH_KEY,
    },
  });
  const mqttOptions = brokerOptions(values.broker, values);
  const plant = values.plant === undefined ? undefined : parsePlant(values.plant);
  const pv = values['mqtt-version'];
  if (pv !== undefined && pv !== '4' && pv !== '5') throw new UsageError('--mqtt-version must be 4 or 5');
  const port = values['mqtt-port'] === undefined ? undefined : Number(values['mqtt-port']);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError('--mqtt-port must be a port number');
  const f = await startFleet({
    devices: positive('devices', values.devices, true) ?? 1,
    fleet: values.fleet ?? 'default',
    ...(plant ? { plant } : {}),
    ...(values.broker ? { broker: values.broker } : {}),
    ...(Object.keys(mqttOptions).length > 0 ? { mqtt: mqttOptions } : {}),
    ...(port !== undefined ? { mqttPort: port } : {}),
    ...(pv ? { protocolVersion: Number(pv) as 4 | 5 } : {}),
    trust: values.trust ?? [],
    serial: values.serial === true,
    stateDir: values['state-dir'] ?? join(tmpdir(), 'wasmlet-devices'),
  });
  const durationS = positive('duration', values.duration);
  await new Promise<void>((resolve) => {
    // whichever comes first; the others must not keep the process alive afterwards
    const timer = durationS === undefined ? undefined : setTimeout(done, durationS * 1000);
    function done(): void {
      clearTimeout(timer);
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    }
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await f.close();
  return 0;
}
