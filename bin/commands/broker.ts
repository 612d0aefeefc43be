/**
 * `wasmlet broker`: a standalone MQTT broker node (firmware-sim/transport/broker-node.ts). With
 * `--redis URL` every node on that Redis is part of one broker. Prints one `ready` line when it
 * listens; SIGTERM or SIGINT closes it cleanly (clients are disconnected, their sessions stay in
 * Redis).
 */
import { startBrokerNode } from '../../firmware-sim/transport/broker-node.js';
import { parsePort, parseUsage, untilStopped } from './args.js';
import { readPem } from './broker-flags.js';
import { UsageError, type Command } from './command.js';

const USAGE = `usage: wasmlet broker [--port N] [--host H] [--ws-port N] [--redis redis://host:6379]
                      [--cert FILE --key FILE [--ca FILE]] [--username U --password P]
                      [--id NAME] [--health-port N]

Runs an MQTT broker node (aedes; MQTT 3.1.1 and 5 clients) until SIGTERM or Ctrl-C.

options:
  --port N         MQTT port (default 1883; 0 picks a free one)
  --host H         address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --ws-port N      also serve MQTT over WebSocket on this port (ws://H:N/mqtt)
  --redis URL      join the broker formed by every node on this Redis: messages, subscriptions,
                   retained messages, QoS 1 sessions and offline queues are shared, so a client
                   may connect to any node (docs/mqtt.md, "Broker nodes")
  --cert FILE      serve TLS (mqtts://) with this certificate (PEM) ...
  --key FILE       ... and its private key
  --ca FILE        require client certificates signed by this CA (mutual TLS)
  --username U     require this user name ...
  --password P     ... and password from every client
  --id NAME        node id in logs and /health (default: random)
  --health-port N  HTTP GET /health: {ok, id, clients, redis} (503 while Redis is away)`;

export const broker: Command = {
  name: 'broker',
  summary: 'run an MQTT broker node; several on one Redis form one broker',
  usage: USAGE,
  async run(args) {
    const { values } = parseUsage({
      args,
      strict: true,
      options: {
        port: { type: 'string' }, host: { type: 'string' }, 'ws-port': { type: 'string' }, redis: { type: 'string' },
        cert: { type: 'string' }, key: { type: 'string' }, ca: { type: 'string' },
        username: { type: 'string' }, password: { type: 'string' }, id: { type: 'string' }, 'health-port': { type: 'string' },
      },
    });
    if ((values.cert === undefined) !== (values.key === undefined)) throw new UsageError('--cert and --key go together (the server certificate and its key)');
    if (values.ca !== undefined && values.cert === undefined) throw new UsageError('--ca (client certificates) needs --cert and --key (TLS)');
    if ((values.username === undefined) !== (values.password === undefined)) throw new UsageError('--username and --password go together');
    const wsPort = parsePort(values['ws-port'], '--ws-port');
    const healthPort = parsePort(values['health-port'], '--health-port');
    const node = await startBrokerNode({
      port: parsePort(values.port) ?? 1883,
      host: values.host ?? '127.0.0.1',
      ...(wsPort !== undefined ? { wsPort } : {}),
      ...(healthPort !== undefined ? { healthPort } : {}),
      ...(values.redis ? { redis: values.redis } : {}),
      onError: (e: Error) => process.stderr.write(`wasmlet broker: ${e.message}${values.redis ? ' (Redis; retrying)' : ''}\n`),
      ...(values.id ? { id: values.id } : {}),
      ...(values.cert && values.key
        ? { tls: { cert: readPem('--cert', values.cert), key: readPem('--key', values.key), ...(values.ca ? { ca: readPem('--ca', values.ca) } : {}) } }
        : {}),
      ...(values.username !== undefined ? { credentials: { username: values.username, password: values.password! } } : {}),
    });
    process.stdout.write(
      `wasmlet broker ${node.id}: ready on ${node.url}${node.wsUrl ? ` and ${node.wsUrl}` : ''}${values.redis ? ` (cluster: ${values.redis})` : ''}${node.healthUrl ? `; health ${node.healthUrl}` : ''}\n`,
    );
    await untilStopped();
    await node.close();
    process.stdout.write(`wasmlet broker ${node.id}: closed\n`);
    return 0;
  },
};
