/**
 * A tiny WebAssembly binary builder for the decode-*.test.ts files: modules are written as plain
 * byte arrays, section by section, so malformed encodings are as easy to write as valid ones.
 */
import { expect } from 'vitest';
import { CompileError } from '../../core/errors.js';

/** The module header: the magic number "\0asm" and version 1. */
export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** Unsigned LEB128 of a non-negative integer (exact up to 2^53). */
export const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};

/** A name: its UTF-8 bytes preceded by their LEB128 length. */
export const str = (s: string): number[] => {
  const b = [...new TextEncoder().encode(s)];
  return [...leb(b.length), ...b];
};

/** A section: the id, the LEB128 size of the concatenated contents, then the contents. */
export const sec = (id: number, ...content: number[][]): number[] => {
  const body = content.flat();
  return [id, ...leb(body.length), ...body];
};

/** A whole module: the header followed by the given sections, in the order given. */
export const mod = (...sections: number[][]): Uint8Array => new Uint8Array([...HEADER, ...sections.flat()]);

/** A function body for the code section: its LEB128 size, then the bytes (locals, instructions, end). */
export const body = (...b: number[]): number[] => [...leb(b.length), ...b];

/** Runs `f`, asserts that it throws a CompileError, and returns that error for further checks. */
export const errorOf = (f: () => unknown): CompileError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    return e as CompileError;
  }
  throw new Error('expected a CompileError');
};
