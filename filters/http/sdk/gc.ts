// When the minimal runtime collects. It only collects when asked, and a collection marks every
// live object (~68,000 instructions for the example filters), while a filter on its fast path
// (pooled contexts, peeked values) allocates nothing per stream: such a collection frees nothing.
// The allocator's state tells: TLSF keeps its free lists' heads and bitmaps in one root record,
// and every allocation takes a free list's head (or grows memory, which moves the root's tail),
// while blocks are only freed by a collection. So when the root record is byte for byte what the
// last collection left, nothing was allocated since and there is nothing new to free (an object
// dropped meanwhile waits for the next collection; memory cannot grow before it).
import { ROOT } from "~lib/rt/tlsf";

// TLSF's root record on wasm32 (~lib/rt/tlsf.ts ROOT_SIZE): flMap, 23 second-level maps, 23 × 16
// list heads, the tail
const ROOT_BYTES: i32 = 4 + 23 * 4 + 23 * 16 * 4 + 4;
const SNAPSHOT: usize = memory.data(ROOT_BYTES + 4, 8);

/** Collect now, and remember the allocator state it leaves. */
export function collect(): void {
  __collect();
  const r = changetype<usize>(ROOT);
  if (r != 0) memory.copy(SNAPSHOT, r, <usize>ROOT_BYTES);
}

/** Whether anything was allocated since the last collect(). */
export function allocatedSinceCollect(): bool {
  const r = changetype<usize>(ROOT);
  if (r == 0) return false;
  const end = r + <usize>(ROOT_BYTES & ~7);
  let p = r;
  let q = SNAPSHOT;
  for (; p < end; p += 8, q += 8) if (load<u64>(p) != load<u64>(q)) return true;
  return load<u32>(p) != load<u32>(q);
}

/** Collect unless nothing was allocated since the last collection. */
export function collectIfAllocated(): void {
  if (allocatedSinceCollect()) collect();
}
