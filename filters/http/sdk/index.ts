// wasmlet's small proxy-wasm SDK for AssemblyScript, in the Rust SDK's vocabulary:
// RootContext (onVmStart, onConfigure, onTick, createHttpContext), HttpContext
// (onHttpRequestHeaders/Body/Trailers, onHttpResponse*, sendHttpResponse, resumeHttpRequest…),
// Action (Continue 0, Pause 1), Status, MapType, BufferType, LogLevel, MetricType.
//
// A filter module re-exports the ABI ("export * from './sdk/exports'") and registers its root
// context with setRootContext. Build with asc --use abort=proxy_abort (see ../build.sh).
export { Action, BufferType, Header, LogLevel, MapType, MetricType, PeerType, Status, StreamType } from "./types";
export { HttpContext, RootContext, setRootContext } from "./context";
export { TcpContext } from "./tcp";
export {
  log, logTrace, logDebug, logInfo, logWarn, logError, getLogLevel, getCurrentTimeNanos,
  getSharedData, setSharedData, SharedData, registerSharedQueue, enqueueSharedQueue, dequeueSharedQueue,
  defineMetric, incrementMetric, recordMetric, getMetric, getProperty, getPropertyString, setTickPeriodMilliseconds,
  getSharedDataBytes, setSharedDataBytes, bytesEqual,
  peekMapValue, peekSharedData, peekedPtr, peekedCas, peekedEquals,
} from "./hostcalls";
