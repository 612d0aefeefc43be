/*
 * sha256: FIPS 180-4 SHA-256 over a 4 KiB buffer. 32-bit rotates, adds and big-endian
 * byte loads/stores. run(n) hashes the buffer n times, writing each digest back into the
 * buffer so every round depends on the previous one, and returns the first 64 bits of
 * the last digest.
 */
#include "bench.h"

#define BUF_LEN 4096

static u8 buf[BUF_LEN];

static const u32 K[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline u32 rotr(u32 x, u32 r) { return (x >> r) | (x << (32 - r)); }

static void compress(u32 h[8], const u8 *p) {
  u32 w[64];
  for (int i = 0; i < 16; i++)
    w[i] = ((u32)p[4 * i] << 24) | ((u32)p[4 * i + 1] << 16) | ((u32)p[4 * i + 2] << 8) | p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    u32 s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    u32 s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  u32 a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; i++) {
    u32 S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    u32 ch = (e & f) ^ (~e & g);
    u32 t1 = hh + S1 + ch + K[i] + w[i];
    u32 S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    u32 maj = (a & b) ^ (a & c) ^ (b & c);
    u32 t2 = S0 + maj;
    hh = g; g = f; f = e; e = d + t1;
    d = c; c = b; b = a; a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d;
  h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha256(const u8 *data, u32 len, u32 out[8]) {
  static const u32 init[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  };
  for (int i = 0; i < 8; i++) out[i] = init[i];
  u32 off = 0;
  for (; off + 64 <= len; off += 64) compress(out, data + off);
  u8 tail[128];
  u32 rest = len - off;
  for (u32 i = 0; i < rest; i++) tail[i] = data[off + i];
  tail[rest] = 0x80;
  u32 tail_len = rest + 9 <= 64 ? 64 : 128;
  for (u32 i = rest + 1; i < tail_len - 8; i++) tail[i] = 0;
  u64 bits = (u64)len * 8;
  for (int i = 0; i < 8; i++) tail[tail_len - 1 - i] = (u8)(bits >> (8 * i));
  compress(out, tail);
  if (tail_len == 128) compress(out, tail + 64);
}

EXPORT(run) i64 run(i32 n) {
  u32 seed = 0x5ee0;
  for (u32 i = 0; i < BUF_LEN; i++) buf[i] = (u8)(lcg_next(&seed) >> 24);
  u32 h[8] = {0};
  for (i32 r = 0; r < n; r++) {
    sha256(buf, BUF_LEN, h);
    u8 *dst = buf + ((u32)r * 32) % (BUF_LEN - 32);
    for (int i = 0; i < 8; i++) {
      dst[4 * i] = (u8)(h[i] >> 24);
      dst[4 * i + 1] = (u8)(h[i] >> 16);
      dst[4 * i + 2] = (u8)(h[i] >> 8);
      dst[4 * i + 3] = (u8)h[i];
    }
  }
  return (i64)(((u64)h[0] << 32) | h[1]);
}
