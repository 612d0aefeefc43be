/** `wasmlet inspect --json`: one JSON object for tools, with the same content as the text form. */
import { describe, expect, it } from 'vitest';
import { guest, wasmlet } from './fixtures/wasi/harness.js';

describe('wasmlet inspect --json', () => {
  it('describes a WASI command as data', () => {
    const r = wasmlet(['inspect', '--json', guest('ucase')]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.file).toBe(guest('ucase'));
    expect(j.size).toBeGreaterThan(1000);
    expect(j.sections[0]).toEqual({ id: 1, name: 'type', offset: 8, size: expect.any(Number) });
    const last = j.sections[j.sections.length - 1];
    expect(last.offset + last.size).toBeLessThanOrEqual(j.size);
    expect(j.sections.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['type', 'import', 'function', 'memory', 'export', 'code', 'custom']));
    expect(j.imports).toContainEqual({ module: 'wasi_snapshot_preview1', name: 'path_open', kind: 'func', type: '(i32, i32, i32, i32, i32, i64, i64, i32, i32) -> (i32)' });
    expect(j.exports).toContainEqual({ name: '_start', kind: 'func', index: expect.any(Number), type: '() -> ()' });
    expect(j.exports).toContainEqual({ name: 'memory', kind: 'memory', index: 0 });
    expect(j.memories).toEqual([{ min: 2, max: null, pageSize: 65536, shared: false, imported: null }]);
    expect(j.functions.imported).toBe(j.imports.filter((i: { kind: string }) => i.kind === 'func').length);
    expect(j.customSections.map((c: { name: string }) => c.name)).toContain('name');
    expect(j.abi).toEqual({ wasi: { version: 'preview1', kind: 'command', imports: j.imports.length }, proxyWasm: null, deviceAbi: null });
  });
});
