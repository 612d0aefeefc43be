/**
 * Telemetry ingest: a recorder subscribes to a fleet's telemetry and appends one JSON line per
 * message (`{"device": id, ...telemetry}`) to a file. With a group it subscribes through a shared
 * subscription (`$share/<group>/…`), so several recorders of one group split the fleet's messages
 * between them and together store each once (brokers that implement MQTT 5 shared subscriptions:
 * mosquitto 2, EMQX, HiveMQ, VerneMQ, and wasmlet's own aedes brokers through shared-subs.ts).
 * It speaks MQTT 5 and falls back to 3.1.1 for a broker that refuses 5. With a `clientId` the
 * session is persistent: messages that arrive while a recorder is away wait in its queue.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { IClientOptions, MqttClient } from 'mqtt';
import { connectAny } from './broker-urls.js';
import { TransportError } from './errors.js';
import { connectError } from './mqtt-device.js';
import { PREFIX, T } from './topics.js';

export interface RecorderOptions {
  /** broker URL (or a comma-separated list of one broker's nodes) */
  readonly url: string;
  readonly fleet: string;
  readonly out: string;
  /** shared-subscription group */
  readonly group?: string;
  /** a persistent session under this client id (default: a clean session) */
  readonly clientId?: string;
  readonly protocolVersion?: 4 | 5;
  readonly mqtt?: IClientOptions;
}

export interface Recorder {
  /** the filter subscribed to */
  readonly filter: string;
  /** messages written */
  readonly count: () => number;
  close(): Promise<void>;
}

export async function startRecorder(o: RecorderOptions): Promise<Recorder> {
  if (o.group !== undefined && !/^[^/+#$]+$/.test(o.group)) throw new TransportError(`--group must be a name without /, +, # or $, got "${o.group}"`);
  const topic = `${PREFIX}/${o.fleet}/+/${T.telemetry}`;
  const filter = o.group !== undefined ? `$share/${o.group}/${topic}` : topic;
  const out: WriteStream = createWriteStream(o.out, { flags: 'a' });
  await new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', (e) => reject(new TransportError(`cannot write ${o.out}: ${e.message}`, e)));
  });
  const connect = (pv: 4 | 5): Promise<MqttClient> =>
    connectAny(
      o.url,
      {
        reconnectPeriod: 250,
        protocolVersion: pv,
        ...(o.clientId ? { clientId: o.clientId, clean: false, ...(pv === 4 ? {} : { properties: { sessionExpiryInterval: 3600 } }) } : {}),
        ...o.mqtt,
      },
      connectError,
    );
  let client: MqttClient;
  try {
    client = await connect(o.protocolVersion ?? 5);
  } catch (e) {
    // aedes, and so `wasmlet broker`, speaks MQTT 3.1.1 only: unless a version was asked for, use that
    if (o.protocolVersion !== undefined || !/Unacceptable protocol version/i.test((e as Error).message)) throw e;
    client = await connect(4);
  }
  let n = 0;
  let lines = '';
  let flushing = false;
  const flush = (): void => {
    if (lines === '' || flushing) return;
    const chunk = lines;
    lines = '';
    flushing = true;
    out.write(chunk, () => {
      flushing = false;
      flush();
    });
  };
  client.on('message', (t, payload) => {
    const device = t.slice(PREFIX.length + o.fleet.length + 2, -(T.telemetry.length + 1));
    const body = payload.toString('utf8');
    // the device's own JSON object, with its id put first
    lines += body.startsWith('{') && body.length > 2 ? `{"device":${JSON.stringify(device)},${body.slice(1)}\n` : `${JSON.stringify({ device, raw: body })}\n`;
    n++;
    if (!flushing) setImmediate(flush);
  });
  const granted = await client.subscribeAsync(filter, { qos: 1 });
  if (granted[0] && granted[0].qos === 128) {
    await client.endAsync(true);
    out.end();
    throw new TransportError(`the broker refused the subscription ${filter}${o.group !== undefined ? ' (does it support shared subscriptions?)' : ''}`);
  }
  return {
    filter,
    count: () => n,
    async close() {
      await client.endAsync();
      flush();
      await new Promise<void>((resolve) => out.end(() => resolve()));
    },
  };
}
