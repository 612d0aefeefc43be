/**
 * Header maps as the proxy host keeps them: ordered (key, value) pairs with lower-case keys, both
 * held as latin1 strings so every byte a client or a filter sent survives unchanged (Node's HTTP
 * parser decodes header bytes as latin1 and writes them back the same way). Pseudo-headers
 * (`:method`, `:path`, `:authority`, `:scheme`, `:status`) live in the same map, first, as in Envoy.
 *
 * Also the proxy-wasm wire encoding of a map: u32 count, count × (u32 key length, u32 value length),
 * then each key and value followed by a NUL, little-endian. Decoding guest-provided maps is capped
 * (1 MiB, 1024 pairs, as proxy-wasm-cpp-host does).
 */

export const MAX_MAP_BYTES = 1 << 20;
export const MAX_MAP_PAIRS = 1024;

export class HeaderMap {
  /** keys (lower case) and values, index-aligned */
  keys: string[];
  values: string[];

  constructor(keys: string[] = [], values: string[] = []) {
    this.keys = keys;
    this.values = values;
  }

  /** Build from [key, value] pairs or a record; keys are lower-cased. */
  static from(init: Iterable<readonly [string, string]> | Record<string, string | readonly string[]> | HeaderMap | undefined): HeaderMap {
    const m = new HeaderMap();
    if (init === undefined) return m;
    if (init instanceof HeaderMap) return init.clone();
    if (Symbol.iterator in init) {
      for (const [k, v] of init as Iterable<readonly [string, string]>) m.add(k, v);
      return m;
    }
    for (const [k, v] of Object.entries(init)) {
      if (typeof v === 'string') m.add(k, v);
      else for (const x of v) m.add(k, x);
    }
    return m;
  }

  get size(): number {
    return this.keys.length;
  }

  clone(): HeaderMap {
    return new HeaderMap(this.keys.slice(), this.values.slice());
  }

  /** the first value of `key` (lower case), or undefined */
  get(key: string): string | undefined {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.values[i];
  }

  /** every value of `key`, in order */
  getAll(key: string): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] === key) out.push(this.values[i]!);
    return out;
  }

  has(key: string): boolean {
    return this.keys.indexOf(key) >= 0;
  }

  add(key: string, value: string): void {
    this.keys.push(key.toLowerCase());
    this.values.push(value);
  }

  /** Replace the first value of `key` in place and drop the others; append when absent. */
  set(key: string, value: string): void {
    key = key.toLowerCase();
    const i = this.keys.indexOf(key);
    if (i < 0) {
      this.keys.push(key);
      this.values.push(value);
      return;
    }
    this.values[i] = value;
    for (let j = this.keys.length - 1; j > i; j--) {
      if (this.keys[j] === key) {
        this.keys.splice(j, 1);
        this.values.splice(j, 1);
      }
    }
  }

  /** Remove every value of `key`; returns whether any was present. */
  remove(key: string): boolean {
    key = key.toLowerCase();
    let found = false;
    for (let j = this.keys.length - 1; j >= 0; j--) {
      if (this.keys[j] === key) {
        this.keys.splice(j, 1);
        this.values.splice(j, 1);
        found = true;
      }
    }
    return found;
  }

  /** Replace the whole content. */
  replaceAll(other: HeaderMap): void {
    this.keys = other.keys;
    this.values = other.values;
  }

  /** Sum of key and value lengths in bytes (what Envoy's proxy_get_header_map_size reports). */
  byteSize(): number {
    let n = 0;
    for (let i = 0; i < this.keys.length; i++) n += this.keys[i]!.length + this.values[i]!.length;
    return n;
  }

  /** Size of the proxy-wasm encoding. */
  encodedSize(): number {
    return 4 + this.keys.length * 10 + this.byteSize();
  }

  /** Write the proxy-wasm encoding into `u8` at `p` (caller checked the bounds). */
  encodeInto(u8: Uint8Array, p: number): void {
    const n = this.keys.length;
    writeU32(u8, p, n);
    let h = p + 4;
    let d = p + 4 + n * 8;
    for (let i = 0; i < n; i++) {
      const k = this.keys[i]!;
      const v = this.values[i]!;
      writeU32(u8, h, k.length);
      writeU32(u8, h + 4, v.length);
      h += 8;
      d = writeLatin1(u8, d, k);
      u8[d++] = 0;
      d = writeLatin1(u8, d, v);
      u8[d++] = 0;
    }
  }

  encode(): Uint8Array {
    const u8 = new Uint8Array(this.encodedSize());
    this.encodeInto(u8, 0);
    return u8;
  }

  /** Pairs as [key, value] arrays (for tests and logs). */
  pairs(): [string, string][] {
    return this.keys.map((k, i) => [k, this.values[i]!]);
  }

  /** A record of first values (for tests). */
  toObject(): Record<string, string> {
    const o: Record<string, string> = {};
    for (let i = 0; i < this.keys.length; i++) if (!(this.keys[i]! in o)) o[this.keys[i]!] = this.values[i]!;
    return o;
  }
}

/**
 * Decode a proxy-wasm map from `u8[p, p + len)`. Returns undefined for a malformed encoding or one
 * over the caps. Keys are lower-cased (HTTP header names are case-insensitive).
 */
export function decodeMap(u8: Uint8Array, p: number, len: number): HeaderMap | undefined {
  if (len === 0) return new HeaderMap();
  if (len < 4 || len > MAX_MAP_BYTES) return undefined;
  const end = p + len;
  const n = readU32(u8, p);
  if (n > MAX_MAP_PAIRS || 4 + n * 8 > len) return undefined;
  const keys: string[] = new Array(n);
  const values: string[] = new Array(n);
  let h = p + 4;
  let d = p + 4 + n * 8;
  for (let i = 0; i < n; i++) {
    const kl = readU32(u8, h);
    const vl = readU32(u8, h + 4);
    h += 8;
    if (d + kl + 1 + vl + 1 > end) return undefined;
    keys[i] = readLatin1(u8, d, kl).toLowerCase();
    d += kl + 1;
    values[i] = readLatin1(u8, d, vl);
    d += vl + 1;
  }
  return new HeaderMap(keys, values);
}

export function readU32(u8: Uint8Array, p: number): number {
  return (u8[p]! | (u8[p + 1]! << 8) | (u8[p + 2]! << 16) | (u8[p + 3]! << 24)) >>> 0;
}

export function writeU32(u8: Uint8Array, p: number, v: number): void {
  u8[p] = v & 0xff;
  u8[p + 1] = (v >>> 8) & 0xff;
  u8[p + 2] = (v >>> 16) & 0xff;
  u8[p + 3] = (v >>> 24) & 0xff;
}

/** Write a latin1 string byte by byte (no allocation); returns the end offset. */
export function writeLatin1(u8: Uint8Array, p: number, s: string): number {
  for (let i = 0; i < s.length; i++) u8[p + i] = s.charCodeAt(i);
  return p + s.length;
}

/** Read `len` bytes at `p` as a latin1 string. */
export function readLatin1(u8: Uint8Array, p: number, len: number): string {
  if (len <= 32) {
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode(u8[p + i]!);
    return s;
  }
  // Buffer's latin1 is true ISO-8859-1 (TextDecoder's "latin1" is windows-1252)
  return Buffer.from(u8.buffer, u8.byteOffset + p, len).toString('latin1');
}

/** Hop-by-hop headers, never forwarded (RFC 9110 §7.6.1). */
export const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'expect', 'http2-settings']);

/** Header map → the flat [name, value, …] array node:http accepts, without pseudo/hop-by-hop headers. */
export function toRawHeaders(h: HeaderMap, skipContentLength = false): string[] {
  const out: string[] = [];
  const keys = h.keys;
  const values = h.values;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k.charCodeAt(0) === 58 /* : */ || HOP_BY_HOP.has(k) || k === 'host') continue;
    if (skipContentLength && k === 'content-length') continue;
    out.push(k, values[i]!);
  }
  return out;
}

/** node:http raw headers → header map (lower-case names, hop-by-hop headers dropped). */
export function fromRawHeaders(m: HeaderMap, raw: readonly string[]): HeaderMap {
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i]!.toLowerCase();
    if (HOP_BY_HOP.has(k)) continue;
    m.keys.push(k);
    m.values.push(raw[i + 1]!);
  }
  return m;
}
