/**
 * docs/proxy.md's field table is the parser's: every field hosts/proxy/config.ts accepts (and
 * every Envoy field it rejects as not supported) appears in the generated table, call site by
 * call site, so the document cannot go stale. Regenerate it with
 * `UPDATE_FIELDS=1 npx vitest run test/proxy-config-fields.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEGIN, END, fieldRows, fieldTable } from './fixtures/proxy/fields.js';
import { ROOT } from './fixtures/proxy/support.js';

const DOC = join(ROOT, 'docs', 'proxy.md');

describe('the configuration field table', () => {
  it('lists every field the parser accepts or names as unsupported', () => {
    const doc = readFileSync(DOC, 'utf8');
    const a = doc.indexOf(BEGIN);
    const b = doc.indexOf(END);
    expect(a).toBeGreaterThan(0);
    const table = fieldTable();
    if (process.env['UPDATE_FIELDS']) writeFileSync(DOC, doc.slice(0, a) + table + doc.slice(b + END.length));
    else expect(doc.slice(a, b + END.length)).toBe(table);
  });

  it('is read from the parser itself', () => {
    const rows = fieldRows();
    const all = rows.flatMap((r) => r.accepted);
    // a sample across the parser: these must be found, or the extraction broke
    for (const k of ['admin', 'static_resources', 'connect_timeout', 'health_checks', 'max_pending_requests', 'retry_on', 'prefix_rewrite', 'vm_config', 'text_format', 'range_match', 'exact_match']) expect(all).toContain(k);
    expect(rows.flatMap((r) => r.unsupported)).toContain('outlier_detection');
    expect(rows.length).toBeGreaterThan(30);
  });
});
