/**
 * The environment every plugin of one proxy (or one test harness) shares: the log, the metrics,
 * shared data and queues, the clock and timers (a Scheduler, so the harness can drive ticks by
 * hand), the dispatchers behind proxy_http_call and the gRPC hostcalls, and the registry of
 * foreign functions.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { Status, type LogLevel } from './abi.js';
import { noGrpcClusters, type GrpcDispatcher } from './grpc-calls.js';
import type { HeaderMap } from './headers.js';
import { ConsoleLogger, type ProxyLogger } from './log.js';
import { Metrics } from './metrics.js';
import { SharedData, SharedQueues } from './shared.js';

export interface Scheduler {
  /** wall-clock time in nanoseconds since the epoch */
  nowNs(): bigint;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** run `fn` soon, after the current callback and its effects (never synchronously) */
  defer(fn: () => void): void;
}

const hrBase = process.hrtime.bigint();
const wallBase = BigInt(Date.now()) * 1_000_000n;

/** Real timers; intervals and timeouts are unref'd so they never keep a process alive. */
export const realScheduler: Scheduler = {
  nowNs: () => wallBase + (process.hrtime.bigint() - hrBase),
  setInterval: (fn, ms) => setInterval(fn, ms).unref(),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  defer: (fn) => setImmediate(fn),
};

export interface HttpCallRequest {
  /** cluster name, as the filter gave it */
  readonly cluster: string;
  readonly headers: HeaderMap;
  readonly body: Buffer;
  readonly trailers: HeaderMap;
  readonly timeoutMs: number;
  /** the filter that made the call */
  readonly plugin: string;
}

export interface HttpCallResponse {
  readonly headers: HeaderMap;
  readonly body: Buffer;
  readonly trailers: HeaderMap;
}

/**
 * Start an outgoing call. Returns OK and later calls `done` exactly once (null on failure or
 * timeout), or returns BAD_ARGUMENT for an unknown cluster and never calls `done`.
 */
export type HttpCallDispatcher = (req: HttpCallRequest, done: (res: HttpCallResponse | null) => void) => Status;

/** A host function filters reach through proxy_call_foreign_function. */
export type ForeignFunction = (args: Uint8Array, caller: { readonly plugin: string }) => Uint8Array | Status;

export interface ProxyEnvOptions {
  logger?: ProxyLogger;
  scheduler?: Scheduler;
  httpCall?: HttpCallDispatcher;
  logLevel?: LogLevel;
}

export class ProxyEnv {
  readonly logger: ProxyLogger;
  readonly metrics = new Metrics();
  readonly sharedData = new SharedData();
  readonly queues: SharedQueues;
  readonly scheduler: Scheduler;
  httpCall: HttpCallDispatcher;
  /** the client behind proxy_grpc_call and proxy_grpc_stream (grpc.ts) */
  grpc: GrpcDispatcher = noGrpcClusters;
  readonly foreign = new Map<string, ForeignFunction>([
    ['compress', (args) => deflateSync(args)],
    [
      'uncompress',
      (args) => {
        try {
          return inflateSync(args);
        } catch {
          return Status.SerializationFailure;
        }
      },
    ],
  ]);

  constructor(opts: ProxyEnvOptions = {}) {
    this.logger = opts.logger ?? new ConsoleLogger(opts.logLevel);
    this.scheduler = opts.scheduler ?? realScheduler;
    this.queues = new SharedQueues((fn) => this.scheduler.defer(fn));
    this.httpCall = opts.httpCall ?? (() => Status.BadArgument);
  }

  /** Add (or replace) a foreign function filters can call by name. */
  registerForeignFunction(name: string, fn: ForeignFunction): void {
    this.foreign.set(name, fn);
  }
}
