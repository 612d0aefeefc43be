/**
 * Every function of wasi_snapshot_preview1, one method each, over an fd table of capabilities.
 *
 * Conventions: arguments arrive as the engine passes them to host functions (i32 as a signed
 * number, i64 as a signed bigint); each method returns an errno or throws `WasiError`, and the
 * wrapper in `imports()` turns any thrown error into its errno — a guest can never make the host
 * throw, except `proc_exit`, which throws `WasiExit` on purpose. Every guest pointer goes through
 * `GuestMemory` (bounds-checked, EFAULT); output pointers are checked before any host side effect
 * so a bad pointer never leaks an opened file. Paths go through sandbox.ts, never straight to fs.
 */
import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  futimesSync,
  linkSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  renameSync,
  rmdirSync,
  symlinkSync,
  unlinkSync,
  writeSync,
  constants as fsc,
  type BigIntStats,
} from 'node:fs';
import type { Signature } from '../../core/index.js';
import type { WasiClock } from './clock.js';
import {
  DIR_RIGHTS,
  Errno,
  EventType,
  EVENTRW_HANGUP,
  Fdflags,
  FILE_RIGHTS,
  Filetype,
  Fstflags,
  LOOKUP_SYMLINK_FOLLOW,
  Oflags,
  Rights,
  SIZE,
  SUBCLOCK_ABSTIME,
  Whence,
} from './constants.js';
import { toErrno, WasiError, WasiExit } from './errors.js';
import { filetypeOf, need, type DirEntry, type FdEntry, type FdTable, type FileEntry, type StreamEntry, type WasiReadable, type WasiWritable } from './fdtable.js';
import { encode, GuestMemory, type MemorySource } from './memory.js';
import type { WasiRandom } from './random.js';
import { at, O_NOFOLLOW, withPath } from './sandbox.js';

const I = 'i32' as const;
const L = 'i64' as const;
const sig = (...params: ('i32' | 'i64')[]): Signature => ({ params, results: ['i32'] });

/** The import signatures of wasi_snapshot_preview1 (witx), in the order of the spec. */
export const PREVIEW1_SIGNATURES: Readonly<Record<string, Signature>> = {
  args_get: sig(I, I),
  args_sizes_get: sig(I, I),
  environ_get: sig(I, I),
  environ_sizes_get: sig(I, I),
  clock_res_get: sig(I, I),
  clock_time_get: sig(I, L, I),
  fd_advise: sig(I, L, L, I),
  fd_allocate: sig(I, L, L),
  fd_close: sig(I),
  fd_datasync: sig(I),
  fd_fdstat_get: sig(I, I),
  fd_fdstat_set_flags: sig(I, I),
  fd_fdstat_set_rights: sig(I, L, L),
  fd_filestat_get: sig(I, I),
  fd_filestat_set_size: sig(I, L),
  fd_filestat_set_times: sig(I, L, L, I),
  fd_pread: sig(I, I, I, L, I),
  fd_prestat_get: sig(I, I),
  fd_prestat_dir_name: sig(I, I, I),
  fd_pwrite: sig(I, I, I, L, I),
  fd_read: sig(I, I, I, I),
  fd_readdir: sig(I, I, I, L, I),
  fd_renumber: sig(I, I),
  fd_seek: sig(I, L, I, I),
  fd_sync: sig(I),
  fd_tell: sig(I, I),
  fd_write: sig(I, I, I, I),
  path_create_directory: sig(I, I, I),
  path_filestat_get: sig(I, I, I, I, I),
  path_filestat_set_times: sig(I, I, I, I, L, L, I),
  path_link: sig(I, I, I, I, I, I, I),
  path_open: sig(I, I, I, I, I, L, L, I, I),
  path_readlink: sig(I, I, I, I, I, I),
  path_remove_directory: sig(I, I, I),
  path_rename: sig(I, I, I, I, I, I),
  path_symlink: sig(I, I, I, I, I),
  path_unlink_file: sig(I, I, I),
  poll_oneoff: sig(I, I, I, I),
  proc_exit: { params: [I], results: [] },
  proc_raise: sig(I),
  sched_yield: sig(),
  random_get: sig(I, I),
  sock_accept: sig(I, I, I),
  sock_recv: sig(I, I, I, I, I, I),
  sock_send: sig(I, I, I, I, I),
  sock_shutdown: sig(I, I),
};

export interface Preview1Config {
  readonly args: readonly string[];
  /** "KEY=VALUE" strings */
  readonly env: readonly string[];
  readonly fds: FdTable;
  readonly clock: WasiClock;
  readonly random: WasiRandom;
  /** called after every call with its name, arguments and errno (debugging aid) */
  readonly trace?: ((name: string, args: readonly unknown[], result: unknown) => void) | undefined;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A guest u64 (offset, size, length) as a JS number, or EINVAL when it does not fit. */
function toNum(v: bigint, errno: Errno = Errno.INVAL): number {
  const u = BigInt.asUintN(64, v);
  if (u > MAX_SAFE) throw new WasiError(errno);
  return Number(u);
}

/** Run a host I/O call that may say EAGAIN on a non-blocking stdio fd; wait and retry. */
function retrying<T>(fn: () => T): T {
  for (;;) {
    try {
      return fn();
    } catch (e) {
      if ((e as { code?: string }).code !== 'EAGAIN') throw e;
      Atomics.wait(sleeper, 0, 0, 1);
    }
  }
}

export class Preview1 {
  /** the guest's exported memory; bound by Wasi.start()/initialize() */
  memory: MemorySource | null = null;
  private readonly argBytes: Uint8Array[];
  private readonly envBytes: Uint8Array[];
  private readonly fds: FdTable;
  private readonly clock: WasiClock;
  private readonly random: WasiRandom;

  constructor(private readonly config: Preview1Config) {
    this.argBytes = config.args.map((a) => encode(a + '\0'));
    this.envBytes = config.env.map((e) => encode(e + '\0'));
    this.fds = config.fds;
    this.clock = config.clock;
    this.random = config.random;
  }

  /** The import functions, each wrapped so that any failure becomes its errno. */
  imports(): Record<string, (...args: any[]) => unknown> {
    const out: Record<string, (...args: any[]) => unknown> = {};
    const trace = this.config.trace;
    for (const name of Object.keys(PREVIEW1_SIGNATURES)) {
      const impl = (this as unknown as Record<string, (...a: unknown[]) => number | undefined>)[name]!.bind(this);
      out[name] = (...args: unknown[]) => {
        let r: unknown;
        try {
          r = impl(...args) ?? Errno.SUCCESS;
        } catch (e) {
          if (e instanceof WasiExit) {
            trace?.(name, args, 'exit');
            throw e;
          }
          r = toErrno(e);
        }
        trace?.(name, args, r);
        return r;
      };
    }
    return out;
  }

  private mem(): GuestMemory {
    if (!this.memory) throw new WasiError(Errno.FAULT);
    return new GuestMemory(this.memory.buffer);
  }

  // ---- args, environment --------------------------------------------------------------------

  private putStrings(list: Uint8Array[], ptrs: number, buf: number): number {
    const m = this.mem();
    m.check(ptrs, list.length * 4);
    m.check(buf, list.reduce((n, b) => n + b.length, 0));
    let p = buf >>> 0;
    list.forEach((b, i) => {
      m.setU32(ptrs + i * 4, p);
      m.write(p, b);
      p += b.length;
    });
    return Errno.SUCCESS;
  }
  private putSizes(list: Uint8Array[], countPtr: number, sizePtr: number): number {
    const m = this.mem();
    m.check(countPtr, 4);
    m.check(sizePtr, 4);
    m.setU32(countPtr, list.length);
    m.setU32(sizePtr, list.reduce((n, b) => n + b.length, 0));
    return Errno.SUCCESS;
  }
  args_get(argv: number, buf: number): number {
    return this.putStrings(this.argBytes, argv, buf);
  }
  args_sizes_get(count: number, size: number): number {
    return this.putSizes(this.argBytes, count, size);
  }
  environ_get(environ: number, buf: number): number {
    return this.putStrings(this.envBytes, environ, buf);
  }
  environ_sizes_get(count: number, size: number): number {
    return this.putSizes(this.envBytes, count, size);
  }

  // ---- clocks, random, scheduling, process ----------------------------------------------------

  clock_res_get(id: number, out: number): number {
    const m = this.mem();
    m.check(out, 8);
    const r = this.clock.resolution(id);
    if (r === undefined) return Errno.INVAL;
    m.setU64(out, r);
    return Errno.SUCCESS;
  }
  clock_time_get(id: number, _precision: bigint, out: number): number {
    const m = this.mem();
    m.check(out, 8);
    const t = this.clock.now(id);
    if (t === undefined) return Errno.INVAL;
    m.setU64(out, t);
    return Errno.SUCCESS;
  }
  random_get(buf: number, len: number): number {
    this.random.fill(this.mem().bytes(buf, len));
    return Errno.SUCCESS;
  }
  sched_yield(): number {
    return Errno.SUCCESS;
  }
  proc_exit(code: number): never {
    throw new WasiExit(code >>> 0);
  }
  proc_raise(_sig: number): number {
    // preview1 has no signal delivery; wasi-libc's abort() traps instead of raising
    return Errno.NOSYS;
  }

  // ---- file descriptors -----------------------------------------------------------------------

  fd_close(fd: number): number {
    this.fds.close(fd);
    return Errno.SUCCESS;
  }

  fd_renumber(from: number, to: number): number {
    this.fds.renumber(from, to);
    return Errno.SUCCESS;
  }

  fd_fdstat_get(fd: number, out: number): number {
    const m = this.mem();
    const p = m.checkAligned(out, SIZE.fdstat, 8);
    const e = this.fds.get(fd);
    m.u8.fill(0, p, p + SIZE.fdstat);
    m.setU8(p, e.filetype);
    m.setU16(p + 2, e.flags);
    m.setU64(p + 8, e.rightsBase);
    m.setU64(p + 16, e.rightsInheriting);
    return Errno.SUCCESS;
  }

  fd_fdstat_set_flags(fd: number, flags: number): number {
    const e = this.fds.get(fd);
    need(e, Rights.FD_FDSTAT_SET_FLAGS);
    const f = flags & 0xffff;
    if (f & ~(Fdflags.APPEND | Fdflags.NONBLOCK | Fdflags.DSYNC | Fdflags.RSYNC | Fdflags.SYNC)) return Errno.INVAL;
    // the sync modes are fixed when a host file is opened; Node cannot change them afterwards
    if ((f & (Fdflags.DSYNC | Fdflags.RSYNC | Fdflags.SYNC)) !== (e.flags & (Fdflags.DSYNC | Fdflags.RSYNC | Fdflags.SYNC))) return Errno.NOTSUP;
    if (f & Fdflags.APPEND && e.readonly) return Errno.ROFS;
    e.flags = f;
    return Errno.SUCCESS;
  }

  fd_fdstat_set_rights(fd: number, base: bigint, inheriting: bigint): number {
    const e = this.fds.get(fd);
    const b = BigInt.asUintN(64, base);
    const i = BigInt.asUintN(64, inheriting);
    // rights can only be dropped, never gained
    if ((b & ~e.rightsBase) !== 0n || (i & ~e.rightsInheriting) !== 0n) return Errno.NOTCAPABLE;
    e.rightsBase = b;
    e.rightsInheriting = i;
    return Errno.SUCCESS;
  }

  fd_filestat_get(fd: number, out: number): number {
    const m = this.mem();
    const p = m.checkAligned(out, SIZE.filestat, 8);
    const e = this.fds.get(fd);
    need(e, Rights.FD_FILESTAT_GET);
    const hostFd = e.kind === 'file' ? e.fd : e.kind === 'dir' ? e.dir.fd : typeof e.host === 'number' ? e.host : -1;
    if (hostFd < 0) {
      m.u8.fill(0, p, p + SIZE.filestat);
      m.setU8(p + 16, e.filetype);
      m.setU64(p + 24, 1n);
      return Errno.SUCCESS;
    }
    writeFilestat(m, p, fstatSync(hostFd, { bigint: true }));
    return Errno.SUCCESS;
  }

  fd_filestat_set_size(fd: number, size: bigint): number {
    const e = this.fds.get(fd);
    need(e, Rights.FD_FILESTAT_SET_SIZE);
    const f = this.fileOf(e);
    ftruncateSync(f.fd, toNum(size, Errno.FBIG));
    return Errno.SUCCESS;
  }

  fd_filestat_set_times(fd: number, atim: bigint, mtim: bigint, flags: number): number {
    const e = this.fds.get(fd);
    need(e, Rights.FD_FILESTAT_SET_TIMES);
    const hostFd = e.kind === 'file' ? e.fd : e.kind === 'dir' ? e.dir.fd : typeof e.host === 'number' ? e.host : -1;
    if (hostFd < 0) return Errno.BADF;
    const [a, mt] = newTimes(() => fstatSync(hostFd), atim, mtim, flags);
    futimesSync(hostFd, a, mt);
    return Errno.SUCCESS;
  }

  fd_advise(fd: number, _offset: bigint, _len: bigint, advice: number): number {
    const e = this.fds.get(fd);
    need(e, Rights.FD_ADVISE);
    if (advice >>> 0 > 5) return Errno.INVAL;
    this.fileOf(e);
    return Errno.SUCCESS; // advisory only: nothing to do on Node
  }

  fd_allocate(fd: number, offset: bigint, len: bigint): number {
    const e = this.fds.get(fd);
    need(e, Rights.FD_ALLOCATE);
    const f = this.fileOf(e);
    const end = toNum(BigInt.asUintN(64, offset) + BigInt.asUintN(64, len), Errno.FBIG);
    if (end > fstatSync(f.fd).size) ftruncateSync(f.fd, end);
    return Errno.SUCCESS;
  }

  fd_datasync(fd: number): number {
    const e = this.fds.get(fd);
    need(e, Rights.FD_DATASYNC);
    const hostFd = this.syncFd(e);
    if (hostFd >= 0) fdatasyncSync(hostFd);
    return Errno.SUCCESS;
  }

  fd_sync(fd: number): number {
    const e = this.fds.get(fd);
    need(e, Rights.FD_SYNC);
    const hostFd = this.syncFd(e);
    if (hostFd >= 0) fsyncSync(hostFd);
    return Errno.SUCCESS;
  }

  private syncFd(e: FdEntry): number {
    if (e.kind === 'file') return e.fd;
    if (e.kind === 'dir') return e.dir.fd;
    return -1; // streams: nothing buffered on our side
  }

  /** The file behind `e` for file-only operations: ESPIPE for streams, EISDIR for directories. */
  private fileOf(e: FdEntry): FileEntry {
    if (e.kind === 'file') return e;
    throw new WasiError(e.kind === 'dir' ? Errno.ISDIR : Errno.SPIPE);
  }

  fd_seek(fd: number, offset: bigint, whence: number, out: number): number {
    const m = this.mem();
    m.check(out, 8);
    const e = this.fds.get(fd);
    if (e.kind === 'stream') return Errno.SPIPE;
    need(e, offset === 0n && whence === Whence.CUR ? Rights.FD_TELL : Rights.FD_SEEK);
    const f = this.fileOf(e);
    let base: bigint;
    switch (whence) {
      case Whence.SET:
        base = 0n;
        break;
      case Whence.CUR:
        base = BigInt(f.pos);
        break;
      case Whence.END:
        base = BigInt(fstatSync(f.fd).size);
        break;
      default:
        return Errno.INVAL;
    }
    const next = base + BigInt.asIntN(64, offset);
    if (next < 0n) return Errno.INVAL;
    if (next > MAX_SAFE) return Errno.OVERFLOW;
    f.pos = Number(next);
    m.setU64(out, next);
    return Errno.SUCCESS;
  }

  fd_tell(fd: number, out: number): number {
    const m = this.mem();
    m.check(out, 8);
    const e = this.fds.get(fd);
    if (e.kind === 'stream') return Errno.SPIPE;
    need(e, Rights.FD_TELL);
    m.setU64(out, this.fileOf(e).pos);
    return Errno.SUCCESS;
  }

  fd_read(fd: number, iovs: number, iovsLen: number, out: number): number {
    const m = this.mem();
    m.check(out, 4);
    const e = this.fds.get(fd);
    need(e, Rights.FD_READ);
    const vecs = m.iovecs(iovs, iovsLen);
    let total = 0;
    if (e.kind === 'dir') return Errno.ISDIR;
    for (const [p, len] of vecs) {
      if (len === 0) continue;
      const n = e.kind === 'file' ? readSync(e.fd, m.u8, p, len, e.pos) : this.readStream(e, m.u8, p, len);
      if (e.kind === 'file') e.pos += n;
      total += n;
      // a stream returns what is available: do not block again for the next buffer
      if (n < len || e.kind === 'stream') break;
    }
    m.setU32(out, total);
    return Errno.SUCCESS;
  }

  fd_pread(fd: number, iovs: number, iovsLen: number, offset: bigint, out: number): number {
    const m = this.mem();
    m.check(out, 4);
    const e = this.fds.get(fd);
    need(e, Rights.FD_READ | Rights.FD_SEEK);
    const vecs = m.iovecs(iovs, iovsLen);
    const f = this.fileOf(e);
    let pos = toNum(offset);
    let total = 0;
    for (const [p, len] of vecs) {
      if (len === 0) continue;
      const n = readSync(f.fd, m.u8, p, len, pos);
      pos += n;
      total += n;
      if (n < len) break;
    }
    m.setU32(out, total);
    return Errno.SUCCESS;
  }

  fd_write(fd: number, iovs: number, iovsLen: number, out: number): number {
    const m = this.mem();
    m.check(out, 4);
    const e = this.fds.get(fd);
    need(e, Rights.FD_WRITE);
    const vecs = m.iovecs(iovs, iovsLen);
    if (e.kind === 'dir') return Errno.ISDIR;
    let total = 0;
    if (e.kind === 'file' && e.flags & Fdflags.APPEND) e.pos = fstatSync(e.fd).size;
    for (const [p, len] of vecs) {
      if (len === 0) continue;
      if (e.kind === 'file') {
        const n = writeSync(e.fd, m.u8, p, len, e.pos);
        e.pos += n;
        total += n;
        if (n < len) break;
      } else {
        this.writeStream(e, m.u8.subarray(p, p + len));
        total += len;
      }
    }
    m.setU32(out, total);
    return Errno.SUCCESS;
  }

  fd_pwrite(fd: number, iovs: number, iovsLen: number, offset: bigint, out: number): number {
    const m = this.mem();
    m.check(out, 4);
    const e = this.fds.get(fd);
    need(e, Rights.FD_WRITE | Rights.FD_SEEK);
    const vecs = m.iovecs(iovs, iovsLen);
    const f = this.fileOf(e);
    let pos = toNum(offset);
    let total = 0;
    for (const [p, len] of vecs) {
      if (len === 0) continue;
      const n = writeSync(f.fd, m.u8, p, len, pos);
      pos += n;
      total += n;
      if (n < len) break;
    }
    m.setU32(out, total);
    return Errno.SUCCESS;
  }

  private readStream(e: StreamEntry, u8: Uint8Array, p: number, len: number): number {
    if (typeof e.host === 'number') {
      const fd = e.host;
      return retrying(() => {
        try {
          return readSync(fd, u8, p, len, null);
        } catch (err) {
          if ((err as { code?: string }).code === 'EOF') return 0;
          throw err;
        }
      });
    }
    const src = e.host as WasiReadable;
    if (typeof src.read !== 'function') return 0;
    const chunk = src.read(len);
    if (!chunk || chunk.length === 0) return 0;
    const n = Math.min(chunk.length, len);
    u8.set(chunk.subarray(0, n), p);
    return n;
  }

  private writeStream(e: StreamEntry, bytes: Uint8Array): void {
    if (typeof e.host === 'number') {
      const fd = e.host;
      let off = 0;
      while (off < bytes.length) off += retrying(() => writeSync(fd, bytes, off, bytes.length - off));
      return;
    }
    const sink = e.host as WasiWritable;
    if (typeof sink.write === 'function') sink.write(bytes.slice());
  }

  fd_prestat_get(fd: number, out: number): number {
    const m = this.mem();
    const p = m.checkAligned(out, SIZE.prestat, 4);
    const e = this.fds.get(fd);
    if (e.kind !== 'dir' || e.preopen === undefined) return Errno.BADF;
    m.u8.fill(0, p, p + SIZE.prestat);
    m.setU32(p + 4, encode(e.preopen).length);
    return Errno.SUCCESS;
  }

  fd_prestat_dir_name(fd: number, buf: number, len: number): number {
    const m = this.mem();
    const e = this.fds.get(fd);
    if (e.kind !== 'dir' || e.preopen === undefined) return Errno.BADF;
    const name = encode(e.preopen);
    if (len >>> 0 < name.length) return Errno.NAMETOOLONG;
    m.write(buf, name);
    return Errno.SUCCESS;
  }

  fd_readdir(fd: number, buf: number, bufLen: number, cookie: bigint, out: number): number {
    const m = this.mem();
    m.check(out, 4);
    const dst = m.bytes(buf, bufLen);
    const e = this.fds.get(fd);
    need(e, Rights.FD_READDIR);
    if (e.kind !== 'dir') return Errno.NOTDIR;
    const c = BigInt.asUintN(64, cookie);
    if (c === 0n || !e.listing) e.listing = listDir(e);
    let used = 0;
    for (let i = Number(c > BigInt(e.listing.length) ? BigInt(e.listing.length) : c); i < e.listing.length && used < dst.length; i++) {
      const ent = e.listing[i]!;
      const n = Math.min(ent.length, dst.length - used);
      dst.set(ent.subarray(0, n), used);
      used += n;
    }
    m.setU32(out, used);
    return Errno.SUCCESS;
  }

  // ---- paths ----------------------------------------------------------------------------------

  private dirFor(fd: number, right: bigint): DirEntry {
    const e = this.fds.get(fd);
    if (e.kind !== 'dir') throw new WasiError(Errno.NOTDIR);
    need(e, right);
    return e;
  }

  path_create_directory(fd: number, path: number, len: number): number {
    const d = this.dirFor(fd, Rights.PATH_CREATE_DIRECTORY);
    const p = this.mem().string(path, len);
    withPath(d.dir, p, false, (r) => mkdirSync(r.path));
    return Errno.SUCCESS;
  }

  path_filestat_get(fd: number, flags: number, path: number, len: number, out: number): number {
    const m = this.mem();
    const o = m.checkAligned(out, SIZE.filestat, 8);
    const d = this.dirFor(fd, Rights.PATH_FILESTAT_GET);
    const p = m.string(path, len);
    const st = withPath(d.dir, p, (flags & LOOKUP_SYMLINK_FOLLOW) !== 0, (r) => {
      const s = lstatSync(r.path, { bigint: true });
      if (r.mustBeDir && !s.isDirectory()) throw new WasiError(Errno.NOTDIR);
      return s;
    });
    writeFilestat(m, o, st);
    return Errno.SUCCESS;
  }

  path_filestat_set_times(fd: number, flags: number, path: number, len: number, atim: bigint, mtim: bigint, fst: number): number {
    const d = this.dirFor(fd, Rights.PATH_FILESTAT_SET_TIMES);
    const p = this.mem().string(path, len);
    withPath(d.dir, p, (flags & LOOKUP_SYMLINK_FOLLOW) !== 0, (r) => {
      const [a, mt] = newTimes(() => lstatSync(r.path), atim, mtim, fst);
      lutimesSync(r.path, a, mt);
    });
    return Errno.SUCCESS;
  }

  path_link(oldFd: number, oldFlags: number, oldPath: number, oldLen: number, newFd: number, newPath: number, newLen: number): number {
    const m = this.mem();
    const src = this.dirFor(oldFd, Rights.PATH_LINK_SOURCE);
    const dst = this.dirFor(newFd, Rights.PATH_LINK_TARGET);
    const a = m.string(oldPath, oldLen);
    const b = m.string(newPath, newLen);
    withPath(src.dir, a, (oldFlags & LOOKUP_SYMLINK_FOLLOW) !== 0, (ra) =>
      withPath(dst.dir, b, false, (rb) => {
        if (rb.mustBeDir) throw new WasiError(Errno.NOENT);
        linkSync(ra.path, rb.path);
      }),
    );
    return Errno.SUCCESS;
  }

  path_open(
    fd: number,
    dirflags: number,
    path: number,
    len: number,
    oflags: number,
    rightsBase: bigint,
    rightsInheriting: bigint,
    fdflags: number,
    out: number,
  ): number {
    const m = this.mem();
    m.check(out, 4);
    const d = this.dirFor(fd, Rights.PATH_OPEN);
    const p = m.string(path, len);
    const of = oflags & 0xffff;
    const ff = fdflags & 0xffff;
    if (of & ~(Oflags.CREAT | Oflags.DIRECTORY | Oflags.EXCL | Oflags.TRUNC)) return Errno.INVAL;
    if (ff & ~(Fdflags.APPEND | Fdflags.DSYNC | Fdflags.NONBLOCK | Fdflags.RSYNC | Fdflags.SYNC)) return Errno.INVAL;
    if (of & Oflags.CREAT) need(d, Rights.PATH_CREATE_FILE);
    if (of & Oflags.TRUNC) need(d, Rights.PATH_FILESTAT_SET_SIZE);
    // rights beyond what the directory may hand out are silently dropped (wasmtime does the same)
    const base = BigInt.asUintN(64, rightsBase) & d.rightsInheriting;
    const inheriting = BigInt.asUintN(64, rightsInheriting) & d.rightsInheriting;
    const wantsWrite = (base & (Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE)) !== 0n || (ff & Fdflags.APPEND) !== 0 || (of & Oflags.TRUNC) !== 0;
    const wantsRead = (base & (Rights.FD_READ | Rights.FD_READDIR)) !== 0n;
    if (wantsWrite && d.readonly) return Errno.ROFS;
    this.fds.checkRoom();

    let flags = O_NOFOLLOW;
    if (of & Oflags.DIRECTORY) flags |= fsc.O_DIRECTORY ?? 0;
    if (wantsWrite && !(of & Oflags.DIRECTORY)) flags |= wantsRead ? fsc.O_RDWR : fsc.O_WRONLY;
    else flags |= fsc.O_RDONLY;
    if (of & Oflags.CREAT) flags |= fsc.O_CREAT;
    if (of & Oflags.EXCL) flags |= fsc.O_EXCL;
    if (of & Oflags.TRUNC) flags |= fsc.O_TRUNC;
    if (ff & Fdflags.DSYNC) flags |= fsc.O_DSYNC ?? 0;
    if (ff & (Fdflags.SYNC | Fdflags.RSYNC)) flags |= fsc.O_SYNC ?? 0;

    const follow = (dirflags & LOOKUP_SYMLINK_FOLLOW) !== 0;
    const entry = withPath(d.dir, p, follow, (r): FdEntry => {
      if (r.mustBeDir) flags |= fsc.O_DIRECTORY ?? 0;
      const hostFd = openSync(r.path, flags, 0o666);
      let st;
      try {
        st = fstatSync(hostFd);
      } catch (err) {
        closeQuietly(hostFd);
        throw err;
      }
      const filetype = filetypeOf(st);
      if (filetype === Filetype.DIRECTORY) {
        return {
          kind: 'dir',
          dir: { fd: hostFd, path: `${d.dir.path}/${p}` },
          preopen: undefined,
          listing: undefined,
          filetype,
          rightsBase: base & (DIR_RIGHTS | Rights.FD_READ),
          rightsInheriting: inheriting,
          flags: ff,
          readonly: d.readonly,
        };
      }
      return {
        kind: 'file',
        fd: hostFd,
        pos: 0,
        path: `${d.dir.path}/${p}`,
        filetype,
        rightsBase: base & FILE_RIGHTS,
        rightsInheriting: 0n,
        flags: ff,
        readonly: d.readonly,
      };
    });
    const n = this.fds.add(entry);
    m.setU32(out, n);
    return Errno.SUCCESS;
  }

  path_readlink(fd: number, path: number, len: number, buf: number, bufLen: number, out: number): number {
    const m = this.mem();
    m.check(out, 4);
    const dst = m.bytes(buf, bufLen);
    const d = this.dirFor(fd, Rights.PATH_READLINK);
    const p = m.string(path, len);
    const target = withPath(d.dir, p, false, (r) => readlinkSync(r.path, { encoding: 'buffer' }));
    const n = Math.min(target.length, dst.length);
    dst.set(target.subarray(0, n));
    m.setU32(out, n);
    return Errno.SUCCESS;
  }

  path_remove_directory(fd: number, path: number, len: number): number {
    const d = this.dirFor(fd, Rights.PATH_REMOVE_DIRECTORY);
    const p = this.mem().string(path, len);
    withPath(d.dir, p, false, (r) => {
      if (r.name === '.') throw new WasiError(Errno.INVAL);
      rmdirSync(r.path);
    });
    return Errno.SUCCESS;
  }

  path_rename(fd: number, oldPath: number, oldLen: number, newFd: number, newPath: number, newLen: number): number {
    const m = this.mem();
    const src = this.dirFor(fd, Rights.PATH_RENAME_SOURCE);
    const dst = this.dirFor(newFd, Rights.PATH_RENAME_TARGET);
    const a = m.string(oldPath, oldLen);
    const b = m.string(newPath, newLen);
    withPath(src.dir, a, false, (ra) =>
      withPath(dst.dir, b, false, (rb) => {
        if (ra.name === '.' || rb.name === '.') throw new WasiError(Errno.BUSY);
        renameSync(ra.path, rb.path);
      }),
    );
    return Errno.SUCCESS;
  }

  path_symlink(oldPath: number, oldLen: number, fd: number, newPath: number, newLen: number): number {
    const m = this.mem();
    const d = this.dirFor(fd, Rights.PATH_SYMLINK);
    const target = m.string(oldPath, oldLen);
    const p = m.string(newPath, newLen);
    // an absolute target could never be followed inside the sandbox; refuse to plant one on the host
    if (target.startsWith('/')) return Errno.NOTCAPABLE;
    withPath(d.dir, p, false, (r) => symlinkSync(target, r.path));
    return Errno.SUCCESS;
  }

  path_unlink_file(fd: number, path: number, len: number): number {
    const d = this.dirFor(fd, Rights.PATH_UNLINK_FILE);
    const p = this.mem().string(path, len);
    withPath(d.dir, p, false, (r) => {
      if (r.mustBeDir || r.name === '.') throw new WasiError(Errno.ISDIR);
      unlinkSync(r.path);
    });
    return Errno.SUCCESS;
  }

  // ---- poll -----------------------------------------------------------------------------------

  poll_oneoff(inPtr: number, outPtr: number, nsubs: number, neventsPtr: number): number {
    const m = this.mem();
    const n = nsubs >>> 0;
    m.check(neventsPtr, 4);
    if (n === 0) return Errno.INVAL;
    if (n > 0x10000) return Errno.INVAL;
    const inBase = m.checkAligned(inPtr, n * SIZE.subscription, 8);
    const outBase = m.checkAligned(outPtr, n * SIZE.event, 8);

    interface Ev {
      userdata: bigint;
      error: number;
      type: number;
      nbytes: bigint;
      flags: number;
    }
    const ready: Ev[] = [];
    const clocks: { userdata: bigint; remaining: bigint }[] = [];
    for (let i = 0; i < n; i++) {
      const s = inBase + i * SIZE.subscription;
      const userdata = m.u64(s);
      const tag = m.u8at(s + 8);
      if (tag === EventType.CLOCK) {
        const id = m.u32(s + 16);
        const timeout = m.u64(s + 24);
        const abs = (m.u16(s + 40) & SUBCLOCK_ABSTIME) !== 0;
        const now = this.clock.now(id);
        if (now === undefined) {
          ready.push({ userdata, error: Errno.INVAL, type: tag, nbytes: 0n, flags: 0 });
          continue;
        }
        clocks.push({ userdata, remaining: abs ? timeout - now : timeout });
      } else if (tag === EventType.FD_READ || tag === EventType.FD_WRITE) {
        ready.push(this.pollFd(m.u32(s + 16), tag, userdata));
      } else {
        ready.push({ userdata, error: Errno.INVAL, type: tag, nbytes: 0n, flags: 0 });
      }
    }
    if (ready.length === 0) {
      // nothing ready: sleep until the earliest clock fires
      const wait = clocks.reduce((min, c) => (c.remaining < min ? c.remaining : min), clocks[0]!.remaining);
      if (wait > 0n) this.clock.sleep(wait);
      for (const c of clocks) if (c.remaining <= wait) ready.push({ userdata: c.userdata, error: 0, type: EventType.CLOCK, nbytes: 0n, flags: 0 });
    } else {
      for (const c of clocks) if (c.remaining <= 0n) ready.push({ userdata: c.userdata, error: 0, type: EventType.CLOCK, nbytes: 0n, flags: 0 });
    }
    m.u8.fill(0, outBase, outBase + ready.length * SIZE.event);
    ready.forEach((ev, i) => {
      const o = outBase + i * SIZE.event;
      m.setU64(o, ev.userdata);
      m.setU16(o + 8, ev.error);
      m.setU8(o + 10, ev.type);
      m.setU64(o + 16, ev.nbytes);
      m.setU16(o + 24, ev.flags);
    });
    m.setU32(neventsPtr, ready.length);
    return Errno.SUCCESS;
  }

  /**
   * Readiness of one fd subscription. Regular files are always ready (nbytes: bytes left to
   * read); streams are reported ready at once (Node has no synchronous poll), so a following
   * read may block until data arrives.
   */
  private pollFd(fd: number, type: number, userdata: bigint): { userdata: bigint; error: number; type: number; nbytes: bigint; flags: number } {
    const ev = { userdata, error: 0, type, nbytes: 0n, flags: 0 };
    if (!this.fds.has(fd)) return { ...ev, error: Errno.BADF };
    const e = this.fds.get(fd);
    if ((e.rightsBase & Rights.POLL_FD_READWRITE) === 0n && (e.rightsBase & (type === EventType.FD_READ ? Rights.FD_READ : Rights.FD_WRITE)) === 0n) {
      return { ...ev, error: Errno.NOTCAPABLE };
    }
    if (e.kind === 'dir') return { ...ev, error: Errno.ISDIR };
    if (e.kind === 'file') {
      if (type === EventType.FD_READ) {
        const size = fstatSync(e.fd).size;
        ev.nbytes = BigInt(Math.max(0, size - e.pos));
      }
      return ev;
    }
    if (type === EventType.FD_READ) ev.nbytes = 1n;
    if (typeof e.host !== 'number' && type === EventType.FD_READ && typeof (e.host as WasiReadable).read !== 'function') ev.flags = EVENTRW_HANGUP;
    return ev;
  }

  // ---- sockets: preview1 can only use sockets handed in by the host, and we hand in none -------

  private notSocket(fd: number): number {
    this.fds.get(fd);
    return Errno.NOTSOCK;
  }
  sock_accept(fd: number, _flags: number, _out: number): number {
    return this.notSocket(fd);
  }
  sock_recv(fd: number, _ri: number, _riLen: number, _flags: number, _roLen: number, _roFlags: number): number {
    return this.notSocket(fd);
  }
  sock_send(fd: number, _si: number, _siLen: number, _flags: number, _soLen: number): number {
    return this.notSocket(fd);
  }
  sock_shutdown(fd: number, _how: number): number {
    return this.notSocket(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    /* already closed */
  }
}

function writeFilestat(m: GuestMemory, p: number, st: BigIntStats): void {
  m.u8.fill(0, p, p + SIZE.filestat);
  m.setU64(p, st.dev);
  m.setU64(p + 8, st.ino);
  m.setU8(p + 16, filetypeOf(st));
  m.setU64(p + 24, st.nlink);
  m.setU64(p + 32, st.size);
  m.setU64(p + 40, st.atimeNs);
  m.setU64(p + 48, st.mtimeNs);
  m.setU64(p + 56, st.ctimeNs);
}

/** New (atime, mtime) in seconds for futimes/lutimes from preview1's fstflags. */
function newTimes(current: () => { atimeMs: number; mtimeMs: number }, atim: bigint, mtim: bigint, fst: number): [number, number] {
  const f = fst & 0xffff;
  if (f & ~(Fstflags.ATIM | Fstflags.ATIM_NOW | Fstflags.MTIM | Fstflags.MTIM_NOW)) throw new WasiError(Errno.INVAL);
  if (f & Fstflags.ATIM && f & Fstflags.ATIM_NOW) throw new WasiError(Errno.INVAL);
  if (f & Fstflags.MTIM && f & Fstflags.MTIM_NOW) throw new WasiError(Errno.INVAL);
  const now = Date.now() / 1000;
  let cur: { atimeMs: number; mtimeMs: number } | undefined;
  const keep = () => (cur ??= current());
  const a = f & Fstflags.ATIM_NOW ? now : f & Fstflags.ATIM ? Number(BigInt.asUintN(64, atim)) / 1e9 : keep().atimeMs / 1000;
  const mt = f & Fstflags.MTIM_NOW ? now : f & Fstflags.MTIM ? Number(BigInt.asUintN(64, mtim)) / 1e9 : keep().mtimeMs / 1000;
  return [a, mt];
}

/** Serialise a directory as preview1 dirents (header + name), `.` and `..` first. */
function listDir(e: DirEntry): Uint8Array[] {
  const names: [string, Filetype][] = [
    ['.', Filetype.DIRECTORY],
    ['..', Filetype.DIRECTORY],
  ];
  for (const d of readdirSync(at(e.dir, '.'), { withFileTypes: true })) names.push([d.name, filetypeOf(d)]);
  return names.map(([name, type], i) => {
    const nameBytes = encode(name);
    const out = new Uint8Array(SIZE.dirent + nameBytes.length);
    const v = new DataView(out.buffer);
    let ino = 0n;
    try {
      ino = lstatSync(at(e.dir, name), { bigint: true }).ino;
    } catch {
      /* vanished since readdir: keep inode 0 */
    }
    v.setBigUint64(0, BigInt(i + 1), true);
    v.setBigUint64(8, ino, true);
    v.setUint32(16, nameBytes.length, true);
    v.setUint8(20, type);
    out.set(nameBytes, SIZE.dirent);
    return out;
  });
}
