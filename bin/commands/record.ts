/**
 * `wasmlet record --broker URL --out FILE.ndjson [--group G]`: store a fleet's telemetry, one JSON
 * line per message (firmware-sim/transport/recorder.ts). Recorders of one `--group` share the
 * load through an MQTT shared subscription.
 */
import { startRecorder } from '../../firmware-sim/transport/recorder.js';
import { parseUsage, positive, untilStopped } from './args.js';
import { BROKER_FLAGS_WITH_KEY, brokerFlagsHelp, brokerOptions } from './broker-flags.js';
import { UsageError, type Command } from './command.js';

const USAGE = `usage: wasmlet record --broker URL --out FILE.ndjson [--fleet NAME] [--group G] [--client-id ID]
                      [--mqtt-version 5|4] [--duration SECONDS]

Appends every telemetry message of the fleet to FILE.ndjson, one line each: the device's JSON with
"device" first. Runs until SIGINT/SIGTERM or --duration, then prints how many it stored.

options:
  --broker URL       the broker (several comma-separated URLs: nodes of one broker)
  --out FILE         file to append to
  --fleet NAME       fleet (default: default)
  --group G          subscribe as member G of a shared subscription ($share/G/…): the recorders
                     of a group split the messages and together store each once (mosquitto 2,
                     EMQX, HiveMQ, wasmlet broker and sim's embedded broker, across nodes)
  --client-id ID     keep a persistent session under ID: messages that arrive while the recorder
                     is away are delivered when it comes back
  --mqtt-version V   5 or 4 (default: 5, and 4 when the broker refuses 5)
  --duration S       stop after S seconds
${brokerFlagsHelp('--key')}`;

export const record: Command = {
  name: 'record',
  summary: "store a fleet's telemetry as NDJSON (shared subscriptions split the load)",
  usage: USAGE,
  async run(args) {
    const { values } = parseUsage({
      args,
      strict: true,
      options: {
        broker: { type: 'string' }, out: { type: 'string' }, fleet: { type: 'string' }, group: { type: 'string' },
        'client-id': { type: 'string' }, 'mqtt-version': { type: 'string' }, duration: { type: 'string' }, ...BROKER_FLAGS_WITH_KEY,
      },
    });
    if (!values.broker) throw new UsageError('--broker URL is required');
    if (!values.out) throw new UsageError('--out FILE is required');
    const pv = values['mqtt-version'];
    if (pv !== undefined && pv !== '4' && pv !== '5') throw new UsageError('--mqtt-version must be 4 or 5');
    const durationS = positive('duration', values.duration);
    const mqtt = brokerOptions(values.broker, values);
    const rec = await startRecorder({
      url: values.broker,
      fleet: values.fleet ?? 'default',
      out: values.out,
      ...(values.group !== undefined ? { group: values.group } : {}),
      ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
      ...(pv ? { protocolVersion: Number(pv) as 4 | 5 } : {}),
      mqtt,
    });
    process.stdout.write(`recording ${rec.filter} to ${values.out}\n`);
    await untilStopped(durationS);
    await rec.close();
    process.stdout.write(`recorded ${rec.count()} messages to ${values.out}\n`);
    return 0;
  },
};
