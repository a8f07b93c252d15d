import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkHeader } from './csv-reader.ts';
import { IMPORT_FIELDS } from './row-schema.ts';
import { ImportFileError, MAX_ROW_CHARS, type RowSource, type SourceRow } from './reader.ts';
import { type CellLinks, linkKey, readRange, readSheetPrelude } from './xlsx-links.ts';

const KNOWN = new Set<string>(IMPORT_FIELDS);
const NO_LINKS: CellLinks = new Map();

/** The start of the name of the folder a workbook's copy is made in (in the system's temporary folder), and taken from at once. */
export const XLSX_TEMP_PREFIX = 'atlas-xlsx-';

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
 * result, rich text its plain text. A link, set on a cell (Insert > Link) or a
 * HYPERLINK("url", "text") formula, gives its web or mail target when the text
 * it shows is no link itself (see `linkedText`). A row's number is the one the
 * sheet shows.
 *
 * The input is copied to a temporary file first: a sheet keeps the links set
 * on its cells after its rows, where a streaming read has passed them, so they
 * are read from the file (see readSheetPrelude) before its rows are. The sheet's
 * rows are streamed; its shared strings (xlsx keeps each distinct text once,
 * in one table) and its links are held while the file is read.
 */
export function readXlsx(input: AsyncIterable<Buffer | string>, options: { defaulted?: ReadonlySet<string>; maxTextChars?: number } = {}): RowSource {
  const ignoredFields = new Set<string>();
  let stopped: RowSource['stopped'];
  let expectedRows: number | undefined;

  async function* rows(): AsyncGenerator<SourceRow> {
    const folder = await mkdtemp(path.join(tmpdir(), XLSX_TEMP_PREFIX));
    let copy: FileHandle;
    try {
      copy = await open(path.join(folder, 'workbook.xlsx'), 'wx+', 0o600);
    } finally {
      // The copy (personal data) keeps no name: it is gone with its handle, however the process ends (Ctrl+C too).
      await rm(folder, { recursive: true, force: true });
    }
    try {
      // The input's own failure (a body over the size limit, a file that is no workbook) is passed on as it is.
      const size = await spool(input, copy);
      const { links, lastRow } = await readSheetPrelude(copy.fd, size);
      // Row 1 is the header.
      if (lastRow !== undefined) expectedRows = Math.max(0, lastRow - 1);
      yield* readSheet(copy.fd, size, links);
    } finally {
      await copy.close();
    }
  }

  async function* readSheet(fd: number, size: number, links: CellLinks): AsyncGenerator<SourceRow> {
    // In chunks the size of an upload's: exceljs hands on the rows of a sheet it reads in place while later
    // chunks come, so a workbook cut off inside its rows gives those up to near the cut (fewer in larger chunks).
    const stream = readRange(fd, 0, size, 16 * 1024);
    // exceljs reads the stream through a pipe, which does not pass a failure of its source on; and a
    // ZIP cut off inside a sheet it is copying aside fails its unzipper, which nothing then reads.
    // Either fails the read waiting.
    const gate = new FailureGate();
    let readFailure: unknown;
    stream.once('error', (error) => gate.fail((readFailure = error)));
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
    const sheetsOf = gate.through(workbook);
    try {
      // The first worksheet only: a workbook's other sheets are notes, lookups, pivots.
      const first = await sheetsOf.next();
      if (!first.done) {
        sheets++;
        for await (const row of gate.through(first.value)) {
          // A header cell's link is no column name.
          const cells = cellsOf(row, header ? links : NO_LINKS);
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
      }
    } catch (error) {
      // The text limit's refusal, and a failure to read the copy (the server's, not the workbook's), are passed on as they are.
      if (error instanceof ImportFileError || (readFailure !== undefined && error === readFailure)) throw error;
      if (!header) {
        throw new ImportFileError(`The workbook cannot be read (${describe(error)}); check that it is an .xlsx file, or save the sheet as "CSV UTF-8" and import that.`);
      }
      // Cut off after some rows (an interrupted download): those are read, as with a cut-off CSV or JSON file.
      const reason = `the workbook cannot be read past here (${describe(error)}); reading stopped (the rows before it were read)`;
      stopped = { row: lastRow + 1, reason };
      yield { row: lastRow + 1, fields: {}, problem: { field: '(row)', reason } };
      return;
    } finally {
      await passOver(sheetsOf);
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
    get expectedRows() {
      return expectedRows;
    },
  };
}

/**
 * Moves exceljs past the sheets left, unread. It copies a sheet that lies
 * before the shared texts (as Excel and exceljs write them) to a temporary
 * file and removes that file only as it moves past the sheet: a reader that
 * stopped at the first would leave a copy of it behind for every workbook.
 * Whatever fails while moving on has no bearing on the rows already read.
 */
async function passOver(sheets: AsyncGenerator<AsyncIterable<unknown>>): Promise<void> {
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      // Opened and left at once: the file exceljs opened for the sheet is closed with it.
      for await (const _ of next.value) break;
    }
  } catch {
    // The workbook's own failure was met (and reported) while reading its rows, or lies past them.
  }
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

/** Writes the input to the copy, a file readable by this process alone (the workbook holds personal data); gives its size. */
async function spool(input: AsyncIterable<Buffer | string>, copy: FileHandle): Promise<number> {
  let size = 0;
  for await (const chunk of input) size += (await copy.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)).bytesWritten;
  return size;
}

function cellsOf(row: ExcelJS.Row, links: CellLinks): Cell[] {
  // row.values is 1-based, by column number: index 0 is always empty.
  const values = row.values as unknown[];
  const cells: Cell[] = [];
  for (let i = 1; i < values.length; i++) {
    const cell = cellOf(values[i]);
    const target = links.size === 0 ? undefined : links.get(linkKey(row.number, i));
    // A cell that shows nothing stays empty, as in the CSV the sheet would be saved as.
    cells.push(target === undefined || cell.error || cell.text.trim() === '' ? cell : { text: linkedText(cell.text, target) });
  }
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
    // exceljs's shape for a link set on a cell, should its streaming reader give it (it does not: see readSheetPrelude).
    if (typeof v.text === 'string') return { text: typeof v.hyperlink === 'string' ? linkedText(v.text, v.hyperlink) : v.text };
    // A formula (shared or not): what it last computed, as Excel saved it; an error result reads as no number.
    if ('formula' in v || 'sharedFormula' in v) {
      if (typeof v.result === 'number' && Number.isNaN(v.result)) return { text: '', error: 'a formula whose result is an error (#N/A, #REF!…)' };
      const shown = 'result' in v ? cellOf(v.result) : { text: '' };
      const target = hyperlinkFormulaTarget(v.formula);
      return target === undefined ? shown : { text: linkedText(shown.text, target) };
    }
  }
  return { text: String(value) };
}

/**
 * The target of a formula that is a HYPERLINK call, when its first argument is
 * a plain string ("…", a quote in it doubled): one built from other cells
 * ("…"&A2) or read from one is not known until computed, and Excel saves only
 * the text it shows.
 */
function hyperlinkFormulaTarget(formula: unknown): string | undefined {
  if (typeof formula !== 'string') return undefined;
  const literal = /^\s*=?\s*HYPERLINK\(\s*"((?:[^"]|"")*)"\s*[,)]/i.exec(formula)?.[1];
  return literal?.replaceAll('""', '"');
}

/** Text a user reads as a link: a scheme or a host, then a path (`linkedin.com/in/jane`). */
const LINK_TEXT = /^(?:[a-z][a-z0-9+.-]*:\/\/)?[^\s/?#@]+\.[a-z]{2,}(?::\d+)?[/?#]+[^\s/?#]/i;
const ADDRESS_TEXT = /^(?:mailto:)?[^\s@]+@[^\s@]+\.[^\s@]+$/i;
/** Targets that can stand for a profile link or an email address; not a place in the workbook (`#Notes!A1`) or a file. */
const WEB_OR_MAIL_TARGET = /^(?:https?:\/\/[^\s/]|mailto:[^\s?@]+@)/i;

/**
 * What a link cell stands for. The text it shows, when that is a link or an
 * address: it is what the user sees, and mostly the target itself. Otherwise
 * (a word like "Profile", a person's name in an email column) its web or mail
 * target, which is what the column means. A bare domain shown ("LinkedIn.com")
 * counts as a label: read as the link, it would give every such row the same
 * profile.
 */
function linkedText(shown: string, target: string): string {
  const text = shown.trim();
  if (LINK_TEXT.test(text) || ADDRESS_TEXT.test(text) || !WEB_OR_MAIL_TARGET.test(target.trim())) return shown;
  return target.trim();
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
