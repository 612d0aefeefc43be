/**
 * Capability-safe path resolution: the one place where a guest path becomes a host path.
 *
 * A directory capability is an open host directory fd. A guest path is resolved relative to it
 * one component at a time, the way openat2(RESOLVE_BENEATH) would: `.` is skipped, `..` pops a
 * directory we opened ourselves (and popping the capability's own directory is ENOTCAPABLE),
 * every other component is lstat'ed; symlinks are read and their targets spliced into the walk
 * (absolute targets are ENOTCAPABLE, more than 40 links ELOOP), directories are opened with
 * O_DIRECTORY|O_NOFOLLOW and become the base of the next step. Nothing the host kernel follows on
 * our behalf is a guest-controlled symlink.
 *
 * On Linux each step names its base by `/proc/self/fd/N/<name>`: the kernel jumps straight to the
 * open directory (a "magic link"), so renaming or swapping a directory for a symlink between two
 * steps cannot redirect the walk — the same guarantee openat gives C code, which Node lacks. The
 * final component is used with lstat/O_NOFOLLOW/non-following calls, so a symlink swapped in at
 * the last moment fails (ELOOP) instead of being followed. Without /proc (macOS, Windows), the
 * walk uses path strings: escapes through `..`, absolute paths and symlinks are still refused, but
 * a concurrent rename on the host can race it (documented in docs/wasi.md).
 */
import { closeSync, constants, existsSync, lstatSync, openSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Errno } from './constants.js';
import { WasiError } from './errors.js';

/** Whether directory fds can be used as path bases (Linux procfs). */
export const HAVE_PROCFS = process.platform === 'linux' && existsSync('/proc/self/fd');

const O_DIRECTORY = constants.O_DIRECTORY ?? 0;
export const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const MAX_SYMLINKS = 40;

/** An open host directory: the fd is the capability, the path is for messages and the fallback. */
export interface HostDir {
  readonly fd: number;
  readonly path: string;
}

/** The host path naming `name` inside `dir` (name is one component, or '.'). */
export function at(dir: HostDir, name: string): string {
  return HAVE_PROCFS ? `/proc/self/fd/${dir.fd}/${name}` : join(dir.path, name);
}

/** Open a host directory as a capability (following symlinks: the embedder chose this path). */
export function openHostDir(path: string): HostDir {
  const fd = openSync(path, constants.O_RDONLY | O_DIRECTORY);
  return { fd, path };
}

/** Open `name` inside `dir` as a directory, never following a symlink. */
function openChildDir(dir: HostDir, name: string): HostDir {
  const fd = openSync(at(dir, name), constants.O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
  return { fd, path: join(dir.path, name) };
}

/**
 * A resolved guest path: `name` (one component, or '.' for the directory itself) inside `dir`.
 * `dir` is either the capability itself or a directory opened during the walk; call release().
 */
export class Resolved {
  constructor(
    readonly dir: HostDir,
    readonly name: string,
    private readonly owned: boolean,
    /** the guest path ended with '/', so it must name a directory */
    readonly mustBeDir: boolean,
  ) {}
  /** host path for syscalls on the final component (never follows it when used with l* calls) */
  get path(): string {
    return at(this.dir, this.name);
  }
  release(): void {
    if (this.owned) closeSync(this.dir.fd);
  }
}

/**
 * Resolve `guestPath` beneath `base`. With `follow`, a symlink in the final position is followed
 * too (still beneath `base`); without, the final component is returned as is.
 */
export function resolve(base: HostDir, guestPath: string, follow: boolean): Resolved {
  if (guestPath.length === 0) throw new WasiError(Errno.NOENT);
  if (guestPath.startsWith('/')) throw new WasiError(Errno.NOTCAPABLE);
  let trailing = guestPath.endsWith('/');
  const work = guestPath.split('/').filter((c) => c !== '').reverse();
  const stack: HostDir[] = [base];
  let links = 0;
  let keep = -1;
  try {
    while (work.length > 0) {
      const comp = work.pop()!;
      const last = work.length === 0;
      if (comp === '.') continue;
      if (comp === '..') {
        if (stack.length === 1) throw new WasiError(Errno.NOTCAPABLE);
        closeSync(stack.pop()!.fd);
        continue;
      }
      const top = stack[stack.length - 1]!;
      let st;
      try {
        st = lstatSync(at(top, comp));
      } catch (e) {
        if (last && (e as { code?: string }).code === 'ENOENT') {
          keep = stack.length - 1;
          return new Resolved(top, comp, keep > 0, trailing);
        }
        throw e;
      }
      if (st.isSymbolicLink()) {
        if (last && !follow && !trailing) {
          keep = stack.length - 1;
          return new Resolved(top, comp, keep > 0, false);
        }
        if (++links > MAX_SYMLINKS) throw new WasiError(Errno.LOOP);
        const target = readlinkSync(at(top, comp), 'utf8');
        if (target.startsWith('/')) throw new WasiError(Errno.NOTCAPABLE);
        if (target.length === 0) throw new WasiError(Errno.NOENT);
        if (last && target.endsWith('/')) trailing = true;
        const parts = target.split('/').filter((c) => c !== '');
        for (let i = parts.length - 1; i >= 0; i--) work.push(parts[i]!);
        continue;
      }
      if (last && !trailing) {
        keep = stack.length - 1;
        return new Resolved(top, comp, keep > 0, false);
      }
      if (!st.isDirectory()) throw new WasiError(Errno.NOTDIR);
      stack.push(openChildDir(top, comp));
    }
    keep = stack.length - 1;
    return new Resolved(stack[keep]!, '.', keep > 0, trailing);
  } finally {
    for (let i = 1; i < stack.length; i++) if (i !== keep) closeSync(stack[i]!.fd);
  }
}

/** Run `fn` on a resolved path and release it afterwards. */
export function withPath<T>(base: HostDir, guestPath: string, follow: boolean, fn: (r: Resolved) => T): T {
  const r = resolve(base, guestPath, follow);
  try {
    return fn(r);
  } finally {
    r.release();
  }
}
