/**
 * What the VM, the hostcalls and the streams share, below all three: the contexts a VM tracks
 * (root and stream), what a hostcall reaches through a stream context, the shape of a host
 * function definition, FAILED, and the guest exits that end a VM. Keeping these here lets the
 * VM link host functions it is handed (imports.ts) and streams implement contexts without any
 * of those files importing each other in a loop.
 */
import { WasmletError } from '../../core/index.js';
import type { BufferType, MapType, Status, StreamType } from './abi.js';
import type { BodyBuffer } from './body.js';
import type { HeaderMap } from './headers.js';

/** Returned by a callback when the VM failed during (or before) it. */
export const FAILED = -1;

/** What hostcalls (and the plugin, after root callbacks) reach through a stream context. */
export interface StreamContextHost {
  readonly contextId: number;
  map(type: MapType): HeaderMap | undefined;
  mapWritable(type: MapType): boolean;
  body(type: BufferType): BodyBuffer | undefined;
  bodyEos(type: BufferType): boolean;
  bodyWritable(type: BufferType): boolean;
  continueStream(type: StreamType): Status;
  closeStream(type: StreamType): Status;
  sendLocalResponse(code: number, details: string, body: Buffer, headers: HeaderMap, grpcStatus: number): Status;
  clearRouteCache(): void;
  property(path: readonly string[]): Uint8Array | undefined;
  setProperty(path: string, value: Uint8Array): Status;
  done(): Status;
  /** apply what a callback asked of this stream (continue, close, local response) */
  applyPending(): void;
  /** the VM failed: answer this stream by the filter's failure policy */
  failFilter(): void;
  /** the stream is unfinished and this filter holds part of it (so it waits on the VM) */
  readonly heldByFilter: boolean;
}

export interface RootContext {
  readonly kind: 'root';
  readonly id: number;
}
export interface StreamContext {
  readonly kind: 'stream';
  readonly id: number;
  readonly host: StreamContextHost;
}
export type VmContext = RootContext | StreamContext;

/** A host function for one import name, adapted by the VM to the type the module declares. */
export interface HostDef {
  /** number of parameters */
  readonly arity: number;
  readonly fn: (...args: any[]) => unknown;
  /** parameter indices that stay bigint (declared i64 and used as such) */
  readonly bigint?: readonly number[];
  /** an alternative definition for a different arity (known SDK quirks) */
  readonly alt?: HostDef;
}

/** A guest's `proc_exit` (WASI) — ends the VM like a trap. */
export class ProcExit extends WasmletError {
  static override readonly brand: string = 'ProcExit';
  readonly exitCode: number;
  constructor(exitCode: number) {
    super('WASMLET_PROXY_EXIT', `proc_exit(${exitCode})`);
    this.name = 'ProcExit';
    this.exitCode = exitCode;
  }
}

/** An AssemblyScript `abort` — ends the VM like a trap. */
export class GuestAbort extends WasmletError {
  static override readonly brand: string = 'GuestAbort';
  constructor(message: string) {
    super('WASMLET_PROXY_ABORT', message);
    this.name = 'GuestAbort';
  }
}
