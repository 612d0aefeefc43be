/**
 * Both ends of the serial protocol over a real serial port (or a pty): `SerialDeviceLink` makes a
 * simulated device answer HELLO, DEPLOY begin/chunk/commit (through its OTA agent) and PARAM, and
 * stream TELEMETRY, LOG, FAULT and OTA REPORT frames; `SerialHost` is the operator side, with
 * stop-and-wait delivery: every request is acknowledged (ACK/NAK carrying the same seq), and is
 * resent after a NAK or a timeout, up to `retries` times.
 */
import { SerialPort } from 'serialport';
import { DeployError } from '../../hosts/device/device.js';
import type { OtaAgent, OtaReport } from '../ota/agent.js';
import { signModule, type ModuleManifest } from '../ota/signing.js';
import type { SimDevice } from '../sim-device.js';
import { TransportError } from './errors.js';
import { encodeFrame, FrameType, SlipReader, type Decoded, type Frame } from './serial-frame.js';
import type { KeyObject } from 'node:crypto';

function openPort(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const p = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    p.open((e) => (e ? reject(new TransportError(`cannot open serial port ${path}: ${e.message}`, e)) : resolve(p)));
  });
}

function closePort(p: SerialPort): Promise<void> {
  return new Promise((resolve) => (p.isOpen ? p.close(() => resolve()) : resolve()));
}

export class SerialDeviceLink {
  private seq = 0;
  private manifest: ModuleManifest | null = null;
  private bytes: Uint8Array | null = null;
  private lastSeq = -1;
  private lastAnswer: Buffer | null = null;
  private steps = 0;

  private constructor(
    readonly port: SerialPort,
    private readonly sim: SimDevice,
    private readonly agent: OtaAgent,
    private readonly every: number,
  ) {
    const reader = new SlipReader((d) => this.onPacket(d));
    port.on('data', (c: Buffer) => reader.push(c));
    agent.on('report', (r) => this.send(FrameType.REPORT, Buffer.from(JSON.stringify(r))));
    sim.device.on('fault', (f) => this.send(FrameType.FAULT, Buffer.from(JSON.stringify({ kind: f.kind, message: f.message }))));
    sim.device.on('log', (l) => this.send(FrameType.LOG, Buffer.from(JSON.stringify(l))));
  }

  static async open(path: string, sim: SimDevice, agent: OtaAgent, telemetryEvery = 10): Promise<SerialDeviceLink> {
    return new SerialDeviceLink(await openPort(path), sim, agent, telemetryEvery);
  }

  afterStep(): void {
    this.agent.poll();
    if (++this.steps % this.every !== 0) return;
    const t = { t: this.sim.timeS, seq: this.steps, state: this.sim.device.state, ...Object.fromEntries(this.sim.device.telemetry) };
    this.send(FrameType.TELEMETRY, Buffer.from(JSON.stringify(t)));
  }

  private send(type: number, payload: Buffer): void {
    if (this.port.isOpen) this.port.write(encodeFrame(type, this.seq++ & 0xffff, payload));
  }

  private answer(seq: number, ok: boolean, body: unknown): void {
    const f = encodeFrame(ok ? FrameType.ACK : FrameType.NAK, seq, Buffer.from(JSON.stringify(body)));
    this.lastSeq = seq;
    this.lastAnswer = f;
    if (this.port.isOpen) this.port.write(f);
  }

  private onPacket(d: Decoded): void {
    if (!d.ok) {
      if (d.seq !== null && this.port.isOpen) this.port.write(encodeFrame(FrameType.NAK, d.seq, Buffer.from(JSON.stringify({ error: d.reason }))));
      return;
    }
    const { type, seq, payload } = d.frame;
    if (seq === this.lastSeq && this.lastAnswer) {
      this.port.write(this.lastAnswer); // a retransmission: our ACK was lost
      return;
    }
    try {
      switch (type) {
        case FrameType.HELLO: {
          const spec = this.sim.plant.spec;
          return this.answer(seq, true, { id: this.sim.device.id, plant: spec.name, abi: 'wasmlet_device_abi_v1', committed: this.agent.committed?.version ?? null, state: this.sim.device.state });
        }
        case FrameType.DEPLOY_BEGIN: {
          const m = JSON.parse(payload.toString('utf8')) as ModuleManifest;
          if (!(m.size > 0 && m.size <= 16 * 1024 * 1024)) return this.answer(seq, false, { error: 'bad size' });
          this.manifest = m;
          this.bytes = new Uint8Array(m.size);
          return this.answer(seq, true, {});
        }
        case FrameType.DEPLOY_CHUNK: {
          if (!this.bytes || payload.length < 4) return this.answer(seq, false, { error: 'no deploy in progress' });
          const off = payload.readUInt32BE(0);
          const data = payload.subarray(4);
          if (off + data.length > this.bytes.length) return this.answer(seq, false, { error: 'chunk out of range' });
          this.bytes.set(data, off);
          return this.answer(seq, true, { offset: off });
        }
        case FrameType.DEPLOY_COMMIT: {
          if (!this.bytes || !this.manifest) return this.answer(seq, false, { error: 'no deploy in progress' });
          const r = this.agent.install(this.manifest, this.bytes);
          this.bytes = null;
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
    return closePort(this.port);
  }
}

export interface SerialRequestResult {
  readonly ok: boolean;
  readonly body: Record<string, unknown>;
}

export class SerialHost {
  private seq = 1;
  private waiting: { seq: number; resolve: (f: Frame) => void } | null = null;
  readonly frames: Frame[] = [];
  /** resends done (NAK or timeout) */
  retransmissions = 0;
  private listeners: ((f: Frame) => void)[] = [];

  private constructor(readonly port: SerialPort, private readonly timeoutMs: number, private readonly retries: number) {
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

  static async open(path: string, timeoutMs = 500, retries = 5): Promise<SerialHost> {
    return new SerialHost(await openPort(path), timeoutMs, retries);
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
      const reply = await new Promise<Frame | null>((resolve) => {
        const t = setTimeout(() => {
          this.waiting = null;
          resolve(null);
        }, this.timeoutMs);
        this.waiting = {
          seq,
          resolve: (f) => {
            clearTimeout(t);
            this.waiting = null;
            resolve(f);
          },
        };
        this.port.write(bytes);
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
   * Deploy over serial: DEPLOY_BEGIN with the signed manifest, chunks, DEPLOY_COMMIT. With `wait`,
   * resolves with the first final REPORT for the version (running, rolled_back, faulted).
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
    mangle?: (chunk: number, attempt: number, bytes: Buffer) => void;
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
    const begin = await this.request(FrameType.DEPLOY_BEGIN, Buffer.from(JSON.stringify(m)));
    if (!begin.ok) throw new DeployError(`device refused deploy: ${String(begin.body['error'])}`);
    const size = o.chunkSize ?? 1024;
    for (let off = 0, n = 0; off < o.bytes.length; off += size, n++) {
      const data = o.bytes.subarray(off, off + size);
      const p = Buffer.alloc(4 + data.length);
      p.writeUInt32BE(off, 0);
      p.set(data, 4);
      const r = await this.request(FrameType.DEPLOY_CHUNK, p, o.mangle ? (a, b) => o.mangle!(n, a, b) : undefined);
      if (!r.ok) throw new DeployError(`chunk at ${off} refused: ${String(r.body['error'])}`);
    }
    const c = await this.request(FrameType.DEPLOY_COMMIT);
    const staged = c.body as unknown as OtaReport;
    if (!c.ok || !o.wait || staged.state !== 'staged') return staged;
    return final;
  }

  close(): Promise<void> {
    return closePort(this.port);
  }
}
