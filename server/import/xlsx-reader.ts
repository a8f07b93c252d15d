import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { checkHeader } from './csv-reader.ts';
import { IMPORT_FIELDS } from './row-schema.ts';
import { ImportFileError, MAX_ROW_CHARS, type RowSource, type SourceRow } from './reader.ts';

const KNOWN = new Set<string>(IMPORT_FIELDS);

/**
 * The most text a workbook's shared-strings table may hold, in characters. The
 * table is held in memory while the sheet is read (about 19 million characters
 * for 100,000 candidates); a file built to inflate far past its size is refused.
 */
export const MAX_WORKBOOK_TEXT_CHARS = 128 * 1024 * 1024;

/**
 * Rows of an Excel workbook (.xlsx), read with exceljs's streaming reader:
 * the first worksheet, its row 1 the header, as a CSV export of that sheet
 * would give them. Each cell becomes the text the CSV format expects: a date
 * cell its day (2021-03-01), a number or yes/no cell its value, a formula its
 * result, rich text its plain text. A link cell gives the text it shows, not
 * its target: a workbook keeps links after the rows, where a streaming read
 * has passed them. A row's number is the one the sheet shows.
 *
 * The sheet's rows are streamed; its shared strings (xlsx keeps each distinct
 * text once, in one table) are held while the file is read.
 */
export function readXlsx(input: AsyncIterable<Buffer | string>, options: { defaulted?: ReadonlySet<string>; maxTextChars?: number } = {}): RowSource {
  const ignoredFields = new Set<string>();
  let stopped: RowSource['stopped'];

  async function* rows(): AsyncGenerator<SourceRow> {
    const stream = Readable.from(input);
    // exceljs reads the stream through a pipe, which does not pass a failure of the input on (a
    // file that is no workbook, a body over the size limit); and a ZIP cut off inside a sheet it is
    // copying aside fails its unzipper, which nothing then reads. Either fails the read waiting.
    const gate = new FailureGate();
    let inputFailure: unknown;
    stream.once('error', (error) => gate.fail((inputFailure = error)));
    const pipe = stream.pipe.bind(stream);
    stream.pipe = <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T => {
      (destination as unknown as NodeJS.EventEmitter).on('error', (error: unknown) => gate.fail(error));
      return pipe(destination, options);
    };
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      // Dates are numbers in the file; only a cell's number format says it is a date.
      styles: 'cache',
      entries: 'ignore',
    });
    const text = watchSharedText(workbook, options.maxTextChars ?? MAX_WORKBOOK_TEXT_CHARS, (error) => {
      gate.fail(error);
      stream.destroy();
    });
    let header: string[] | undefined;
    let sheets = 0;
    let lastRow = 1;
    try {
      for await (const sheet of gate.through(workbook)) {
        sheets++;
        for await (const row of gate.through(sheet)) {
          const cells = cellsOf(row);
          if (!header) {
            // The table is whole once a sheet's rows arrive: checked before any row is handed on.
            text.check();
            if (row.number !== 1) break;
            header = checkHeader(
              cells.map((c) => c.text),
              ', ',
              options.defaulted,
            );
            for (const name of header) if (name !== '' && !KNOWN.has(name)) ignoredFields.add(name);
            continue;
          }
          lastRow = row.number;
          if (cells.every((c) => c.text.trim() === '' && !c.error)) continue;
          yield toRow(header, cells, row.number);
        }
        // The first worksheet only: a workbook's other sheets are notes, lookups, pivots.
        break;
      }
    } catch (error) {
      // The input's own failure (not a workbook, too large) is passed on as it is.
      if (error instanceof ImportFileError || (inputFailure !== undefined && error === inputFailure)) throw error;
      if (!header) {
        throw new ImportFileError(`The workbook cannot be read (${describe(error)}); check that it is an .xlsx file, or save the sheet as "CSV UTF-8" and import that.`);
      }
      // Cut off after some rows (an interrupted download): those are read, as with a cut-off CSV or JSON file.
      const reason = `the workbook cannot be read past here (${describe(error)}); reading stopped (the rows before it were read)`;
      stopped = { row: lastRow + 1, reason };
      yield { row: lastRow + 1, fields: {}, problem: { field: '(row)', reason } };
      return;
    } finally {
      text.stop();
      stream.destroy();
    }
    if (sheets === 0) throw new ImportFileError('The file holds no worksheet: check that it is an .xlsx workbook.');
    if (!header) throw new ImportFileError("The workbook's first sheet is empty, or its row 1 (the header) is.");
  }

  return {
    rows: rows(),
    ignoredFields,
    get stopped() {
      return stopped;
    },
  };
}

/**
 * Ends the loops it wraps with an error from outside them. (Not Promise.race
 * against one long-lived promise: every race would leave a reaction on it
 * holding its row, and a workbook's rows would all be kept.)
 */
class FailureGate {
  private failure: { error: unknown } | undefined;
  private rejectWaiting: ((error: unknown) => void) | undefined;

  fail(error: unknown): void {
    this.failure ??= { error };
    this.rejectWaiting?.(error);
  }

  async *through<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
    const it = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        if (this.failure) throw this.failure.error;
        const next = await new Promise<IteratorResult<T>>((resolve, reject) => {
          this.rejectWaiting = reject;
          it.next().then(resolve, reject);
        });
        this.rejectWaiting = undefined;
        if (next.done) return;
        yield next.value;
      }
    } finally {
      void Promise.resolve(it.return?.()).catch(() => {});
    }
  }
}

/**
 * Watches the shared-strings table exceljs fills (its `sharedStrings` in
 * "cache" mode) while it reads, and calls `refuse` once it holds more than
 * `maxChars` characters: on a timer while the table is read (exceljs offers no
 * limit of its own, and reads the table whole before the first row), and on
 * `check()`.
 */
function watchSharedText(workbook: ExcelJS.stream.xlsx.WorkbookReader, maxChars: number, refuse: (error: ImportFileError) => void) {
  let counted = 0;
  let chars = 0;
  let refused = false;
  const check = () => {
    const texts = (workbook as unknown as { sharedStrings?: unknown[] }).sharedStrings;
    if (refused || !texts) return;
    for (; counted < texts.length; counted++) chars += cellOf(texts[counted]).text.length;
    if (chars <= maxChars) return;
    refused = true;
    clearInterval(timer);
    const error = new ImportFileError(
      `The workbook holds more than ${maxChars.toLocaleString('en')} characters of text, more than an import reads from a workbook; save the sheet as "CSV UTF-8" and import that (CSV is read row by row).`,
    );
    refuse(error);
    throw error;
  };
  const timer = setInterval(() => {
    try {
      check();
    } catch {
      // Passed on through `refuse`.
    }
  }, 20);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}

interface Cell {
  text: string;
  /** What the cell holds instead of a value: a spreadsheet error (#N/A, #REF!…). */
  error?: string;
}

function cellsOf(row: ExcelJS.Row): Cell[] {
  // row.values is 1-based: index 0 is always empty.
  const values = row.values as unknown[];
  const cells: Cell[] = [];
  for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
  return cells;
}

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: Number.isFinite(value) ? String(value) : '' };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.error === 'string') return { text: '', error: `the spreadsheet error ${v.error}` };
    if (Array.isArray(v.richText)) return { text: v.richText.map((r: { text?: unknown }) => (typeof r.text === 'string' ? r.text : '')).join('') };
    if (typeof v.text === 'string') return { text: v.text };
    // A formula (shared or not): what it last computed, as Excel saved it; an error result reads as no number.
    if ('formula' in v || 'sharedFormula' in v) {
      if (typeof v.result === 'number' && Number.isNaN(v.result)) return { text: '', error: 'a formula whose result is an error (#N/A, #REF!…)' };
      return 'result' in v ? cellOf(v.result) : { text: '' };
    }
  }
  return { text: String(value) };
}

function toRow(header: string[], cells: Cell[], row: number): SourceRow {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) {
    const name = header[i]!;
    if (!KNOWN.has(name)) continue;
    const cell = cells[i] ?? { text: '' };
    if (cell.error) return { row, fields, problem: { field: name, reason: `holds ${cell.error}` } };
    fields[name] = cell.text;
    if ((fields[name] as string).length > MAX_ROW_CHARS) return { row, fields: {}, problem: { field: name, reason: `is longer than ${MAX_ROW_CHARS} characters` } };
  }
  const extra = cells.slice(header.length).findIndex((c) => c.text.trim() !== '');
  if (extra >= 0) {
    return {
      row,
      fields,
      problem: { field: `column ${header.length + extra + 1}`, reason: 'holds a value under no header; give the column a name in row 1 or clear it' },
    };
  }
  return { row, fields };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 160);
}
