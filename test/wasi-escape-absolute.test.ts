/** Absolute paths reach the host only relative to a preopen; the host refuses raw absolute ones. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, guest, tempDir, wasmlet } from './fixtures/wasi/harness.js';

afterAll(cleanupTemps);

describe('escape through absolute paths', () => {
  it('path_open with an absolute path is ENOTCAPABLE, even one that names a file inside', () => {
    const top = tempDir();
    const root = join(top, 'root');
    mkdirSync(root);
    writeFileSync(join(root, 'inside.txt'), 'inside');
    writeFileSync(join(top, 'secret.txt'), 'SECRET');
    const r = wasmlet(['run', '--dir=.', guest('escape'), 'raw:/etc/passwd', `raw:${join(top, 'secret.txt')}`, `raw:${join(root, 'inside.txt')}`, 'raw:/'], { cwd: root });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('raw:/etc/passwd: ENOTCAPABLE');
    expect(r.stdout).toContain(`raw:${join(top, 'secret.txt')}: ENOTCAPABLE`);
    expect(r.stdout).toContain(`raw:${join(root, 'inside.txt')}: ENOTCAPABLE`);
    expect(r.stdout).toContain('raw:/: ENOTCAPABLE');
  });

  it('libc-level absolute paths resolve against the guest names of preopens only', () => {
    const top = tempDir();
    const root = join(top, 'root');
    mkdirSync(root);
    writeFileSync(join(root, 'inside.txt'), 'inside');
    writeFileSync(join(top, 'secret.txt'), 'SECRET');
    const r = wasmlet(['run', `--dir=${root}:/sandbox`, guest('escape'), '/sandbox/inside.txt', join(top, 'secret.txt'), '/etc/passwd', '/sandbox/../secret.txt'], { cwd: root });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('/sandbox/inside.txt: read inside');
    expect(r.stdout).not.toContain('SECRET');
    expect(r.stdout).not.toContain('root:');
    expect(r.stdout).toContain('/sandbox/../secret.txt: ENOTCAPABLE');
  });

  it('refuses to plant a symlink with an absolute target', () => {
    const root = tempDir();
    const r = wasmlet(['run', '--dir=.', guest('fsops'), 'symlink', '/etc/passwd', 'pw'], { cwd: root });
    expect(r.stdout.trim()).toBe('symlink /etc/passwd pw: ENOTCAPABLE');
    expect(existsSync(join(root, 'pw'))).toBe(false);
  });
});
