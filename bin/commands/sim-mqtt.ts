/**
 * `wasmlet sim` in MQTT mode (firmware-sim/transport/fleet-sim.ts): N simulated devices in real
 * time on an embedded or external broker until SIGINT/SIGTERM or --duration. sim.ts delegates here
 * when any of MQTT_SIM_FLAGS is given.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFleet } from '../../firmware-sim/transport/fleet-sim.js';
import { parsePlant, parseUsage, positive } from './args.js';
import { BROKER_FLAGS_WITH_KEY, brokerOptions } from './broker-flags.js';
import { UsageError } from './command.js';

export { MQTT_SIM_FLAGS } from '../../firmware-sim/transport/fleet-sim.js';

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
