// Thin wrappers over the hostcalls: strings in and out as UTF-8, data the host returns taken over
// as ArrayBuffers (the host allocates them through our malloc, pinned until taken here).
import * as abi from "./imports";
import { BufferType, Header, LogLevel, MapType, MetricType, Status, StreamType } from "./types";

// out-parameters the host writes (static memory: no allocation per call)
const RET_PTR: usize = memory.data(4, 4);
const RET_SIZE: usize = memory.data(4, 4);
const RET_U32: usize = memory.data(4, 4);
const RET_U64: usize = memory.data(8, 8);

/** Take the buffer the host returned at RET_PTR/RET_SIZE (null when it returned none). */
function takeBuffer(): ArrayBuffer | null {
  const p = load<u32>(RET_PTR);
  const n = load<u32>(RET_SIZE);
  if (p == 0) return n == 0 ? new ArrayBuffer(0) : null;
  const buf = changetype<ArrayBuffer>(<usize>p);
  __unpin(<usize>p);
  return buf;
}

function clearRet(): void {
  store<u32>(RET_PTR, 0);
  store<u32>(RET_SIZE, 0);
}

// ---- scratch returns -------------------------------------------------------------------------
// The host writes returned data into memory it asks our malloc for. A small value that is only
// looked at (a header to compare, a shared-data counter) can land in a static scratch area
// instead: no allocation, and nothing for the collector to sweep later. The peek* calls arm the
// scratch area for one hostcall; what they return stays readable at peekedPtr() until the next
// peek (a value too large for the scratch area gets an ArrayBuffer, released to the collector,
// which runs only between streams).

const SCRATCH_SIZE: usize = 256;
const SCRATCH: usize = memory.data(<i32>SCRATCH_SIZE, 16);
let scratchArmed = false;
let peeked: usize = 0;
let peekedCasValue: u32 = 0;

/** Memory for data the host returns (the module's malloc export). */
export function hostAlloc(size: usize): usize {
  if (scratchArmed) {
    scratchArmed = false;
    if (size <= SCRATCH_SIZE) return SCRATCH;
  }
  return __pin(changetype<usize>(new ArrayBuffer(<i32>size)));
}

/** After a peek: its length, or -1 when the hostcall failed (not found…). */
function endPeek(st: u32): i32 {
  scratchArmed = false;
  if (st != Status.Ok) {
    peeked = 0;
    return -1;
  }
  const p = <usize>load<u32>(RET_PTR);
  if (p != 0 && p != SCRATCH) __unpin(p);
  peeked = p;
  return <i32>load<u32>(RET_SIZE);
}

/** Where the bytes of the last successful peek are. */
export function peekedPtr(): usize {
  return peeked;
}

/** Whether the last peek returned exactly the bytes of `b` (`n`: what the peek returned). */
export function peekedEquals(n: i32, b: ArrayBuffer): bool {
  return n == b.byteLength && memory.compare(peeked, changetype<usize>(b), <usize>n) == 0;
}

/** A header value, without allocating: its length (-1 if absent), bytes at peekedPtr(). */
export function peekMapValue(type: MapType, name: ArrayBuffer): i32 {
  clearRet();
  scratchArmed = true;
  return endPeek(abi.proxy_get_header_map_value(<u32>type, changetype<usize>(name), name.byteLength, RET_PTR, RET_SIZE));
}

/** A shared-data value, without allocating: its length (-1 if absent), bytes at peekedPtr(), CAS at peekedCas(). */
export function peekSharedData(key: ArrayBuffer): i32 {
  clearRet();
  store<u32>(RET_U32, 0);
  scratchArmed = true;
  const n = endPeek(abi.proxy_get_shared_data(changetype<usize>(key), key.byteLength, RET_PTR, RET_SIZE, RET_U32));
  peekedCasValue = n < 0 ? 0 : load<u32>(RET_U32);
  return n;
}

/** The CAS value of the last peekSharedData. */
export function peekedCas(): u32 {
  return peekedCasValue;
}

function utf8(s: string): ArrayBuffer {
  return String.UTF8.encode(s);
}

// ---- logging and time --------------------------------------------------------------------

export function log(level: LogLevel, message: string): void {
  const b = utf8(message);
  abi.proxy_log(<u32>level, changetype<usize>(b), b.byteLength);
}
export function logTrace(m: string): void { log(LogLevel.Trace, m); }
export function logDebug(m: string): void { log(LogLevel.Debug, m); }
export function logInfo(m: string): void { log(LogLevel.Info, m); }
export function logWarn(m: string): void { log(LogLevel.Warn, m); }
export function logError(m: string): void { log(LogLevel.Error, m); }

export function getLogLevel(): LogLevel {
  abi.proxy_get_log_level(RET_U32);
  return <LogLevel>load<u32>(RET_U32);
}

/** Wall-clock time in nanoseconds since the epoch. */
export function getCurrentTimeNanos(): u64 {
  abi.proxy_get_current_time_nanoseconds(RET_U64);
  return load<u64>(RET_U64);
}

export function setTickPeriodMilliseconds(ms: u32): Status {
  return <Status>abi.proxy_set_tick_period_milliseconds(ms);
}

// ---- buffers -------------------------------------------------------------------------------

export function getBufferBytes(type: BufferType, start: u32, maxSize: u32): ArrayBuffer | null {
  clearRet();
  const st = abi.proxy_get_buffer_bytes(<u32>type, start, maxSize, RET_PTR, RET_SIZE);
  if (st != Status.Ok) return null;
  return takeBuffer();
}

export function setBufferBytes(type: BufferType, start: u32, size: u32, value: ArrayBuffer): Status {
  return <Status>abi.proxy_set_buffer_bytes(<u32>type, start, size, changetype<usize>(value), value.byteLength);
}

// ---- header maps ---------------------------------------------------------------------------------

export function serializeHeaders(headers: Header[]): ArrayBuffer {
  const keys = new Array<ArrayBuffer>(headers.length);
  const values = new Array<ArrayBuffer>(headers.length);
  let size = 4 + headers.length * 8;
  for (let i = 0; i < headers.length; i++) {
    keys[i] = utf8(headers[i].name);
    values[i] = utf8(headers[i].value);
    size += keys[i].byteLength + values[i].byteLength + 2;
  }
  const out = new ArrayBuffer(size);
  const base = changetype<usize>(out);
  store<u32>(base, headers.length);
  let h = base + 4;
  let d = base + 4 + headers.length * 8;
  for (let i = 0; i < headers.length; i++) {
    const k = keys[i];
    const v = values[i];
    store<u32>(h, k.byteLength);
    store<u32>(h + 4, v.byteLength);
    h += 8;
    memory.copy(d, changetype<usize>(k), k.byteLength);
    d += k.byteLength + 1;
    memory.copy(d, changetype<usize>(v), v.byteLength);
    d += v.byteLength + 1;
  }
  return out;
}

export function deserializeHeaders(buf: ArrayBuffer | null): Header[] {
  const out = new Array<Header>();
  if (buf == null || buf.byteLength < 4) return out;
  const base = changetype<usize>(buf);
  const n = load<u32>(base);
  let h = base + 4;
  let d = base + 4 + n * 8;
  for (let i: u32 = 0; i < n; i++) {
    const kl = load<u32>(h);
    const vl = load<u32>(h + 4);
    h += 8;
    const k = String.UTF8.decodeUnsafe(d, kl);
    d += kl + 1;
    const v = String.UTF8.decodeUnsafe(d, vl);
    d += vl + 1;
    out.push(new Header(k, v));
  }
  return out;
}

export function getMapPairs(type: MapType): Header[] {
  clearRet();
  if (abi.proxy_get_header_map_pairs(<u32>type, RET_PTR, RET_SIZE) != Status.Ok) return new Array<Header>();
  return deserializeHeaders(takeBuffer());
}

export function setMapPairs(type: MapType, headers: Header[]): Status {
  const b = serializeHeaders(headers);
  return <Status>abi.proxy_set_header_map_pairs(<u32>type, changetype<usize>(b), b.byteLength);
}

export function getMapValue(type: MapType, name: string): string | null {
  const k = utf8(name);
  clearRet();
  if (abi.proxy_get_header_map_value(<u32>type, changetype<usize>(k), k.byteLength, RET_PTR, RET_SIZE) != Status.Ok) return null;
  const b = takeBuffer();
  return b == null ? "" : String.UTF8.decode(b);
}

export function setMapValue(type: MapType, name: string, value: string | null): Status {
  const k = utf8(name);
  if (value == null) return <Status>abi.proxy_remove_header_map_value(<u32>type, changetype<usize>(k), k.byteLength);
  const v = utf8(value);
  return <Status>abi.proxy_replace_header_map_value(<u32>type, changetype<usize>(k), k.byteLength, changetype<usize>(v), v.byteLength);
}

// byte-level variants: names and values encoded once (e.g. at configure time) cost no
// allocation per request
export function getMapValueBytes(type: MapType, name: ArrayBuffer): ArrayBuffer | null {
  clearRet();
  if (abi.proxy_get_header_map_value(<u32>type, changetype<usize>(name), name.byteLength, RET_PTR, RET_SIZE) != Status.Ok) return null;
  return takeBuffer();
}

export function setMapValueBytes(type: MapType, name: ArrayBuffer, value: ArrayBuffer | null): Status {
  if (value == null) return <Status>abi.proxy_remove_header_map_value(<u32>type, changetype<usize>(name), name.byteLength);
  return <Status>abi.proxy_replace_header_map_value(<u32>type, changetype<usize>(name), name.byteLength, changetype<usize>(value), value.byteLength);
}

export function addMapValueBytes(type: MapType, name: ArrayBuffer, value: ArrayBuffer): Status {
  return <Status>abi.proxy_add_header_map_value(<u32>type, changetype<usize>(name), name.byteLength, changetype<usize>(value), value.byteLength);
}

/** Whether two byte strings are equal. */
export function bytesEqual(a: ArrayBuffer, b: ArrayBuffer): bool {
  return a.byteLength == b.byteLength && memory.compare(changetype<usize>(a), changetype<usize>(b), a.byteLength) == 0;
}

export function addMapValue(type: MapType, name: string, value: string): Status {
  const k = utf8(name);
  const v = utf8(value);
  return <Status>abi.proxy_add_header_map_value(<u32>type, changetype<usize>(k), k.byteLength, changetype<usize>(v), v.byteLength);
}

// ---- properties --------------------------------------------------------------------------------------

/** A property by path segments (["request", "path"]), or null. */
export function getProperty(path: string[]): ArrayBuffer | null {
  const p = utf8(path.join("\0"));
  clearRet();
  if (abi.proxy_get_property(changetype<usize>(p), p.byteLength, RET_PTR, RET_SIZE) != Status.Ok) return null;
  return takeBuffer();
}

export function getPropertyString(path: string[]): string | null {
  const b = getProperty(path);
  return b == null ? null : String.UTF8.decode(b);
}

// ---- stream control --------------------------------------------------------------------------------------

export function continueStream(type: StreamType): Status {
  return <Status>abi.proxy_continue_stream(<u32>type);
}

export function closeStream(type: StreamType): Status {
  return <Status>abi.proxy_close_stream(<u32>type);
}

export function sendLocalResponse(status: u32, details: string, body: ArrayBuffer | null, headers: Header[]): Status {
  const d = utf8(details);
  const h = serializeHeaders(headers);
  const b = body == null ? new ArrayBuffer(0) : body;
  return <Status>abi.proxy_send_local_response(status, changetype<usize>(d), d.byteLength, changetype<usize>(b), b.byteLength, changetype<usize>(h), h.byteLength, -1);
}

/** Start an http call; returns the token, or 0 when the host refused (unknown cluster…). */
export function httpCall(upstream: string, headers: Header[], body: ArrayBuffer | null, trailers: Header[], timeoutMs: u32): u32 {
  const u = utf8(upstream);
  const h = serializeHeaders(headers);
  const t = serializeHeaders(trailers);
  const b = body == null ? new ArrayBuffer(0) : body;
  store<u32>(RET_U32, 0);
  const st = abi.proxy_http_call(changetype<usize>(u), u.byteLength, changetype<usize>(h), h.byteLength, changetype<usize>(b), b.byteLength, changetype<usize>(t), t.byteLength, timeoutMs, RET_U32);
  return st == Status.Ok ? load<u32>(RET_U32) : 0;
}

// ---- shared data and queues ----------------------------------------------------------------------------------

export class SharedData {
  constructor(public value: ArrayBuffer | null, public cas: u32) {}
}

export function getSharedData(key: string): SharedData {
  return getSharedDataBytes(utf8(key));
}

export function getSharedDataBytes(k: ArrayBuffer): SharedData {
  clearRet();
  store<u32>(RET_U32, 0);
  const st = abi.proxy_get_shared_data(changetype<usize>(k), k.byteLength, RET_PTR, RET_SIZE, RET_U32);
  if (st != Status.Ok) return new SharedData(null, 0);
  return new SharedData(takeBuffer(), load<u32>(RET_U32));
}

export function setSharedData(key: string, value: ArrayBuffer, cas: u32): Status {
  return setSharedDataBytes(utf8(key), value, cas);
}

export function setSharedDataBytes(k: ArrayBuffer, value: ArrayBuffer, cas: u32): Status {
  return <Status>abi.proxy_set_shared_data(changetype<usize>(k), k.byteLength, changetype<usize>(value), value.byteLength, cas);
}

export function registerSharedQueue(name: string): u32 {
  const n = utf8(name);
  abi.proxy_register_shared_queue(changetype<usize>(n), n.byteLength, RET_U32);
  return load<u32>(RET_U32);
}

export function enqueueSharedQueue(queue: u32, data: ArrayBuffer): Status {
  return <Status>abi.proxy_enqueue_shared_queue(queue, changetype<usize>(data), data.byteLength);
}

export function dequeueSharedQueue(queue: u32): ArrayBuffer | null {
  clearRet();
  if (abi.proxy_dequeue_shared_queue(queue, RET_PTR, RET_SIZE) != Status.Ok) return null;
  return takeBuffer();
}

// ---- metrics ------------------------------------------------------------------------------------------------

export function defineMetric(type: MetricType, name: string): u32 {
  const n = utf8(name);
  store<u32>(RET_U32, 0);
  abi.proxy_define_metric(<u32>type, changetype<usize>(n), n.byteLength, RET_U32);
  return load<u32>(RET_U32);
}
export function incrementMetric(id: u32, offset: i64): Status {
  return <Status>abi.proxy_increment_metric(id, offset);
}
export function recordMetric(id: u32, value: u64): Status {
  return <Status>abi.proxy_record_metric(id, value);
}
export function getMetric(id: u32): u64 {
  store<u64>(RET_U64, 0);
  abi.proxy_get_metric(id, RET_U64);
  return load<u64>(RET_U64);
}

export function setEffectiveContext(contextId: u32): Status {
  return <Status>abi.proxy_set_effective_context(contextId);
}
