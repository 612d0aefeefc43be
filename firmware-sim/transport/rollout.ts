/**
 * A staged rollout of one signed module to a whole fleet over one MQTT client: the fleet is
 * discovered from its retained messages (FleetWatch), a canary set is deployed first, then the
 * other devices in batches; the devices of a wave deploy concurrently and the next wave starts
 * once each of them has reached a final state (`running` = committed; `rejected`, `rolled_back`,
 * `faulted` or no final report in time = failed). More than `maxFailures` failures halt the
 * rollout after the wave in flight. Offline devices are skipped (and retried by a resume). The
 * rollout's progress is persisted after every device so that a halted or interrupted rollout can
 * be resumed with the same manifest (version and signature) without redeploying finished devices.
 * docs/mqtt.md, "Staged rollout", describes the behaviour; `wasmlet deploy --all` drives it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';
import { sha256Hex, type ModuleManifest } from '../ota/signing.js';
import { RolloutError, TransportError } from './errors.js';
import { FleetWatch, type FleetStatusRow } from './fleet-status.js';
import { MqttDeployer } from './mqtt-deployer.js';
import { connectAny } from './broker-urls.js';
import { connectError } from './mqtt-device.js';

/** a number of devices, or a percentage of the devices to deploy to (rounded up) */
export type Count = { readonly n: number } | { readonly percent: number };

export function resolveCount(c: Count, total: number): number {
  return 'n' in c ? Math.min(c.n, total) : Math.min(total, Math.ceil((c.percent * total) / 100));
}

export const DEFAULT_CANARY: Count = { n: 1 };
export const DEFAULT_BATCH: Count = { percent: 10 };

/**
 * What happened to a device: the final report state, `timeout` (no final report in time),
 * `already` (it ran this version before the rollout reached it), `skipped` (offline when its
 * wave started) or `not_started` (the rollout halted first).
 */
export type DeviceOutcome = 'running' | 'rejected' | 'rolled_back' | 'faulted' | 'timeout' | 'already' | 'skipped' | 'not_started';

const FAILED: ReadonlySet<DeviceOutcome> = new Set(['rejected', 'rolled_back', 'faulted', 'timeout']);
export const isFailure = (o: DeviceOutcome): boolean => FAILED.has(o);

export interface DeviceRecord {
  readonly result: DeviceOutcome;
  readonly error?: string;
  readonly ms?: number;
}

/** The persisted rollout (the `--state` file). */
export interface RolloutState {
  readonly format: 'wasmlet-rollout-v1';
  readonly fleet: string;
  readonly manifest: ModuleManifest;
  /** the canary devices chosen by the first run */
  readonly canary: readonly string[];
  /** devices per batch, resolved by the first run */
  readonly batchSize: number;
  /** devices that reached an outcome that a resume keeps (succeeded, already, failed) */
  readonly devices: Record<string, DeviceRecord>;
  /** `running` while a run is in progress (a state left so was interrupted) */
  status: 'running' | 'halted' | 'done';
}

export type RolloutEvent =
  | { readonly type: 'plan'; readonly version: string; readonly canary: readonly string[]; readonly batches: readonly (readonly string[])[]; readonly skipped: readonly string[]; readonly done: readonly string[] }
  | { readonly type: 'wave'; readonly phase: 'canary' | 'batch'; readonly index: number; readonly of: number; readonly devices: readonly string[] }
  | { readonly type: 'start'; readonly device: string }
  | { readonly type: 'done'; readonly device: string; readonly result: DeviceOutcome; readonly error?: string; readonly ms: number; readonly runs?: string }
  | { readonly type: 'skip'; readonly device: string; readonly reason: string }
  | { readonly type: 'halt'; readonly failures: number; readonly notStarted: number; readonly reason: string };

export interface RolloutDevice {
  readonly device: string;
  readonly phase: 'canary' | 'batch' | 'none';
  readonly result: DeviceOutcome;
  readonly error?: string;
  readonly ms?: number;
  /** the version the device runs now, from its latest `modules/reported` */
  readonly runs?: string;
}

export interface RolloutResult {
  readonly fleet: string;
  readonly id: string;
  readonly version: string;
  readonly sha256: string;
  readonly halted: boolean;
  readonly haltReason?: string;
  readonly ms: number;
  readonly counts: Readonly<Record<DeviceOutcome | 'devices' | 'failed', number>>;
  /** which devices run which version (undefined key: nothing committed) */
  readonly versions: Readonly<Record<string, readonly string[]>>;
  readonly devices: readonly RolloutDevice[];
}

export interface RolloutOptions {
  readonly url: string;
  readonly fleet: string;
  readonly bytes: Uint8Array;
  /** the signed manifest; ignored on resume (the state's manifest is reused) */
  readonly manifest: ModuleManifest;
  readonly canary?: Count;
  readonly batch?: Count;
  /** failures tolerated in this run before it halts (default 0) */
  readonly maxFailures?: number;
  /** per device: how long to wait for a final report (default 30000) */
  readonly timeoutMs?: number;
  /** how long to collect the fleet's retained messages before planning (default 500) */
  readonly discoverMs?: number;
  /** the state file, written after every device; omitted: not persisted */
  readonly statePath?: string;
  /** continue the rollout persisted in `statePath` */
  readonly resume?: boolean;
  /** aborting halts the rollout after the wave in flight */
  readonly signal?: AbortSignal;
  readonly onEvent?: (e: RolloutEvent) => void;
  readonly mqtt?: IClientOptions;
  /** deflate the bytes for devices that accept it (default true; MqttDeployOptions.compress) */
  readonly compress?: boolean;
}

export function readRolloutState(path: string): RolloutState {
  let s: RolloutState;
  try {
    s = JSON.parse(readFileSync(path, 'utf8')) as RolloutState;
  } catch (e) {
    throw new RolloutError(`cannot read rollout state ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (s?.format !== 'wasmlet-rollout-v1' || typeof s.manifest?.version !== 'string') throw new RolloutError(`${path} is not a wasmlet rollout state file`);
  return s;
}

function writeRolloutState(path: string, s: RolloutState): void {
  // write-then-rename: an interrupted write never leaves half a state file
  writeFileSync(path + '.tmp', JSON.stringify(s, null, 2) + '\n');
  renameSync(path + '.tmp', path);
}

/**
 * The version a device runs according to its report: `running` where the device publishes it;
 * from older devices, the event's version or, after a failed deployment, the committed one.
 */
function runs(row: FleetStatusRow | undefined): string | undefined {
  if (!row) return undefined;
  if (row.running !== undefined) return row.running?.version;
  return row.state === 'running' || row.state === 'staged' ? row.version : row.committed;
}

/** the state to start from: a fresh one, or the persisted one when resuming (checked against the module) */
function initialState(o: RolloutOptions): RolloutState {
  const sha = sha256Hex(o.bytes);
  const prior = o.statePath && existsSync(o.statePath) ? readRolloutState(o.statePath) : null;
  if (o.resume) {
    if (!prior) throw new RolloutError(`nothing to resume: ${o.statePath ?? 'no state file'} does not exist`);
    if (prior.fleet !== o.fleet) throw new RolloutError(`${o.statePath} is a rollout to fleet ${prior.fleet}, not ${o.fleet}`);
    if (prior.manifest.sha256 !== sha) {
      throw new RolloutError(`the module is not the one of the rollout in ${o.statePath} (${prior.manifest.id}@${prior.manifest.version}, sha256 ${prior.manifest.sha256.slice(0, 16)}…)`);
    }
    return prior;
  }
  if (prior && prior.status !== 'done' && prior.manifest.sha256 === sha && prior.fleet === o.fleet) {
    throw new RolloutError(`a rollout of this module (${prior.manifest.version}) is unfinished in ${o.statePath}: continue it with --resume, or delete the file to start over`);
  }
  return { format: 'wasmlet-rollout-v1', fleet: o.fleet, manifest: o.manifest, canary: [], batchSize: 0, devices: {}, status: 'running' };
}

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export async function rollout(o: RolloutOptions): Promise<RolloutResult> {
  const t0 = performance.now();
  const state = initialState(o);
  const manifest = state.manifest;
  const emit = o.onEvent ?? ((): void => {});
  const save = (): void => {
    if (o.statePath) writeRolloutState(o.statePath, state);
  };
  const client = await connectAny(o.url, { reconnectPeriod: 250, ...o.mqtt }, connectError);
  const watch = new FleetWatch(client, o.fleet);
  const deployer = new MqttDeployer(client, o.fleet, true);
  try {
    await watch.start(o.discoverMs ?? 500);
    const rows = watch.list();
    if (rows.length === 0) throw new RolloutError(`no devices found in fleet ${o.fleet} (no retained status within ${o.discoverMs ?? 500} ms)`);
    const phase = new Map<string, 'canary' | 'batch'>();
    const skipped = new Map<string, string>();
    const todo: string[] = [];
    for (const r of rows) {
      if (state.devices[r.device]) continue; // finished in an earlier run: kept, not redeployed
      // committed before the rollout reached it (and not staging something else now)
      if (r.committed === manifest.version && r.state !== 'staged') state.devices[r.device] = { result: 'already' };
      else todo.push(r.device);
    }
    const online = (d: string): boolean => watch.get(d)?.status === 'online';
    for (const d of todo) if (!online(d)) skipped.set(d, 'offline');
    const live = todo.filter((d) => !skipped.has(d));
    // the first run fixes the canary set and the batch size; a resume keeps them
    if (state.batchSize === 0) {
      const canary = live.slice(0, resolveCount(o.canary ?? DEFAULT_CANARY, live.length));
      Object.assign(state, { canary, batchSize: Math.max(1, resolveCount(o.batch ?? DEFAULT_BATCH, live.length)) });
    } else if (o.batch) {
      Object.assign(state, { batchSize: Math.max(1, resolveCount(o.batch, live.length)) });
    }
    const canarySet = new Set(state.canary);
    const canary = live.filter((d) => canarySet.has(d));
    const rest = live.filter((d) => !canarySet.has(d));
    const batches = chunks(rest, state.batchSize);
    for (const d of canary) phase.set(d, 'canary');
    for (const d of rest) phase.set(d, 'batch');
    state.status = 'running';
    save();
    emit({ type: 'plan', version: manifest.version, canary, batches, skipped: [...skipped.keys()], done: Object.keys(state.devices) });
    for (const [d, reason] of skipped) emit({ type: 'skip', device: d, reason });

    const waves: { phase: 'canary' | 'batch'; index: number; devices: string[] }[] = [
      ...(canary.length > 0 ? [{ phase: 'canary' as const, index: 1, devices: canary }] : []),
      ...batches.map((devices, i) => ({ phase: 'batch' as const, index: i + 1, devices })),
    ];
    const maxFailures = o.maxFailures ?? 0;
    let failures = 0;
    let haltReason: string | undefined;
    const started = new Set<string>();
    for (const w of waves) {
      if (o.signal?.aborted) {
        haltReason = 'interrupted';
        break;
      }
      // a device that went offline since discovery is skipped rather than waited for
      const now = w.devices.filter((d) => {
        if (online(d)) return true;
        skipped.set(d, 'offline');
        emit({ type: 'skip', device: d, reason: 'offline' });
        return false;
      });
      if (now.length === 0) continue;
      emit({ type: 'wave', phase: w.phase, index: w.index, of: w.phase === 'canary' ? 1 : batches.length, devices: now });
      await Promise.all(
        now.map(async (device) => {
          started.add(device);
          emit({ type: 'start', device });
          const t = performance.now();
          let rec: DeviceRecord;
          try {
            const r = await deployer.deploy({ device, manifest, bytes: o.bytes, wait: true, timeoutMs: o.timeoutMs ?? 30000, ...(o.compress === false ? { compress: false } : {}) });
            const rep = r.report!;
            rec = { result: rep.state === 'staged' ? 'timeout' : rep.state, ...(rep.error ? { error: rep.error } : {}), ms: Math.round(r.ms) };
          } catch (e) {
            if (!(e instanceof TransportError)) throw e;
            rec = { result: 'timeout', error: e.message, ms: Math.round(performance.now() - t) };
          }
          state.devices[device] = rec;
          if (isFailure(rec.result)) failures++;
          save();
          const v = runs(watch.get(device));
          emit({ type: 'done', device, result: rec.result, ...(rec.error ? { error: rec.error } : {}), ms: rec.ms ?? 0, ...(v ? { runs: v } : {}) });
        }),
      );
      if (failures > maxFailures) {
        haltReason = `${failures} failure${failures === 1 ? '' : 's'} (--max-failures ${maxFailures})`;
        break;
      }
    }
    const notStarted = live.filter((d) => !started.has(d) && !skipped.has(d));
    if (haltReason) emit({ type: 'halt', failures, notStarted: notStarted.length, reason: haltReason });
    state.status = haltReason ? 'halted' : 'done';
    save();

    const devices: RolloutDevice[] = watch.list().map((r) => {
      const rec = state.devices[r.device];
      const result: DeviceOutcome = rec?.result ?? (skipped.has(r.device) ? 'skipped' : 'not_started');
      const v = runs(r);
      return {
        device: r.device,
        phase: phase.get(r.device) ?? (canarySet.has(r.device) ? 'canary' : rec ? 'batch' : 'none'),
        result,
        ...(rec?.error ? { error: rec.error } : skipped.has(r.device) ? { error: skipped.get(r.device)! } : {}),
        ...(rec?.ms !== undefined ? { ms: rec.ms } : {}),
        ...(v ? { runs: v } : {}),
      };
    });
    const counts = { devices: devices.length, failed: 0, running: 0, rejected: 0, rolled_back: 0, faulted: 0, timeout: 0, already: 0, skipped: 0, not_started: 0 };
    const versions: Record<string, string[]> = {};
    for (const d of devices) {
      counts[d.result]++;
      if (isFailure(d.result)) counts.failed++;
      (versions[d.runs ?? '(none)'] ??= []).push(d.device);
    }
    return {
      fleet: o.fleet,
      id: manifest.id,
      version: manifest.version,
      sha256: manifest.sha256,
      halted: haltReason !== undefined,
      ...(haltReason ? { haltReason } : {}),
      ms: Math.round(performance.now() - t0),
      counts,
      versions,
      devices,
    };
  } finally {
    deployer.close();
    watch.close();
    await client.endAsync();
  }
}
