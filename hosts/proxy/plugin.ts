/**
 * A plugin: one configured filter (Envoy's PluginConfig: name, root_id, vm_id, configurations,
 * failure policy) and the VM that runs it. Loading follows Envoy: the configuration is first tried
 * on a throwaway "canary" VM, then the real VM starts: root context created, proxy_on_vm_start
 * with the VM configuration, proxy_on_configure with the plugin configuration (false rejects
 * the plugin). The plugin owns the root context's timers (ticks), routes http-call answers and
 * queue notifications back into the VM, and applies the failure policy when the VM fails:
 *
 * - fail_closed (default): streams through the filter get a 503 (details wasm_fail_stream);
 * - fail_open: the filter is skipped;
 * - fail_reload: the failing stream gets a 503 and the VM is rebuilt on a later request, with
 *   exponential backoff between attempts (streams during backoff fail closed).
 *
 * One VM (and Store) per plugin, so a failing filter never touches the others.
 */
import { WasmletError, type FuncInst } from '../../core/index.js';
import { LogLevel, Status } from './abi.js';
import type { HttpCallResponse, ProxyEnv } from './env.js';
import type { ProxyCounter } from './metrics.js';
import { FilterStats } from './filter-stats.js';
import { FAILED, type RootContext, type StreamContextHost } from './context.js';
import { proxyWasmImports } from './imports.js';
import { compileFilter, WasmVm, type FilterModule, type RootHost, type VmLimits } from './vm.js';
import type { FailurePolicy } from './config.js';

export type { FailurePolicy } from './config.js';

export interface PluginOptions {
  /** the filter's name (logs, metrics, property plugin_name) */
  readonly name: string;
  readonly rootId?: string | undefined;
  readonly vmId?: string | undefined;
  /** the module: bytes, or compiled once and shared */
  readonly module: FilterModule | Uint8Array;
  readonly configuration?: string | Uint8Array | undefined;
  readonly vmConfiguration?: string | Uint8Array | undefined;
  readonly failurePolicy?: FailurePolicy | undefined;
  /** backoff between reload attempts (fail_reload), ms */
  readonly reloadBackoff?: { readonly baseMs: number; readonly maxMs: number } | undefined;
  readonly limits?: VmLimits | undefined;
  /** environment variables the filter sees through WASI */
  readonly envVars?: Readonly<Record<string, string>> | undefined;
  /** try the configuration on a throwaway VM first (Envoy does); default true */
  readonly canary?: boolean | undefined;
}

/** A filter failed to load: its module, instantiation, VM start or configuration. */
export class PluginLoadError extends WasmletError {
  static override readonly brand: string = 'PluginLoadError';
  /** the filter's name */
  readonly plugin: string;
  constructor(plugin: string, message: string) {
    super('WASMLET_PROXY_PLUGIN', `filter "${plugin}": ${message}`);
    this.name = 'PluginLoadError';
    this.plugin = plugin;
  }
}

const bytesOf = (v: string | Uint8Array | undefined) => (v === undefined ? new Uint8Array(0) : typeof v === 'string' ? Buffer.from(v, 'utf8') : v);

export class Plugin implements RootHost {
  readonly name: string;
  readonly rootId: string;
  readonly vmId: string;
  readonly vmConfiguration: Uint8Array;
  readonly pluginConfiguration: Uint8Array;
  readonly envVars: Readonly<Record<string, string>>;
  readonly policy: FailurePolicy;
  readonly filter: FilterModule;
  readonly limits: VmLimits;
  /** the live VM (undefined before start, or while a reload is due) */
  vm: WasmVm | undefined;
  /** VM failures so far */
  failures = 0;
  /** calls, fuel, latency and failure-policy events (the dashboard's proxy view) */
  readonly stats = new FilterStats();
  reloads = 0;
  private nextReloadAt = 0;
  private vmStartedAt = 0;
  private readonly backoff: { baseMs: number; maxMs: number };
  private tickHandle: unknown;
  private tickMs = 0;
  private reloadTimer: unknown;
  private handledFailure: WasmVm | undefined;
  private readonly canary: boolean;
  private readonly counters: {
    readonly failures: ProxyCounter;
    readonly reloads: ProxyCounter;
    readonly failedStreams: ProxyCounter;
    readonly active: ProxyCounter;
  };

  constructor(
    readonly env: ProxyEnv,
    opts: PluginOptions,
  ) {
    this.name = opts.name;
    this.rootId = opts.rootId ?? '';
    this.vmId = opts.vmId ?? '';
    this.vmConfiguration = bytesOf(opts.vmConfiguration);
    this.pluginConfiguration = bytesOf(opts.configuration);
    this.envVars = opts.envVars ?? {};
    this.policy = opts.failurePolicy ?? 'fail_closed';
    this.backoff = opts.reloadBackoff ?? { baseMs: 1000, maxMs: 30_000 };
    this.limits = opts.limits ?? {};
    this.canary = opts.canary ?? true;
    try {
      this.filter = opts.module instanceof Uint8Array ? compileFilter(opts.module) : opts.module;
    } catch (e) {
      throw new PluginLoadError(this.name, (e as Error).message);
    }
    const labels = { filter: this.name };
    this.counters = {
      failures: env.metrics.counter('wasmlet_filter_failures_total', labels, 'VM failures (traps, aborts, exhausted limits) per filter'),
      reloads: env.metrics.counter('wasmlet_filter_reloads_total', labels, 'VM reloads per filter (fail_reload)'),
      failedStreams: env.metrics.counter('wasmlet_filter_failed_streams_total', labels, 'streams answered by the failure policy per filter'),
      active: env.metrics.counter('wasmlet_filter_active', labels, '1 while the filter has a live VM', 'gauge'),
    };
  }

  get failOpen(): boolean {
    return this.policy === 'fail_open';
  }

  /** Load: canary VM, then the real VM. Throws PluginLoadError. */
  start(): void {
    if (this.canary) this.createVm(true);
    this.vm = this.createVm(false);
    this.counters.active.value = 1;
  }

  private createVm(canary: boolean): WasmVm {
    let vm: WasmVm;
    try {
      vm = new WasmVm(this, this.filter, proxyWasmImports, this.limits);
    } catch (e) {
      throw new PluginLoadError(this.name, `cannot instantiate: ${(e as Error).message.split('\n')[0]}`);
    }
    vm.canary = canary;
    vm.rootId = vm.newContextId();
    const root: RootContext = { kind: 'root', id: vm.rootId };
    vm.contexts.set(root.id, root);
    const id = vm.rootId;
    const what = canary ? ' (canary)' : '';
    if (vm.call('proxy_on_context_create', vm.cb.contextCreate, root, 0, id, 0) === FAILED) {
      throw new PluginLoadError(this.name, `proxy_on_context_create failed${what}: ${vm.failed!.message.split('\n')[0]}`);
    }
    const started = vm.call('proxy_on_vm_start', vm.cb.vmStart, root, 1, id, this.vmConfiguration.length);
    if (started === FAILED) throw new PluginLoadError(this.name, `proxy_on_vm_start failed${what}: ${vm.failed!.message.split('\n')[0]}`);
    if (started === 0) throw new PluginLoadError(this.name, `proxy_on_vm_start returned false${what}`);
    const ok = vm.call('proxy_on_configure', vm.cb.configure, root, 1, id, this.pluginConfiguration.length);
    if (ok === FAILED) throw new PluginLoadError(this.name, `proxy_on_configure failed${what}: ${vm.failed!.message.split('\n')[0]}`);
    if (ok === 0) throw new PluginLoadError(this.name, `the filter rejected its configuration (proxy_on_configure returned false)${what}`);
    this.afterRootCallback(vm);
    if (!canary) this.vmStartedAt = Date.now();
    return vm;
  }

  /** The VM a new stream context should use, reloading a failed one when the policy allows. */
  acquireVm(): WasmVm | undefined {
    const vm = this.vm;
    if (vm && !vm.failed) return vm;
    if (this.policy !== 'fail_reload' || Date.now() < this.nextReloadAt) return undefined;
    return this.reload();
  }

  private reload(): WasmVm | undefined {
    if (this.vm && !this.vm.failed) return this.vm;
    try {
      this.vm = this.createVm(false);
      this.reloads++;
      this.counters.reloads.inc();
      this.counters.active.value = 1;
      this.env.logger.log(LogLevel.Info, this.name, `VM reloaded (attempt after ${this.failures} failure(s))`);
      this.stats.event(`VM reloaded (after ${this.failures} failure(s))`);
      return this.vm;
    } catch (e) {
      this.vm = undefined;
      this.scheduleReload();
      this.env.logger.log(LogLevel.Error, this.name, `reload failed: ${(e as Error).message}`);
      this.stats.event(`reload failed: ${(e as Error).message.split('\n')[0]}`);
      return undefined;
    }
  }

  private scheduleReload(): void {
    this.failures++;
    const delay = Math.min(this.backoff.baseMs * 2 ** Math.min(this.failures - 1, 20), this.backoff.maxMs);
    this.nextReloadAt = Date.now() + delay;
    if (this.reloadTimer !== undefined) this.env.scheduler.clearTimeout(this.reloadTimer);
    this.reloadTimer = this.env.scheduler.setTimeout(() => {
      this.reloadTimer = undefined;
      if (!this.vm || this.vm.failed) this.reload();
    }, delay);
  }

  /** The VM failed (a trap in some callback): count it, stop its timers, apply the policy. */
  vmFailed(vm: WasmVm | undefined): void {
    if (!vm || vm !== this.vm || this.handledFailure === vm) return;
    this.handledFailure = vm;
    this.counters.failures.inc();
    this.counters.active.value = 0;
    this.setTickPeriod(vm, 0);
    vm.grpc?.cancelAll();
    if (this.policy === 'fail_reload') {
      if (Date.now() - this.vmStartedAt > this.backoff.maxMs) this.failures = 0;
      this.scheduleReload();
      this.env.logger.log(LogLevel.Warn, this.name, `VM failed; reload in ${this.nextReloadAt - Date.now()} ms`);
    } else {
      this.failures++;
      this.env.logger.log(LogLevel.Warn, this.name, `VM failed; streams now ${this.policy === 'fail_open' ? 'skip this filter (fail_open)' : 'get 503 (fail_closed)'}`);
    }
    const why = `${vm.failedIn}: ${vm.failed?.message.split('\n')[0] ?? 'failed'}`;
    this.stats.event(this.policy === 'fail_reload' ? `VM failed in ${why}; reload in ${this.nextReloadAt - Date.now()} ms (fail_reload)` : `VM failed in ${why}; streams now ${this.policy === 'fail_open' ? 'skip this filter (fail_open)' : 'get 503 (fail_closed)'}`);
    // streams waiting on this VM (paused in it) would wait forever: apply the policy to them now
    const waiting: StreamContextHost[] = [];
    for (const c of vm.contexts.values()) if (c.kind === 'stream') waiting.push(c.host);
    this.env.scheduler.defer(() => {
      for (const s of waiting) if (s.heldByFilter) s.failFilter();
    });
  }

  /** a stream was answered by the failure policy */
  countFailedStream(): void {
    this.counters.failedStreams.inc();
    this.stats.failedStreams++;
  }

  // ---- RootHost ---------------------------------------------------------------------------------

  setTickPeriod(vm: WasmVm, ms: number): void {
    if (vm.canary || (vm !== this.vm && this.vm !== undefined)) return;
    if (this.tickHandle !== undefined) this.env.scheduler.clearInterval(this.tickHandle);
    this.tickHandle = undefined;
    this.tickMs = ms;
    if (ms > 0) this.tickHandle = this.env.scheduler.setInterval(() => this.tick(), ms);
  }

  get tickPeriodMs(): number {
    return this.tickMs;
  }

  /** Run proxy_on_tick on the root context. */
  tick(): void {
    const vm = this.vm;
    if (!vm || vm.failed) return;
    const root = vm.contexts.get(vm.rootId)!;
    if (vm.call('proxy_on_tick', vm.cb.tick, root, 0, vm.rootId) === FAILED) this.vmFailed(vm);
    else this.afterRootCallback(vm);
  }

  rootProperty(path: readonly string[]): Uint8Array | undefined {
    if (path.length !== 1) return undefined;
    switch (path[0]) {
      case 'plugin_name':
        return Buffer.from(this.name);
      case 'plugin_root_id':
        return Buffer.from(this.rootId);
      case 'plugin_vm_id':
        return Buffer.from(this.vmId);
      default:
        return undefined;
    }
  }

  httpCallDone(vm: WasmVm, token: number, res: HttpCallResponse | null): void {
    if (vm !== this.vm || vm.failed) return;
    if (!vm.httpCalls.delete(token)) return;
    const root = vm.contexts.get(vm.rootId)!;
    vm.callResponse = res;
    vm.lastStatus = res ? { code: 0, message: '' } : { code: Status.InternalFailure, message: 'http call failed' };
    const r = res
      ? vm.call('proxy_on_http_call_response', vm.cb.httpCallResponse, root, 0, vm.rootId, token, res.headers.size, res.body.length, res.trailers.size)
      : vm.call('proxy_on_http_call_response', vm.cb.httpCallResponse, root, 0, vm.rootId, token, 0, 0, 0);
    if (r === FAILED) this.vmFailed(vm);
    this.afterRootCallback(vm);
  }

  rootCallback(vm: WasmVm, name: string, f: FuncInst | undefined, a1: number, a2: number, prepare: () => void): boolean {
    if (vm !== this.vm || vm.failed) return false;
    const root = vm.contexts.get(vm.rootId)!;
    prepare();
    if (vm.call(name, f, root, 0, vm.rootId, a1, a2) === FAILED) this.vmFailed(vm);
    this.afterRootCallback(vm);
    return true;
  }

  queueReady(vm: WasmVm, token: number): void {
    if (vm !== this.vm || vm.failed) return;
    const root = vm.contexts.get(vm.rootId)!;
    if (vm.call('proxy_on_queue_ready', vm.cb.queueReady, root, 0, vm.rootId, token) === FAILED) this.vmFailed(vm);
    this.afterRootCallback(vm);
  }

  rootDone(_vm: WasmVm): void {
    /* the root context finished after on_done returned false; nothing is waiting on it here */
  }

  /** Apply what a root callback asked of streams (continue, local response) through effective contexts. */
  private afterRootCallback(vm: WasmVm): void {
    if (vm.touched.length === 0) return;
    const touched = vm.touched.slice();
    vm.touched.length = 0;
    for (const s of touched) {
      if (vm.failed) s.failFilter();
      else s.applyPending();
    }
  }

  /** Stop timers and end the root context (proxy shutdown). */
  stop(): void {
    if (this.tickHandle !== undefined) this.env.scheduler.clearInterval(this.tickHandle);
    if (this.reloadTimer !== undefined) this.env.scheduler.clearTimeout(this.reloadTimer);
    this.tickHandle = this.reloadTimer = undefined;
    const vm = this.vm;
    vm?.grpc?.cancelAll();
    if (!vm || vm.failed) return;
    const root = vm.contexts.get(vm.rootId)!;
    vm.call('proxy_on_done', vm.cb.done, root, 1, vm.rootId);
    vm.call('proxy_on_delete', vm.cb.delete, root, 0, vm.rootId);
  }
}
