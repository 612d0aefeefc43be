/** Assemble WebAssembly text into bytes for tests (wabt.js from npm; no system tools needed). */
import wabtInit from 'wabt';

const wabt = await wabtInit();

/** `features`: extra wabt feature flags, e.g. `{ tail_call: true }` */
export function wat(text: string, features: Record<string, boolean> = {}): Uint8Array {
  const m = wabt.parseWat('test.wat', text, { multi_value: true, reference_types: true, bulk_memory: true, ...features });
  try {
    m.resolveNames();
    m.validate();
    return new Uint8Array(m.toBinary({ write_debug_names: true }).buffer);
  } finally {
    m.destroy();
  }
}
