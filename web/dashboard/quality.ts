/**
 * Control-quality figures over the chart's rolling window, computed in the page from the samples
 * it holds (setpoint, process value, actuator): the same notions as firmware-sim/analysis.ts, but
 * over a live window instead of a whole run.
 */
import type { Sample } from '../../bin/dashboard/protocol.js';

export interface Quality {
  readonly samples: number;
  readonly meanAbsError: number | null;
  readonly rmsError: number | null;
  /** mean setpoint − process value over the last tenth of the window */
  readonly steadyStateError: number | null;
  /** since the latest setpoint change in the window, % of the step */
  readonly overshootPct: number | null;
  /** fraction of samples with the actuator at a limit */
  readonly saturation: number | null;
}

export function quality(s: readonly Sample[], min?: number, max?: number): Quality {
  let n = 0;
  let abs = 0;
  let sq = 0;
  let sat = 0;
  let satN = 0;
  for (const [, sp, pv, u] of s) {
    if (sp !== null && pv !== null) {
      const e = sp - pv;
      abs += Math.abs(e);
      sq += e * e;
      n++;
    }
    if (u !== null && min !== undefined && max !== undefined) {
      satN++;
      if (u <= min || u >= max) sat++;
    }
  }
  const tail = s.slice(Math.floor(s.length * 0.9));
  let tn = 0;
  let te = 0;
  for (const [, sp, pv] of tail) if (sp !== null && pv !== null) ((te += sp - pv), tn++);
  // overshoot: the latest setpoint step in the window, and how far the process went past it
  let step = -1;
  for (let i = s.length - 1; i > 0; i--) {
    if (s[i]![1] !== null && s[i - 1]![1] !== null && s[i]![1] !== s[i - 1]![1]) {
      step = i;
      break;
    }
  }
  let overshoot: number | null = null;
  if (step > 0) {
    const from = s[step - 1]![2] ?? s[step - 1]![1]!;
    const to = s[step]![1]!;
    const size = to - from;
    if (Math.abs(size) > 1e-9) {
      let peak = 0;
      for (let i = step; i < s.length; i++) {
        const pv = s[i]![2];
        if (pv !== null) peak = Math.max(peak, ((pv - to) / size) * 100);
      }
      overshoot = peak;
    }
  }
  return {
    samples: s.length,
    meanAbsError: n ? abs / n : null,
    rmsError: n ? Math.sqrt(sq / n) : null,
    steadyStateError: tn ? te / tn : null,
    overshootPct: overshoot,
    saturation: satN ? sat / satN : null,
  };
}
