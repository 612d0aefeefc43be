/**
 * Hot reload, with the semantics of Envoy's listener drain: a new configuration (and every filter
 * module it names, read and compiled again when its bytes changed) is loaded completely — parsed,
 * checked, every filter canaried and started, new listener addresses bound — before anything
 * changes. Only then is it committed: new streams (on new and kept-alive connections) run the new
 * chains, streams in flight finish on the old ones, and the old chains' VMs are released when
 * their last stream ends. Listener sockets stay bound across a reload (a listener whose address
 * changed gets its new socket bound before the old one closes), so no connection is refused.
 * Anything that fails leaves the running configuration untouched and throws its typed error
 * (ConfigError naming the YAML path, PluginLoadError naming the filter and its module).
 *
 * ConfigWatcher drives reloads from the file system (`wasmlet proxy --watch`): it watches the
 * directories of the configuration file and of every module, so a file replaced by rename (an
 * editor's or a build's atomic write) is seen as well as one written in place, and debounces
 * bursts of events into one reload.
 */
import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import type { Server } from 'node:net';
import { dirname, resolve } from 'node:path';
import { WasmletError } from '../../core/index.js';
import { LogLevel } from './abi.js';
import { Cluster, clusterDispatcher } from './cluster.js';
import { closeGrpcPool, clusterGrpc } from './grpc.js';
import type { AddressInfo } from 'node:net';
import { ConfigError, parseConfig, type ListenerConfig, type ProxyConfig } from './config.js';
import type { ListenerServer } from './listener-server.js';
import type { ProxyEnv } from './env.js';
import type { ProxyCounter } from './metrics.js';
import { PluginLoadError, type Plugin } from './plugin.js';
import type { FilterModule } from './vm.js';

/** What to reload: a configuration file (relative filenames resolve against its directory), or YAML text. */
export type ReloadSource = { readonly file: string } | { readonly text: string; readonly baseDir?: string };

export interface ReloadResult {
  /** false: the configuration and every module were byte-identical to the running ones (nothing was rebuilt) */
  readonly changed: boolean;
  /** the running configuration's version: 1 at start, +1 per reload that changed something */
  readonly version: number;
  /** sha256 of the configuration text and the modules' bytes */
  readonly hash: string;
}

/** how long a listener whose address changed (or that was removed) may take to finish its streams */
const DRAIN_MS = 600_000;

export type Modules = Map<string, { readonly module: FilterModule; readonly hash: string }>;

/** What a reload needs of a listener's chain (proxy.ts's Listener; an interface, so this file does not import proxy.ts) */
export interface Chain {
  readonly config: ListenerConfig;
  readonly server: ListenerServer;
  readonly plugins: readonly Plugin[];
  port: number;
  clusters: ReadonlyMap<string, Cluster>;
  readonly inflight: number;
  onDrained: (() => void) | undefined;
  serve(): void;
}

/** What a reload needs of the proxy (proxy.ts's Proxy) */
export interface ReloadHost<L extends Chain> {
  readonly env: ProxyEnv;
  config: ProxyConfig;
  clusters: Map<string, Cluster>;
  modules: Modules;
  readonly listeners: L[];
  module(code: { filename: string } | { bytes: Uint8Array }, key: string, into: Modules): FilterModule;
  buildListener(lc: ListenerConfig, modules: Modules, server?: ListenerServer): L;
  bindAddress(a: { address: string; port: number }): { host: string; port: number };
  releaseListener(l: L): void;
  /** point the chains a reload keeps (tcp_proxy listeners) at the new clusters */
  retarget(clusters: ReadonlyMap<string, Cluster>): void;
  reload(source?: ReloadSource): Promise<ReloadResult>;
}

/** Listen; resolves to the bound port. */
export function listen(s: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, host, () => {
      s.off('error', reject);
      resolve((s.address() as AddressInfo).port);
    });
  });
}

/** @internal the reload state of one Proxy */
export class Reloader<L extends Chain> {
  version = 0;
  hash = '';
  /** when the running configuration was loaded, and the latest failure (admin /server_info) */
  loadedAt = 0;
  lastError: { readonly at: number; readonly code: string; readonly message: string } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** replaced chains still finishing their streams */
  private readonly old = new Set<L>();
  /** servers of removed (or moved) listeners, closing */
  private readonly closing = new Set<ListenerServer>();
  private closed = false;
  private readonly counters: {
    readonly success: ProxyCounter;
    readonly failure: ProxyCounter;
    readonly unchanged: ProxyCounter;
    readonly version: ProxyCounter;
    readonly draining: ProxyCounter;
    info: ProxyCounter | undefined;
  };

  constructor(
    private readonly proxy: ReloadHost<L>,
    private readonly file: string | undefined,
  ) {
    const m = proxy.env.metrics;
    const help = 'configuration reloads by result';
    this.counters = {
      success: m.counter('wasmlet_config_reloads_total', { result: 'success' }, help),
      failure: m.counter('wasmlet_config_reloads_total', { result: 'failure' }, help),
      unchanged: m.counter('wasmlet_config_reloads_total', { result: 'unchanged' }, help),
      version: m.counter('wasmlet_config_version', {}, 'version of the running configuration (1 at start, +1 per applied reload)', 'gauge'),
      draining: m.counter('wasmlet_listener_chains_draining', {}, 'replaced filter chains still finishing their streams', 'gauge'),
      info: undefined,
    };
  }

  /** the initial configuration is loaded */
  loaded(): void {
    if (this.version) return;
    let text: string | undefined;
    try {
      if (this.file) text = readFileSync(this.file, 'utf8');
    } catch {
      /* the hash then covers the parsed configuration */
    }
    if (text === undefined) {
      try {
        text = canonical(this.proxy.config);
      } catch {
        // never fail a start over a hash: a unique text means "differs from any reload"
        text = `unhashable ${Date.now()} ${Math.random()}`;
      }
    }
    this.commitVersion(versionHash(text, this.proxy.modules));
  }

  info(): object {
    return { version: this.version, hash: this.hash, file: this.file, loadedAt: new Date(this.loadedAt).toISOString(), lastError: this.lastError && { ...this.lastError, at: new Date(this.lastError.at).toISOString() } };
  }

  /** chains replaced by a reload that still have streams */
  draining(): L[] {
    return [...this.old];
  }

  drainingServers(): ListenerServer[] {
    return [...this.closing];
  }

  close(): void {
    this.closed = true;
  }

  /** Reloads run one at a time, in order. */
  reload(source?: ReloadSource): Promise<ReloadResult> {
    const run = () => this.run(source);
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  private async run(source: ReloadSource | undefined): Promise<ReloadResult> {
    const src = source ?? (this.file ? { file: this.file } : undefined);
    const where = src === undefined ? '(none)' : 'file' in src ? src.file : 'configuration text';
    const log = this.proxy.env.logger;
    try {
      if (!src) throw new ConfigError('nothing to reload: the proxy was not started from a file (pass { file } or { text })');
      if (this.closed) throw new ConfigError('the proxy is stopped');
      const r = await this.apply(src);
      if (r.changed) {
        this.counters.success.inc();
        log.log(LogLevel.Info, 'proxy', `reloaded ${where}: configuration version ${r.version} (${r.hash.slice(0, 12)})`);
      } else {
        this.counters.unchanged.inc();
        log.log(LogLevel.Info, 'proxy', `reload of ${where}: nothing changed (version ${r.version})`);
      }
      return r;
    } catch (e) {
      this.counters.failure.inc();
      const code = e instanceof WasmletError ? e.code : 'ERROR';
      const message = (e as Error).message;
      this.lastError = { at: Date.now(), code, message };
      log.log(LogLevel.Error, 'proxy', `reload of ${where} rejected, keeping configuration version ${this.version}: ${code}: ${message}`);
      throw e;
    }
  }

  private async apply(src: ReloadSource): Promise<ReloadResult> {
    const px = this.proxy;
    let text: string;
    let baseDir: string;
    if ('file' in src) {
      try {
        text = readFileSync(src.file, 'utf8');
      } catch (e) {
        throw new ConfigError(`cannot read ${src.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      baseDir = dirname(resolve(src.file));
    } else {
      text = src.text;
      baseDir = src.baseDir ?? process.cwd();
    }
    const config = parseConfig(text, { baseDir });
    // read (and compile what changed of) every module first: its hash is part of the version
    const modules: Modules = new Map();
    for (const lc of config.listeners) {
      for (const f of lc.filters) {
        try {
          px.module(f.code, `${lc.name}/${f.name}`, modules);
        } catch (e) {
          throw new PluginLoadError(f.name, 'filename' in f.code ? `${f.code.filename}: ${(e as Error).message}` : (e as Error).message);
        }
      }
    }
    const hash = versionHash(text, modules);
    if (hash === this.hash) return { changed: false, version: this.version, hash };
    // network (tcp_proxy) listeners keep their chain across reloads for now: refuse a change to them
    // rather than half-apply it
    const tcpOf = (ls: readonly ListenerConfig[]) => JSON.stringify(ls.filter((l) => l.tcp), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    if (tcpOf(config.listeners) !== tcpOf(px.config.listeners)) {
      const i = config.listeners.findIndex((l) => l.tcp);
      throw new ConfigError('a reload cannot change tcp_proxy listeners yet (restart the proxy for that)', `static_resources.listeners[${i < 0 ? 0 : i}]`);
    }
    if (!sameAddress(config.admin, px.config.admin)) px.env.logger.log(LogLevel.Warn, 'proxy', 'reload: a changed admin address takes effect on restart only; the admin listener stays where it is');

    // clusters: an unchanged one is kept (its connection pool, and its state)
    const clusters = new Map<string, Cluster>();
    const fresh: Cluster[] = [];
    for (const cc of config.clusters) {
      const old = px.clusters.get(cc.name);
      if (old && JSON.stringify(old.config) === JSON.stringify(cc)) clusters.set(cc.name, old);
      else {
        const c = new Cluster(cc, px.env.metrics, px.env.logger);
        fresh.push(c);
        clusters.set(cc.name, c);
      }
    }
    // new health-checked clusters warm before they take traffic
    await Promise.all(fresh.map((c) => c.warm()));

    // build every chain; a listener at the same address keeps its socket, a new address is bound now
    const built: L[] = [];
    const bound: ListenerServer[] = [];
    const taken = new Set<L>();
    try {
      for (const [i, lc] of config.listeners.entries()) {
        if (lc.tcp) continue;
        const old = px.listeners.find((l) => !taken.has(l) && key(l.config) === key(lc));
        const keep = old && sameAddress(old.config.address, lc.address) ? old : undefined;
        if (keep) taken.add(keep);
        // the kept server was built for its codec and TLS settings: changing them needs a new socket
        if (keep && transportOf(keep.config) !== transportOf(lc)) {
          throw new ConfigError('a reload cannot change the codec_type, http2_protocol_options or transport_socket of a listener that keeps its address (restart the proxy, or give the listener a new address)', `static_resources.listeners[${i}]`);
        }
        const l = px.buildListener(lc, modules, keep?.server);
        built.push(l);
        l.clusters = clusters;
        if (keep) {
          l.port = keep.port;
          continue;
        }
        const b = px.bindAddress(lc.address);
        try {
          l.port = await listen(l.server.server, b.port, b.host);
        } catch (e) {
          throw new ConfigError(`cannot listen on ${b.host}:${b.port}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, `static_resources.listeners[${i}].address`);
        }
        bound.push(l.server);
        px.env.logger.log(LogLevel.Info, 'proxy', `listener ${lc.name || lc.statPrefix} on ${b.host}:${l.port}`);
      }
    } catch (e) {
      for (const l of built) px.releaseListener(l);
      for (const s of bound) s.close();
      for (const c of fresh) c.close();
      throw e;
    }
    if (this.closed) {
      for (const l of built) px.releaseListener(l);
      for (const s of bound) s.close();
      for (const c of fresh) c.close();
      throw new ConfigError('the proxy stopped during the reload');
    }

    // commit: nothing below throws
    const replaced = px.listeners.splice(0, px.listeners.length, ...built);
    const oldClusters = px.clusters;
    px.config = config;
    px.modules = modules;
    px.clusters = clusters;
    px.env.httpCall = clusterDispatcher(clusters);
    px.env.grpc = clusterGrpc(clusters);
    px.retarget(clusters);
    for (const l of built) if (replaced.some((o) => o.server === l.server)) l.serve();
    const released = new Set<L>();
    const retire = [...oldClusters.values()].filter((c) => clusters.get(c.name) !== c);
    // the replacements check health now (they share the stats); draining streams keep the last health seen
    for (const c of retire) c.stopHealth();
    for (const c of fresh) c.health?.refreshStats();
    const maybeCloseClusters = () => {
      if (released.size === replaced.length) {
        for (const c of retire) {
          c.close();
          closeGrpcPool(c);
        }
      }
    };
    for (const o of replaced) {
      if (!built.some((l) => l.server === o.server)) this.closeServer(o.server);
      const release = () => {
        px.releaseListener(o);
        this.old.delete(o);
        released.add(o);
        this.counters.draining.value = this.old.size;
        maybeCloseClusters();
      };
      if (o.inflight === 0) release();
      else {
        this.old.add(o);
        o.onDrained = release;
      }
    }
    this.counters.draining.value = this.old.size;
    maybeCloseClusters();
    this.commitVersion(hash);
    return { changed: true, version: this.version, hash };
  }

  /** stop accepting; idle connections close now, busy ones after their stream (or the drain time) */
  private closeServer(s: ListenerServer): void {
    this.closing.add(s);
    const t = setTimeout(() => s.closeAllConnections(), DRAIN_MS);
    t.unref();
    s.close(() => {
      clearTimeout(t);
      this.closing.delete(s);
    });
    s.closeIdleConnections();
  }

  private commitVersion(hash: string): void {
    this.version++;
    this.hash = hash;
    this.loadedAt = Date.now();
    const m = this.proxy.env.metrics;
    this.counters.version.value = this.version;
    if (this.counters.info) m.remove(this.counters.info);
    this.counters.info = m.counter('wasmlet_config_info', { hash }, 'sha256 of the running configuration and its modules (value 1)', 'gauge');
    this.counters.info.value = 1;
  }
}

/** listeners are matched across configurations by name (Envoy's rule), unnamed ones by address */
function key(l: ListenerConfig): string {
  return l.name || `${l.address.address}:${l.address.port}`;
}

/** what a listener's server is built from (ListenerServer): its codec, HTTP/2 settings and TLS */
function transportOf(l: ListenerConfig): string {
  return JSON.stringify({ codec: l.codec, http2: l.http2, tls: l.tls });
}

function sameAddress(a: { address: string; port: number } | undefined, b: { address: string; port: number } | undefined): boolean {
  return a?.address === b?.address && a?.port === b?.port;
}

function versionHash(text: string, modules: Modules): string {
  const h = createHash('sha256').update(text);
  for (const [k, m] of [...modules].sort(([a], [b]) => (a < b ? -1 : 1))) h.update(`\0${k}\0${m.hash}`);
  return h.digest('hex');
}

/** a stable text for a configuration given as an object (no source text to hash) */
function canonical(c: ProxyConfig): string {
  return JSON.stringify(c, (_k, v: unknown) => (v instanceof RegExp ? v.source : v instanceof Map ? [...v] : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : typeof v === 'function' || typeof v === 'bigint' ? String(v) : v));
}

export interface WatchOptions {
  /** quiet time after the last file event before reloading (default 200 ms) */
  readonly debounceMs?: number;
}

/**
 * Reload `proxy` from `file` whenever the file or a module it names changes. Watches directories
 * (fs.watch on a file follows its inode, which a rename replaces); the set of module files is
 * recomputed after each reload.
 */
export class ConfigWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private files = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly debounceMs: number;
  private stopped = false;

  constructor(
    private readonly proxy: ReloadHost<Chain>,
    private readonly file: string,
    opts: WatchOptions = {},
  ) {
    this.file = resolve(file);
    this.debounceMs = opts.debounceMs ?? 200;
    this.refresh();
  }

  /** the files a change of which triggers a reload */
  watched(): string[] {
    return [...this.files];
  }

  private refresh(): void {
    if (this.stopped) return;
    const files = new Set([this.file]);
    for (const l of this.proxy.config.listeners) for (const f of l.filters) if ('filename' in f.code) files.add(resolve(f.code.filename));
    this.files = files;
    const dirs = new Set([...files].map((f) => dirname(f)));
    for (const [d, w] of this.watchers) {
      if (!dirs.has(d)) {
        w.close();
        this.watchers.delete(d);
      }
    }
    for (const d of dirs) {
      if (this.watchers.has(d)) continue;
      try {
        const w = watch(d, { persistent: false }, (_event, name) => {
          // some platforms give no name: then any event in the directory counts
          if (name === null || this.files.has(resolve(d, name.toString()))) this.schedule();
        });
        w.on('error', (e) => this.proxy.env.logger.log(LogLevel.Warn, 'proxy', `watching ${d}: ${e.message}`));
        this.watchers.set(d, w);
      } catch (e) {
        this.proxy.env.logger.log(LogLevel.Warn, 'proxy', `cannot watch ${d}: ${(e as Error).message}`);
      }
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.proxy
        .reload({ file: this.file })
        .catch(() => undefined /* logged by the reloader; the running configuration stays */)
        .finally(() => this.refresh());
    }, this.debounceMs);
  }

  close(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}
