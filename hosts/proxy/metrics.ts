/**
 * Metrics: the counters, gauges and histograms filters define through proxy_define_metric, plus
 * the proxy's own request counters, rendered in Prometheus text format for the admin listener.
 * Filter metrics are named as Envoy names them (`wasmcustom.<name>`, exported as
 * `envoy_wasmcustom_<name>`); defining the same name and type again returns the same id, as all
 * plugins share one stats store in Envoy.
 */
import { MetricType, Status } from './abi.js';

/** Envoy's default histogram bucket bounds. */
const BUCKETS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];

interface Metric {
  readonly id: number;
  readonly type: MetricType;
  readonly name: string;
  value: number;
  /** histograms only */
  counts?: number[];
  sum?: number;
}

function promName(s: string): string {
  return s.replace(/[^a-zA-Z0-9_:]/g, '_');
}

function labelString(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

/** A labelled counter of the proxy itself; `inc` is allocation-free. */
export class ProxyCounter {
  value = 0;
  constructor(
    readonly name: string,
    readonly labels: Record<string, string>,
    readonly help: string,
    readonly type: 'counter' | 'gauge' = 'counter',
  ) {}
  inc(n = 1): void {
    this.value += n;
  }
}

export class Metrics {
  private readonly byId = new Map<number, Metric>();
  private readonly byName = new Map<string, Metric>();
  private nextId = 1;
  private readonly proxy = new Map<string, ProxyCounter>();

  /** proxy_define_metric: the id, or undefined for a bad type or a name defined with another type. */
  define(type: MetricType, name: string): number | undefined {
    if (type < MetricType.Counter || type > MetricType.Histogram) return undefined;
    const existing = this.byName.get(name);
    if (existing) return existing.type === type ? existing.id : undefined;
    const m: Metric = { id: this.nextId++, type, name, value: 0 };
    if (type === MetricType.Histogram) {
      m.counts = new Array(BUCKETS.length + 1).fill(0);
      m.sum = 0;
    }
    this.byId.set(m.id, m);
    this.byName.set(name, m);
    return m.id;
  }

  increment(id: number, delta: number): Status {
    const m = this.byId.get(id);
    if (!m) return Status.NotFound;
    if (m.type === MetricType.Histogram) return Status.BadArgument;
    m.value += delta;
    return Status.Ok;
  }

  record(id: number, value: number): Status {
    const m = this.byId.get(id);
    if (!m) return Status.NotFound;
    if (m.type === MetricType.Histogram) {
      let i = 0;
      while (i < BUCKETS.length && value > BUCKETS[i]!) i++;
      m.counts![i]!++;
      m.sum! += value;
      m.value++;
    } else {
      m.value = value;
    }
    return Status.Ok;
  }

  /** the type of metric `id`, or undefined when there is none */
  kind(id: number): MetricType | undefined {
    return this.byId.get(id)?.type;
  }

  /** current value of metric `id` (0 when there is none) */
  read(id: number): number {
    return this.byId.get(id)?.value ?? 0;
  }

  /** A filter metric by its defined name (harness assertions). Histograms give their sample count. */
  value(name: string): number | undefined {
    return this.byName.get(name)?.value;
  }

  histogram(name: string): { count: number; sum: number } | undefined {
    const m = this.byName.get(name);
    return m?.type === MetricType.Histogram ? { count: m.value, sum: m.sum! } : undefined;
  }

  /** A proxy counter with labels (created on first use; keep the returned object on hot paths). */
  counter(name: string, labels: Record<string, string> = {}, help = '', type: 'counter' | 'gauge' = 'counter'): ProxyCounter {
    const key = name + labelString(labels);
    let c = this.proxy.get(key);
    if (!c) this.proxy.set(key, (c = new ProxyCounter(name, labels, help, type)));
    return c;
  }

  /** Drop a proxy counter (one whose labels stopped being true, such as an old configuration's hash). */
  remove(c: ProxyCounter): void {
    const key = c.name + labelString(c.labels);
    if (this.proxy.get(key) === c) this.proxy.delete(key);
  }

  /** Prometheus text exposition format 0.0.4. */
  renderPrometheus(): string {
    const lines: string[] = [];
    const families = new Map<string, ProxyCounter[]>();
    for (const c of this.proxy.values()) {
      let f = families.get(c.name);
      if (!f) families.set(c.name, (f = []));
      f.push(c);
    }
    for (const [name, list] of [...families].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (list[0]!.help) lines.push(`# HELP ${name} ${list[0]!.help}`);
      lines.push(`# TYPE ${name} ${list[0]!.type}`);
      for (const c of list) lines.push(`${name}${labelString(c.labels)} ${c.value}`);
    }
    const sorted = [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const m of sorted) {
      const n = 'envoy_wasmcustom_' + promName(m.name);
      if (m.type === MetricType.Histogram) {
        lines.push(`# TYPE ${n} histogram`);
        let acc = 0;
        for (let i = 0; i < BUCKETS.length; i++) {
          acc += m.counts![i]!;
          lines.push(`${n}_bucket{le="${BUCKETS[i]}"} ${acc}`);
        }
        lines.push(`${n}_bucket{le="+Inf"} ${m.value}`);
        lines.push(`${n}_sum ${m.sum}`);
        lines.push(`${n}_count ${m.value}`);
      } else {
        lines.push(`# TYPE ${n} ${m.type === MetricType.Counter ? 'counter' : 'gauge'}`);
        lines.push(`${n} ${m.value}`);
      }
    }
    return lines.join('\n') + '\n';
  }
}
