/** Arguments and environment reach the guest exactly as given; nothing else of the host's does. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, guest, wasmlet } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

describe('WASI args and environment', () => {
  it('passes arguments verbatim, including spaces, UTF-8 and option-looking ones', () => {
    const file = guest('args');
    const r = wasmlet(['run', file, 'plain', 'with space', 'ünïcødé ✓', '--dir', '/etc', '-v', '']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      ['argc=8', `argv[0]=${file}`, 'argv[1]=plain', 'argv[2]=with space', 'argv[3]=ünïcødé ✓', 'argv[4]=--dir', 'argv[5]=/etc', 'argv[6]=-v', 'argv[7]='].join('\n') + '\n',
    );
  });

  it('gives the guest only the variables set with --env, in order', () => {
    const r = wasmlet(['run', '--env', 'A=1', '--env=B=two words', '--env', 'EMPTY=', '--env', 'EQ=a=b', guest('args')], {
      env: { ...process.env, HOST_SECRET: 'do-not-leak' },
    });
    expect(r.status).toBe(0);
    const env = r.stdout.split('\n').filter((l) => l.startsWith('env '));
    expect(env).toEqual(['env A=1', 'env B=two words', 'env EMPTY=', 'env EQ=a=b']);
    expect(r.stdout).not.toContain('do-not-leak');
  });

  it('copies a host variable with --env NAME (and skips it if unset)', () => {
    const r = wasmlet(['run', '--env', 'FROM_HOST', '--env', 'NOT_SET_ANYWHERE', guest('args')], { env: { ...process.env, FROM_HOST: 'copied' } });
    expect(r.stdout.split('\n').filter((l) => l.startsWith('env '))).toEqual(['env FROM_HOST=copied']);
  });

  it('stops parsing its own options at FILE.wasm and at --', () => {
    const r = wasmlet(['run', '--', guest('args'), '--report']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('argv[1]=--report');
    expect(r.stderr).toBe('');
  });
});
