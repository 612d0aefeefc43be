/**
 * The fleet view: one row per device, live, sortable by any column (click its header; again to
 * reverse) and filtered by a text that any cell may contain. A device offline, or whose
 * telemetry stopped for three periods, is shown so.
 */
import type { DeviceRow } from '../../bin/dashboard/protocol.js';
import { $, el, fmt } from './dom.js';

/** numeric-aware text order (heater-2 before heater-10), one collator for every comparison */
export const byText = new Intl.Collator('en', { numeric: true });

interface Column {
  readonly key: string;
  readonly title: string;
  readonly text: (r: DeviceRow) => string;
  /** sort value (defaults to the text) */
  readonly value?: (r: DeviceRow) => number | string;
}

/** when each row arrived (page clock): its ageMs is relative to that */
const received = new WeakMap<DeviceRow, number>();

export function online(r: DeviceRow, now = Date.now()): boolean {
  if (r.status !== 'online') return false;
  // telemetry overdue by more than 3 periods (at least 2 s): the device is silent
  const period = (r.periodS ?? 0.1) * 1000;
  return r.ageMs === undefined || r.ageMs + (now - (received.get(r) ?? now)) < Math.max(2000, 3 * period);
}

export function runningText(r: DeviceRow): string {
  return r.running ? `${r.running.id}@${r.running.version} (${r.running.slot})` : r.running === null ? 'nothing' : '–';
}

export function lastText(r: DeviceRow): string {
  return r.last ? `${r.last.version} ${r.last.state}${r.last.error ? ` (${r.last.error.split('\n')[0]})` : ''}` : '–';
}

const COLUMNS: readonly Column[] = [
  { key: 'id', title: 'Device', text: (r) => r.id },
  { key: 'plant', title: 'Plant', text: (r) => r.plant ?? '–' },
  { key: 'online', title: 'Online', text: (r) => (online(r) ? 'online' : 'offline') },
  { key: 'state', title: 'State', text: (r) => r.state ?? '–' },
  { key: 'running', title: 'Running', text: runningText },
  { key: 'last', title: 'Last attempt', text: lastText },
  { key: 'stepUs', title: 'Step µs', text: (r) => fmt(r.stepUs, 3), value: (r) => r.stepUs ?? -1 },
  { key: 'fuel', title: 'Fuel/step', text: (r) => fmt(r.fuel, 4), value: (r) => r.fuel ?? -1 },
  { key: 'memory', title: 'Memory', text: (r) => (r.memoryBytes === undefined ? '–' : `${Math.round(r.memoryBytes / 1024)} KiB`), value: (r) => r.memoryBytes ?? -1 },
  { key: 'jitter', title: 'Jitter p99 ms', text: (r) => fmt(r.jitterP99Ms, 3), value: (r) => r.jitterP99Ms ?? -1 },
  { key: 'pv', title: 'Value', text: (r) => fmt(r.values?.['pv'] ?? null, 4, r.sensor?.unit ?? ''), value: (r) => r.values?.['pv'] ?? -Infinity },
];

export class FleetView {
  private rows = new Map<string, DeviceRow>();
  private sortKey = 'id';
  private pending = false;
  private sortDir = 1;
  private filter = '';
  private readonly tbody: HTMLElement;
  private readonly headers = new Map<string, HTMLElement>();
  private readonly trs = new Map<string, HTMLTableRowElement>();

  constructor(private readonly open: (id: string) => void) {
    const tr = $('fleet-table').querySelector('thead tr')!;
    for (const c of COLUMNS) {
      const b = el('button', { type: 'button' }, c.title);
      b.addEventListener('click', () => {
        if (this.sortKey === c.key) this.sortDir = -this.sortDir;
        else ((this.sortKey = c.key), (this.sortDir = 1));
        this.render();
      });
      const th = el('th', { scope: 'col' }, b);
      this.headers.set(c.key, th);
      tr.append(th);
    }
    this.tbody = $('fleet-table').querySelector('tbody')!;
    const f = $('filter') as HTMLInputElement;
    f.addEventListener('input', () => {
      this.filter = f.value.trim().toLowerCase();
      this.render();
    });
    // offline detection needs time to pass even without messages
    setInterval(() => this.render(), 1000);
  }

  update(rows: readonly DeviceRow[]): void {
    const now = Date.now();
    for (const r of rows) {
      received.set(r, now);
      this.rows.set(r.id, r);
    }
    // a large fleet arrives in several messages: one render per frame
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.render();
    });
  }

  all(): DeviceRow[] {
    return [...this.rows.values()];
  }

  get(id: string): DeviceRow | undefined {
    return this.rows.get(id);
  }

  private render(): void {
    const col = COLUMNS.find((c) => c.key === this.sortKey)!;
    const val = col.value ?? col.text;
    const list = [...this.rows.values()]
      .filter((r) => !this.filter || COLUMNS.some((c) => c.text(r).toLowerCase().includes(this.filter)))
      .sort((a, b) => {
        const x = val(a);
        const y = val(b);
        const c = typeof x === 'number' && typeof y === 'number' ? x - y : byText.compare(String(x), String(y));
        return (c || byText.compare(a.id, b.id)) * this.sortDir;
      });
    for (const [k, th] of this.headers) th.setAttribute('aria-sort', k === this.sortKey ? (this.sortDir > 0 ? 'ascending' : 'descending') : 'none');
    const keep = new Set(list.map((r) => r.id));
    for (const [id, tr] of this.trs) if (!keep.has(id)) (tr.remove(), this.trs.delete(id));
    const now = Date.now();
    let prev: Element | null = null;
    for (const r of list) {
      let tr = this.trs.get(r.id);
      if (!tr) {
        tr = el('tr', { 'data-device': r.id });
        for (const c of COLUMNS) {
          if (c.key === 'id') {
            const a = el('a', { href: `#/device/${encodeURIComponent(r.id)}` }, r.id);
            a.addEventListener('click', (e) => {
              e.preventDefault();
              this.open(r.id);
            });
            tr.append(el('th', { scope: 'row' }, a));
          } else tr.append(el('td', { 'data-col': c.key }));
        }
        this.trs.set(r.id, tr);
      }
      const on = online(r, now);
      tr.classList.toggle('offline', !on);
      tr.classList.toggle('faulted', r.state === 'faulted');
      COLUMNS.forEach((c, i) => {
        if (i === 0) return;
        const cell = tr!.children[i] as HTMLElement;
        const text = c.key === 'online' ? (on ? 'online' : 'offline') : c.text(r);
        if (cell.textContent !== text) cell.textContent = text;
      });
      const want: Element | null = prev ? prev.nextElementSibling : this.tbody.firstElementChild;
      if (want !== tr) prev ? prev.after(tr) : this.tbody.prepend(tr);
      prev = tr;
    }
    $('fleet-empty').hidden = this.rows.size > 0;
    $('fleet-count').textContent = `${list.length} of ${this.rows.size} devices, ${[...this.rows.values()].filter((r) => online(r, now)).length} online`;
  }
}
