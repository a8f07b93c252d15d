import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, columnsFor } from '../../server/export/columns.ts';
import { writeXlsx } from '../../server/export/xlsx.ts';
import type { ExportRecord } from '../../server/schemas/lists.schema.ts';
import { FORMULA_LIKE, TRICKY_NAMES, iterate, record, trickyRecords } from '../support/export-records.ts';
import { CollectingSink } from '../support/sinks.ts';

async function workbookOf(list: ExportRecord[], dropped: ExportRecord[], columns = EXPORT_COLUMNS) {
  const sink = new CollectingSink();
  await writeXlsx(
    sink,
    [
      { name: 'List', records: iterate(list) },
      { name: 'Dropped', records: iterate(dropped) },
    ],
    { columns },
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(sink.buffer as unknown as ArrayBuffer);
  return workbook;
}

function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('writeXlsx', () => {
  it('writeXlsx writes a List sheet and a Dropped sheet, each with a bold, frozen header row and set column widths', async () => {
    const workbook = await workbookOf([record({})], [record({ change: 'dropped', rank: null, previousRank: 3, dropReason: 'moved-hub' })]);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['List', 'Dropped']);
    for (const sheet of workbook.worksheets) {
      const header = sheet.getRow(1);
      expect((header.values as unknown[]).slice(1)).toEqual(EXPORT_COLUMNS.map((c) => c.header));
      expect(header.font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getColumn(EXPORT_COLUMNS.findIndex((c) => c.key === 'name') + 1).width).toBe(28);
    }
    const dropped = sheetRows(workbook.getWorksheet('Dropped')!);
    expect(dropped).toHaveLength(2);
    expect(dropped[1]![EXPORT_COLUMNS.findIndex((c) => c.key === 'dropReason')]).toBe('moved-hub');
  });

  it('writeXlsx round-trips tricky names exactly through exceljs and neutralises formula-like text', async () => {
    const records = trickyRecords();
    const workbook = await workbookOf(records, []);
    const rows = sheetRows(workbook.getWorksheet('List')!).slice(1);
    const name = EXPORT_COLUMNS.findIndex((c) => c.key === 'name');
    const title = EXPORT_COLUMNS.findIndex((c) => c.key === 'title');
    expect(rows).toHaveLength(records.length);
    for (const [i, expected] of TRICKY_NAMES.entries()) expect(rows[i]![name]).toBe(expected);
    // XML readers turn a bare carriage return into a line feed (XML 1.0 §2.11); the cell stays neutralised.
    const xmlRead = (text: string) => text.replace(/\r\n?/g, '\n');
    expect(rows.slice(TRICKY_NAMES.length).map((r) => r[name])).toEqual(FORMULA_LIKE.map(([, safe]) => xmlRead(safe)));
    expect(rows[0]![title]).toBe("'=1+1");
    // No cell of the sheet is a formula.
    workbook.getWorksheet('List')!.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('writeXlsx keeps numbers numeric and leaves missing values empty', async () => {
    const workbook = await workbookOf([record({ score: 0.5, rank: 7, stage: null })], []);
    const [, row] = sheetRows(workbook.getWorksheet('List')!);
    const at = (key: string) => row![EXPORT_COLUMNS.findIndex((c) => c.key === key)];
    expect(at('score')).toBe(0.5);
    expect(at('rank')).toBe(7);
    expect(at('stage') ?? null).toBeNull();
  });

  it('writeXlsx leaves out the columns a role may not see', async () => {
    const workbook = await workbookOf([record({ profileUrl: 'https://x.example/p' })], [], columnsFor('viewer'));
    const [header, row] = sheetRows(workbook.getWorksheet('List')!);
    expect(header).not.toContain('profile URL');
    expect(row).not.toContain('https://x.example/p');
  });
});
