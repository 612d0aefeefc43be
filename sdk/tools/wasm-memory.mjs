#!/usr/bin/env node
/*
 * wasm-memory.mjs IN.wasm OUT.wasm BYTES: give a linked module a memory of exactly BYTES bytes.
 *
 * wasm-ld (LLVM 14, used by Debian's clang and rustc) only makes memories of whole 64 KiB pages,
 * so a module cannot declare the 16 KiB a small device has. This rewrites the memory section to
 * one memory of BYTES 1-byte pages, min = max (the custom-page-sizes proposal, which wasmlet
 * runs), after checking that everything the linker laid out — the stack (link with
 * --stack-first), data and zeroed data — ends at or below BYTES: the linker's `__heap_base`
 * export says where that is. `__heap_base` and `__data_end` are then dropped from the exports
 * (nothing on a device reads them). Every other section is copied byte for byte.
 *
 * No dependencies: it runs with the node that runs wasmlet.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, bytesArg] = process.argv.slice(2);
const fail = (msg) => {
  console.error(`wasm-memory: ${msg}`);
  process.exit(1);
};
if (!input || !output || !bytesArg) fail('usage: wasm-memory.mjs IN.wasm OUT.wasm BYTES');
const want = Number(bytesArg);
if (!Number.isSafeInteger(want) || want <= 0 || want > 0xffffffff) fail(`BYTES must be a positive integer, got "${bytesArg}"`);

const bin = readFileSync(input);
if (bin.readUInt32LE(0) !== 0x6d736100 || bin.readUInt32LE(4) !== 1) fail(`${input} is not a wasm binary module`);

/** unsigned LEB128 at p: [value, next position] */
function uleb(buf, p) {
  let v = 0;
  let mul = 1;
  for (;;) {
    const b = buf[p++];
    if (b === undefined) fail(`${input}: truncated LEB128`);
    v += (b & 0x7f) * mul;
    mul *= 128;
    if (b < 0x80) return [v, p];
  }
}
/** signed LEB128 (up to 32 bits is all we read) */
function sleb(buf, p) {
  let v = 0;
  let shift = 0;
  let b;
  do {
    b = buf[p++];
    if (b === undefined) fail(`${input}: truncated LEB128`);
    v |= (b & 0x7f) << shift;
    shift += 7;
  } while (b >= 0x80);
  if (shift < 32 && b & 0x40) v |= -1 << shift;
  return [v, p];
}
function encUleb(v) {
  const out = [];
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    out.push(b);
  } while (v > 0);
  return out;
}

// split into sections
const sections = [];
for (let p = 8; p < bin.length; ) {
  const id = bin[p];
  const [size, body] = uleb(bin, p + 1);
  sections.push({ id, body: bin.subarray(body, body + size) });
  p = body + size;
}
const section = (id) => sections.find((s) => s.id === id)?.body;

// imports: no imported memory (the module must own it) and no imported globals (they would shift indices)
const imp = section(2);
if (imp) {
  let [n, p] = uleb(imp, 0);
  for (; n > 0; n--) {
    let len;
    [len, p] = uleb(imp, p);
    p += len;
    [len, p] = uleb(imp, p);
    const name = imp.subarray(p, p + len).toString();
    p += len;
    const kind = imp[p++];
    if (kind === 2) fail(`${input} imports its memory (${name}); link without --import-memory`);
    if (kind === 3) fail(`${input} imports a global (${name}); not supported here`);
    if (kind === 0) [, p] = uleb(imp, p);
    else if (kind === 1) fail(`${input} imports a table (${name}); not supported here`);
  }
}

// memory: exactly one
const mem = section(5);
if (!mem) fail(`${input} defines no memory`);
if (uleb(mem, 0)[0] !== 1) fail(`${input} defines ${uleb(mem, 0)[0]} memories; expected one`);

// globals: their i32.const initial values, by index
const globals = [];
const glob = section(6);
if (glob) {
  let [n, p] = uleb(glob, 0);
  for (; n > 0; n--) {
    p += 2; // value type, mutability
    const op = glob[p++];
    let v;
    if (op === 0x41) [v, p] = sleb(glob, p);
    else fail(`${input}: a global's initializer is not i32.const (opcode 0x${op.toString(16)})`);
    if (glob[p++] !== 0x0b) fail(`${input}: a global's initializer has more than one instruction`);
    globals.push(v >>> 0);
  }
}

// exports: find __heap_base, drop it and __data_end
const exp = section(7);
if (!exp) fail(`${input} has no exports`);
const kept = [];
let heapBase;
{
  let [n, p] = uleb(exp, 0);
  for (; n > 0; n--) {
    const start = p;
    let len;
    [len, p] = uleb(exp, p);
    const name = exp.subarray(p, p + len).toString();
    p += len;
    const kind = exp[p++];
    let index;
    [index, p] = uleb(exp, p);
    if (name === '__heap_base' && kind === 3) heapBase = globals[index];
    else if (!(name === '__data_end' && kind === 3)) kept.push(exp.subarray(start, p));
  }
}
if (heapBase === undefined) fail(`${input} does not export __heap_base (link with --export=__heap_base)`);

// active data segments must end within BYTES too (they do when __heap_base does; checked anyway)
const data = section(11);
let dataEnd = 0;
if (data) {
  let [n, p] = uleb(data, 0);
  for (; n > 0; n--) {
    let flags;
    [flags, p] = uleb(data, p);
    if (flags === 2) [, p] = uleb(data, p);
    if (flags !== 1) {
      if (data[p++] !== 0x41) fail(`${input}: a data segment's offset is not i32.const`);
      let off;
      [off, p] = sleb(data, p);
      if (data[p++] !== 0x0b) fail(`${input}: a data segment's offset has more than one instruction`);
      let len;
      [len, p] = uleb(data, p);
      dataEnd = Math.max(dataEnd, (off >>> 0) + len);
      p += len;
    } else {
      let len;
      [len, p] = uleb(data, p);
      p += len;
    }
  }
}
const used = Math.max(heapBase, dataEnd);
if (used > want) fail(`${input} needs ${used} bytes of memory (stack, data and zeroed data end at ${used}); the memory is ${want} bytes`);

// rewrite: memory = 1 memory, flags 0x09 (max present, page size present), min = max = BYTES, log2(page size) = 0
const parts = [bin.subarray(0, 8)];
for (const s of sections) {
  let body = s.body;
  if (s.id === 5) body = Buffer.from([1, 0x09, ...encUleb(want), ...encUleb(want), 0]);
  if (s.id === 7) body = Buffer.concat([Buffer.from(encUleb(kept.length)), ...kept]);
  parts.push(Buffer.from([s.id, ...encUleb(body.length)]), body);
}
const result = Buffer.concat(parts);
writeFileSync(output, result);
console.log(`${output}: ${result.length} bytes; memory ${want} bytes (${used} laid out by the linker)`);
