/**
 * What `wasmlet deploy --all` prints while a rollout runs and when it ends. Progress goes to
 * stderr: a one-line bar redrawn in place on a terminal (failures and skips still get a line of
 * their own above it), one line per event otherwise (logs, CI). The summary goes to stdout: a
 * table, or with --json one object for scripts.
 */
import type { RolloutEvent, RolloutResult } from '../../firmware-sim/transport/rollout.js';

type Out = { write(s: string): unknown; isTTY?: boolean; columns?: number };

export function progress(out: Out = process.stderr): (e: RolloutEvent) => void {
  const tty = out.isTTY === true;
  let total = 0;
  let finished = 0;
  let ok = 0;
  let failed = 0;
  let skipped = 0;
  let wave = '';
  let version = '';
  const line = (s: string): void => {
    out.write(tty ? `\r\x1b[K${s}\n` : `${s}\n`);
  };
  const bar = (): void => {
    if (!tty) return;
    const width = Math.max(10, Math.min(40, (out.columns ?? 80) - 60));
    const fill = total === 0 ? width : Math.round((finished / total) * width);
    out.write(`\r\x1b[K[${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${finished}/${total}  ok ${ok}  failed ${failed}  skipped ${skipped}  ${wave}`);
  };
  return (e) => {
    switch (e.type) {
      case 'plan':
        version = e.version;
        total = e.canary.length + e.batches.reduce((n, b) => n + b.length, 0) + e.skipped.length;
        if (!tty) line(`rollout ${version}: ${e.canary.length} canary, ${e.batches.length} batch${e.batches.length === 1 ? '' : 'es'}, ${e.skipped.length} offline, ${e.done.length} done before`);
        break;
      case 'wave':
        wave = e.phase === 'canary' ? 'canary' : `batch ${e.index}/${e.of}`;
        if (!tty) line(`${wave}: ${e.devices.join(' ')}`);
        break;
      case 'start':
        break;
      case 'skip':
        finished++;
        skipped++;
        line(`skip ${e.device}: ${e.reason}`);
        break;
      case 'done': {
        finished++;
        if (e.result === 'running') ok++;
        else failed++;
        const runs = e.result === 'running' ? '' : `; runs ${e.runs ?? 'nothing committed'}`;
        if (!tty || e.result !== 'running') line(`deploy ${e.device} ${version}: ${e.result}${e.error ? ` (${e.error})` : ''} in ${e.ms} ms${runs}`);
        break;
      }
      case 'halt':
        line(`halt: ${e.reason}; ${e.notStarted} device${e.notStarted === 1 ? '' : 's'} not started`);
        break;
    }
    bar();
  };
}

/** end the bar's line so the summary starts on its own */
export function endProgress(out: Out = process.stderr): void {
  if (out.isTTY) out.write('\r\x1b[K');
}

export function summaryText(r: RolloutResult, statePath: string): string {
  const rows = [['DEVICE', 'RESULT', 'RUNS', 'TIME', 'ERROR'].join('\t')];
  for (const d of r.devices) rows.push([d.device, d.result, d.runs ?? '-', d.ms !== undefined ? `${d.ms} ms` : '-', d.error ?? ''].join('\t'));
  // which devices run which version: what an operator needs after a halt
  const versions = Object.entries(r.versions).map(([v, ds]) => `${ds.length} run ${v}`).join(', ');
  const c = r.counts;
  const head = `rollout ${r.id}@${r.version} to fleet ${r.fleet}: ${r.halted ? `HALTED (${r.haltReason})` : 'complete'} in ${(r.ms / 1000).toFixed(1)} s`;
  const tail =
    `${c.devices} devices: ${c.running} deployed, ${c.already} already on ${r.version}, ${c.failed} failed, ${c.skipped} skipped, ${c.not_started} not started; ${versions}` +
    (r.halted || c.skipped > 0 ? `\nstate: ${statePath} (continue with --resume)` : '');
  return `${head}\n${rows.join('\n')}\n${tail}\n`;
}
