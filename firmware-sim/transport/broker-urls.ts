/**
 * Broker failover: `--broker URL1,URL2,...` names the nodes of one (clustered) broker. A client
 * connects to the first that answers and, when its node goes away, reconnects to the next in
 * the list (round robin), so a device or operator rides out the loss of a node.
 */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { ArgumentError } from '../../hosts/errors.js';
import { TransportError } from './errors.js';

/** the URLs of a `--broker` value: one URL, or several separated by commas */
export function brokerList(spec: string): string[] {
  const urls = spec.split(',').map((s) => s.trim());
  for (const u of urls) {
    let p: URL;
    try {
      p = new URL(u);
    } catch {
      throw new ArgumentError(`--broker must be a URL such as mqtt://host:1883 or a comma-separated list of them, got "${u}"`);
    }
    if (!/^(mqtts?|tcp|ssl|tls|wss?):$/.test(p.protocol)) throw new ArgumentError(`--broker ${u}: not an MQTT URL (mqtt://, mqtts://, ws://, wss://)`);
  }
  if (urls.length > 1 && new Set(urls.map((u) => new URL(u).protocol)).size > 1) {
    throw new ArgumentError(`--broker ${spec}: the nodes of one broker use one protocol`);
  }
  return urls;
}

/** mqtt.js options that rotate reconnects through `urls` (nothing for one URL) */
export function failoverOptions(urls: readonly string[]): IClientOptions {
  if (urls.length < 2) return {};
  return {
    servers: urls.map((u) => {
      const p = new URL(u);
      const protocol = p.protocol.slice(0, -1) as 'mqtt' | 'mqtts' | 'tcp' | 'ssl' | 'ws' | 'wss';
      const port = p.port === '' ? (protocol === 'mqtts' || protocol === 'ssl' ? 8883 : 1883) : Number(p.port);
      return { host: p.hostname.replace(/^\[(.*)\]$/, '$1'), port, protocol };
    }),
  };
}

/**
 * Connect an operator's client to the first node of `spec` that accepts the connection (each
 * tried once, in order); later drops reconnect through the list when `options.reconnectPeriod`
 * allows reconnects. `describe` turns one node's failure into its message.
 */
export async function connectAny(spec: string, options: IClientOptions, describe: (url: string, e: unknown) => TransportError): Promise<MqttClient> {
  const urls = brokerList(spec);
  const errors: TransportError[] = [];
  for (const [i, url] of urls.entries()) {
    // the nodes after this one first, then the ones before: where a reconnect goes next
    const order = [...urls.slice(i), ...urls.slice(0, i)];
    try {
      return await mqtt.connectAsync(url, { ...options, ...failoverOptions(order) }, false);
    } catch (e) {
      errors.push(describe(url, e));
    }
  }
  if (errors.length === 1) throw errors[0]!;
  throw new TransportError(`cannot connect to any broker node: ${errors.map((e) => e.message.replace(/^cannot connect to /, '')).join('; ')}`, errors[0]);
}
