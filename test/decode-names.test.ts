// The `name` custom section: function names are read best-effort, and a malformed name section
// never fails the module.
import { describe, expect, it } from 'vitest';
import { CompileError } from '../core/errors.js';
import { decodeModule } from '../core/decode/index.js';

// --- tiny module builder (same shape in each decode-*.test.ts) ---
const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const str = (s: string): number[] => {
  const b = [...new TextEncoder().encode(s)];
  return [...leb(b.length), ...b];
};
const sec = (id: number, ...content: number[][]): number[] => {
  const body = content.flat();
  return [id, ...leb(body.length), ...body];
};
const mod = (...sections: number[][]): Uint8Array => new Uint8Array([...HEADER, ...sections.flat()]);

const nameSection = (...subsections: number[][]) => sec(0, str('name'), ...subsections);
const sub = (id: number, ...content: number[]) => [id, ...leb(content.length), ...content];
const funcNames = (...entries: [number, string][]) => sub(1, ...leb(entries.length), ...entries.flatMap(([i, s]) => [...leb(i), ...str(s)]));

describe('name section', () => {
  it('reads function names, skipping the module name and other subsections', () => {
    const m = decodeModule(mod(nameSection(sub(0, ...str('mod')), funcNames([0, 'main'], [200, 'hé']), sub(2, 0))));
    expect([...m.funcNames]).toEqual([
      [0, 'main'],
      [200, 'hé'],
    ]);
    expect(m.customs[0]!.name).toBe('name');
  });
  it('ignores a malformed name section', () => {
    const cases = [
      nameSection([1]), // truncated subsection header
      nameSection(sub(1, 5, 0)), // more names than bytes
      nameSection(sub(1, 1, 0, 2, 0xc0, 0x80)), // bad UTF-8
      nameSection(sub(1, 1, 0, 1, 0x61, 0xff)), // junk after the name map
      nameSection([1, 50, 1, 0, 0]), // subsection size past the section
      nameSection([1, 0x80, 0x80, 0x80, 0x80, 0x80]), // overlong size
    ];
    for (const s of cases) {
      const m = decodeModule(mod(s));
      expect(m.funcNames.size).toBe(0);
      expect(m.customs.length).toBe(1);
    }
  });
  it('still requires the custom section name itself to be well-formed', () => {
    expect(() => decodeModule(mod(sec(0, [4, 0x6e, 0x61, 0x6d, 0xc0])))).toThrow(CompileError);
  });
});
