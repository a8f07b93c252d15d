import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCandidateCsv } from '../../server/bench/import-file.ts';
import { validateRow } from '../../server/import/row-schema.ts';
import { readCsv } from '../../server/import/csv-reader.ts';

describe('benchmark candidate file', () => {
  it('writeCandidateCsv writes the same valid rows for the same seed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-bench-file-'));
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    await writeCandidateCsv(a, 300, { seed: 3 });
    await writeCandidateCsv(b, 300, { seed: 3 });
    expect(readFileSync(a)).toEqual(readFileSync(b));
    let rows = 0;
    for await (const row of readCsv((async function* () { yield readFileSync(a); })()).rows) {
      expect(validateRow('csv', row.fields), `row ${row.row}`).toMatchObject({ ok: true });
      rows++;
    }
    expect(rows).toBe(300);
  });
});
