/**
 * `wasmlet dashboard --broker URL`: a live web page for a fleet (bin/dashboard): the device table,
 * each device's loop on a chart with its control quality and event log, commands, and deploys
 * signed with `--key`; with `--proxy ADMIN_URL` also a proxy's filters. Serves on 127.0.0.1:8080 by default; another `--host` needs `--token`.
 * Runs until SIGINT/SIGTERM.
 */
import { readPrivateKey } from '../../firmware-sim/ota/signing.js';
import { startDashboard } from '../dashboard/index.js';
import { parsePort, parseUsage, untilStopped } from './args.js';
import { BROKER_FLAGS, brokerFlagsHelp, brokerOptions } from './broker-flags.js';
import { UsageError, type Command } from './command.js';

const USAGE = `usage: wasmlet dashboard --broker URL [--fleet NAME] [--port 8080] [--host 127.0.0.1]
                         [--key signing.key] [--token T] [--proxy ADMIN_URL] [broker connection flags]
       wasmlet dashboard --proxy ADMIN_URL [--port 8080] [--host 127.0.0.1] [--token T]

Serves a live dashboard of a fleet: one row per device (state, running module, last deploy,
step time, fuel, memory, jitter), each device's setpoint, process value and actuator on a live
chart with control-quality figures and an event log, Start/Stop/Reset/Rollback and parameter
controls, and deploys of a .wasm file from the browser, signed here with --key.

options:
  --broker URL     mqtt://host:1883 (user:password@ accepted), mqtts://, ws://
  --fleet NAME     fleet (default: default)
  --port N         HTTP port (default 8080; 0 picks a free one)
  --host ADDR      address to bind (default 127.0.0.1); any other needs --token
  --key FILE       ed25519 signing key from \`wasmlet keygen\`: enables Deploy
  --proxy URL      a wasmlet proxy's admin listener (http://127.0.0.1:9901): its filters'
                   calls, failures, fuel, latency and failure-policy events, polled from
                   /stats/filters (or run \`wasmlet proxy --dashboard PORT\`)
  --token T        required by the page (it asks) and by every API call
                   (Authorization: Bearer T); visible in the process list: prefer
                   WASMLET_DASHBOARD_TOKEN=T in the environment
broker connection (--key is the signing key here, so the TLS client key is --tls-key):
${brokerFlagsHelp('--tls-key')}`;

export const dashboard: Command = {
  name: 'dashboard',
  summary: 'serve a live web dashboard of a fleet: devices, loops, commands, deploys',
  usage: USAGE,
  async run(args) {
    const { values } = parseUsage({
      args,
      strict: true,
      options: {
        broker: { type: 'string' },
        fleet: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        key: { type: 'string' },
        token: { type: 'string' },
        proxy: { type: 'string' },
        ...BROKER_FLAGS,
      },
    });
    if (!values.broker && !values.proxy) throw new UsageError('--broker URL (a fleet) or --proxy ADMIN_URL (a proxy) is required');
    if (!values.broker && values.key) throw new UsageError('--key signs deploys to a fleet: give --broker URL too');
    const token = values.token ?? process.env['WASMLET_DASHBOARD_TOKEN'];
    const host = values.host ?? '127.0.0.1';
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1' && !token) throw new UsageError(`--host ${host} exposes the dashboard beyond this machine: give --token T`);
    const mqtt = values.broker ? brokerOptions(values.broker, { ...values, key: undefined }, '--tls-key') : {};
    const port = parsePort(values.port) ?? 8080;
    const d = await startDashboard({
      ...(values.broker ? { broker: values.broker } : {}),
      ...(values.proxy ? { proxyAdmin: values.proxy } : {}),
      fleet: values.fleet ?? 'default',
      ...(Object.keys(mqtt).length ? { mqtt } : {}),
      ...(values.key ? { key: readPrivateKey(values.key) } : {}),
      port,
      host,
      ...(token ? { token } : {}),
    });
    process.stdout.write(`dashboard: ${d.url}${values.broker && !values.key ? ' (no --key: deploys are disabled)' : ''}\n`);
    await untilStopped();
    await d.close();
    return 0;
  },
};
