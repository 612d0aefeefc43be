/*
 * Shared definitions for the freestanding benchmark workloads.
 *
 * Every workload is one C file compiled with clang straight to wasm32 with no libc and no
 * WASI: it imports nothing and exports `run(n)`, which does work proportional to `n` and
 * returns a checksum that every engine must reproduce exactly. Memory comes from static
 * arrays only. clang may still emit calls to memcpy/memset for struct copies or loops it
 * recognises, so tiny definitions of both live here (each workload is a single
 * translation unit, so defining them in a header is fine).
 */
#ifndef BENCH_H
#define BENCH_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char i8;
typedef short i16;
typedef int i32;
typedef long long i64;
typedef __SIZE_TYPE__ size_t;

#define EXPORT(name) __attribute__((export_name(#name)))
#define NOINLINE __attribute__((noinline))

void *memcpy(void *dst, const void *src, size_t n) {
  u8 *d = dst;
  const u8 *s = src;
  while (n--) *d++ = *s++;
  return dst;
}

void *memset(void *dst, int c, size_t n) {
  u8 *d = dst;
  while (n--) *d++ = (u8)c;
  return dst;
}

/* Numerical Recipes LCG: cheap, deterministic input data. */
static inline u32 lcg_next(u32 *state) {
  *state = *state * 1664525u + 1013904223u;
  return *state;
}

static inline u64 f64_bits(double x) {
  union { double d; u64 u; } v = { x };
  return v.u;
}

#endif
