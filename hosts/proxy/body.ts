/**
 * A body buffer: the bytes of a request or response body that one filter holds (buffered while it
 * pauses, or the chunk it is being shown). Kept as a list of chunks so streaming data is never
 * copied until a filter reads it; copies go straight into guest memory. Edits follow Envoy's
 * proxy_set_buffer_bytes: replace a prefix (start 0) or append (start ≥ length).
 */
export class BodyBuffer {
  chunks: Buffer[] = [];
  length = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** Copy `len` bytes from offset `start` into `dst` at `at` (caller checked the ranges). */
  copyTo(dst: Uint8Array, at: number, start: number, len: number): void {
    let skip = start;
    for (const c of this.chunks) {
      if (len <= 0) break;
      if (skip >= c.length) {
        skip -= c.length;
        continue;
      }
      const n = Math.min(c.length - skip, len);
      dst.set(skip === 0 && n === c.length ? c : c.subarray(skip, skip + n), at);
      at += n;
      len -= n;
      skip = 0;
    }
  }

  /** Drop the first `drain` bytes (all when larger) and put `data` in front. */
  replacePrefix(drain: number, data: Buffer): void {
    let left = Math.min(drain, this.length);
    this.length -= left;
    while (left > 0) {
      const c = this.chunks[0]!;
      if (c.length <= left) {
        this.chunks.shift();
        left -= c.length;
      } else {
        this.chunks[0] = c.subarray(left);
        left = 0;
      }
    }
    if (data.length > 0) {
      this.chunks.unshift(data);
      this.length += data.length;
    }
  }

  /** All bytes as one Buffer, emptying this buffer. */
  take(): Buffer {
    const out = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.length);
    // the array is kept (nothing else holds it): passing a chunk through allocates nothing
    this.chunks.length = 0;
    this.length = 0;
    return out;
  }

  /** All bytes as one Buffer, leaving the content in place. */
  peek(): Buffer {
    if (this.chunks.length === 1) return this.chunks[0]!;
    const all = Buffer.concat(this.chunks, this.length);
    this.chunks = this.length ? [all] : [];
    return all;
  }

  clear(): void {
    this.chunks = [];
    this.length = 0;
  }
}
