/**
 * `wasmlet fleet status --broker URL [--fleet NAME]`: the operator view — prints one line per
 * device of the fleet (id, plant, online/offline, running module, latest attempt, committed version) from the broker's
 * retained messages (firmware-sim/transport/fleet-status.ts reads them).
 */
import { fleetStatus, type FleetStatusRow } from '../../firmware-sim/transport/fleet-status.js';
import { parseUsage, positive } from './args.js';
import { BROKER_FLAGS_WITH_KEY, brokerFlagsHelp, brokerOptions } from './broker-flags.js';
import { UsageError, type Command } from './command.js';

const USAGE = `usage: wasmlet fleet status --broker URL [--fleet NAME] [--wait MS] [--json]
                           [--ca FILE] [--cert FILE --key FILE] [--insecure] [--username U --password P]

Lists the devices of a fleet (default: default) from the broker's retained messages.

options:
  --broker URL     mqtt://host:1883 or mqtts://host:8883 (user:password@ accepted); several,
                   comma-separated: nodes of one broker, tried in order
  --fleet NAME     fleet (default: default)
  --wait MS        how long to collect retained messages (default 500)
  --json           one JSON array instead of a table
${brokerFlagsHelp('--key')}`;

/** `id@version (slot)`; a device that predates `running` shows `-` */
function running(r: FleetStatusRow): string {
  return r.running ? `${r.running.id}@${r.running.version} (${r.running.slot})` : '-';
}

/** `version state (error)`, from `last` or, for older devices, the report's own fields */
function last(r: FleetStatusRow): string {
  const a = r.last ?? (r.state ? { version: r.version ?? '', state: r.state, error: r.error } : null);
  return a ? `${a.version} ${a.state}${a.error ? ` (${a.error})` : ''}` : '-';
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
    const lines = [['DEVICE', 'PLANT', 'STATUS', 'RUNNING', 'LAST', 'COMMITTED'].join('\t')];
    for (const r of rows) lines.push([r.device, r.plant ?? '-', r.status ?? '-', running(r), last(r), r.committed ?? '-'].join('\t'));
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
