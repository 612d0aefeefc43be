/*
 * i64hash: 64-bit integer arithmetic. splitmix64 and xorshift64* generators feed a
 * murmur-style mixing loop (multiplies, rotates, shifts, unsigned division, clz/popcnt)
 * and a 256-entry u64 table in memory. Engines that model i64 as heap BigInts pay
 * heavily here. run(n) does n mixing rounds and returns the final 64-bit hash.
 */
#include "bench.h"

static u64 table[256];

static inline u64 rotl(u64 x, u32 r) { return (x << r) | (x >> (64 - r)); }

static inline u64 splitmix64(u64 *s) {
  u64 z = (*s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static inline u64 xorshift64star(u64 *s) {
  u64 x = *s;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *s = x;
  return x * 0x2545F4914F6CDD1Dull;
}

static inline u64 mix(u64 h, u64 k) {
  k *= 0x87C37B91114253D5ull;
  k = rotl(k, 31);
  k *= 0x4CF5AD432745937Full;
  h ^= k;
  h = rotl(h, 27) * 5 + 0x52DCE729;
  return h;
}

static inline u64 fmix64(u64 k) {
  k ^= k >> 33;
  k *= 0xFF51AFD7ED558CCDull;
  k ^= k >> 33;
  k *= 0xC4CEB9FE1A85EC53ull;
  k ^= k >> 33;
  return k;
}

EXPORT(run) i64 run(i32 n) {
  u64 s1 = 0x0123456789ABCDEFull, s2 = 0xFEDCBA9876543210ull;
  u64 h = 0x9368E53C2F6AF274ull;
  for (u32 i = 0; i < 256; i++) table[i] = splitmix64(&s1);
  for (i32 i = 0; i < n; i++) {
    u64 a = splitmix64(&s1);
    u64 b = xorshift64star(&s2);
    h = mix(h, a);
    h = mix(h, b);
    u64 *slot = &table[(h >> 56) & 255];
    *slot = fmix64(*slot ^ h);
    h += (u64)__builtin_popcountll(a) + (u64)__builtin_clzll(b | 1);
    if ((i & 15) == 0) h ^= a / ((b >> 40) | 1);
    if ((i64)h < (i64)a) h = rotl(h, 7);
  }
  for (u32 i = 0; i < 256; i++) h = mix(h, table[i]);
  return (i64)fmix64(h);
}
