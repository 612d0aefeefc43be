/**
 * The guest's file descriptor table. Each entry is a capability: what it refers to (a stdio
 * stream, a host file fd, or a host directory fd), the rights the guest holds on it, and whether it
 * lies inside a read-only preopen. Guest fd numbers are ours, never the host's; fds are reused
 * lowest-first and capped (`maxFds`) so a guest cannot exhaust the host's descriptors.
 */
import { closeSync, fstatSync } from 'node:fs';
import { Errno, Filetype, WRITE_RIGHTS } from './constants.js';
import { WasiError } from './errors.js';
import type { HostDir } from './sandbox.js';

/** A byte sink for stdout/stderr given as an object instead of a host fd. */
export interface WasiWritable {
  write(bytes: Uint8Array): void;
}
/** A byte source for stdin given as an object: returns at most `max` bytes; null or empty = EOF. */
export interface WasiReadable {
  read(max: number): Uint8Array | null;
}

interface Common {
  filetype: Filetype;
  rightsBase: bigint;
  rightsInheriting: bigint;
  /** fdflags (APPEND, NONBLOCK, …) as last set */
  flags: number;
  /** inside a read-only preopen: every write-class operation is EROFS */
  readonly readonly: boolean;
}

export interface StreamEntry extends Common {
  readonly kind: 'stream';
  /** host fd (not closed by us), or a readable/writable object */
  readonly host: number | WasiReadable | WasiWritable;
}

export interface FileEntry extends Common {
  readonly kind: 'file';
  readonly fd: number;
  /** the file position (Node has no lseek: every read and write is positional) */
  pos: number;
  readonly path: string;
}

export interface DirEntry extends Common {
  readonly kind: 'dir';
  readonly dir: HostDir;
  /** guest name, for preopens only */
  readonly preopen: string | undefined;
  /** directory listing snapshot taken at cookie 0, for stable fd_readdir cookies */
  listing: Uint8Array[] | undefined;
}

export type FdEntry = StreamEntry | FileEntry | DirEntry;

export class FdTable {
  private readonly entries: (FdEntry | undefined)[] = [];
  constructor(readonly maxFds = 1024) {}

  get(fd: number): FdEntry {
    const e = this.entries[fd >>> 0];
    if (!e) throw new WasiError(Errno.BADF);
    return e;
  }
  has(fd: number): boolean {
    return this.entries[fd >>> 0] !== undefined;
  }
  dir(fd: number): DirEntry {
    const e = this.get(fd);
    if (e.kind !== 'dir') throw new WasiError(Errno.NOTDIR);
    return e;
  }

  /** Put `e` at the lowest free number (or exactly `at`). */
  add(e: FdEntry, at?: number): number {
    if (at !== undefined) {
      this.entries[at] = e;
      return at;
    }
    for (let i = 0; i < this.maxFds; i++) {
      if (this.entries[i] === undefined) {
        this.entries[i] = e;
        return i;
      }
    }
    throw new WasiError(Errno.MFILE);
  }

  /** Whether one more fd can be allocated (checked before opening host resources). */
  checkRoom(): void {
    for (let i = 0; i < this.maxFds; i++) if (this.entries[i] === undefined) return;
    throw new WasiError(Errno.MFILE);
  }

  close(fd: number): void {
    const e = this.get(fd);
    this.entries[fd >>> 0] = undefined;
    release(e);
  }

  renumber(from: number, to: number): void {
    const e = this.get(from);
    const old = this.get(to);
    if (from >>> 0 === to >>> 0) return;
    this.entries[to >>> 0] = e;
    this.entries[from >>> 0] = undefined;
    release(old);
  }

  /** Close every host resource (the instance is done). */
  closeAll(): void {
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i];
      this.entries[i] = undefined;
      if (e) release(e);
    }
  }

  preopens(): DirEntry[] {
    return this.entries.filter((e): e is DirEntry => e?.kind === 'dir' && e.preopen !== undefined);
  }
}

function release(e: FdEntry): void {
  try {
    if (e.kind === 'file') closeSync(e.fd);
    else if (e.kind === 'dir') closeSync(e.dir.fd);
  } catch {
    /* already gone: nothing to release */
  }
}

/** Require `rights` on `e`: EROFS for a write inside a read-only preopen, else ENOTCAPABLE. */
export function need(e: FdEntry, rights: bigint): void {
  if (e.readonly && (rights & WRITE_RIGHTS) !== 0n) throw new WasiError(Errno.ROFS);
  if ((e.rightsBase & rights) !== rights) throw new WasiError(Errno.NOTCAPABLE);
}

/** WASI file type of a host fd (stdio: a tty or /dev/null is a character device). */
export function hostFiletype(fd: number): Filetype {
  try {
    return filetypeOf(fstatSync(fd));
  } catch {
    return Filetype.UNKNOWN;
  }
}

export function filetypeOf(st: {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): Filetype {
  if (st.isFile()) return Filetype.REGULAR_FILE;
  if (st.isDirectory()) return Filetype.DIRECTORY;
  if (st.isSymbolicLink()) return Filetype.SYMBOLIC_LINK;
  if (st.isCharacterDevice()) return Filetype.CHARACTER_DEVICE;
  if (st.isBlockDevice()) return Filetype.BLOCK_DEVICE;
  if (st.isSocket()) return Filetype.SOCKET_STREAM;
  return Filetype.UNKNOWN;
}
