/** `wasmlet run --invoke NAME FILE ARGS`: call one export with typed arguments and print its results. */
import { describe, expect, it } from 'vitest';
import { guest, wasmlet } from './fixtures/wasi/harness.js';

const invoke = (name: string, ...args: string[]) => wasmlet(['run', '--invoke', name, guest('calc'), ...args]);

describe('wasmlet run --invoke', () => {
  it.each([
    ['add', ['2', '3'], '5'],
    ['add', ['2147483647', '1'], '-2147483648'],
    ['add', ['0x10', '-1'], '15'],
    ['add64', ['9007199254740993', '1'], '9007199254740994'],
    ['add64', ['-9223372036854775808', '-1'], '9223372036854775807'],
    ['fdiv', ['1', '4'], '0.25'],
    ['fdiv', ['1', '0'], 'Infinity'],
    ['fdiv', ['0', '0'], 'NaN'],
    ['fhalf', ['3'], '1.5'],
  ])('%s %j prints %s', (name, args, expected) => {
    const r = invoke(name, ...args);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected + '\n');
  });

  it('prints nothing for a function without results', () => {
    const r = invoke('nothing');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('runs _initialize first and lets the export use WASI (stdout)', () => {
    const r = invoke('hello');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('hello from calc\n');
  });

  it('rejects a wrong argument count or a malformed number with one line and exit 2', () => {
    for (const [args, msg] of [
      [['1'], '--invoke add: expected 2 arguments, got 1'],
      [['x', '2'], '--invoke add: argument 1 "x" is not a valid i32'],
      [['1', '4294967296'], '--invoke add: argument 2 "4294967296" is not a valid i32'],
    ] as const) {
      const r = invoke('add', ...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`wasmlet: ${msg}\n`);
    }
  });

  it('names a missing export', () => {
    const r = invoke('nope');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('wasmlet: no exported function named "nope"\n');
  });
});
