/**
 * Both ends of the serial protocol over a real serial port (or a pty): `SerialDeviceLink` makes a
 * simulated device answer HELLO, DEPLOY begin/chunk/commit (through its OTA agent) and PARAM, and
 * stream TELEMETRY, LOG, FAULT and OTA REPORT frames; `SerialHost` is the operator side, with
 * stop-and-wait delivery: every request is acknowledged (ACK/NAK carrying the same seq), and is
 * resent after a NAK or a timeout, up to `retries` times.
 *
 * A pty moves bytes as fast as the machine does; with `baud` each end sends at that line rate
 * (8N1: ten bits a byte), so deploy times are those of a real UART. Modules travel deflated when
 * the device's HELLO says it accepts that, and a DEPLOY_BEGIN of the transfer the device already
 * holds part of is answered with where to resume.
 */
import { SerialPort } from 'serialport';
import { DeployError } from '../../hosts/device/device.js';
import type { OtaAgent, OtaReport } from '../ota/agent.js';
import { signModule, type ModuleManifest } from '../ota/signing.js';
import type { SimDevice } from '../sim-device.js';
import { TransportError } from './errors.js';
import { encodeFrame, FrameType, SlipReader, type Decoded, type Frame } from './serial-frame.js';
import type { KeyObject } from 'node:crypto';
import { decodeTransfer, encodeForTransfer, signedManifest, transferSize, type TransferManifest } from '../ota/transfer.js';

export interface SerialLineOptions {
  /** simulate this line rate in bits per second (8N1: baud / 10 bytes a second); omitted: no pacing */
  readonly baud?: number;
}

/** Writes to a port at a line rate: frames leave in order, each once its last byte would have. */
class Line {
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private busyUntil = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(
    private readonly port: SerialPort,
    readonly baud: number | undefined,
  ) {}

  /** milliseconds `n` bytes take on the line (0 without pacing) */
  ms(n: number): number {
    return this.baud ? (n * 10 * 1000) / this.baud : 0;
  }

  /** bytes waiting to go out */
  get backlog(): number {
    return this.queued;
  }

  write(b: Buffer): void {
    if (!this.baud) {
      if (this.port.isOpen) this.port.write(b);
      return;
    }
    this.queue.push(b);
    this.queued += b.length;
    if (!this.timer) this.next();
  }

  private next(): void {
    const b = this.queue[0];
    if (!b) {
      this.timer = null;
      return;
    }
    const now = performance.now();
    this.busyUntil = Math.max(now, this.busyUntil) + this.ms(b.length);
    this.timer = setTimeout(() => {
      this.queue.shift();
      this.queued -= b.length;
      if (this.port.isOpen) this.port.write(b);
      this.next();
    }, this.busyUntil - now);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
    this.queued = 0;
  }
}

/** a device drops telemetry and log frames rather than queue more than this on a slow line (a UART's TX buffer) */
const MAX_DEVICE_BACKLOG = 4096;

function openPort(path: string, baud = 115200): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const p = new SerialPort({ path, baudRate: baud, autoOpen: false });
    p.open((e) => (e ? reject(new TransportError(`cannot open serial port ${path}: ${e.message}`, e)) : resolve(p)));
  });
}

function closePort(p: SerialPort): Promise<void> {
  return new Promise((resolve) => (p.isOpen ? p.close(() => resolve()) : resolve()));
}

export class SerialDeviceLink {
  private seq = 0;
  /** the transfer in progress (or broken off): its manifest, bytes, and how many arrived in order */
  private transfer: { readonly key: string; readonly manifest: TransferManifest; readonly bytes: Uint8Array; next: number } | null = null;
  private lastSeq = -1;
  private lastAnswer: Buffer | null = null;
  private steps = 0;
  private readonly line: Line;
  /** telemetry and log frames dropped because the line was behind */
  dropped = 0;

  private constructor(
    readonly port: SerialPort,
    private readonly sim: SimDevice,
    private readonly agent: OtaAgent,
    private readonly every: number,
    baud: number | undefined,
  ) {
    this.line = new Line(port, baud);
    const reader = new SlipReader((d) => this.onPacket(d));
    port.on('data', (c: Buffer) => reader.push(c));
    agent.on('report', (r) => this.send(FrameType.REPORT, Buffer.from(JSON.stringify(r))));
    sim.device.on('fault', (f) => this.send(FrameType.FAULT, Buffer.from(JSON.stringify({ kind: f.kind, message: f.message }))));
    sim.device.on('log', (l) => this.send(FrameType.LOG, Buffer.from(JSON.stringify(l))));
  }

  static async open(path: string, sim: SimDevice, agent: OtaAgent, telemetryEvery = 10, o: SerialLineOptions = {}): Promise<SerialDeviceLink> {
    return new SerialDeviceLink(await openPort(path, o.baud), sim, agent, telemetryEvery, o.baud);
  }

  afterStep(): void {
    this.agent.poll();
    if (++this.steps % this.every !== 0) return;
    const t = { t: this.sim.timeS, seq: this.steps, state: this.sim.device.state, ...Object.fromEntries(this.sim.device.telemetry) };
    this.send(FrameType.TELEMETRY, Buffer.from(JSON.stringify(t)));
  }

  private send(type: number, payload: Buffer): void {
    if ((type === FrameType.TELEMETRY || type === FrameType.LOG) && this.line.backlog > MAX_DEVICE_BACKLOG) {
      this.dropped++;
      return;
    }
    this.line.write(encodeFrame(type, this.seq++ & 0xffff, payload));
  }

  private answer(seq: number, ok: boolean, body: unknown): void {
    const f = encodeFrame(ok ? FrameType.ACK : FrameType.NAK, seq, Buffer.from(JSON.stringify(body)));
    this.lastSeq = seq;
    this.lastAnswer = f;
    this.line.write(f);
  }

  private onPacket(d: Decoded): void {
    if (!d.ok) {
      if (d.seq !== null) this.line.write(encodeFrame(FrameType.NAK, d.seq, Buffer.from(JSON.stringify({ error: d.reason }))));
      return;
    }
    const { type, seq, payload } = d.frame;
    if (seq === this.lastSeq && this.lastAnswer) {
      this.line.write(this.lastAnswer); // a retransmission: our ACK was lost
      return;
    }
    try {
      switch (type) {
        case FrameType.HELLO: {
          const spec = this.sim.plant.spec;
          return this.answer(seq, true, {
            id: this.sim.device.id, plant: spec.name, abi: 'wasmlet_device_abi_v1', committed: this.agent.committed?.version ?? null, state: this.sim.device.state,
            ota: this.agent.capabilities,
          });
        }
        case FrameType.DEPLOY_BEGIN: {
          const m = JSON.parse(payload.toString('utf8')) as TransferManifest;
          const total = transferSize(m);
          const key = `${m.version}:${m.sha256}:${m.encoding ?? ''}:${total}`;
          // the same transfer again (the host reconnected): go on where the bytes stop
          if (this.transfer?.key === key) return this.answer(seq, true, { resumeAt: this.transfer.next });
          this.transfer = null;
          const refused = this.agent.admit(m);
          if (refused) return this.answer(seq, false, refused); // the report: refused before transfer
          this.transfer = { key, manifest: m, bytes: new Uint8Array(total), next: 0 };
          return this.answer(seq, true, { resumeAt: 0 });
        }
        case FrameType.DEPLOY_CHUNK: {
          const t = this.transfer;
          if (!t || payload.length < 4) return this.answer(seq, false, { error: 'no deploy in progress' });
          const off = payload.readUInt32BE(0);
          const data = payload.subarray(4);
          if (off + data.length > t.bytes.length) return this.answer(seq, false, { error: 'chunk out of range' });
          t.bytes.set(data, off);
          if (off <= t.next) t.next = Math.max(t.next, off + data.length);
          return this.answer(seq, true, { offset: off });
        }
        case FrameType.DEPLOY_COMMIT: {
          const t = this.transfer;
          if (!t) return this.answer(seq, false, { error: 'no deploy in progress' });
          if (t.next < t.bytes.length) return this.answer(seq, false, { error: `incomplete transfer: ${t.next} of ${t.bytes.length} bytes` });
          this.transfer = null;
          let bytes: Uint8Array;
          try {
            bytes = decodeTransfer(t.manifest, t.bytes);
          } catch (e) {
            return this.answer(seq, false, this.agent.reject(t.manifest, (e as Error).message));
          }
          const r = this.agent.install(signedManifest(t.manifest), bytes);
          return this.answer(seq, r.state !== 'rejected', r);
        }
        case FrameType.PARAM: {
          const p = JSON.parse(payload.toString('utf8')) as { id: number; value: number };
          this.sim.device.setParam(p.id, p.value);
          return this.answer(seq, true, {});
        }
        default:
          return this.answer(seq, false, { error: `unknown type ${type}` });
      }
    } catch (e) {
      this.answer(seq, false, { error: e instanceof Error ? e.message : String(e) });
    }
  }

  close(): Promise<void> {
    this.line.stop();
    return closePort(this.port);
  }
}

export interface SerialRequestResult {
  readonly ok: boolean;
  readonly body: Record<string, unknown>;
}

/** what the latest `SerialHost.deploy` sent */
export interface SerialTransfer {
  /** bytes of module data on the wire (deflated when `encoding` is set) */
  readonly wireBytes: number;
  readonly encoding?: 'deflate';
  /** where the device said the transfer resumes (0: from the start) */
  readonly resumedAt: number;
  /** chunks sent in this call */
  readonly chunks: number;
}

export class SerialHost {
  private seq = 1;
  private readonly line: Line;
  /** the latest deploy's transfer */
  lastTransfer: SerialTransfer | null = null;
  private waiting: { seq: number; resolve: (f: Frame) => void } | null = null;
  readonly frames: Frame[] = [];
  /** resends done (NAK or timeout) */
  retransmissions = 0;
  private listeners: ((f: Frame) => void)[] = [];

  private constructor(readonly port: SerialPort, private readonly timeoutMs: number, private readonly retries: number, baud: number | undefined) {
    this.line = new Line(port, baud);
    const reader = new SlipReader((d) => {
      if (!d.ok) return;
      const f = d.frame;
      if ((f.type === FrameType.ACK || f.type === FrameType.NAK) && this.waiting?.seq === f.seq) {
        this.waiting.resolve(f);
        return;
      }
      if (f.type !== FrameType.ACK && f.type !== FrameType.NAK) {
        this.frames.push(f);
        for (const l of this.listeners) l(f);
      }
    });
    port.on('data', (c: Buffer) => reader.push(c));
  }

  /** `timeoutMs` is the wait for an answer beyond the time the frames take on the line */
  static async open(path: string, timeoutMs = 500, retries = 5, o: SerialLineOptions = {}): Promise<SerialHost> {
    return new SerialHost(await openPort(path, o.baud), timeoutMs, retries, o.baud);
  }

  onFrame(l: (f: Frame) => void): void {
    this.listeners.push(l);
  }

  /**
   * Send one request and wait for its ACK (ok) or final NAK. A NAK whose body says the frame was
   * damaged (`crc mismatch`, `length mismatch`…) and a timeout are retried; `mangle` (tests)
   * may damage the bytes of a given attempt.
   */
  async request(type: number, payload: Buffer = Buffer.alloc(0), mangle?: (attempt: number, bytes: Buffer) => void): Promise<SerialRequestResult> {
    const seq = this.seq++ & 0xffff;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      const bytes = encodeFrame(type, seq, payload);
      mangle?.(attempt, bytes);
      // on a paced line: our frame, then the device's backlog and its answer, take line time too
      const wait = this.timeoutMs + this.line.ms(bytes.length + MAX_DEVICE_BACKLOG + 512);
      const reply = await new Promise<Frame | null>((resolve) => {
        const t = setTimeout(() => {
          this.waiting = null;
          resolve(null);
        }, wait);
        this.waiting = {
          seq,
          resolve: (f) => {
            clearTimeout(t);
            this.waiting = null;
            resolve(f);
          },
        };
        this.line.write(bytes);
      });
      if (reply) {
        const body = JSON.parse(reply.payload.toString('utf8') || '{}') as Record<string, unknown>;
        const damaged = reply.type === FrameType.NAK && /mismatch|short|version/.test(String(body['error']));
        if (!damaged) return { ok: reply.type === FrameType.ACK, body };
      }
      this.retransmissions++;
    }
    throw new TransportError(`no answer to frame type ${type} after ${this.retries + 1} attempts`);
  }

  /**
   * Deploy over serial: HELLO (what the device accepts), DEPLOY_BEGIN with the signed manifest
   * (deflated bytes when the device accepts them and they are 10 % smaller; `compress: false`
   * never), the chunks from where the device says it stands, DEPLOY_COMMIT. With `wait`, resolves
   * with the first final REPORT for the version (running, rolled_back, faulted).
   */
  async deploy(o: {
    bytes: Uint8Array;
    key?: KeyObject;
    manifest?: ModuleManifest;
    id?: string;
    version?: string;
    wait?: boolean;
    timeoutMs?: number;
    chunkSize?: number;
    compress?: boolean;
    mangle?: (chunk: number, attempt: number, bytes: Buffer) => void;
    /** after each chunk: module bytes on the wire sent so far (resumed ones included) and in all */
    onProgress?: (sent: number, total: number) => void;
  }): Promise<OtaReport> {
    const m = o.manifest ?? signModule(o.bytes, o.key!, o.id ?? 'module', o.version ?? new Date().toISOString());
    const final = new Promise<OtaReport>((resolve, reject) => {
      const t = setTimeout(() => reject(new TransportError('no final report')), o.timeoutMs ?? 20000);
      this.onFrame((f) => {
        if (f.type !== FrameType.REPORT) return;
        const r = JSON.parse(f.payload.toString('utf8')) as OtaReport;
        if (r.version === m.version && r.state !== 'staged') {
          clearTimeout(t);
          resolve(r);
        }
      });
    });
    final.catch(() => {});
    let accepted: readonly string[] | undefined;
    if (o.compress !== false) {
      const hello = await this.request(FrameType.HELLO);
      const ota = hello.body['ota'] as { encodings?: unknown } | undefined;
      accepted = Array.isArray(ota?.encodings) ? (ota.encodings as string[]) : undefined;
    }
    const t = encodeForTransfer(m, o.bytes, accepted);
    const begin = await this.request(FrameType.DEPLOY_BEGIN, Buffer.from(JSON.stringify(t.manifest)));
    // refused before transfer (signature, slot size): the device's report, as after a commit
    if (!begin.ok && begin.body['state'] === 'rejected') return begin.body as unknown as OtaReport;
    if (!begin.ok) throw new DeployError(`device refused deploy: ${String(begin.body['error'])}`);
    const at = begin.body['resumeAt'];
    const resumedAt = typeof at === 'number' && Number.isSafeInteger(at) && at >= 0 && at <= t.bytes.length ? at : 0;
    const size = o.chunkSize ?? 1024;
    let chunks = 0;
    for (let off = resumedAt, n = 0; off < t.bytes.length; off += size, n++) {
      const data = t.bytes.subarray(off, off + size);
      const p = Buffer.alloc(4 + data.length);
      p.writeUInt32BE(off, 0);
      p.set(data, 4);
      const r = await this.request(FrameType.DEPLOY_CHUNK, p, o.mangle ? (a, b) => o.mangle!(n, a, b) : undefined);
      if (!r.ok) throw new DeployError(`chunk at ${off} refused: ${String(r.body['error'])}`);
      chunks++;
      o.onProgress?.(off + data.length, t.bytes.length);
    }
    this.lastTransfer = { wireBytes: t.bytes.length, ...(t.manifest !== m ? { encoding: 'deflate' as const } : {}), resumedAt, chunks };
    const c = await this.request(FrameType.DEPLOY_COMMIT);
    const staged = c.body as unknown as OtaReport;
    if (!c.ok || !o.wait || staged.state !== 'staged') return staged;
    return final;
  }

  close(): Promise<void> {
    this.line.stop();
    return closePort(this.port);
  }
}
