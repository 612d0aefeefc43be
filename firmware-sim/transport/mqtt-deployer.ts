/**
 * The operator side of an MQTT deployment: publish the signed manifest as the retained
 * `modules/desired`, serve the device's chunk requests from the module bytes, and (optionally)
 * wait until `modules/reported` names this version in a final state.
 */
import type { KeyObject } from 'node:crypto';
import mqtt, { type IClientOptions } from 'mqtt';
import type { OtaReport } from '../ota/agent.js';
import { signModule, type ModuleManifest } from '../ota/signing.js';
import { TransportError } from './errors.js';
import { connectError } from './mqtt-device.js';
import { deviceBase, encodeChunk, T } from './topics.js';

export interface MqttDeployOptions {
  readonly url: string;
  readonly fleet?: string;
  readonly device: string;
  readonly bytes: Uint8Array;
  /** signing key, or a ready manifest (tests: tampered ones) */
  readonly key?: KeyObject;
  readonly manifest?: ModuleManifest;
  readonly id?: string;
  readonly version?: string;
  /** resolve only once the device reports a final state for this version */
  readonly wait?: boolean;
  readonly timeoutMs?: number;
  /** test hook: corrupt the answer to chunk request number n (0-based) when it returns true */
  readonly corrupt?: (n: number) => boolean;
  /** extra mqtt.js options (TLS files, credentials) */
  readonly mqtt?: IClientOptions;
}

export interface DeployResult {
  readonly manifest: ModuleManifest;
  readonly report?: OtaReport;
  readonly chunkRequests: number;
  readonly ms: number;
}

const FINAL = new Set(['running', 'rejected', 'rolled_back', 'faulted']);

export async function deployOverMqtt(o: DeployOptionsChecked): Promise<DeployResult> {
  const t0 = performance.now();
  const fleet = o.fleet ?? 'default';
  const base = deviceBase(fleet, o.device);
  const manifest =
    o.manifest ?? signModule(o.bytes, o.key!, o.id ?? 'module', o.version ?? new Date().toISOString());
  // the first connection fails on any error (TLS, credentials, refused); later drops reconnect
  const client = await mqtt.connectAsync(o.url, { reconnectPeriod: 250, ...o.mqtt }, false).catch((e: unknown) => {
    throw connectError(o.url, e);
  });
  let requests = 0;
  try {
    const done = new Promise<OtaReport | undefined>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new TransportError(`no final report from ${o.device} within ${o.timeoutMs ?? 30000} ms`)),
        o.timeoutMs ?? 30000,
      );
      client.on('message', (topic, payload) => {
        if (topic === base + T.chunkGet) {
          const req = JSON.parse(payload.toString('utf8')) as { version: string; offset: number; length: number };
          if (req.version !== manifest.version) return;
          const n = requests++;
          const data = o.bytes.subarray(req.offset, req.offset + req.length);
          const frame = encodeChunk(req.offset, data);
          if (o.corrupt?.(n) && frame.length > 8) frame[frame.length - 1]! ^= 0xff;
          client.publish(base + T.chunkData, frame, { qos: 1 });
        } else if (topic === base + T.reported && payload.length > 0) {
          const r = JSON.parse(payload.toString('utf8')) as OtaReport;
          if (r.version !== manifest.version) return;
          if (!o.wait || FINAL.has(r.state)) {
            clearTimeout(timer);
            resolve(r);
          }
        }
      });
    });
    await client.subscribeAsync([base + T.chunkGet, base + T.reported], { qos: 1 });
    await client.publishAsync(base + T.desired, JSON.stringify(manifest), { qos: 1, retain: true });
    const report = await done;
    return { manifest, ...(report ? { report } : {}), chunkRequests: requests, ms: performance.now() - t0 };
  } finally {
    await client.endAsync();
  }
}

type DeployOptionsChecked = MqttDeployOptions;
