import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, columnsFor } from '../../server/export/columns.ts';
import { writeCsv } from '../../server/export/csv.ts';
import type { ExportRecord } from '../../server/schemas/lists.schema.ts';
import { FORMULA_LIKE, TRICKY_NAMES, iterate, record, trickyRecords } from '../support/export-records.ts';
import { CollectingSink, SlowLineSink } from '../support/sinks.ts';

async function csvOf(records: ExportRecord[], delimiter = ',', columns = EXPORT_COLUMNS) {
  const sink = new CollectingSink();
  await writeCsv(sink, iterate(records), { columns, delimiter });
  return sink;
}

describe('writeCsv', () => {
  it('writeCsv starts with a UTF-8 byte-order mark, a header row, and ends lines with CRLF', async () => {
    const sink = await csvOf([record({})]);
    expect([...sink.buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = sink.text.slice(1);
    expect(text.split('\r\n')[0]).toBe(EXPORT_COLUMNS.map((c) => c.header).join(','));
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writeCsv round-trips names with diacritics, quotes, commas, semicolons and newlines exactly through csv-parse', async () => {
    const records = trickyRecords();
    for (const delimiter of [',', ';', '\t']) {
      const sink = await csvOf(records, delimiter);
      const rows = parse(sink.buffer, { bom: true, columns: true, delimiter, relax_column_count: false }) as Record<string, string>[];
      expect(rows).toHaveLength(records.length);
      for (const [i, name] of TRICKY_NAMES.entries()) expect(rows[i]!.name, `${JSON.stringify(delimiter)} ${name}`).toBe(name);
      expect(rows[1]!['current title']).toBe('Staff, "Imaging"');
      expect(rows[0]!.id).toBe('c1');
      expect(rows[0]!.score).toBe('0.812345');
    }
  });

  it('writeCsv neutralises text that a spreadsheet would run as a formula, and leaves numbers as numbers', async () => {
    const records = trickyRecords();
    const rows = parse((await csvOf(records)).buffer, { bom: true, columns: true }) as Record<string, string>[];
    const formulas = rows.slice(TRICKY_NAMES.length);
    expect(formulas.map((r) => r.name)).toEqual(FORMULA_LIKE.map(([, safe]) => safe));
    expect(rows[0]!['current title']).toBe("'=1+1");
    const negative = parse((await csvOf([record({ score: -0.5 })])).buffer, { bom: true, columns: true }) as Record<string, string>[];
    expect(negative[0]!.score).toBe('-0.5');
  });

  it('writeCsv writes missing values as empty fields and only the columns it is given', async () => {
    const sink = await csvOf([record({ stage: null, profileUrl: 'https://x.example/p' })], ',', columnsFor('viewer'));
    const [row] = parse(sink.buffer, { bom: true, columns: true }) as Record<string, string>[];
    expect(row!.stage).toBe('');
    expect(row).not.toHaveProperty('profile URL');
    expect(sink.text).not.toContain('https://x.example/p');
  });

  it('writeCsv pulls records only as fast as a slow output takes them (back-pressure)', async () => {
    let produced = 0;
    async function* many() {
      for (let i = 1; i <= 20_000; i++) {
        produced++;
        yield record({ rank: i, id: `c${i}` });
      }
    }
    const sink = new SlowLineSink(() => produced);
    await writeCsv(sink, many(), { columns: EXPORT_COLUMNS });
    expect(sink.lines).toBe(20_001);
    // A few stream buffers' worth of rows may be in flight; never the whole list.
    expect(sink.maxLead).toBeLessThan(1_000);
  });
});
