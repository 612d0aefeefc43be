/**
 * The operator side of an MQTT deployment: publish the signed manifest as the retained
 * `modules/desired`, serve the device's chunk requests from the module bytes, and (optionally)
 * wait until `modules/reported` names this version in a final state. `MqttDeployer` does this for
 * any number of devices over one client (a staged rollout deploys to many devices at once);
 * `deployOverMqtt` is the one-device, one-connection form. A module that declares the budgets it
 * needs (`wasmlet.limits`) is checked against the limits the device publishes in `meta` first: one
 * that cannot fit is reported `rejected` without a byte being transferred.
 */
import type { KeyObject } from 'node:crypto';
import type { IClientOptions, MqttClient } from 'mqtt';
import { compile } from '../../core/index.js';
import { declaredLimitsProblem, parseDeclaredLimits, type DeclaredLimits } from '../../hosts/device/declared-limits.js';
import type { DeviceLimits } from '../../hosts/device/limits.js';
import type { OtaReport } from '../ota/agent.js';
import { signModule, type ModuleManifest } from '../ota/signing.js';
import { encodeForTransfer, type OtaCapabilities } from '../ota/transfer.js';
import { TransportError } from './errors.js';
import { connectAny } from './broker-urls.js';
import { connectError } from './mqtt-device.js';
import { deviceBase, encodeChunk, PREFIX, T } from './topics.js';

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
  /** check declared budgets against the device's `meta` before transfer (default true; tests of the device's own check turn it off) */
  readonly precheck?: boolean;
  /** send the module deflated when the device's `meta` says it accepts that and it is smaller (default true) */
  readonly compress?: boolean;
}

export interface DeployResult {
  readonly manifest: ModuleManifest;
  readonly report?: OtaReport;
  readonly chunkRequests: number;
  /** bytes on the wire (the deflated length when the module went deflated; 0 when refused before transfer) */
  readonly wireBytes: number;
  readonly encoding?: 'deflate';
  readonly ms: number;
}

/** One device's deployment on an MqttDeployer. */
export interface DeviceDeploy {
  readonly device: string;
  readonly manifest: ModuleManifest;
  readonly bytes: Uint8Array;
  readonly wait?: boolean;
  readonly timeoutMs?: number;
  readonly corrupt?: (n: number) => boolean;
  /** see MqttDeployOptions.precheck */
  readonly precheck?: boolean;
  /** see MqttDeployOptions.compress */
  readonly compress?: boolean;
}

/** how long to wait for a device's retained `meta` */
const META_WAIT_MS = 1000;

/** what the operator reads from a device's retained `meta` (older devices publish no `ota`) */
interface DeviceMeta {
  readonly limits?: Partial<DeviceLimits>;
  readonly ota?: Partial<OtaCapabilities>;
}

/** declared budgets of module bytes (undefined: none, or a module the device will refuse anyway) */
const declaredCache = new WeakMap<Uint8Array, DeclaredLimits | undefined>();
function declaredOf(bytes: Uint8Array): DeclaredLimits | undefined {
  if (declaredCache.has(bytes)) return declaredCache.get(bytes);
  let d: DeclaredLimits | undefined;
  try {
    d = parseDeclaredLimits(compile(bytes).info.customs);
  } catch {
    d = undefined; // invalid module or section: the device rejects it with the reason
  }
  declaredCache.set(bytes, d);
  return d;
}

/** the report states after which a deployment is over (running = committed) */
export const FINAL_STATES: ReadonlySet<string> = new Set(['running', 'rejected', 'rolled_back', 'faulted']);

interface Active {
  readonly d: DeviceDeploy;
  /** the bytes on the wire (deflated or not) */
  wire: Uint8Array;
  /** the manifest is published: from now on every report for the version is this attempt's */
  published: boolean;
  requests: number;
  readonly settle: (r: OtaReport) => void;
  readonly cancel: () => void;
}

/**
 * Deploys modules to devices of one fleet over a connected client. With `wildcard` it subscribes
 * once to every device's chunk requests and reports (a rollout: two subscriptions instead of two
 * per device); otherwise it subscribes to each device's topics as it deploys to it.
 */
export class MqttDeployer {
  private readonly active = new Map<string, Active>();
  /** the latest `modules/reported` of each device seen on this client (retained or live) */
  private readonly latest = new Map<string, OtaReport>();
  /** each device's retained `meta` (limits, OTA capabilities) */
  private readonly metas = new Map<string, DeviceMeta>();
  private readonly metaWaiters = new Map<string, () => void>();
  private readonly prefix: string;
  private readonly listener = (topic: string, payload: Buffer): void => this.onMessage(topic, payload);
  private subscribed: Promise<unknown> | null = null;

  constructor(
    readonly client: MqttClient,
    readonly fleet: string,
    private readonly wildcard = false,
  ) {
    this.prefix = `${PREFIX}/${fleet}/`;
    client.on('message', this.listener);
  }

  /**
   * Publish `d.manifest` as the device's desired module and serve its chunks. Resolves with the
   * first report for this version (with `wait`: the first final one); rejects with TransportError
   * after `timeoutMs` (default 30000) without one.
   */
  async deploy(d: DeviceDeploy): Promise<DeployResult> {
    const t0 = performance.now();
    const timeoutMs = d.timeoutMs ?? 30000;
    if (this.active.has(d.device)) throw new TransportError(`a deployment to ${d.device} is already in progress`);
    let entry!: Active;
    const done = new Promise<OtaReport>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.active.delete(d.device);
        reject(new TransportError(`no final report from ${d.device} within ${timeoutMs} ms`));
      }, timeoutMs);
      entry = {
        d,
        wire: d.bytes,
        published: false,
        requests: 0,
        settle: (r) => {
          clearTimeout(timer);
          this.active.delete(d.device);
          resolve(r);
        },
        cancel: () => {
          clearTimeout(timer);
          this.active.delete(d.device);
        },
      };
    });
    done.catch(() => {}); // awaited below; a failed subscribe must not leave it unhandled
    this.active.set(d.device, entry);
    const base = deviceBase(this.fleet, d.device);
    try {
      if (this.wildcard) {
        this.subscribed ??= this.client.subscribeAsync([this.prefix + '+/' + T.chunkGet, this.prefix + '+/' + T.reported, this.prefix + '+/' + T.meta], { qos: 1 });
        await this.subscribed;
      } else {
        await this.client.subscribeAsync([base + T.chunkGet, base + T.reported, base + T.meta], { qos: 1 });
      }
      const meta = await this.meta(d);
      const problem = this.budgetProblem(d, meta);
      if (problem) {
        entry.settle({ id: d.manifest.id, version: d.manifest.version, state: 'rejected', error: `${problem} (refused before transfer)` });
        return { manifest: d.manifest, report: await done, chunkRequests: 0, wireBytes: 0, ms: performance.now() - t0 };
      }
      // a report for this version seen before (a retained one): the device will not act again,
      // unless it says its transfer broke off (then publishing again resumes it)
      const seen = this.latest.get(d.device);
      if (seen) this.check(entry, seen);
      if (this.active.get(d.device) === entry) {
        const t = d.compress === false ? { manifest: d.manifest, bytes: d.bytes } : encodeForTransfer(d.manifest, d.bytes, meta?.ota?.encodings);
        entry.wire = t.bytes;
        entry.published = true;
        await this.client.publishAsync(base + T.desired, JSON.stringify(t.manifest), { qos: 1, retain: true });
      }
    } catch (e) {
      entry.cancel();
      throw e;
    }
    const report = await done;
    const wire = entry.published ? entry.wire : d.bytes;
    return { manifest: d.manifest, report, chunkRequests: entry.requests, wireBytes: wire.length, ...(wire !== d.bytes ? { encoding: 'deflate' as const } : {}), ms: performance.now() - t0 };
  }

  /** the device's retained `meta`, waiting up to a second for it (undefined: none arrived) */
  private async meta(d: DeviceDeploy): Promise<DeviceMeta | undefined> {
    if (!this.metas.has(d.device)) {
      // retained messages follow the SUBACK: give the device's meta a moment to arrive
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, META_WAIT_MS);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.metaWaiters.set(d.device, done);
      });
      this.metaWaiters.delete(d.device);
    }
    return this.metas.get(d.device);
  }

  /** why the module cannot fit the device's published limits; undefined when it may (or we cannot tell) */
  private budgetProblem(d: DeviceDeploy, meta: DeviceMeta | undefined): string | undefined {
    const declared = d.precheck === false ? undefined : declaredOf(d.bytes);
    if (!declared || typeof meta?.limits !== 'object' || !meta.limits) return undefined;
    return declaredLimitsProblem(declared, meta.limits, `${d.manifest.id}@${d.manifest.version}`);
  }

  /** stop listening (the client stays open: it belongs to the caller) */
  close(): void {
    this.client.off('message', this.listener);
  }

  private check(a: Active, r: OtaReport): void {
    if (r.version !== a.d.manifest.version) return;
    if (!a.published && r.state === 'rejected' && r.transfer) return; // an earlier transfer that broke off: ours resumes it
    if (!a.d.wait || FINAL_STATES.has(r.state)) a.settle(r);
  }

  private onMessage(topic: string, payload: Buffer): void {
    if (!topic.startsWith(this.prefix)) return;
    const rest = topic.slice(this.prefix.length);
    const slash = rest.indexOf('/');
    const device = rest.slice(0, slash);
    const sub = rest.slice(slash + 1);
    if (sub === T.meta) {
      try {
        const m = JSON.parse(payload.toString('utf8')) as unknown;
        if (m && typeof m === 'object') this.metas.set(device, m as DeviceMeta);
      } catch {
        /* not ours to judge: the device checks again */
      }
      this.metaWaiters.get(device)?.();
      return;
    }
    if (sub === T.reported) {
      if (payload.length === 0) return;
      let r: OtaReport;
      try {
        r = JSON.parse(payload.toString('utf8')) as OtaReport;
      } catch {
        return;
      }
      this.latest.set(device, r);
      const a = this.active.get(device);
      if (a) this.check(a, r);
      return;
    }
    if (sub !== T.chunkGet) return;
    const a = this.active.get(device);
    if (!a) return;
    let req: { version: string; offset: number; length: number };
    try {
      req = JSON.parse(payload.toString('utf8')) as typeof req;
    } catch {
      return;
    }
    if (req.version !== a.d.manifest.version) return;
    const n = a.requests++;
    const frame = encodeChunk(req.offset, a.wire.subarray(req.offset, req.offset + req.length));
    if (a.d.corrupt?.(n) && frame.length > 8) frame[frame.length - 1]! ^= 0xff;
    this.client.publish(deviceBase(this.fleet, device) + T.chunkData, frame, { qos: 1 });
  }
}

/** Connect, deploy to one device, disconnect. */
export async function deployOverMqtt(o: MqttDeployOptions): Promise<DeployResult> {
  const t0 = performance.now();
  const manifest =
    o.manifest ?? signModule(o.bytes, o.key!, o.id ?? 'module', o.version ?? new Date().toISOString());
  // the first connection fails on any error (TLS, credentials, refused); later drops reconnect
  const client = await connectAny(o.url, { reconnectPeriod: 250, ...o.mqtt }, connectError);
  const deployer = new MqttDeployer(client, o.fleet ?? 'default');
  try {
    const r = await deployer.deploy({
      device: o.device,
      manifest,
      bytes: o.bytes,
      ...(o.wait !== undefined ? { wait: o.wait } : {}),
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.corrupt ? { corrupt: o.corrupt } : {}),
      ...(o.precheck !== undefined ? { precheck: o.precheck } : {}),
      ...(o.compress !== undefined ? { compress: o.compress } : {}),
    });
    return { ...r, ms: performance.now() - t0 };
  } finally {
    deployer.close();
    await client.endAsync();
  }
}
