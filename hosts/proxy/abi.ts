/**
 * The proxy-wasm ABI's numbers and names: versions, statuses, actions, buffer/map/stream types,
 * log levels and metric types, with the spec's numbering (abi-versions/v0.2.1). Also ABI version
 * detection from a module's exports. Everything else in hosts/proxy speaks in these constants.
 */
import { WasmletError, type ModuleInfo } from '../../core/index.js';
import { ArgumentError } from '../errors.js';

export type AbiVersion = '0.1.0' | '0.2.0' | '0.2.1';

/** Export names of the version markers, newest first. */
const MARKERS: readonly [string, AbiVersion][] = [
  ['proxy_abi_version_0_2_1', '0.2.1'],
  ['proxy_abi_version_0_2_0', '0.2.0'],
  ['proxy_abi_version_0_1_0', '0.1.0'],
];

/** A module does not implement the proxy-wasm ABI it declares (or declares none). */
export class AbiError extends WasmletError {
  static override readonly brand: string = 'AbiError';
  constructor(message: string) {
    super('WASMLET_PROXY_ABI', message);
    this.name = 'AbiError';
  }
}

/** The ABI version a module declares through its `proxy_abi_version_*` export marker. */
export function detectAbi(info: ModuleInfo): AbiVersion {
  const names = new Set(info.exports.map((e) => e.name));
  for (const [name, v] of MARKERS) if (names.has(name)) return v;
  const other = info.exports.find((e) => e.name.startsWith('proxy_abi_version_'));
  throw new AbiError(
    other
      ? `unknown Proxy-Wasm ABI version "${other.name.slice('proxy_abi_version_'.length)}" (supported: 0_1_0, 0_2_0, 0_2_1)`
      : 'missing or unknown Proxy-Wasm ABI version: the module exports no proxy_abi_version_* marker',
  );
}

export const Status = {
  Ok: 0,
  NotFound: 1,
  BadArgument: 2,
  SerializationFailure: 3,
  ParseFailure: 4,
  BadExpression: 5,
  InvalidMemoryAccess: 6,
  Empty: 7,
  CasMismatch: 8,
  ResultMismatch: 9,
  InternalFailure: 10,
  BrokenConnection: 11,
  Unimplemented: 12,
} as const;
export type Status = (typeof Status)[keyof typeof Status];

export const STATUS_NAMES: readonly string[] = [
  'OK',
  'NOT_FOUND',
  'BAD_ARGUMENT',
  'SERIALIZATION_FAILURE',
  'PARSE_FAILURE',
  'BAD_EXPRESSION',
  'INVALID_MEMORY_ACCESS',
  'EMPTY',
  'CAS_MISMATCH',
  'RESULT_MISMATCH',
  'INTERNAL_FAILURE',
  'BROKEN_CONNECTION',
  'UNIMPLEMENTED',
];

/** Callback results. SDKs may return Envoy's larger FilterHeadersStatus values: any > 0 stops. */
export const Action = {
  Continue: 0,
  Pause: 1,
} as const;
export type Action = (typeof Action)[keyof typeof Action];

export const BufferType = {
  HttpRequestBody: 0,
  HttpResponseBody: 1,
  DownstreamData: 2,
  UpstreamData: 3,
  HttpCallResponseBody: 4,
  GrpcReceiveBuffer: 5,
  VmConfiguration: 6,
  PluginConfiguration: 7,
  CallData: 8,
} as const;
export type BufferType = (typeof BufferType)[keyof typeof BufferType];

export const MapType = {
  HttpRequestHeaders: 0,
  HttpRequestTrailers: 1,
  HttpResponseHeaders: 2,
  HttpResponseTrailers: 3,
  GrpcReceiveInitialMetadata: 4,
  GrpcReceiveTrailingMetadata: 5,
  HttpCallResponseHeaders: 6,
  HttpCallResponseTrailers: 7,
} as const;
export type MapType = (typeof MapType)[keyof typeof MapType];

export const StreamType = {
  Request: 0,
  Response: 1,
  Downstream: 2,
  Upstream: 3,
} as const;
export type StreamType = (typeof StreamType)[keyof typeof StreamType];

export const LogLevel = {
  Trace: 0,
  Debug: 1,
  Info: 2,
  Warn: 3,
  Error: 4,
  Critical: 5,
} as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

export const LOG_LEVEL_NAMES: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error', 'critical'];

export function parseLogLevel(s: string): LogLevel {
  const i = LOG_LEVEL_NAMES.indexOf(s.toLowerCase() === 'warning' ? 'warn' : s.toLowerCase());
  if (i < 0) throw new ArgumentError(`unknown log level "${s}" (one of ${LOG_LEVEL_NAMES.join(', ')})`);
  return i as LogLevel;
}

export const MetricType = {
  Counter: 0,
  Gauge: 1,
  Histogram: 2,
} as const;
export type MetricType = (typeof MetricType)[keyof typeof MetricType];
