// The `name` custom section: function names are read best-effort, and a malformed name section
// never fails the module.
import { describe, expect, it } from 'vitest';
import { CompileError } from '../core/errors.js';
import { decodeModule } from '../core/decode/index.js';
import { leb, str, sec, mod } from './helpers/module-bytes.js';

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
