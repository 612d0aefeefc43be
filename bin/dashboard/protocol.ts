/**
 * What the dashboard server and its page say to each other (types only: the page imports them
 * too, so this file may not import anything Node-specific). The server pushes `ServerMessage`s
 * over a WebSocket (`/ws`); the page sends `ClientMessage`s on it to choose the device it watches,
 * and acts through HTTP (`POST /api/devices/<id>/cmd/<verb>`, `POST /api/devices/<id>/deploy`).
 */

/** one device as the fleet table shows it */
export interface DeviceRow {
  readonly id: string;
  readonly plant?: string;
  /** retained `status`: online / offline */
  readonly status?: string;
  /** device state from telemetry or metrics: running, stopped, faulted, idle… */
  readonly state?: string;
  /** what runs: `id@version (slot)` parts */
  readonly running?: { readonly id: string; readonly version: string; readonly slot: string; readonly since?: string } | null;
  /** the latest deployment attempt */
  readonly last?: { readonly id: string; readonly version: string; readonly state: string; readonly error?: string };
  readonly committed?: string;
  readonly stepUs?: number;
  readonly fuel?: number;
  readonly memoryBytes?: number;
  readonly jitterP99Ms?: number;
  readonly traps?: number;
  /** latest telemetry values (setpoint sp, process value pv, actuator u, the module's keys) */
  readonly values?: Readonly<Record<string, number | null>>;
  /** sensor and actuator names and units from `meta` */
  readonly sensor?: { readonly name: string; readonly unit: string };
  readonly actuator?: { readonly name: string; readonly unit: string; readonly min: number; readonly max: number };
  readonly periodS?: number;
  /** ms since the latest telemetry when the row was sent (the page adds the time since; clocks may differ) */
  readonly ageMs?: number;
}

/** one sample of the loop: virtual time, setpoint, process value, actuator */
export type Sample = readonly [t: number, sp: number | null, pv: number | null, u: number | null];

export interface DeviceEvent {
  /** wall-clock ms (server clock) */
  readonly at: number;
  readonly kind: 'status' | 'state' | 'deploy' | 'fault' | 'rollback' | 'command';
  readonly text: string;
}

export interface FilterStatsRow {
  readonly listener: string;
  readonly filter: string;
  readonly policy: string;
  readonly active: boolean;
  readonly calls: number;
  readonly failures: number;
  readonly failedStreams: number;
  readonly reloads: number;
  readonly fuel: number;
  /** callback latency, µs, over the recent calls */
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
}

export interface ProxyEvent {
  readonly at: number;
  readonly filter: string;
  readonly text: string;
}

export interface ProxySnapshot {
  readonly filters: readonly FilterStatsRow[];
  readonly listeners: readonly { readonly name: string; readonly port: number; readonly requests: number; readonly active: number }[];
  readonly events: readonly ProxyEvent[];
}

export type ServerMessage =
  | { readonly type: 'hello'; readonly fleet: string | null; readonly proxy: boolean; readonly deploy: boolean; readonly broker: string | null }
  /** rows that changed since the previous message (all of them in the first) */
  | { readonly type: 'fleet'; readonly rows: readonly DeviceRow[] }
  /** the watched device: new samples and events since the previous message (all kept ones first) */
  | { readonly type: 'device'; readonly id: string; readonly reset: boolean; readonly samples: readonly Sample[]; readonly events: readonly DeviceEvent[] }
  | { readonly type: 'proxy'; readonly snapshot: ProxySnapshot };

export type ClientMessage = { readonly type: 'watch'; readonly device: string | null };

export interface CommandAnswer {
  readonly ok: boolean;
  readonly state: string;
  readonly error?: string;
}

export interface DeployAnswer {
  readonly device: string;
  readonly id: string;
  readonly version: string;
  readonly sha256: string;
  /** the device's final report (`running`: committed; `rolled_back`, `rejected`, `faulted`) */
  readonly report: { readonly state: string; readonly version: string; readonly error?: string };
  readonly ms: number;
}

export interface ErrorAnswer {
  readonly error: { readonly code: string; readonly status: number; readonly message: string };
}
