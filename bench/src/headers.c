/*
 * headers: byte-at-a-time text scanning, as a proxy filter does on request headers. A
 * 32 KiB buffer of "Name: value\r\n" lines (names in random letter case) is generated from
 * an LCG; run(n) scans it n times, matching each header name case-insensitively against
 * a list of wanted names, counting matches and hashing the matched values. Each round
 * flips the case of one letter so the scan cannot be hoisted out of the loop.
 */
#include "bench.h"

#define BUF_LEN 32768

static u8 buf[BUF_LEN];
static u32 buf_len;

static const char *const header_names[] = {
  "Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Content-Type",
  "Content-Length", "X-Request-Id", "Cookie", "Authorization", "Cache-Control",
  "X-Forwarded-For", "Connection", "Referer", "If-None-Match", "X-Envoy-Upstream",
};
#define NUM_NAMES (sizeof header_names / sizeof header_names[0])

/* Lower-case, as a filter would keep its match list. "x-missing" never occurs. */
static const char *const wanted[] = {
  "content-type", "x-request-id", "authorization", "accept", "cookie", "x-missing",
};
#define NUM_WANTED (sizeof wanted / sizeof wanted[0])

static const char value_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789-_./;=, ";

static u32 str_len(const char *s) {
  u32 n = 0;
  while (s[n]) n++;
  return n;
}

static void generate(void) {
  u32 seed = 0x4EAD;
  u32 pos = 0;
  for (;;) {
    const char *name = header_names[lcg_next(&seed) % NUM_NAMES];
    u32 name_len = str_len(name);
    u32 value_len = 4 + (lcg_next(&seed) >> 16) % 60;
    if (pos + name_len + value_len + 6 > BUF_LEN) break;
    for (u32 i = 0; i < name_len; i++) {
      u8 c = (u8)name[i];
      if (c >= 'A' && c <= 'z' && (lcg_next(&seed) & 0x10000)) c ^= 0x20;
      buf[pos++] = c;
    }
    buf[pos++] = ':';
    buf[pos++] = ' ';
    for (u32 i = 0; i < value_len; i++)
      buf[pos++] = (u8)value_chars[(lcg_next(&seed) >> 16) % (sizeof value_chars - 1)];
    buf[pos++] = '\r';
    buf[pos++] = '\n';
  }
  buf[pos++] = '\r';
  buf[pos++] = '\n';
  buf_len = pos;
}

static inline u8 lower(u8 c) { return (c >= 'A' && c <= 'Z') ? (u8)(c | 0x20) : c; }

static i32 name_equals(const u8 *p, u32 len, const char *want) {
  for (u32 i = 0; i < len; i++) {
    if (!want[i] || lower(p[i]) != (u8)want[i]) return 0;
  }
  return want[len] == 0;
}

static u32 scan(u32 *hash) {
  u32 matches = 0;
  u32 pos = 0;
  while (pos + 1 < buf_len) {
    if (buf[pos] == '\r' && buf[pos + 1] == '\n') break; /* blank line: end of headers */
    u32 name_start = pos;
    while (buf[pos] != ':') pos++;
    u32 name_len = pos - name_start;
    pos += 2; /* ": " */
    u32 value_start = pos;
    while (buf[pos] != '\r') pos++;
    u32 value_len = pos - value_start;
    pos += 2; /* "\r\n" */
    for (u32 w = 0; w < NUM_WANTED; w++) {
      if (name_equals(buf + name_start, name_len, wanted[w])) {
        matches++;
        u32 h = *hash ^ w;
        for (u32 i = 0; i < value_len; i++) h = (h ^ buf[value_start + i]) * 16777619u;
        *hash = h;
        break;
      }
    }
  }
  return matches;
}

EXPORT(run) i32 run(i32 n) {
  generate();
  u32 hash = 2166136261u, total = 0;
  for (i32 r = 0; r < n; r++) {
    /* Flip the case of one name letter: same matches, but new memory each round. */
    u32 p = ((u32)r * 7919u) % buf_len;
    while (p > 0 && buf[p - 1] != '\n') p--;
    u8 c = buf[p];
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') buf[p] = c ^ 0x20;
    total += scan(&hash);
  }
  return (i32)(hash ^ (total * 2654435761u));
}
