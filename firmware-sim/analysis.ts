/**
 * Control-quality analysis of a trace, on the true (noise-free) process value:
 *
 * - the step response is measured from the last setpoint change (or the start) to the end:
 *   y0 = value at that moment, r = setpoint, span = r − y0;
 * - rise time: from 10 % to 90 % of the span (first crossings, interpolated between samples);
 * - overshoot: how far the value goes past r, in % of the span (0 when it never does);
 * - settling time: from the step until the value stays within ±2 % of the span around r;
 * - steady-state error: |mean(r − y)| over the last 10 % of the response;
 * - IAE: ∫|r − y| dt over the response;
 * - saturation: time with actuator 0 at a limit while the module ran;
 * - per-step fuel and wall-clock step time: mean, p50, p99, max over the steps that ran.
 *
 * Times that cannot be determined (no 90 % crossing, never settled, a zero span) are null.
 */
import type { Trace } from './trace.js';

export interface Distribution {
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface ControlQuality {
  readonly riseTimeS: number | null;
  readonly overshootPct: number | null;
  readonly settlingTimeS: number | null;
  readonly steadyStateError: number | null;
  readonly iae: number;
  readonly saturationS: number;
  /** the step the metrics describe */
  readonly step: { readonly fromS: number; readonly initial: number; readonly setpoint: number };
  readonly fuelPerStep: Distribution;
  readonly stepTimeUs: Distribution;
}

/** settling band, fraction of the span */
export const SETTLING_BAND = 0.02;

export function analyze(trace: Trace, periodS: number): ControlQuality {
  const n = trace.length;
  const t = trace.time;
  const y = trace.pv;
  const sp = trace.setpoint;
  let s = 0;
  for (let i = 1; i < n; i++) if (sp[i] !== sp[i - 1]) s = i;
  const r = n > 0 ? sp[n - 1]! : 0;
  const y0 = n > 0 ? y[s]! : 0;
  const span = r - y0;
  const t0 = n > 0 ? t[s]! : 0;
  const meaningful = n > 1 && Math.abs(span) > 1e-12;

  // fraction of the span reached at sample i
  const frac = (i: number) => (y[i]! - y0) / span;
  const crossing = (level: number): number | null => {
    for (let i = s; i < n; i++) {
      const f = frac(i);
      if (f >= level) {
        if (i === s) return t[i]!;
        const fp = frac(i - 1);
        return t[i - 1]! + ((level - fp) / (f - fp)) * (t[i]! - t[i - 1]!);
      }
    }
    return null;
  };

  let riseTimeS: number | null = null;
  let overshootPct: number | null = null;
  let settlingTimeS: number | null = null;
  if (meaningful) {
    const t10 = crossing(0.1);
    const t90 = crossing(0.9);
    riseTimeS = t10 !== null && t90 !== null ? t90 - t10 : null;
    let peak = -Infinity;
    for (let i = s; i < n; i++) peak = Math.max(peak, frac(i));
    overshootPct = Math.max(0, (peak - 1) * 100);
    const band = SETTLING_BAND * Math.abs(span);
    let last = -1;
    for (let i = s; i < n; i++) if (!(Math.abs(y[i]! - r) <= band)) last = i;
    settlingTimeS = last === n - 1 ? null : last < 0 ? 0 : t[last + 1]! - t0;
  }

  let steadyStateError: number | null = null;
  if (n > s) {
    const from = Math.max(s, n - Math.max(1, Math.floor((n - s) / 10)));
    let sum = 0;
    for (let i = from; i < n; i++) sum += r - y[i]!;
    steadyStateError = Math.abs(sum / (n - from));
  }

  let iae = 0;
  for (let i = s; i < n; i++) iae += Math.abs(sp[i]! - y[i]!) * periodS;
  let sat = 0;
  for (let i = 0; i < n; i++) sat += trace.saturated[i]!;

  return {
    riseTimeS,
    overshootPct,
    settlingTimeS,
    steadyStateError,
    iae,
    saturationS: sat * periodS,
    step: { fromS: t0, initial: y0, setpoint: r },
    fuelPerStep: distribution(trace.fuel, trace.ran, n),
    stepTimeUs: distribution(trace.stepUs, trace.ran, n),
  };
}

/** mean, median, 99th percentile and max of `values[i]` where `mask[i]` is set */
export function distribution(values: ArrayLike<number>, mask: ArrayLike<number>, n: number): Distribution {
  const v: number[] = [];
  for (let i = 0; i < n; i++) if (mask[i]) v.push(values[i]!);
  if (v.length === 0) return { mean: 0, p50: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(v).sort();
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  let sum = 0;
  for (const x of sorted) sum += x;
  return { mean: sum / sorted.length, p50: q(0.5), p99: q(0.99), max: sorted[sorted.length - 1]! };
}
