/*
 * qsort: a hand-written quicksort (median-of-three, Hoare partition, insertion sort for
 * short ranges, recursion on the smaller side) plus memcpy-like word loops over two large
 * static u32 arrays (256 KiB each). Mostly i32 loads/stores, compares and branches.
 * run(n) does n rounds: fill from an LCG, copy, sort, check order, reverse-copy and mix,
 * returning a 64-bit checksum.
 */
#include "bench.h"

#define N 65536

static u32 a[N], b[N];

static void insertion_sort(u32 *v, i32 lo, i32 hi) {
  for (i32 i = lo + 1; i <= hi; i++) {
    u32 x = v[i];
    i32 j = i - 1;
    while (j >= lo && v[j] > x) {
      v[j + 1] = v[j];
      j--;
    }
    v[j + 1] = x;
  }
}

static inline void swap(u32 *v, i32 i, i32 j) {
  u32 t = v[i];
  v[i] = v[j];
  v[j] = t;
}

static void quicksort(u32 *v, i32 lo, i32 hi) {
  while (hi - lo > 16) {
    i32 mid = lo + ((hi - lo) >> 1);
    if (v[mid] < v[lo]) swap(v, mid, lo);
    if (v[hi] < v[lo]) swap(v, hi, lo);
    if (v[hi] < v[mid]) swap(v, hi, mid);
    u32 pivot = v[mid];
    i32 i = lo - 1, j = hi + 1;
    for (;;) {
      do i++; while (v[i] < pivot);
      do j--; while (v[j] > pivot);
      if (i >= j) break;
      swap(v, i, j);
    }
    if (j - lo < hi - j) {
      quicksort(v, lo, j);
      lo = j + 1;
    } else {
      quicksort(v, j + 1, hi);
      hi = j;
    }
  }
  insertion_sort(v, lo, hi);
}

/* Word copy with a running xor so clang keeps it a loop instead of a memcpy call. */
static u32 copy_words(u32 *dst, const u32 *src, u32 count, u32 key) {
  u32 x = 0;
  for (u32 i = 0; i < count; i++) {
    u32 w = src[i];
    dst[i] = w ^ key;
    x ^= w;
  }
  return x;
}

static u32 reverse_copy(u32 *dst, const u32 *src, u32 count) {
  u32 sum = 0;
  for (u32 i = 0; i < count; i++) {
    u32 w = src[count - 1 - i];
    dst[i] = w;
    sum = sum * 33 + w;
  }
  return sum;
}

EXPORT(run) i64 run(i32 n) {
  u32 seed = 0xC0FFEE;
  u64 acc = 0;
  for (i32 r = 0; r < n; r++) {
    for (u32 i = 0; i < N; i++) a[i] = lcg_next(&seed);
    u32 x = copy_words(b, a, N, 0);
    quicksort(b, 0, N - 1);
    u32 inversions = 0;
    for (u32 i = 1; i < N; i++) inversions += b[i - 1] > b[i];
    u32 s = reverse_copy(a, b, N);
    x ^= copy_words(b, a, N, (u32)r * 0x9E3779B9u);
    acc = acc * 0x100000001B3ull + ((u64)s << 32) + (x ^ b[(u32)r % N]) + inversions * 0x1000000u;
  }
  return (i64)acc;
}
