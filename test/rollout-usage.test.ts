// `wasmlet deploy --all` usage errors: bad combinations and values exit 2 with one line naming the
// flag, before any connection is tried (the broker URL below is never dialled).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const M = 'test/fixtures/ota/trap-on-param.wasm';
const B = ['--broker', 'mqtt://127.0.0.1:1', '--key', 'no-such.key'];
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/wasmlet.js', 'deploy', M, ...args], { encoding: 'utf8' });

describe('wasmlet deploy --all usage errors', () => {
  it.each([
    [['--all', '--device', 'heater-1', ...B], /--device ID or --all, not both/],
    [['--all', '--serial', '/dev/null', ...B], /--all deploys over MQTT.*not --serial/],
    [['--all', '--key', 'k'], /--broker URL is required/],
    [['--all', '--broker', 'mqtt://127.0.0.1:1'], /--key FILE is required/],
    [['--all', ...B, '--canary', '5x'], /--canary must be a device count or a percentage/],
    [['--all', ...B, '--canary', '120%'], /--canary must be/],
    [['--all', ...B, '--batch', '0'], /--batch must be a device count or a percentage/],
    [['--all', ...B, '--max-failures', 'two'], /--max-failures must be a count/],
    [['--all', ...B, '--max-failures', '-1'], /--max-failures/], // parseArgs: an ambiguous value
    [['--all', ...B, '--resume', '--version', '2'], /--version cannot be given with --resume/],
    [['--all', ...B, '--resume', '--canary', '2'], /--canary cannot be given with --resume/],
    [['--device', 'heater-1', ...B, '--batch', '3'], /--batch needs --all/],
    [['--device', 'heater-1', ...B, '--resume'], /--resume needs --all/],
  ])('%j', (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
