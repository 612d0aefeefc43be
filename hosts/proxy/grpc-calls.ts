/**
 * A VM's outstanding gRPC calls and streams (the bookkeeping proxy_grpc_* keep per VM), apart from
 * the transport in grpc.ts so the VM can hold it without importing the cluster side.
 */
import { Status } from './abi.js';
import type { HeaderMap } from './headers.js';

export interface GrpcHandle {
  /** false: not taken — the stream's unsent bytes are at MAX_GRPC_SEND_BUFFER; it ends with RESOURCE_EXHAUSTED */
  send(msg: Uint8Array, endStream: boolean): boolean;
  /** end the request side (the answers still arrive) */
  halfClose(): void;
  /** reset the stream; nothing more is reported */
  cancel(): void;
}

export interface GrpcEntry {
  readonly token: number;
  readonly kind: 'call' | 'stream';
  /** the context that started it */
  readonly origin: number;
  handle: GrpcHandle | undefined;
  /** stream: the filter called proxy_grpc_close (or sent end_of_stream) */
  localClosed: boolean;
  /** stream: on_grpc_close was delivered; kept until the filter closes it too (Envoy) */
  remoteClosed: boolean;
  /** call: the response message, reported when the call ends OK */
  response: Buffer | undefined;
}

/** What the gRPC callback running now can read (GrpcReceiveBuffer, the metadata maps). */
export interface GrpcReceived {
  readonly buffer?: Buffer;
  readonly initial?: HeaderMap;
  readonly trailing?: HeaderMap;
}

/** A VM's outstanding gRPC calls and streams by token. */
export class VmGrpc {
  private nextCall = 1;
  private nextStream = 2;
  readonly entries = new Map<number, GrpcEntry>();

  token(kind: 'call' | 'stream'): number {
    if (kind === 'call') {
      const t = this.nextCall;
      this.nextCall = this.nextCall >= 0x7ffffffd ? 1 : this.nextCall + 2;
      return t;
    }
    const t = this.nextStream;
    this.nextStream = this.nextStream >= 0x7ffffffe ? 2 : this.nextStream + 2;
    return t;
  }

  /** Cancel what context `id` started (it ended). */
  contextGone(id: number): void {
    if (this.entries.size === 0) return;
    for (const e of [...this.entries.values()]) {
      if (e.origin !== id) continue;
      e.handle?.cancel();
      this.entries.delete(e.token);
    }
  }

  /** Cancel everything (the VM failed or stopped). */
  cancelAll(): void {
    for (const e of this.entries.values()) e.handle?.cancel();
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** What a call needs of an envoy.config.core.v3.GrpcService. */
export interface GrpcServiceSpec {
  readonly cluster: string;
  /** envoy_grpc.authority (default: the cluster name, as Envoy sends) */
  readonly authority: string | undefined;
  /** GrpcService.timeout, ms */
  readonly timeoutMs: number | undefined;
  readonly metadata: readonly (readonly [string, string])[];
}

export interface GrpcRequest {
  readonly service: GrpcServiceSpec;
  /** fully qualified service name ("pkg.Service") and method */
  readonly serviceName: string;
  readonly method: string;
  readonly metadata: HeaderMap;
  /** 0: no deadline */
  readonly timeoutMs: number;
}

/** What a started call reports, in order; `close` exactly once unless it was cancelled. */
export interface GrpcEvents {
  initialMetadata(h: HeaderMap): void;
  message(m: Buffer): void;
  trailingMetadata(h: HeaderMap): void;
  close(status: number, message: string): void;
}

/** Starts gRPC calls to named clusters. */
export interface GrpcDispatcher {
  hasCluster(name: string): boolean;
  /** a started call, or BAD_ARGUMENT when its metadata cannot be sent */
  start(req: GrpcRequest, events: GrpcEvents): GrpcHandle | Status;
}

/** The dispatcher of a proxy (or harness) without clusters. */
export const noGrpcClusters: GrpcDispatcher = { hasCluster: () => false, start: () => Status.BadArgument };
