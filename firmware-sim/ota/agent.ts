/**
 * The device side of over-the-air deployment: two slots (A committed, B staged) over a `Device`.
 * `install` verifies a signed manifest and its bytes (signature, sha256, size), lets the device
 * decode, validate, ABI- and budget-check and instantiate the module (any problem: rejected, the
 * running module keeps running), then switches to it as `staged`. After `healthySteps` steps without
 * a fault it is committed (slot B becomes slot A, persisted) and reported `running`; a fault before
 * commit rolls back to slot A automatically and reports `rolled_back`. With a state directory the
 * committed slot survives a restart: `restore()` redeploys it.
 */
import type { KeyObject } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Device, Fault } from '../../hosts/device/device.js';
import { sha256Hex, verifyManifest, type ModuleManifest } from './signing.js';
import { DEFAULT_SLOT_BYTES, ENCODINGS, transferProblem, type OtaCapabilities, type TransferManifest } from './transfer.js';

export type OtaState = 'staged' | 'running' | 'faulted' | 'rolled_back' | 'rejected';

/** the module that runs after an event: slot A is committed, slot B staged */
export interface RunningModule {
  readonly id: string;
  readonly version: string;
  readonly slot: 'A' | 'B';
  /** when it started running (ISO 8601, wall clock) */
  readonly since: string;
}

/** the outcome of the latest deployment attempt (install, commit or rollback) */
export interface LastAttempt {
  readonly id: string;
  readonly version: string;
  readonly state: OtaState;
  readonly error?: string;
}

/**
 * One event, as published on `modules/reported`. The first five fields are protocol v1 as first
 * published; `running` and `last` were added so that an operator sees what still runs after a
 * rejected or rolled back deployment (`running: null` when nothing does).
 */
export interface OtaReport {
  readonly id: string;
  readonly version: string;
  readonly state: OtaState;
  readonly error?: string;
  /** committed version after this event */
  readonly committed?: string;
  readonly running?: RunningModule | null;
  readonly last?: LastAttempt;
  /**
   * On a rejection because a transfer broke off: the bytes verified so far. Publishing the same
   * manifest again resumes the transfer there (the device does not act again on other rejections).
   */
  readonly transfer?: { readonly received: number; readonly total: number };
}

export interface OtaAgentOptions {
  readonly trusted: readonly KeyObject[];
  /** directory for slot files; omitted: slots in memory only */
  readonly stateDir?: string;
  /** healthy steps before a staged module is committed (default 20) */
  readonly healthySteps?: number;
  /** largest module the device stores (default 1 MiB): larger ones are refused before transfer */
  readonly slotBytes?: number;
}

interface Slot {
  readonly manifest: ModuleManifest;
  readonly bytes: Uint8Array;
}

export class OtaAgent extends EventEmitter<{ report: [OtaReport] }> {
  readonly device: Device;
  readonly healthySteps: number;
  readonly slotBytes: number;
  private readonly trusted: readonly KeyObject[];
  private readonly dir: string | undefined;
  private slotA: Slot | null = null;
  private slotB: Slot | null = null;
  private stagedAtStep = 0;
  private polledAt = -1;
  private runningNow: RunningModule | null = null;
  private lastAttempt: LastAttempt | undefined;
  last: OtaReport | null = null;

  constructor(device: Device, opts: OtaAgentOptions) {
    super();
    this.device = device;
    this.trusted = opts.trusted;
    this.dir = opts.stateDir;
    this.healthySteps = opts.healthySteps ?? 20;
    this.slotBytes = opts.slotBytes ?? DEFAULT_SLOT_BYTES;
    device.on('fault', (f) => this.onFault(f));
  }

  get committed(): ModuleManifest | null {
    return this.slotA?.manifest ?? null;
  }

  get staged(): ModuleManifest | null {
    return this.slotB?.manifest ?? null;
  }

  /** Redeploy the persisted committed module, if any. Returns its manifest. */
  restore(): ModuleManifest | null {
    if (!this.dir) return null;
    const m = join(this.dir, 'slot-a.json');
    const b = join(this.dir, 'slot-a.wasm');
    if (!existsSync(m) || !existsSync(b)) return null;
    const manifest = JSON.parse(readFileSync(m, 'utf8')) as ModuleManifest;
    const bytes = new Uint8Array(readFileSync(b));
    if (sha256Hex(bytes) !== manifest.sha256 || !verifyManifest(manifest, this.trusted)) return null;
    this.device.deploy(bytes, `${manifest.id}@${manifest.version}`);
    this.slotA = { manifest, bytes };
    this.runs(manifest, 'A');
    this.report({ id: manifest.id, version: manifest.version, state: 'running' });
    return manifest;
  }

  /**
   * Run `bytes` from slot A as the factory image (a fleet file's initial module): deployed without a
   * signature, since the operator handed it over locally, and not persisted (a restart provisions it
   * again until a deploy commits another). Throws DeployError when it does not fit the device.
   */
  provision(bytes: Uint8Array, id: string, version = 'initial'): void {
    this.device.deploy(bytes, `${id}@${version}`);
    const manifest: ModuleManifest = { id, version, sha256: sha256Hex(bytes), size: bytes.length, signature: '' };
    this.slotA = { manifest, bytes };
    this.runs(manifest, 'A');
    this.report({ id, version, state: 'running' });
  }

  /** what transports tell operators about this device's transfers */
  get capabilities(): OtaCapabilities {
    return { encodings: ENCODINGS, slotBytes: this.slotBytes, resume: true };
  }

  /**
   * Check a manifest before a byte is fetched (signature, size against the slot, transfer
   * encoding): the rejection (reported) when the device must refuse it, else undefined.
   */
  admit(m: TransferManifest): OtaReport | undefined {
    const problem = !verifyManifest(m, this.trusted) ? 'bad signature' : transferProblem(m, this.slotBytes);
    return problem ? this.reject(m, problem) : undefined;
  }

  /** Check and stage a module; returns the report (also emitted). Never throws. */
  install(manifest: ModuleManifest, bytes: Uint8Array): OtaReport {
    const r = (state: OtaState, error?: string): OtaReport => this.attempt({ id: manifest.id, version: manifest.version, state, ...(error ? { error } : {}) });
    if (!verifyManifest(manifest, this.trusted)) return r('rejected', 'bad signature');
    if (bytes.length !== manifest.size) return r('rejected', `size ${bytes.length} != ${manifest.size}`);
    if (sha256Hex(bytes) !== manifest.sha256) return r('rejected', 'sha256 mismatch');
    if (this.slotB) this.rollback('superseded');
    try {
      this.device.deploy(bytes, `${manifest.id}@${manifest.version}`);
    } catch (e) {
      return r('rejected', e instanceof Error ? e.message : String(e));
    }
    this.slotB = { manifest, bytes };
    this.runs(manifest, 'B');
    this.stagedAtStep = 0;
    if (this.device.state === 'faulted') return this.rollback(this.device.lastFault?.message ?? 'init failed');
    this.persist('slot-b', this.slotB);
    return r('staged');
  }

  /** Report an attempt that failed before `install` (e.g. a transfer that broke off: `transfer` says how far it got). */
  reject(m: { readonly id: string; readonly version: string }, error: string, transfer?: { received: number; total: number }): OtaReport {
    this.lastAttempt = { id: m.id, version: m.version, state: 'rejected', error };
    return this.report({ ...this.lastAttempt, ...(transfer ? { transfer } : {}) });
  }

  /** Call after each device tick: commits a staged module after enough healthy steps. */
  poll(): void {
    if (!this.slotB || this.device.state !== 'running' || this.device.steps === this.polledAt) return;
    this.polledAt = this.device.steps; // several transports may poll after the same step
    if (++this.stagedAtStep < this.healthySteps) return;
    this.slotA = this.slotB;
    this.slotB = null;
    this.persist('slot-a', this.slotA);
    const m = this.slotA.manifest;
    // the same module keeps running; only its slot (and so its standing) changes
    this.runningNow = { id: m.id, version: m.version, slot: 'A', since: this.runningNow?.since ?? new Date().toISOString() };
    this.attempt({ id: m.id, version: m.version, state: 'running' });
  }

  /** Go back to slot A (operator command or automatic after a fault before commit). */
  rollback(reason: string): OtaReport {
    const failed = this.slotB?.manifest ?? this.slotA?.manifest;
    this.slotB = null;
    if (this.slotA) {
      try {
        this.device.deploy(this.slotA.bytes, `${this.slotA.manifest.id}@${this.slotA.manifest.version}`);
        this.runs(this.slotA.manifest, 'A');
      } catch {
        /* slot A deployed before; keep whatever runs */
      }
    } else {
      this.device.stop();
      this.runningNow = null;
    }
    return this.attempt({ id: failed?.id ?? '', version: failed?.version ?? '', state: 'rolled_back', error: reason });
  }

  private onFault(f: Fault): void {
    if (this.slotB) queueMicrotask(() => this.slotB && this.rollback(`${f.kind}: ${f.message}`));
  }

  /** what runs after this event */
  get running(): RunningModule | null {
    return this.runningNow;
  }

  private runs(m: ModuleManifest, slot: 'A' | 'B'): void {
    this.runningNow = { id: m.id, version: m.version, slot, since: new Date().toISOString() };
  }

  private attempt(r: LastAttempt): OtaReport {
    this.lastAttempt = r;
    return this.report(r);
  }

  private report(r: OtaReport): OtaReport {
    const full: OtaReport = {
      ...r,
      ...(this.slotA ? { committed: this.slotA.manifest.version } : {}),
      running: this.runningNow,
      ...(this.lastAttempt ? { last: this.lastAttempt } : {}),
    };
    this.last = full;
    this.emit('report', full);
    return full;
  }

  private persist(name: string, slot: Slot): void {
    if (!this.dir) return;
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, `${name}.wasm.tmp`), slot.bytes);
    renameSync(join(this.dir, `${name}.wasm.tmp`), join(this.dir, `${name}.wasm`));
    writeFileSync(join(this.dir, `${name}.json.tmp`), JSON.stringify(slot.manifest));
    renameSync(join(this.dir, `${name}.json.tmp`), join(this.dir, `${name}.json`));
  }
}
