/**
 * Guest memory as the WASI host sees it: every pointer and length the guest passes is an unsigned
 * 32-bit number that is checked against the memory's current size before any byte is touched. A
 * failed check throws `WasiError(EFAULT)`, which the call wrapper turns into the errno result, so
 * a hostile pointer never becomes a JS RangeError. The views are taken fresh at the start of each
 * host call (memory.grow replaces the buffer), never cached across calls.
 */
import { Errno } from './constants.js';
import { WasiError } from './errors.js';

/** Something with the bytes of a linear memory: a wasmlet MemoryInst or a WebAssembly.Memory. */
export interface MemorySource {
  readonly buffer: ArrayBuffer;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8enc = new TextEncoder();

export class GuestMemory {
  readonly u8: Uint8Array;
  readonly view: DataView;
  readonly size: number;

  constructor(buffer: ArrayBuffer) {
    this.u8 = new Uint8Array(buffer);
    this.view = new DataView(buffer);
    this.size = buffer.byteLength;
  }

  /** Check that [ptr, ptr+len) lies inside memory; returns ptr as an unsigned number. */
  check(ptr: number, len: number): number {
    const p = ptr >>> 0;
    const n = len >>> 0;
    if (p + n > this.size) throw new WasiError(Errno.FAULT);
    return p;
  }

  /** Check alignment too (struct pointers): misaligned → EINVAL as wasi-libc's callers expect. */
  checkAligned(ptr: number, len: number, align: number): number {
    const p = this.check(ptr, len);
    if (p % align !== 0) throw new WasiError(Errno.INVAL);
    return p;
  }

  u8at(ptr: number): number {
    return this.u8[this.check(ptr, 1)]!;
  }
  u16(ptr: number): number {
    return this.view.getUint16(this.check(ptr, 2), true);
  }
  u32(ptr: number): number {
    return this.view.getUint32(this.check(ptr, 4), true);
  }
  u64(ptr: number): bigint {
    return this.view.getBigUint64(this.check(ptr, 8), true);
  }
  setU8(ptr: number, v: number): void {
    this.u8[this.check(ptr, 1)] = v;
  }
  setU16(ptr: number, v: number): void {
    this.view.setUint16(this.check(ptr, 2), v, true);
  }
  setU32(ptr: number, v: number): void {
    this.view.setUint32(this.check(ptr, 4), v >>> 0, true);
  }
  setU64(ptr: number, v: bigint | number): void {
    this.view.setBigUint64(this.check(ptr, 8), BigInt.asUintN(64, BigInt(v)), true);
  }

  /** A live window on guest bytes (valid until the end of this host call). */
  bytes(ptr: number, len: number): Uint8Array {
    const p = this.check(ptr, len);
    return this.u8.subarray(p, p + (len >>> 0));
  }

  /** A guest string: UTF-8 without NUL bytes (EILSEQ for bad UTF-8, EINVAL for an embedded NUL). */
  string(ptr: number, len: number): string {
    const b = this.bytes(ptr, len);
    if (b.includes(0)) throw new WasiError(Errno.INVAL);
    try {
      return utf8.decode(b);
    } catch {
      throw new WasiError(Errno.ILSEQ);
    }
  }

  /** Copy `data` into guest memory at ptr (bounds-checked as a whole first). */
  write(ptr: number, data: Uint8Array): void {
    const p = this.check(ptr, data.length);
    this.u8.set(data, p);
  }

  /** Read an iovec/ciovec array: [(ptr, len)] pairs, each range checked. */
  iovecs(ptr: number, count: number): [number, number][] {
    const n = count >>> 0;
    if (n > 1024) throw new WasiError(Errno.INVAL); // IOV_MAX
    const base = this.check(ptr, n * 8);
    const out: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      const buf = this.view.getUint32(base + i * 8, true);
      const len = this.view.getUint32(base + i * 8 + 4, true);
      this.check(buf, len);
      out.push([buf, len]);
    }
    return out;
  }
}

export function encode(s: string): Uint8Array {
  return utf8enc.encode(s);
}
