import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { checkHeader } from './csv-reader.ts';
import { SOURCE_FIELDS } from './row-schema.ts';
import { ImportFileError, MAX_ROW_CHARS, type RowSource, type SourceRow, errorSummary } from './reader.ts';
import { WorkbookArchive } from './xlsx-archive.ts';
import { type OpenBook, openBook } from './xlsx-book.ts';
import { type CellLinks, linkKey, readSheetPrelude } from './xlsx-links.ts';

const KNOWN = SOURCE_FIELDS;
const NO_LINKS: CellLinks = new Map();

/** The start of the name of the folder a workbook's copy is made in (in the system's temporary folder), and taken from at once. */
export const XLSX_TEMP_PREFIX = 'atlas-xlsx-';

/**
 * The most text a workbook's shared-strings table may hold, in characters. The
 * table is held in memory while the sheet is read (about 19 million characters
 * for 100,000 candidates); a file built to inflate far past its size is refused
 * as the table is read, before any row.
 */
export const MAX_WORKBOOK_TEXT_CHARS = 128 * 1024 * 1024;

/**
 * Rows of an Excel workbook (.xlsx): its first sheet (the first tab it shows),
 * its row 1 the header, as a CSV export of that sheet would give them. Each
 * cell becomes the text the CSV format expects: a date cell its day
 * (2021-03-01), a number or yes/no cell its value, a formula its result, rich
 * text its plain text. A link, set on a cell (Insert > Link) or a
 * HYPERLINK("url", "text") formula, gives its web or mail target when the text
 * it shows is no link itself (see `linkedText`). A row's number is the one the
 * sheet shows.
 *
 * A workbook is read through the listing at its end, so the input is copied
 * to a temporary file first, and its parts are read from there in the order
 * their meaning needs (see openBook): the workbook, its shared texts (xlsx
 * keeps each distinct text once, in one table, held while the sheet is read),
 * the links set on the sheet's cells (kept after its rows, see
 * readSheetPrelude), then the sheet's rows, streamed.
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
    let archive: WorkbookArchive | undefined;
    try {
      // The input's own failure (a body over the size limit, a file that is no workbook) is passed on as it is.
      const size = await spool(input, copy);
      let book: OpenBook;
      try {
        archive = await WorkbookArchive.open(copy.fd, size);
        book = await openBook(archive, options.maxTextChars ?? MAX_WORKBOOK_TEXT_CHARS);
      } catch (error) {
        // The text limit's refusal, and a failure to read the copy (the server's, not the workbook's), are passed on as they are.
        if (error instanceof ImportFileError || isSystemError(error)) throw error;
        throw unreadable(error);
      }
      if (!book.sheet) throw new ImportFileError('The file holds no worksheet: check that it is an .xlsx workbook.');
      const { links, lastRow } = await readSheetPrelude(archive, book.sheet.part);
      // Row 1 is the header.
      if (lastRow !== undefined) expectedRows = Math.max(0, lastRow - 1);
      yield* readSheet(book, links);
    } finally {
      archive?.close();
      await copy.close();
    }
  }

  async function* readSheet(book: OpenBook, links: CellLinks): AsyncGenerator<SourceRow> {
    let header: string[] | undefined;
    let lastRow = 1;
    let candidates = 0;
    let stream: Readable | undefined;
    try {
      const sheet = await book.rows();
      stream = sheet.stream;
      for await (const row of sheet.rows) {
        // A header cell's link is no column name.
        const cells = cellsOf(row, header ? links : NO_LINKS);
        if (!header) {
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
        candidates++;
        yield toRow(header, cells, row.number);
      }
    } catch (error) {
      if (error instanceof ImportFileError || isSystemError(error)) throw error;
      if (!header) throw unreadable(error);
      // Damaged inside its rows: those before are read, as with a cut-off CSV or JSON file.
      const reason = `the workbook cannot be read past here (${errorSummary(error)}); reading stopped (the rows before it were read)`;
      stopped = { row: lastRow + 1, reason };
      yield { row: lastRow + 1, fields: {}, problem: { field: '(row)', reason } };
      return;
    } finally {
      stream?.destroy();
    }
    if (!header) throw new ImportFileError("The workbook's first sheet is empty, or its row 1 (the header) is.");
    // As for a CSV file: a sheet with a header and no rows is refused, so a wrong sheet is noticed rather than "imported".
    if (candidates === 0) throw new ImportFileError("The workbook's first sheet holds no candidate rows: there is nothing under its header (row 1).");
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

function unreadable(error: unknown): ImportFileError {
  return new ImportFileError(`The workbook cannot be read (${errorSummary(error)}); check that it is an .xlsx file, or save the sheet as "CSV UTF-8" and import that.`);
}

/** A failure of this machine (reading the copy), not of the workbook: an errno code such as EIO or EBADF. */
function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
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
    let value = values[i];
    // row.values drops a formula's falsy result: 0, FALSE (read as 0) and the NaN an error result (#N/A) is read as; the cell's model keeps it.
    // (A shared formula's other cells come as text holding their result, which is kept.)
    if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value) && !('result' in value)) {
      value = { ...value, result: row.getCell(i).model.result };
    }
    const cell = cellOf(value);
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
