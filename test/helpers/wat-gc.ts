/**
 * Assemble WebAssembly text that uses GC types into bytes for tests. wabt (test/helpers/wat.ts)
 * cannot parse GC text, so this uses binaryen's parser (the `binaryen` npm package, a dev
 * dependency), validated with every feature on and emitted without optimization.
 */
import binaryen from 'binaryen';

export function watGc(text: string): Uint8Array {
  const m = binaryen.parseText(text);
  try {
    m.setFeatures(binaryen.Features.All);
    if (!m.validate()) throw new Error('watGc: binaryen rejected the module');
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}
