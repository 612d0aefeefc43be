/**
 * A simulated device on MQTT: one client per device (so each has its own Last Will), publishing
 * retained `status` (Will: `offline`) and `meta`, following the retained `modules/desired`
 * manifest (fetching the bytes in CRC-checked chunks, retrying a corrupt or missing chunk, then
 * handing them to the OTA agent), reporting `modules/reported`, answering `cmd/<verb>` and
 * publishing QoS 1 `telemetry` and `metrics`. MQTT 5 is used when asked for (`protocolVersion: 5`;
 * message expiry on telemetry); on a 3.1.1 broker (aedes) the same topics work without properties.
 * Per-message costs are kept small for fleets of a thousand devices per process: telemetry JSON
 * built as text, steady-state telemetry written and acknowledged beside mqtt.js (lean-telemetry.ts),
 * writes batched per tick (write-batch.ts), no client debug logging.
 */
import { createConnection } from 'node:net';
import type { Duplex } from 'node:stream';
import mqtt, { MqttClient, type IClientOptions, type IClientPublishOptions } from 'mqtt';
import { ArgumentError } from '../../hosts/errors.js';
import { DeployError } from '../../hosts/device/device.js';
import type { OtaAgent, OtaReport } from '../ota/agent.js';
import { decodeTransfer, signedManifest, transferSize, type TransferManifest } from '../ota/transfer.js';
import type { SimDevice } from '../sim-device.js';
import { TransportError } from './errors.js';
import { CHUNK_SIZE, decodeChunk, deviceBase, T } from './topics.js';
import { batchWrites } from './write-batch.js';
import { LeanTelemetry } from './lean-telemetry.js';
import { brokerList, failoverOptions } from './broker-urls.js';

/** telemetry messages kept while disconnected (about ten minutes at 10 Hz) */
const MAX_OFFLINE_QUEUE = 6000;
const noop = (): void => {};

export interface MqttDeviceOptions {
  readonly url: string;
  readonly fleet: string;
  readonly sim: SimDevice;
  readonly agent: OtaAgent;
  readonly protocolVersion?: 4 | 5;
  /** publish telemetry every N steps (default 1) */
  readonly telemetryEvery?: number;
  readonly chunkTimeoutMs?: number;
  readonly mqtt?: IClientOptions;
  readonly jitter?: () => { p50: number; p99: number };
  /**
   * connect through this stream instead of `url` (called again on every reconnect): the embedded
   * broker's in-process pipe (EmbeddedBroker.connect); `url` is then only a label
   */
  readonly stream?: () => Duplex;
  /** called as each incoming packet is handled: RealtimeRunner.service, so due steps go first */
  readonly onPacket?: () => void;
  /** client errors (refused connections, TLS failures); the client keeps reconnecting */
  readonly onError?: (e: Error) => void;
  /**
   * steady-state telemetry written and acknowledged beside mqtt.js (lean-telemetry.ts; default
   * true): the same packets and client state, less CPU per message. false: every publish through
   * mqtt.js (for comparison)
   */
  readonly lean?: boolean;
  /**
   * telemetry messages per socket write on the lean path (default 1). N > 1 holds each device's
   * messages until N are taken and writes them together — 1/N of the write syscalls and of the
   * broker's reads — and so delays each message but the last by up to N − 1 periods: a
   * throughput option, off by default (docs/mqtt.md)
   */
  readonly telemetryPerWrite?: number;
}

/**
 * An MQTT client whose connection batches its writes (write-batch.ts): through `stream` when given,
 * over plain TCP for mqtt:// and tcp:// URLs (credentials in the URL are honoured); any other URL
 * (mqtts://, ws://…) goes through mqtt.connect unchanged. `url` may list several nodes of one
 * broker (`a,b`): a connection that closes or fails moves the next (re)connect to the next node.
 * `wrap` sees each new stream first (LeanTelemetry.attach); it is not called for mqtt.connect's.
 */
export function connectBatched(url: string, options: IClientOptions, stream?: () => Duplex, wrap: (s: Duplex) => Duplex = (s) => s): MqttClient {
  if (stream) return new MqttClient(() => batchWrites(wrap(stream())), options);
  const urls = brokerList(url);
  const first = new URL(urls[0]!);
  if (first.protocol !== 'mqtt:' && first.protocol !== 'tcp:') return mqtt.connect(urls[0]!, { ...options, ...failoverOptions(urls) });
  const nodes = urls.map((s) => {
    const u = new URL(s);
    return { host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port: u.port === '' ? 1883 : Number(u.port) };
  });
  let next = 0;
  return new MqttClient(() => {
    const n = nodes[next % nodes.length]!;
    const socket = createConnection({ host: n.host, port: n.port, noDelay: true });
    // a node that refuses, fails or drops us: the next attempt goes to the next node
    if (nodes.length > 1) socket.once('close', () => void next++);
    return batchWrites(wrap(socket));
  }, {
    ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
    ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
    ...options,
  });
}

/** certificate checks that fail when the broker's CA is not trusted (Node's TLS error codes) */
const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/** `url` without its password, for messages */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    return url;
  }
}

/** a failed connection as one line naming the broker (never its password), with a hint for TLS */
export function connectError(url: string, e: unknown): TransportError {
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as NodeJS.ErrnoException).code ?? '';
  // OpenSSL errors carry a multi-line message; their `reason` is the readable part
  const text = ((err as { reason?: unknown }).reason as string | undefined) ?? err.message.split('\n')[0]!;
  const hint = UNTRUSTED.has(code)
    ? " (the broker's certificate is not trusted: give its CA with --ca FILE)"
    : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
      ? " (the broker's certificate does not name this host)"
      : /certificate required|handshake failure|bad certificate|unknown ca/i.test(text)
        ? ' (the broker requires a client certificate it trusts: --cert FILE --key FILE)'
        : '';
  return new TransportError(`cannot connect to ${redactUrl(url)}: ${text}${hint}`, err);
}

export class MqttDeviceLink {
  readonly base: string;
  readonly client: MqttClient;
  private readonly sim: SimDevice;
  private readonly agent: OtaAgent;
  private readonly every: number;
  private readonly chunkTimeoutMs: number;
  private readonly v5: boolean;
  private readonly jitter: (() => { p50: number; p99: number }) | undefined;
  private fetching: string | null = null;
  /** the latest desired manifest's transfer key: a transfer of another one stops */
  private wanted: string | null = null;
  /** the transfer in progress or interrupted: bytes verified so far */
  private transfer: { readonly key: string; readonly manifest: TransferManifest; readonly buf: Uint8Array; next: number } | null = null;
  private chunkWaiter: ((frame: Uint8Array) => void) | null = null;
  private steps = 0;
  private traps = 0;
  private offline = 0;
  private closing: Promise<void> | null = null;
  /** telemetry messages handed to the client (QoS 1) */
  published = 0;
  /**
   * Telemetry taken while the client replays its stored messages after a reconnect (between
   * CONNACK and its `connect` event). mqtt.js resends unacknowledged QoS 1 messages one at a
   * time and meanwhile queues new publishes in a list that it drops, callbacks erroring, when
   * that connection closes before the replay is over — neither sent nor stored, so a broker that
   * accepts a reconnect and closes it again (NATS taking over a dead server's session; a node
   * failing twice) loses seconds of telemetry. Held here instead, they are published in order
   * once the replay is over (on `connect`), whatever number of connections that takes.
   */
  private held: string[] = [];
  private replaying = false;
  /** the steady-state telemetry path (null: everything through mqtt.js) */
  readonly lean: LeanTelemetry | null;
  private readonly telemetryTopic: string;
  private readonly telemetryOpts: IClientPublishOptions;
  /**
   * `,"key":` of the i-th value of the previous message: a module reports the same keys in the
   * same order every step, so the per-step encoding compares one string per value instead of
   * escaping or looking up its key (a changed key at position i is quoted once and remembered)
   */
  private readonly keyAt: string[] = [];
  private readonly prefixAt: string[] = [];
  private at = 0;
  private text = '';
  private readonly appendValue = (v: number, k: string): void => {
    const i = this.at++;
    let p = this.prefixAt[i];
    if (this.keyAt[i] !== k || p === undefined) {
      this.keyAt[i] = k;
      this.prefixAt[i] = p = `,${JSON.stringify(k)}:`;
    }
    this.text += p + (Number.isFinite(v) ? v : 'null');
  };

  constructor(opts: MqttDeviceOptions) {
    this.sim = opts.sim;
    this.agent = opts.agent;
    this.every = opts.telemetryEvery ?? 1;
    this.chunkTimeoutMs = opts.chunkTimeoutMs ?? 2000;
    this.jitter = opts.jitter;
    const id = opts.sim.device.id;
    this.base = deviceBase(opts.fleet, id);
    this.v5 = opts.protocolVersion === 5;
    this.telemetryTopic = this.base + T.telemetry;
    this.telemetryOpts = { qos: 1, ...(this.v5 ? { properties: { messageExpiryInterval: 60 } } : {}) };
    const options: IClientOptions = {
      clientId: `wasmlet-${opts.fleet}-${id}`,
      protocolVersion: opts.protocolVersion ?? 4,
      clean: false,
      reconnectPeriod: 250,
      ...(this.v5 ? { properties: { sessionExpiryInterval: 300 } } : {}),
      will: { topic: this.base + T.status, payload: Buffer.from('offline'), qos: 1, retain: true },
      // per-message costs matter at fleet scale (10 publishes/s per device): no debug formatting,
      // no keepalive timer re-armed on every PUBACK (pings simply go out every keepalive)
      log: noop,
      reschedulePings: false,
      ...opts.mqtt,
    };
    const onPacket = opts.onPacket ?? noop;
    // topic aliases rewrite the packets mqtt.js sends: the lean path would not
    const aliases = this.v5 && (options.autoAssignTopicAlias || options.autoUseTopicAlias);
    const lean = opts.lean === false || aliases ? null : new LeanTelemetry(this.telemetryTopic, this.v5 ? 5 : 4, this.telemetryOpts.properties, onPacket, opts.telemetryPerWrite ?? 1);
    this.lean = lean;
    this.client = connectBatched(opts.url, options, opts.stream, lean ? (s) => lean.attach(s) : undefined);
    lean?.bind(this.client);
    this.client.on('connect', () => this.onConnect());
    this.client.on('message', (topic, payload) => this.onMessage(topic, payload));
    this.client.on('error', opts.onError ?? noop);
    this.client.on('packetreceive', (packet) => {
      if (packet.cmd === 'connack') this.replaying = true; // until `connect`: see `held`
      onPacket();
    });
    this.client.on('close', () => void (this.replaying = false));
    this.agent.on('report', (r) => this.publishReport(r));
    this.sim.device.on('fault', () => this.traps++);
  }

  private onConnect(): void {
    this.replaying = false;
    this.offline = 0;
    const c = this.client;
    const spec = this.sim.plant.spec;
    c.publish(this.base + T.status, 'online', { qos: 1, retain: true });
    c.publish(
      this.base + T.meta,
      JSON.stringify({
        plant: spec.name,
        sensors: spec.sensors,
        actuators: spec.actuators,
        limits: this.sim.device.limits,
        abi: 'wasmlet_device_abi_v1',
        periodS: this.sim.periodS,
        ota: this.agent.capabilities,
      }),
      { qos: 1, retain: true },
    );
    // one topic per SUBSCRIBE: aedes 1.2 with both Redis parts (wasmlet broker --redis) never
    // acknowledges a multi-topic SUBSCRIBE of a persistent session, and drops all but one topic
    for (const t of [T.desired, T.chunkData, T.cmd + '+']) c.subscribe(this.base + t, { qos: 1 });
    if (this.agent.last) this.publishReport(this.agent.last);
    // a transfer the connection cut off goes on (a broker need not resend the retained manifest
    // for a subscription the session still holds)
    if (this.transfer && !this.fetching && this.wanted === this.transfer.key) void this.fetchAndInstall(this.transfer.manifest);
    const held = this.held;
    this.held = [];
    for (const text of held) c.publish(this.telemetryTopic, text, this.telemetryOpts);
  }

  private publishReport(r: OtaReport): void {
    this.client.publish(this.base + T.reported, JSON.stringify(r), { qos: 1, retain: true });
  }

  /** call after every step: telemetry, metrics, OTA commit check */
  afterStep(): void {
    this.agent.poll();
    if (++this.steps % this.every !== 0) return;
    // QoS 1 telemetry is queued by the client while the broker is away (bounded)
    if (!this.client.connected && ++this.offline > MAX_OFFLINE_QUEUE) return;
    const dev = this.sim.device;
    if (this.replaying || this.held.length > 0) {
      // in order behind what is held; bounded as the client's own offline queue
      if (this.held.length < MAX_OFFLINE_QUEUE) this.held.push(this.encodeTelemetry());
    } else {
      const text = this.encodeTelemetry();
      if (!this.lean?.publish(text)) this.client.publish(this.telemetryTopic, text, this.telemetryOpts);
    }
    this.published++;
    if (this.client.connected && this.steps % (this.every * 10) === 0) {
      const j = this.jitter?.() ?? { p50: 0, p99: 0 };
      this.client.publish(
        this.base + T.metrics,
        JSON.stringify({
          fuel: dev.lastFuel,
          stepUs: dev.lastStepUs,
          jitterP50Ms: j.p50,
          jitterP99Ms: j.p99,
          memoryBytes: dev.peaks().memoryBytes,
          traps: this.traps,
          state: dev.state,
        }),
        { qos: 0 },
      );
    }
  }

  /** QoS 1 telemetry sent, queued while offline or held, and not yet acknowledged by the broker */
  get unacknowledged(): number {
    let n = this.held.length;
    for (const _ in this.client.outgoing) n++;
    return n;
  }

  /**
   * `{"t":…,"seq":…,"state":…,"sp":…,"pv":…,"u":…,<key>:<value>…}` built directly: the same text JSON.stringify gives
   * for the equivalent object (non-finite values as null), without the intermediate object.
   */
  encodeTelemetry(): string {
    const dev = this.sim.device;
    this.text = `{"t":${this.sim.timeS},"seq":${this.steps},"state":"${dev.state}"`;
    this.at = 0;
    // the loop's signals (setpoint, sensor 0 as read, actuator 0 as held) for live charts; a
    // module key of the same name comes later and wins
    this.appendValue(dev.params.get(0) ?? 0, 'sp');
    this.appendValue(this.sim.readings[0]!, 'pv');
    this.appendValue(dev.actuators[0]!, 'u');
    dev.telemetry.forEach(this.appendValue); // no iterator or entry arrays
    return this.text + '}';
  }

  private onMessage(topic: string, payload: Buffer): void {
    if (!topic.startsWith(this.base)) return;
    const sub = topic.slice(this.base.length);
    if (sub === T.chunkData) {
      this.chunkWaiter?.(payload);
      return;
    }
    if (sub === T.desired) {
      if (payload.length === 0) return;
      let m: TransferManifest;
      try {
        m = JSON.parse(payload.toString('utf8')) as TransferManifest;
      } catch {
        return;
      }
      void this.fetchAndInstall(m);
      return;
    }
    if (sub.startsWith(T.cmd) && !sub.endsWith('/result')) this.command(sub.slice(T.cmd.length), payload);
  }

  private command(verb: string, payload: Buffer): void {
    const dev = this.sim.device;
    let ok = true;
    let error: string | undefined;
    try {
      if (verb === 'start') dev.start();
      else if (verb === 'stop') dev.stop();
      else if (verb === 'reset') dev.reset();
      else if (verb === 'rollback') {
        // A/B slots: only a staged (not yet committed) module can be rolled back
        if (!this.agent.staged) throw new DeployError('nothing staged to roll back');
        this.agent.rollback('operator');
      } else if (verb === 'param') {
        const p = JSON.parse(payload.toString('utf8')) as { id?: unknown; value?: unknown } | null;
        if (!p || !Number.isInteger(p.id) || typeof p.value !== 'number') throw new ArgumentError('param needs JSON {"id": integer, "value": number}');
        dev.setParam(p.id as number, p.value);
      } else {
        ok = false;
        error = `unknown command ${verb}`;
      }
    } catch (e) {
      ok = false;
      error = e instanceof Error ? e.message : String(e);
    }
    this.client.publish(this.base + T.cmd + verb + '/result', JSON.stringify({ ok, state: dev.state, ...(error ? { error } : {}) }), { qos: 1 });
  }

  private async fetchAndInstall(m: TransferManifest): Promise<void> {
    const total = transferSize(m);
    const key = `${m.version}:${m.sha256}:${m.encoding ?? ''}:${total}`;
    this.wanted = key;
    const cur = this.agent.committed;
    if (cur && cur.version === m.version && cur.sha256 === m.sha256) return;
    if (this.fetching === key) return;
    // an interrupted transfer of these bytes resumes at its last verified chunk
    const resuming = this.transfer?.key === key;
    const last = this.agent.last;
    if (!resuming && last && last.version === m.version && (last.state === 'rejected' || last.state === 'rolled_back' || last.state === 'staged')) return;
    this.fetching = key;
    try {
      if (!resuming) {
        this.transfer = null;
        if (this.agent.admit(m)) return;
        this.transfer = { key, manifest: m, buf: new Uint8Array(total), next: 0 };
      }
      const t = this.transfer!;
      while (t.next < total) {
        if (this.wanted !== key) return; // superseded by another manifest
        const len = Math.min(CHUNK_SIZE, total - t.next);
        let got: Uint8Array | null = null;
        for (let attempt = 0; attempt < 5 && !got; attempt++) {
          got = await this.getChunk(m.version, t.next, len);
          // offline: the retained manifest arrives again on reconnect and the transfer resumes here
          if (!got && !this.client.connected) return;
        }
        if (!got) {
          this.agent.reject(m, `chunk at ${t.next} not received`, { received: t.next, total });
          return;
        }
        t.buf.set(got, t.next);
        t.next += len;
      }
      this.transfer = null;
      let bytes: Uint8Array;
      try {
        bytes = decodeTransfer(m, t.buf);
      } catch (e) {
        this.agent.reject(m, (e as Error).message);
        return;
      }
      this.agent.install(signedManifest(m), bytes);
    } finally {
      if (this.fetching === key) this.fetching = null;
    }
  }

  private getChunk(version: string, offset: number, length: number): Promise<Uint8Array | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.chunkWaiter = null;
        resolve(null);
      }, this.chunkTimeoutMs);
      this.chunkWaiter = (frame) => {
        const c = decodeChunk(frame);
        if (c && c.offset !== offset) return; // stale answer to an earlier request
        clearTimeout(timer);
        this.chunkWaiter = null;
        if (!c) {
          resolve(null); // corrupt: ask again
          return;
        }
        resolve(c.data.slice(0, length));
      };
      this.client.publish(this.base + T.chunkGet, JSON.stringify({ version, offset, length }), { qos: 1 });
    });
  }

  /** publish `offline` (retained) and disconnect; calling it again returns the same promise */
  close(): Promise<void> {
    this.lean?.flush(); // held telemetry goes out before `offline`
    this.closing ??= new Promise((resolve) => {
      // no broker to tell: the Will (or the next session) will say offline
      if (!this.client.connected) return void this.client.end(true, {}, () => resolve());
      this.client.publish(this.base + T.status, 'offline', { qos: 1, retain: true }, () => this.client.end(false, {}, () => resolve()));
    });
    return this.closing;
  }
}
