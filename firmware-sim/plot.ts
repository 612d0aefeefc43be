/**
 * A hand-written SVG chart of a simulation: setpoint and process value over time in the upper
 * panel, the actuator output in the lower one, a shared time axis, units on every axis, a legend,
 * and faults marked where they happened (the faulted stretch shaded). Long traces are reduced to
 * the min and max of each pixel column, so the shape (and any noise band) survives.
 */
import type { PlantSpec } from './plants.js';
import type { Trace } from './trace.js';

export interface PlotOptions {
  readonly title: string;
  /** lines under the title (default: the plant's description) */
  readonly notes?: readonly string[];
  readonly spec: PlantSpec;
  readonly faults?: readonly { readonly timeUs: number; readonly kind: string }[];
  /** also draw what the module read (noisy) as a faint line */
  readonly measured?: boolean;
  readonly width?: number;
  readonly height?: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** "nice" tick values (1, 2, 5 × 10^k) covering [lo, hi] */
export function ticks(lo: number, hi: number, target = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

function fmt(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e5 || a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

/** indices to draw: all of them, or the first/min/max/last of each of `columns` buckets */
function reduce(ys: ArrayLike<number>, n: number, columns: number): number[] {
  if (n <= columns * 2) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let c = 0; c < columns; c++) {
    const a = Math.floor((c * n) / columns);
    const b = Math.floor(((c + 1) * n) / columns);
    let lo = a;
    let hi = a;
    for (let i = a; i < b; i++) {
      if (ys[i]! < ys[lo]!) lo = i;
      if (ys[i]! > ys[hi]!) hi = i;
    }
    out.push(...[a, lo, hi, b - 1].filter((x, k, arr) => arr.indexOf(x) === k).sort((x, y) => x - y));
  }
  return out;
}

export function plotSvg(trace: Trace, opts: PlotOptions): string {
  const W = opts.width ?? 960;
  const H = opts.height ?? 640;
  const notes = opts.notes ?? [opts.spec.title];
  const n = trace.length;
  const left = 78;
  const right = 24;
  const plotW = W - left - right;
  const top1 = 52 + notes.length * 18 + 24;
  const h1 = Math.round((H - top1 - 70) * 0.64);
  const top2 = top1 + h1 + 34;
  const h2 = H - 70 - top2 + 14;
  const sensor = opts.spec.sensors[0]!;
  const act = opts.spec.actuators[0]!;
  const t0 = n > 0 ? trace.time[0]! : 0;
  // the last row's output holds for one more period: the time axis ends there
  const t1 = n > 1 ? trace.time[n - 1]! + (trace.time[n - 1]! - trace.time[n - 2]!) : t0 + 1;

  // value range of the upper panel: setpoint and process value (and measured, if finite), padded
  let lo = Infinity;
  let hi = -Infinity;
  const cols: ArrayLike<number>[] = [trace.setpoint, trace.pv];
  if (opts.measured) cols.push(trace.measured);
  for (const col of cols)
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  if (hi - lo < 1e-9) [lo, hi] = [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.08;
  const yTicks = ticks(lo - pad, hi + pad);
  const yMin = Math.min(lo - pad, yTicks[0]!);
  const yMax = Math.max(hi + pad, yTicks[yTicks.length - 1]!);
  const uPad = (act.max - act.min) * 0.06;
  const uMin = act.min - uPad;
  const uMax = act.max + uPad;

  const X = (t: number) => left + ((t - t0) / (t1 - t0 || 1)) * plotW;
  const Y1 = (v: number) => top1 + (1 - (v - yMin) / (yMax - yMin)) * h1;
  const Y2 = (v: number) => top2 + (1 - (v - uMin) / (uMax - uMin)) * h2;
  const f = (v: number) => v.toFixed(1);

  const path = (col: ArrayLike<number>, Y: (v: number) => number, step = false): string => {
    const idx = reduce(col, n, plotW);
    let d = '';
    let pen = false;
    for (const i of idx) {
      const v = col[i]!;
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      const x = X(trace.time[i]!);
      const y = Y(v);
      if (!pen) d += `M${f(x)} ${f(y)}`;
      else if (step) d += `H${f(x)}V${f(y)}`;
      else d += `L${f(x)} ${f(y)}`;
      pen = true;
    }
    if (step && pen && n > 0) d += `H${f(X(t1))}`;
    return d;
  };

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${left}" y="26" font-size="16" font-weight="bold" fill="#222">${esc(opts.title)}</text>`);
  notes.forEach((line, k) => out.push(`<text x="${left}" y="${46 + k * 18}" fill="#555">${esc(line)}</text>`));

  // faulted stretch and fault markers
  const faults = opts.faults ?? [];
  if (faults.length > 0) {
    const ft = faults[0]!.timeUs / 1e6;
    const x = X(Math.max(t0, Math.min(t1, ft)));
    for (const [top, h] of [[top1, h1], [top2, h2]] as const) {
      out.push(`<rect x="${f(x)}" y="${top}" width="${f(left + plotW - x)}" height="${h}" fill="#d62728" fill-opacity="0.07"/>`);
    }
    for (const fl of faults) {
      const fx = X(Math.max(t0, Math.min(t1, fl.timeUs / 1e6)));
      out.push(`<line x1="${f(fx)}" y1="${top1}" x2="${f(fx)}" y2="${top2 + h2}" stroke="#d62728" stroke-width="1.5" stroke-dasharray="5 3"/>`);
      out.push(`<text x="${f(fx + 4)}" y="${top1 + 14}" fill="#d62728">fault: ${esc(fl.kind)} at ${fmt(fl.timeUs / 1e6)} s</text>`);
    }
  }

  // axes and grids
  const xTicks = ticks(t0, t1, 10);
  const panel = (top: number, h: number, yt: number[], Y: (v: number) => number, label: string) => {
    out.push(`<g stroke="#e6e6e6" stroke-width="1">`);
    for (const v of yt) out.push(`<line x1="${left}" y1="${f(Y(v))}" x2="${left + plotW}" y2="${f(Y(v))}"/>`);
    for (const t of xTicks) out.push(`<line x1="${f(X(t))}" y1="${top}" x2="${f(X(t))}" y2="${top + h}"/>`);
    out.push(`</g>`);
    out.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${h}" fill="none" stroke="#888"/>`);
    for (const v of yt) out.push(`<text x="${left - 6}" y="${f(Y(v) + 4)}" text-anchor="end" fill="#333">${fmt(v)}</text>`);
    const cy = top + h / 2;
    out.push(`<text x="18" y="${f(cy)}" text-anchor="middle" transform="rotate(-90 18 ${f(cy)})" fill="#333">${esc(label)}</text>`);
  };
  panel(top1, h1, yTicks.filter((v) => v >= yMin && v <= yMax), Y1, `${sensor.name} (${sensor.unit})`);
  panel(top2, h2, ticks(act.min, act.max, 4), Y2, `${act.name} (${act.unit})`);
  for (const t of xTicks) out.push(`<text x="${f(X(t))}" y="${top2 + h2 + 16}" text-anchor="middle" fill="#333">${fmt(t)}</text>`);
  out.push(`<text x="${left + plotW / 2}" y="${top2 + h2 + 36}" text-anchor="middle" fill="#333">time (s)</text>`);

  // data
  if (opts.measured) out.push(`<path d="${path(trace.measured, Y1)}" fill="none" stroke="#1f77b4" stroke-opacity="0.25" stroke-width="1"/>`);
  out.push(`<path d="${path(trace.setpoint, Y1, true)}" fill="none" stroke="#ff7f0e" stroke-width="2" stroke-dasharray="7 4"/>`);
  out.push(`<path d="${path(trace.pv, Y1)}" fill="none" stroke="#1f77b4" stroke-width="2"/>`);
  out.push(`<path d="${path(trace.output, Y2, true)}" fill="none" stroke="#2ca02c" stroke-width="1.5"/>`);

  // legend: one row above the upper panel, so it never covers data
  const items: [string, string, string, number][] = [
    ['setpoint', '#ff7f0e', '7 4', 1],
    [`process value (${sensor.name})`, '#1f77b4', '', 1],
  ];
  if (opts.measured) items.push(['sensor reading', '#1f77b4', '', 0.3]);
  items.push([`actuator (${act.name})`, '#2ca02c', '', 1]);
  const widths = items.map(([label]) => 40 + label.length * 6.4);
  let lx = left;
  const ly = top1 - 10;
  items.forEach(([label, color, dash, opacity], k) => {
    out.push(`<line x1="${f(lx)}" y1="${ly - 4}" x2="${f(lx + 26)}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${opacity < 1 ? ` stroke-opacity="${opacity}"` : ''}${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    out.push(`<text x="${f(lx + 32)}" y="${ly}" fill="#222">${esc(label)}</text>`);
    lx += widths[k]!;
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
