/*
 * coremarkish: a mixed integer workload in the spirit of CoreMark (our own code, not
 * CoreMark's): linked-list search, reversal and merge sort over a static node pool;
 * small i16 matrix arithmetic with i32 accumulation; a number-classifying state machine
 * over a byte string; everything folded into a CRC-16. run(n) does n iterations, each
 * seeded by its index, and returns the final CRC.
 */
#include "bench.h"

/* ---- CRC-16/ARC (reflected polynomial 0xA001) ---- */

static u16 crc_u8(u8 data, u16 crc) {
  crc ^= data;
  for (int i = 0; i < 8; i++) crc = (crc & 1) ? (u16)((crc >> 1) ^ 0xA001) : (u16)(crc >> 1);
  return crc;
}

static u16 crc_u16(u16 v, u16 crc) { return crc_u8((u8)(v >> 8), crc_u8((u8)v, crc)); }
static u16 crc_u32(u32 v, u16 crc) { return crc_u16((u16)(v >> 16), crc_u16((u16)v, crc)); }

/* ---- linked list ---- */

#define LIST_LEN 96

typedef struct node {
  struct node *next;
  i16 value;
  u16 idx;
} node;

static node pool[LIST_LEN];

static node *list_build(u32 seed) {
  node *head = 0;
  for (u32 i = 0; i < LIST_LEN; i++) {
    node *nd = &pool[i];
    nd->idx = (u16)i;
    nd->value = (i16)(((i * 0x9E37u) ^ (seed * 0x2545u) ^ (i << 7)) & 0x7FFF);
    nd->next = head;
    head = nd;
  }
  return head;
}

static node *list_find(node *head, i16 value, u32 *steps) {
  while (head && head->value != value) {
    head = head->next;
    (*steps)++;
  }
  return head;
}

static node *list_reverse(node *head) {
  node *prev = 0;
  while (head) {
    node *next = head->next;
    head->next = prev;
    prev = head;
    head = next;
  }
  return prev;
}

static i32 cmp_value(const node *a, const node *b) { return a->value - b->value; }
static i32 cmp_idx(const node *a, const node *b) { return (i32)a->idx - (i32)b->idx; }

/* Bottom-up merge sort of a singly linked list (stable). */
static node *list_sort(node *list, i32 (*cmp)(const node *, const node *)) {
  u32 width = 1;
  for (;;) {
    node *p = list, *tail = 0;
    list = 0;
    u32 merges = 0;
    while (p) {
      merges++;
      node *q = p;
      u32 psize = 0;
      for (u32 i = 0; i < width && q; i++) {
        psize++;
        q = q->next;
      }
      u32 qsize = width;
      while (psize > 0 || (qsize > 0 && q)) {
        node *e;
        if (psize == 0) {
          e = q; q = q->next; qsize--;
        } else if (qsize == 0 || !q) {
          e = p; p = p->next; psize--;
        } else if (cmp(p, q) <= 0) {
          e = p; p = p->next; psize--;
        } else {
          e = q; q = q->next; qsize--;
        }
        if (tail) tail->next = e; else list = e;
        tail = e;
      }
      p = q;
    }
    tail->next = 0;
    if (merges <= 1) return list;
    width *= 2;
  }
}

static u16 bench_list(u32 seed, u16 crc) {
  node *head = list_build(seed);
  u32 steps = 0, found = 0;
  for (u32 k = 0; k < 8; k++) {
    i16 want = (k & 1) ? pool[(seed + k * 13) % LIST_LEN].value : (i16)(k * 1000 + 7);
    node *nd = list_find(head, want, &steps);
    if (nd) found += nd->idx;
  }
  head = list_reverse(head);
  head = list_sort(head, cmp_value);
  for (node *p = head; p; p = p->next) crc = crc_u16((u16)p->value, crc);
  head = list_sort(head, cmp_idx);
  u32 i = 0;
  for (node *p = head; p; p = p->next, i++)
    if (p->idx != i) crc = crc_u8(0xEE, crc); /* restore order is broken */
  crc = crc_u32(steps, crc);
  return crc_u32(found, crc);
}

/* ---- matrices ---- */

#define MN 12

static i16 ma[MN][MN], mb[MN][MN];
static i32 mc[MN][MN];
static i16 vec[MN];
static i32 vres[MN];

static u16 bench_matrix(u32 seed, u16 crc) {
  u32 s = seed | 1;
  for (int i = 0; i < MN; i++) {
    vec[i] = (i16)(lcg_next(&s) >> 20);
    for (int j = 0; j < MN; j++) {
      ma[i][j] = (i16)((lcg_next(&s) >> 20) - 2048);
      mb[i][j] = (i16)((i * j + (i16)seed) & 0xFF);
    }
  }
  i16 k = (i16)((seed & 0xF) + 1);
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) ma[i][j] = (i16)(ma[i][j] + k);
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) mc[i][j] = (i32)ma[i][j] * k;
  for (int i = 0; i < MN; i++) {
    i32 acc = 0;
    for (int j = 0; j < MN; j++) acc += (i32)ma[i][j] * vec[j];
    vres[i] = acc;
  }
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      i32 acc = 0;
      for (int x = 0; x < MN; x++) acc += (i32)ma[i][x] * mb[x][j];
      mc[i][j] += acc;
    }
  i32 sum = 0;
  for (int i = 0; i < MN; i++) {
    crc = crc_u32((u32)vres[i], crc);
    for (int j = 0; j < MN; j++) {
      i32 bits = (mc[i][j] >> 2) & 0xF;
      sum += bits > 8 ? bits : -bits;
    }
  }
  return crc_u32((u32)sum, crc);
}

/* ---- state machine ---- */

enum { S_START, S_INT, S_SIGN, S_FRAC_DOT, S_FRAC, S_EXP_E, S_EXP_SIGN, S_EXP, S_HEX_X, S_HEX, S_BAD, S_COUNT };

static u8 text[] =
  "5012,1234,-874,+122,3.14159,-.25,1.2e-5,6.02e23,0x1F,0xdeadBEEF,abc,12x4,--3,+0.5e+1,"
  "77,0,0.0,-0,9e9,.5,5.,1e,0x,7777777,-12.5e-3,0xG1,42,-1,+7,3.3.3,e5,12345678,-0.001,";

static u32 state_counts[S_COUNT];

static u32 classify(u8 c, u32 state) {
  int digit = c >= '0' && c <= '9';
  int hex = digit || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
  switch (state) {
  case S_START:
    if (c == '0') return S_INT; /* may become hex */
    if (digit) return S_INT;
    if (c == '+' || c == '-') return S_SIGN;
    if (c == '.') return S_FRAC_DOT;
    return S_BAD;
  case S_SIGN:
    if (digit) return S_INT;
    if (c == '.') return S_FRAC_DOT;
    return S_BAD;
  case S_INT:
    if (digit) return S_INT;
    if (c == '.') return S_FRAC;
    if ((c | 0x20) == 'e') return S_EXP_E;
    if ((c | 0x20) == 'x') return S_HEX_X;
    return S_BAD;
  case S_FRAC_DOT:
    return digit ? S_FRAC : S_BAD;
  case S_FRAC:
    if (digit) return S_FRAC;
    if ((c | 0x20) == 'e') return S_EXP_E;
    return S_BAD;
  case S_EXP_E:
    if (digit) return S_EXP;
    if (c == '+' || c == '-') return S_EXP_SIGN;
    return S_BAD;
  case S_EXP_SIGN:
  case S_EXP:
    return digit ? S_EXP : S_BAD;
  case S_HEX_X:
  case S_HEX:
    return hex ? S_HEX : S_BAD;
  default:
    return S_BAD;
  }
}

static u16 bench_state(u32 seed, u16 crc) {
  u32 len = sizeof text - 1;
  /* Corrupt one character (and restore it afterwards), like a noisy input line. */
  u32 at = (seed * 31u) % len;
  u8 saved = text[at];
  if (saved != ',') text[at] = (u8)('0' + seed % 10 + (seed & 16 ? 0x31 : 0));
  for (u32 i = 0; i < S_COUNT; i++) state_counts[i] = 0;
  u32 state = S_START, transitions = 0;
  for (u32 i = 0; i < len; i++) {
    u8 c = text[i];
    if (c == ',') {
      state_counts[state]++;
      state = S_START;
      continue;
    }
    u32 next = classify(c, state);
    transitions += next != state;
    state = next;
  }
  text[at] = saved;
  for (u32 i = 0; i < S_COUNT; i++) crc = crc_u16((u16)state_counts[i], crc);
  return crc_u32(transitions, crc);
}

EXPORT(run) i32 run(i32 n) {
  u16 crc = 0;
  for (i32 i = 0; i < n; i++) {
    crc = bench_list((u32)i, crc);
    crc = bench_matrix((u32)i, crc);
    crc = bench_state((u32)i, crc);
  }
  return crc;
}
