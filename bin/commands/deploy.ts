/**
 * `wasmlet deploy FILE.wasm --device ID --broker URL --key KEY [--wait]`: sign a module and deploy
 * it over MQTT (docs/mqtt.md). With --wait it exits 0 only once the device reports `running`, and
 * 1 with the device's reason (rejected, rolled_back, faulted) otherwise.
 */
import { basename } from 'node:path';
import { readPrivateKey } from '../../firmware-sim/ota/signing.js';
import { deployOverMqtt } from '../../firmware-sim/transport/mqtt-deployer.js';
import { SerialHost } from '../../firmware-sim/transport/serial-link.js';
import { BROKER_FLAGS, brokerFlagsHelp, brokerOptions } from './broker-flags.js';
import { UsageError, type Command } from './command.js';
import { parseUsage, positive, readModule } from './args.js';

const USAGE = `usage: wasmlet deploy FILE.wasm --device ID [--fleet NAME] (--broker URL | --serial PATH) --key DIR/wasmlet.key [--wait] [--version V] [--timeout MS]

Signs FILE.wasm with the ed25519 key and publishes it as the device's desired module, serving its
bytes in chunks. Without --wait it returns once the device has answered (staged or rejected).

options:
  --device ID      device id, e.g. heater-1
  --fleet NAME     fleet (default: default)
  --broker URL     mqtt://host:port (user:password@ and mqtts:// accepted)
  --serial PATH    the device's serial port / pty (docs/serial.md) instead of MQTT
  --key FILE       private key from \`wasmlet keygen\`
  --version V      module version (default: the current time)
  --wait           wait for running / rejected / rolled_back
  --timeout MS     give up after MS milliseconds (default 30000)

broker connection (--key is the signing key here, so the TLS client key is --tls-key):
${brokerFlagsHelp('--tls-key')}`;

export const deploy: Command = {
  name: 'deploy',
  summary: 'sign a module and deploy it to a device over MQTT',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseUsage({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        device: { type: 'string' },
        fleet: { type: 'string' },
        broker: { type: 'string' },
        serial: { type: 'string' },
        key: { type: 'string' },
        version: { type: 'string' },
        wait: { type: 'boolean' },
        timeout: { type: 'string' },
        ...BROKER_FLAGS,
      },
    });
    if (positionals.length !== 1) throw new UsageError('expected one module file');
    if (!values.device) throw new UsageError('--device ID is required');
    if (!values.key) throw new UsageError('--key FILE is required');
    if (!values.broker === !values.serial) throw new UsageError('give exactly one of --broker URL or --serial PATH');
    const mqttOptions = brokerOptions(values.broker, { ...values, key: undefined }, '--tls-key'); // --key signs here
    const bytes = readModule(positionals[0], 'a module');
    const key = readPrivateKey(values.key);
    const id = basename(positionals[0]!).replace(/\.wasm$/, '');
    if (values.serial) {
      const host = await SerialHost.open(values.serial);
      const t0 = performance.now();
      try {
        const rep = await host.deploy({
          bytes, key, id, ...(values.version ? { version: values.version } : {}),
          wait: values.wait === true, timeoutMs: positive('timeout', values.timeout, true) ?? 30000,
        });
        process.stdout.write(`${id}@${rep.version} ${bytes.length} bytes → ${values.serial}: ${rep.state}${rep.error ? ` (${rep.error})` : ''} in ${(performance.now() - t0).toFixed(0)} ms\n`);
        return rep.state === 'running' || (!values.wait && rep.state === 'staged') ? 0 : 1;
      } finally {
        await host.close();
      }
    }
    const r = await deployOverMqtt({
      url: values.broker!,
      fleet: values.fleet ?? 'default',
      device: values.device,
      bytes,
      key,
      id,
      ...(values.version ? { version: values.version } : {}),
      wait: values.wait === true,
      timeoutMs: positive('timeout', values.timeout, true) ?? 30000,
      mqtt: mqttOptions,
    });
    const rep = r.report;
    process.stdout.write(
      `${id}@${r.manifest.version} sha256 ${r.manifest.sha256.slice(0, 16)}… ${bytes.length} bytes → ${values.device}: ` +
        `${rep?.state ?? 'sent'}${rep?.error ? ` (${rep.error})` : ''} in ${r.ms.toFixed(0)} ms\n`,
    );
    if (!values.wait) return rep?.state === 'rejected' ? 1 : 0;
    return rep?.state === 'running' ? 0 : 1;
  },
};
