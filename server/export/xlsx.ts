import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { ExportRecord } from '../schemas/lists.schema.ts';
import type { ExportColumn } from './columns.ts';
import { neutraliseCell } from './safe-cell.ts';

export interface XlsxSheet {
  name: string;
  records: AsyncIterable<ExportRecord>;
}

/** Resolves when `out` can take more, rejects when it closes or fails first. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('The output closed before the export finished.'));
    const onError = (error: Error) => done(error);
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

function cell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  return neutraliseCell(String(value));
}

/**
 * Streams a workbook to `out` with exceljs's streaming writer: one sheet per
 * entry, each with a bold header row frozen in place and set column widths.
 * Rows are committed as they come (no shared-strings table, so memory stays
 * flat), and the loop waits whenever `out` is full. Text that looks like a
 * formula is neutralised as in CSV. `out` is ended by the writer.
 */
export async function writeXlsx(out: Writable, sheets: XlsxSheet[], { columns }: { columns: readonly ExportColumn[] }): Promise<void> {
  const outcome = finished(out);
  // Surfaced once below; until then a failure must not become an unhandled rejection.
  outcome.catch(() => undefined);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    worksheet.getRow(1).font = { bold: true };
    worksheet.getRow(1).commit();
    for await (const record of sheet.records) {
      if (out.destroyed) throw new Error('The output closed before the export finished.');
      worksheet.addRow(columns.map((c) => cell(record[c.key]))).commit();
      if (out.writableNeedDrain) await drained(out);
    }
    worksheet.commit();
  }
  await workbook.commit();
  await outcome;
}
