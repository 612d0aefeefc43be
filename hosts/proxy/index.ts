/**
 * `wasmlet/proxy-wasm`: run Envoy-style Wasm HTTP filters (ABI 0.1.0 / 0.2.0 / 0.2.1) in a Node
 * HTTP/1.1 proxy configured by Envoy v3 YAML (`loadConfigFile`, `Proxy`), or drive them in tests
 * without a server (`FilterHarness`). See docs/proxy.md.
 */
export { AbiError, detectAbi, Action, BufferType, LogLevel, MapType, MetricType, Status, StreamType, type AbiVersion } from './abi.js';
export { ConfigError, checkConfig, loadConfigFile, parseConfig, type ProxyConfig, type ListenerConfig, type ClusterConfig, type WasmFilterConfig, type HealthCheckConfig, type BreakerThresholds } from './config.js';
export { ProxyEnv, realScheduler, type ForeignFunction, type HttpCallDispatcher, type HttpCallRequest, type HttpCallResponse, type Scheduler } from './env.js';
export { FilterHarness, ManualScheduler, PendingHttpCall, TestStream, type HarnessFilter, type HarnessOptions, type HttpCallAnswer, type HttpCallHandler } from './harness.js';
export { HeaderMap, decodeMap } from './headers.js';
export { ConsoleLogger, MemoryLogger, type LogRecord, type ProxyLogger } from './log.js';
export { Metrics } from './metrics.js';
export { Plugin, PluginLoadError, type FailurePolicy, type PluginOptions } from './plugin.js';
export { GuestAbort, ProcExit } from './context.js';
export { ArgumentError } from '../errors.js';
export { Proxy, type ProxyOptions } from './proxy.js';
export { ConfigWatcher, type ReloadResult, type ReloadSource, type WatchOptions } from './reload.js';
export { HttpStream, type StreamSink } from './stream.js';
export { compileFilter, DEFAULT_VM_LIMITS, WasmVm, type FilterModule, type HostModules, type VmLimits } from './vm.js';
export { proxyWasmImports } from './imports.js';
export type { HostDef } from './context.js';
export { envoyYaml, type ConfigSpec, type FilterSpec, type RouteSpec } from './yaml.js';
