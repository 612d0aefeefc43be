/**
 * `wasmlet proxy --config envoy.yaml`: run the proxy-wasm HTTP proxy from an Envoy v3 YAML
 * configuration (the subset in docs/proxy.md), with the admin listener the config names
 * (Prometheus metrics at /stats/prometheus, readiness at /ready). `--check` loads everything
 * (configuration, filters, canaries) and exits without listening; `--dashboard PORT` serves the
 * live dashboard's proxy view (bin/dashboard) beside it. SIGHUP reloads the configuration file and
 * its filter modules (hosts/proxy/reload.ts); `--watch` does so whenever one of them changes.
 */
import { parseArgs } from 'node:util';
import { parseLogLevel } from '../../hosts/proxy/abi.js';
import { loadConfigFile } from '../../hosts/proxy/config.js';
import { ConsoleLogger } from '../../hosts/proxy/log.js';
import { Proxy } from '../../hosts/proxy/proxy.js';
import { ConfigWatcher } from '../../hosts/proxy/reload.js';
import { UsageError, type Command } from './command.js';
import { parsePort } from './args.js';
import { startDashboard } from '../dashboard/index.js';

const USAGE = `usage: wasmlet proxy --config <envoy.yaml> [options]

Runs an HTTP/1.1 proxy whose listeners, routes, clusters and proxy-wasm filters come from an
Envoy v3 bootstrap YAML (static_resources + admin). Filters run on wasmlet whatever their
vm_config.runtime says.

options:
  -c, --config <file>          the Envoy YAML configuration (required)
  -l, --log-level <level>      trace | debug | info | warn | error | critical (default info);
                               filters see it through proxy_get_log_level
      --fuel-per-callback <n>  default fuel budget per filter callback (0: unmetered)
      --max-memory-mb <n>      default linear-memory budget per filter VM
      --check                  load the configuration and the filters, then exit
      --dashboard <port>       also serve the live dashboard's proxy view on 127.0.0.1:<port>
                               (per-filter calls, failures, fuel, latency, failure-policy events)
  -w, --watch                  reload when the configuration file or a filter module changes

SIGHUP reloads the configuration and its modules: new streams use the new filter chains, streams
in flight finish on the old ones; a configuration that does not load is logged and the running
one stays.
`;

export const proxy: Command = {
  name: 'proxy',
  summary: 'run proxy-wasm filters in an HTTP proxy configured by Envoy YAML',
  usage: USAGE,
  async run(args) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        strict: true,
        options: {
          config: { type: 'string', short: 'c' },
          'log-level': { type: 'string', short: 'l' },
          'fuel-per-callback': { type: 'string' },
          'max-memory-mb': { type: 'string' },
          check: { type: 'boolean' },
          dashboard: { type: 'string' },
          watch: { type: 'boolean', short: 'w' },
        },
      }));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (!values.config) throw new UsageError('--config <envoy.yaml> is required');
    let level;
    try {
      level = parseLogLevel(values['log-level'] ?? 'info');
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const num = (name: 'fuel-per-callback' | 'max-memory-mb'): number | undefined => {
      const v = values[name];
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} expects a non-negative number`);
      return n;
    };
    const fuel = num('fuel-per-callback');
    const mem = num('max-memory-mb');
    const config = loadConfigFile(values.config);
    const px = new Proxy(config, {
      configFile: values.config,
      logger: new ConsoleLogger(level),
      limits: { fuelPerCallback: fuel, maxMemoryBytes: mem === undefined ? undefined : mem * 1024 * 1024 },
    });
    if (values.check) {
      px.startFiltersOnly();
      process.stdout.write(`configuration OK: ${config.listeners.length} listener(s), ${config.clusters.length} cluster(s), ${px.filterCount} filter(s)\n`);
      return 0;
    }
    const dashboardPort = parsePort(values.dashboard, '--dashboard');
    await px.start();
    for (const l of px.allListeners()) process.stdout.write(`listening on ${l.config.address.address}:${l.port} (${l.config.name || l.config.statPrefix})\n`);
    if (px.admin) process.stdout.write(`admin on ${config.admin!.address}:${px.adminPort}\n`);
    const dash = dashboardPort === undefined ? undefined : await startDashboard({ proxy: () => px.filterStats(), port: dashboardPort });
    if (dash) process.stdout.write(`dashboard: ${dash.url}#/proxy\n`);
    const reload = () => {
      px.reload().then(
        (r) => process.stdout.write(r.changed ? `reloaded: configuration version ${r.version}\n` : `reload: nothing changed (version ${r.version})\n`),
        () => process.stdout.write(`reload rejected: keeping configuration version ${px.reloader.version}\n`),
      );
    };
    process.on('SIGHUP', reload);
    const watcher = values.watch ? new ConfigWatcher(px, values.config) : undefined;
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    process.off('SIGHUP', reload);
    watcher?.close();
    await dash?.close();
    await px.stop();
    return 0;
  },
};
