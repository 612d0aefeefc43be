/**
 * The device view: a live uPlot chart of setpoint, process value and actuator over the rolling
 * window the server keeps (WINDOW samples), the control-quality figures of that window, the
 * device's event log, the Start/Stop/Reset/Rollback and parameter controls, and a deploy form
 * that uploads a .wasm file (the server signs it with its key) with a progress bar and shows the
 * device's final answer (`running` = committed, `rolled_back`, `rejected`…).
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { CommandAnswer, DeployAnswer, DeviceEvent, DeviceRow, Sample } from '../../bin/dashboard/protocol.js';
import { post, upload } from './api.js';
import { $, el, fmt, time } from './dom.js';
import { lastText, online, runningText } from './fleet.js';
import { quality } from './quality.js';

const WINDOW = 600;

export class DeviceView {
  id: string | null = null;
  private samples: Sample[] = [];
  private chart: uPlot | null = null;
  private drawPending = false;
  private row: DeviceRow | undefined;
  /** chart redraws so far (tests and screenshots wait on it) */
  draws = 0;

  constructor() {
    for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-cmd]')) {
      b.addEventListener('click', () => void this.command(b.dataset['cmd']!, null));
    }
    $('setpoint-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const v = Number(($('setpoint') as HTMLInputElement).value);
      void this.command('param', { id: 0, value: v });
    });
    $('param-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const id = Number(($('param-id') as HTMLInputElement).value);
      const v = Number(($('param-value') as HTMLInputElement).value);
      void this.command('param', { id, value: v });
    });
    $('deploy-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.deploy();
    });
    window.addEventListener('resize', () => this.chart?.setSize(this.size()));
  }

  /** show device `id` (or nothing); the caller tells the server to watch it */
  show(id: string | null): void {
    if (id === this.id) return;
    this.id = id;
    this.row = undefined;
    this.samples = [];
    $('events').replaceChildren();
    $('cmd-result').textContent = '';
    $('deploy-result').textContent = '';
    ($('deploy-progress') as HTMLProgressElement).value = 0;
    $('device-title').textContent = id ?? 'No device selected';
    ($('setpoint') as HTMLInputElement).value = '';
    // the axes name this device's sensor and actuator: a new chart once its row is known
    this.chart?.destroy();
    this.chart = null;
    this.draw();
  }

  /** the fleet row of the shown device changed */
  updateRow(r: DeviceRow | undefined): void {
    const first = !this.row && r;
    this.row = r;
    if (first) this.scheduleDraw();
    const on = r ? online(r) : false;
    const status = $('device-status');
    status.textContent = r ? (on ? 'online' : 'offline') : '';
    status.className = `badge ${on ? 'ok' : 'bad'}`;
    const state = $('device-state');
    state.textContent = r?.state ?? '';
    state.className = `badge state-${r?.state ?? 'none'}`;
    const sp = $('setpoint') as HTMLInputElement;
    if (r?.values?.['sp'] !== undefined && r.values['sp'] !== null && document.activeElement !== sp && sp.value === '') sp.value = String(r.values['sp']);
    if (r) $('chart-legend').textContent = `${r.plant ?? ''} · ${r.sensor ? `${r.sensor.name} ${r.sensor.unit}` : ''} · running ${runningText(r)} · last ${lastText(r)}`;
    this.renderQuality();
  }

  addSamples(samples: readonly Sample[], reset: boolean): void {
    if (reset) this.samples = [];
    this.samples.push(...samples);
    if (this.samples.length > WINDOW) this.samples.splice(0, this.samples.length - WINDOW);
    this.scheduleDraw();
  }

  addEvents(events: readonly DeviceEvent[], reset: boolean): void {
    const ol = $('events');
    if (reset) ol.replaceChildren();
    for (const e of events) ol.prepend(el('li', { class: `ev-${e.kind}` }, el('time', {}, time(e.at)), ` ${e.kind}: ${e.text}`));
    while (ol.children.length > 200) ol.lastElementChild!.remove();
  }

  private size(): { width: number; height: number } {
    const w = $('chart').clientWidth || 800;
    return { width: Math.max(300, w), height: 280 };
  }

  private scheduleDraw(): void {
    if (this.drawPending) return;
    this.drawPending = true;
    requestAnimationFrame(() => {
      this.drawPending = false;
      this.draw();
    });
  }

  private draw(): void {
    const s = this.samples;
    const data: uPlot.AlignedData = [s.map((x) => x[0]), s.map((x) => x[1]), s.map((x) => x[2]), s.map((x) => x[3])];
    const container = $('chart');
    if (!this.chart && this.row) {
      const r = this.row;
      this.chart = new uPlot(
        {
          ...this.size(),
          legend: { live: false },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: false }, y: {}, u: {} },
          axes: [
            { label: 'virtual time (s)', stroke: '#888', grid: { stroke: '#8882' } },
            { scale: 'y', label: r?.sensor ? `${r.sensor.name} (${r.sensor.unit})` : 'value', stroke: '#888', grid: { stroke: '#8882' } },
            { scale: 'u', side: 1, label: r?.actuator ? `${r.actuator.name} (${r.actuator.unit})` : 'actuator', stroke: '#888', grid: { show: false } },
          ],
          series: [
            { label: 't' },
            { label: 'setpoint', stroke: '#e0a030', width: 2, scale: 'y', dash: [6, 4] },
            { label: 'process value', stroke: '#3b82f6', width: 2, scale: 'y' },
            { label: 'actuator', stroke: '#22a06b', width: 1.5, scale: 'u' },
          ],
        },
        data,
        container,
      );
    } else this.chart?.setData(data);
    this.draws++;
    container.dataset['samples'] = String(s.length);
    container.dataset['lastT'] = s.length ? String(s[s.length - 1]![0]) : '';
    this.renderQuality();
  }

  private renderQuality(): void {
    const a = this.row?.actuator;
    const q = quality(this.samples, a?.min, a?.max);
    const unit = this.row?.sensor?.unit ?? '';
    const rows: [string, string][] = [
      ['Samples', String(q.samples)],
      ['Mean |error|', fmt(q.meanAbsError, 3, unit)],
      ['RMS error', fmt(q.rmsError, 3, unit)],
      ['Steady-state error', fmt(q.steadyStateError, 3, unit)],
      ['Overshoot', q.overshootPct === null ? 'no setpoint step in window' : fmt(q.overshootPct, 3, '%')],
      ['Actuator saturated', q.saturation === null ? '–' : fmt(q.saturation * 100, 3, '%')],
      ['Step time', fmt(this.row?.stepUs, 3, 'µs')],
      ['Fuel per step', fmt(this.row?.fuel, 4)],
    ];
    $('quality').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  }

  private async command(verb: string, body: unknown): Promise<void> {
    const id = this.id;
    const out = $('cmd-result');
    if (!id) return void (out.textContent = 'choose a device first');
    out.textContent = `${verb}…`;
    try {
      const a = await post<CommandAnswer>(`/api/devices/${encodeURIComponent(id)}/cmd/${verb}`, body);
      out.textContent = a.ok ? `${verb}: ok, ${a.state}` : `${verb}: refused: ${a.error ?? ''} (${a.state})`;
    } catch (e) {
      out.textContent = `${verb}: ${(e as Error).message}`;
    }
  }

  private async deploy(): Promise<void> {
    const id = this.id;
    const out = $('deploy-result');
    const file = ($('deploy-file') as HTMLInputElement).files?.[0];
    if (!id || !file) return void (out.textContent = 'choose a device and a .wasm file');
    const bar = $('deploy-progress') as HTMLProgressElement;
    bar.value = 0;
    const version = ($('deploy-version') as HTMLInputElement).value.trim();
    const q = new URLSearchParams({ name: file.name, ...(version ? { version } : {}) });
    out.textContent = `uploading ${file.name} (${file.size} bytes)…`;
    ($('deploy-button') as HTMLButtonElement).disabled = true;
    try {
      const a = await upload<DeployAnswer>(`/api/devices/${encodeURIComponent(id)}/deploy?${q}`, file, (f) => {
        bar.value = f;
        if (f >= 1) out.textContent = `uploaded; ${id} is fetching, checking and running ${file.name}…`;
      });
      out.textContent = `${a.id}@${a.version}: ${a.report.state}${a.report.error ? ` (${a.report.error.split('\n')[0]})` : ''} in ${a.ms} ms`;
      out.dataset['state'] = a.report.state;
    } catch (e) {
      out.textContent = `deploy failed: ${(e as Error).message}`;
      out.dataset['state'] = 'error';
    } finally {
      ($('deploy-button') as HTMLButtonElement).disabled = false;
    }
  }
}
