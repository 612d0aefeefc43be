/**
 * The byte reader under the decoder and the validator: LEB128 integers (u32, s32, s33, s64),
 * little-endian float bits, UTF-8 names and byte vectors over a Uint8Array, with every malformed
 * case of the binary format (§5.2) reported as a CompileError carrying the current section name
 * and the byte offset. It is a plain class with public `bytes`, `pos` and `end` fields so hot
 * callers (the validator reading instruction immediates) can use it without allocation: the common
 * one-byte LEB128 case is an inlined fast path; longer encodings and all errors go to slow paths.
 * `end` is the limit for reads: the decoder narrows it to the current section (and body) so that
 * reading past a section is an error even when the module has more bytes after it.
 */
import { CompileError } from '../errors.js';

let utf8Decoder: InstanceType<typeof TextDecoder> | undefined;

/** UTF-8 decode `bytes[start, end)` strictly (no replacement characters, BOM kept); throws on malformed input. */
function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  utf8Decoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  // TextDecoder refuses views of a SharedArrayBuffer; copy those (rare) first.
  const shared = typeof SharedArrayBuffer !== 'undefined' && bytes.buffer instanceof SharedArrayBuffer;
  return utf8Decoder.decode(shared ? bytes.slice(start, end) : bytes.subarray(start, end));
}

const TWO_POW_28 = 0x10000000;

export class Reader {
  /** the whole module */
  bytes: Uint8Array;
  /** next byte to read */
  pos: number;
  /** reads stop here (exclusive): the end of the module, section or function body */
  end: number;
  /** name of the section being read, for error messages; undefined in the module header */
  section: string | undefined;

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length, section?: string) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
    this.section = section;
  }

  /** Throw a CompileError for this reader's section at `offset` (default: the current position). */
  fail(message: string, offset: number = this.pos): never {
    throw new CompileError(message, offset, this.section);
  }

  /** Reading at `offset` ran past `end`: the end of the module, or of a section or function body. */
  private eof(offset: number): never {
    const inside = this.section !== undefined || this.end < this.bytes.length;
    this.fail(inside ? 'unexpected end of section or function' : 'unexpected end', offset);
  }

  /** bytes left before `end` */
  get remaining(): number {
    return this.end - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** The next byte without consuming it, or -1 at the end. */
  peek(): number {
    return this.pos < this.end ? this.bytes[this.pos]! : -1;
  }

  u8(): number {
    const p = this.pos;
    if (p >= this.end) this.eof(p);
    this.pos = p + 1;
    return this.bytes[p]!;
  }

  /** Unsigned LEB128, at most 5 bytes, value < 2^32. */
  u32(): number {
    const p = this.pos;
    if (p < this.end) {
      const b = this.bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        return b;
      }
    }
    return this.u32Slow();
  }

  private u32Slow(): number {
    const bytes = this.bytes;
    const end = this.end;
    let p = this.pos;
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (p >= end) this.eof(p);
      const b = bytes[p++]!;
      if (shift === 28) {
        // 5th byte: 4 value bits; the 3 unused bits must be zero and there is no 6th byte.
        if ((b & 0x70) !== 0) this.fail('integer too large', p - 1);
        if ((b & 0x80) !== 0) this.fail('integer representation too long', p);
        this.pos = p;
        return (result | (b << 28)) >>> 0;
      }
      result |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = p;
        return result;
      }
    }
  }

  /** Signed LEB128, at most 5 bytes, value in [-2^31, 2^31). */
  s32(): number {
    const p = this.pos;
    if (p < this.end) {
      const b = this.bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        return b < 0x40 ? b : b - 0x80;
      }
    }
    return this.s32Slow();
  }

  private s32Slow(): number {
    const bytes = this.bytes;
    const end = this.end;
    let p = this.pos;
    let result = 0;
    for (let shift = 0; ; ) {
      if (p >= end) this.eof(p);
      const b = bytes[p++]!;
      if (shift === 28) {
        // 5th byte: 4 value bits; the 3 unused bits must all equal the sign bit (bit 3).
        const unused = b & 0x78;
        if (unused !== 0 && unused !== 0x78) this.fail('integer too large', p - 1);
        if ((b & 0x80) !== 0) this.fail('integer representation too long', p);
        this.pos = p;
        return result | (b << 28);
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) {
        this.pos = p;
        return (b & 0x40) !== 0 ? result | (-1 << shift) : result;
      }
    }
  }

  /** Signed 33-bit LEB128 (block types), at most 5 bytes, value in [-2^32, 2^32). */
  s33(): number {
    const p = this.pos;
    if (p < this.end) {
      const b = this.bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        return b < 0x40 ? b : b - 0x80;
      }
    }
    return this.s33Slow();
  }

  private s33Slow(): number {
    const bytes = this.bytes;
    const end = this.end;
    let p = this.pos;
    let result = 0; // the low 28 bits, never negative
    for (let shift = 0; ; ) {
      if (p >= end) this.eof(p);
      const b = bytes[p++]!;
      if (shift === 28) {
        // 5th byte: 5 value bits; the 2 unused bits must equal the sign bit (bit 4).
        const unused = b & 0x70;
        if (unused !== 0 && unused !== 0x70) this.fail('integer too large', p - 1);
        if ((b & 0x80) !== 0) this.fail('integer representation too long', p);
        this.pos = p;
        const hi = (b & 0x10) !== 0 ? (b & 0x1f) - 0x20 : b & 0x1f;
        return hi * TWO_POW_28 + result;
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) {
        this.pos = p;
        return (b & 0x40) !== 0 ? result - 2 ** shift : result;
      }
    }
  }

  /** Signed LEB128, at most 10 bytes, value in [-2^63, 2^63). */
  s64(): bigint {
    const p = this.pos;
    if (p < this.end) {
      const b = this.bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        return BigInt(b < 0x40 ? b : b - 0x80);
      }
    }
    return this.s64Slow();
  }

  private s64Slow(): bigint {
    const bytes = this.bytes;
    const end = this.end;
    let p = this.pos;
    // The first 7 bytes (49 bits) accumulate exactly in a double; only longer encodings use bigint.
    let low = 0;
    let shift = 0;
    for (; shift < 49; ) {
      if (p >= end) this.eof(p);
      const b = bytes[p++]!;
      low += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) {
        this.pos = p;
        return BigInt((b & 0x40) !== 0 ? low - 2 ** shift : low);
      }
    }
    let big = BigInt(low);
    for (;;) {
      if (p >= end) this.eof(p);
      const b = bytes[p++]!;
      if (shift === 63) {
        // 10th byte: 1 value bit; the 6 unused bits must equal it (sign extension).
        const unused = b & 0x7f;
        if (unused !== 0 && unused !== 0x7f) this.fail('integer too large', p - 1);
        if ((b & 0x80) !== 0) this.fail('integer representation too long', p);
        this.pos = p;
        return BigInt.asIntN(64, big | (BigInt(b & 1) << 63n));
      }
      big |= BigInt(b & 0x7f) << BigInt(shift);
      shift += 7;
      if (b < 0x80) {
        this.pos = p;
        return (b & 0x40) !== 0 ? big - (1n << BigInt(shift)) : big;
      }
    }
  }

  /** Unsigned LEB128, at most 10 bytes (memory64 limits and memarg offsets); rare, so plain bigint. */
  u64(): bigint {
    const bytes = this.bytes;
    let p = this.pos;
    let big = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (p >= this.end) this.eof(p);
      const b = bytes[p++]!;
      if (shift === 63n) {
        // 10th byte: 1 value bit; the 6 unused bits must be zero and there is no 11th byte.
        if ((b & 0x7e) !== 0) this.fail('integer too large', p - 1);
        if ((b & 0x80) !== 0) this.fail('integer representation too long', p);
        this.pos = p;
        return big | (BigInt(b & 1) << 63n);
      }
      big |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = p;
        return big;
      }
    }
  }

  /** A little-endian u32 (fixed width, not LEB128). */
  u32le(): number {
    const p = this.pos;
    if (p + 4 > this.end) this.eof(this.end);
    const b = this.bytes;
    this.pos = p + 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** f32 immediate: its raw IEEE-754 bits as an unsigned 32-bit number. */
  f32bits(): number {
    return this.u32le();
  }

  /** f64 immediate: its raw IEEE-754 bits as an unsigned 64-bit bigint. */
  f64bits(): bigint {
    const lo = this.u32le();
    const hi = this.u32le();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** Skip `n` bytes. */
  skip(n: number): void {
    if (n > this.end - this.pos) this.eof(this.end);
    this.pos += n;
  }

  /** The next `n` bytes as a view into the module (no copy). */
  take(n: number): Uint8Array {
    const p = this.pos;
    if (n > this.end - p) this.eof(this.end);
    this.pos = p + n;
    return this.bytes.subarray(p, p + n);
  }

  /** A length-prefixed byte vector, as a view into the module (no copy). */
  byteVec(): Uint8Array {
    const start = this.pos;
    const n = this.u32();
    if (n > this.end - this.pos) {
      this.fail(`unexpected end of section or function: ${n} bytes declared but only ${this.end - this.pos} remain`, start);
    }
    return this.take(n);
  }

  /**
   * A vector length. Each element takes at least `minSize` bytes, so a count that cannot fit in
   * the bytes left fails here, before any loop or allocation (huge counts fail fast).
   */
  count(what: string, minSize = 1): number {
    const start = this.pos;
    const n = this.u32();
    const left = this.end - this.pos;
    if (n * minSize > left) {
      this.fail(`length out of bounds: ${n} ${what} declared but only ${left} bytes remain`, start);
    }
    return n;
  }

  /** A name: a length-prefixed UTF-8 string, strictly validated. */
  name(): string {
    const start = this.pos;
    const n = this.u32();
    const p = this.pos;
    if (n > this.end - p) {
      this.fail(`length out of bounds: name of ${n} bytes but only ${this.end - p} remain`, start);
    }
    const e = p + n;
    const b = this.bytes;
    this.pos = e;
    if (n <= 64) {
      // Short ASCII names (nearly all of them) skip the TextDecoder call.
      let s = '';
      let i = p;
      for (; i < e; i++) {
        const c = b[i]!;
        if (c >= 0x80) break;
        s += String.fromCharCode(c);
      }
      if (i === e) return s;
    }
    try {
      return decodeUtf8(b, p, e);
    } catch {
      return this.fail('malformed UTF-8 encoding', p);
    }
  }
}
