import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ImportFileError } from './reader.ts';
import { ArchiveError, type WorkbookArchive, relsPartOf, resolvePart } from './xlsx-archive.ts';
import { type Relationship, readRelationships } from './xlsx-links.ts';
import { spreadsheetXml } from './xlsx-xml.ts';

/**
 * A workbook's parts read in the order their meaning needs: the workbook (its
 * sheets, in tab order), its shared texts and its styles, then one sheet's
 * rows. exceljs parses each part; this module chooses which part, and when.
 *
 * Why not exceljs's own streaming pass: it meets the parts in the order they
 * lie in the file, and Excel and exceljs write the workbook's own part after
 * the sheets. Its pass then now and then reads a sheet before it knows the
 * workbook ("Cannot read properties of undefined (reading 'sheets')", or
 * shared texts left unresolved), more often on a busy machine: exceljs issue
 * 3064, open upstream. Reading through the archive's listing leaves no such
 * race, and no sheet is copied aside to a temporary file on the way.
 */

/**
 * exceljs 4.4's streaming WorkbookReader, as far as this module drives it: the
 * part parsers its typings leave out. Internal, so package.json pins exceljs
 * to 4.4.0; test/import/xlsx-book.test.ts reads through each of them.
 */
interface ReaderParts {
  // Each part is handed over as text (see spreadsheetXml).
  _parseWorkbook(stream: Readable): Promise<void>;
  /** With `sharedStrings: 'emit'`: each text as it is read. */
  _parseSharedStrings(stream: Readable): AsyncGenerator<{ index: number; text: unknown }>;
  _parseStyles(stream: Readable): Promise<void>;
  _parseWorksheet(rows: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
  model?: { sheets?: Array<{ name?: string; rId?: string; state?: string }> };
  /** The texts the sheet's cells refer to by number; read by exceljs's sheet reader. */
  sharedStrings?: unknown[];
}

/** Limits on the parts read whole (each is small in any real workbook): larger ones are refused before they are read. */
const MAX_RELS_BYTES = 8 * 1024 * 1024;
const MAX_WORKBOOK_PART_BYTES = 32 * 1024 * 1024;
const MAX_STYLES_BYTES = 64 * 1024 * 1024;

/** Where a package keeps its main part, and the workbook its others, when its relationships do not say. */
const DEFAULT_BOOK = 'xl/workbook.xml';
const DEFAULT_SHARED_STRINGS = 'xl/sharedStrings.xml';
const DEFAULT_STYLES = 'xl/styles.xml';

/** A relationship's type by its last word: transitional and strict OOXML name them under different roots. */
const ofType = (rel: Relationship, type: string) => rel.type.endsWith(`/${type}`);

export interface OpenBook {
  /** The sheet read: the first the workbook shows in its tab order (a hidden one only when all are). */
  sheet: { part: string; name: string } | undefined;
  /** The sheet's rows as exceljs gives them, values resolved against the book's texts and styles. */
  rows(): Promise<{ rows: AsyncIterable<ExcelJS.Row>; stream: Readable }>;
}

/**
 * Reads the workbook's own parts: its sheets, its shared texts (refused past
 * `maxTextChars` characters, as they are read: the table is held while the
 * sheet is) and its styles (a date is a number with a date format).
 */
export async function openBook(archive: WorkbookArchive, maxTextChars: number): Promise<OpenBook> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    // The input exceljs would stream from: never read, as the parts are handed to it here.
    undefined as unknown as string,
    { worksheets: 'emit', sharedStrings: 'emit', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' },
  ) as unknown as ReaderParts;

  const rootRels = await relationshipsOf(archive, '');
  const bookPart = partOf(rootRels, 'officeDocument', '') ?? DEFAULT_BOOK;
  const bookRels = await relationshipsOf(archive, bookPart);
  const book = await archive.open(bookPart, MAX_WORKBOOK_PART_BYTES);
  if (!book) throw new ArchiveError(`it holds no workbook part (${bookPart})`);
  await reader._parseWorkbook(spreadsheetXml(book));

  reader.sharedStrings = [];
  const textsPart = await archive.open(partOf(bookRels, 'sharedStrings', bookPart) ?? DEFAULT_SHARED_STRINGS);
  if (textsPart) {
    const texts = spreadsheetXml(textsPart);
    let chars = 0;
    for await (const { text } of reader._parseSharedStrings(texts)) {
      chars += textLength(text);
      if (chars > maxTextChars) {
        texts.destroy();
        throw new ImportFileError(
          `The workbook holds more than ${maxTextChars.toLocaleString('en')} characters of text, more than an import reads from a workbook; save the sheet as "CSV UTF-8" and import that (CSV is read row by row).`,
        );
      }
      reader.sharedStrings.push(text);
    }
  }
  const styles = await archive.open(partOf(bookRels, 'styles', bookPart) ?? DEFAULT_STYLES, MAX_STYLES_BYTES);
  if (styles) await reader._parseStyles(spreadsheetXml(styles));

  const sheets = (reader.model?.sheets ?? []).flatMap((s) => {
    const rel = bookRels.find((r) => r.id === s.rId && ofType(r, 'worksheet') && !r.external);
    const part = rel && resolvePart(bookPart, rel.target);
    return part && archive.has(part) ? [{ part, name: s.name ?? '', hidden: s.state === 'hidden' || s.state === 'veryHidden' }] : [];
  });
  const first = sheets.find((s) => !s.hidden) ?? sheets[0];
  return {
    sheet: first && { part: first.part, name: first.name },
    async rows() {
      const stream = spreadsheetXml((await archive.open(first!.part))!);
      const emitted = reader._parseWorksheet(stream, '1').next();
      if (emitted.done) throw new Error('exceljs emitted no worksheet');
      return { rows: emitted.value.value, stream };
    },
  };
}

/** The relationships of a part ('' for the package), none when it has no relationships part. */
async function relationshipsOf(archive: WorkbookArchive, part: string): Promise<Relationship[]> {
  const stream = await archive.open(relsPartOf(part), MAX_RELS_BYTES);
  return stream ? readRelationships(stream) : [];
}

/** The part the first relationship of the type names, resolved from the part that holds it. */
function partOf(rels: Relationship[], type: string, from: string): string | undefined {
  const rel = rels.find((r) => ofType(r, type) && !r.external);
  return rel && resolvePart(from, rel.target);
}

function textLength(text: unknown): number {
  if (typeof text === 'string') return text.length;
  const runs = (text as { richText?: Array<{ text?: unknown }> } | null)?.richText;
  return Array.isArray(runs) ? runs.reduce((n, r) => n + (typeof r.text === 'string' ? r.text.length : 0), 0) : 0;
}
