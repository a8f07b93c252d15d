import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { IDENTITY_FIELDS, REQUIRED_FIELDS, SOURCE_FIELDS } from './row-schema.ts';
import { ImportFileError, MAX_ROW_CHARS, type RowSource, type SourceRow, fieldName, invalidUtf8Issue, isFieldAlias } from './reader.ts';
import { type ReplacementMark, Utf8Stream } from './utf8.ts';

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

const KNOWN = SOURCE_FIELDS;

/**
 * The delimiter of a CSV file, from its first line (outside quotes): `,` or
 * the `;` that European spreadsheet exports use, or a tab.
 */
export function sniffDelimiter(head: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/**
 * The delimiter a first line `sep=;` names: Excel writes it (and reads it)
 * above the header when a file's delimiter is not the one its locale uses.
 * A character other than `,`, `;` or a tab is refused rather than guessed past.
 */
function sepHint(head: string): CsvDelimiter | undefined {
  const named = /^\uFEFF?"?sep=([^\r\n"])"?\r?\n/i.exec(head)?.[1];
  if (named === undefined) return undefined;
  if (!(CSV_DELIMITERS as readonly string[]).includes(named)) {
    throw new ImportFileError(`The first line "sep=${named}" names the delimiter "${named}"; a CSV import is ",", ";" or tab-delimited: save it with one of those.`);
  }
  return named as CsvDelimiter;
}

/**
 * Rows of a CSV byte stream, read with csv-parse: quoted fields with commas,
 * quotes and newlines, CRLF, a UTF-8 BOM. The header (row 1) must name the
 * required columns; a row's number is the one a spreadsheet shows.
 */
export function readCsv(input: AsyncIterable<Buffer | string>, options: { delimiter?: CsvDelimiter; defaulted?: ReadonlySet<string> } = {}): RowSource {
  const utf8 = new Utf8Stream();
  const ignoredFields = new Set<string>();
  let stopped: RowSource['stopped'];

  async function* rows(): AsyncGenerator<SourceRow> {
    const chunks = decode(input, utf8)[Symbol.asyncIterator]();
    let head = '';
    while (!/[\r\n]/.test(head) && head.length < 64 * 1024) {
      const next = await chunks.next();
      if (next.done) break;
      head += next.value;
    }
    if (head.trim() === '') throw new ImportFileError('The file is empty.');
    const hint = sepHint(head);
    const delimiter = options.delimiter ?? hint ?? sniffDelimiter(head);
    const parser = parse({
      delimiter,
      // Excel hides its "sep=" line and shows the header as row 1: the record numbers below start after it.
      ...(hint && { from_line: 2 }),
      relax_column_count: true,
      max_record_size: MAX_ROW_CHARS,
      info: true,
      skip_empty_lines: false,
      // A malformed row is reported through 'skip' (below) instead of failing the stream, which would drop the rows read before it.
      skip_records_with_error: true,
    });
    const skipped: CsvError[] = [];
    parser.on('skip', (error: CsvError) => skipped.push(error));
    const source = Readable.from(
      (async function* () {
        yield head;
        for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
      })(),
    );
    source.on('error', (error) => parser.destroy(error));
    source.pipe(parser);

    let header: string[] | undefined;
    let candidates = 0;
    // A row csv-parse could not read, reported in row order among the good ones. Its quoting is broken,
    // so where the next row starts is a guess: reading stops there.
    const reportSkipped = function* (before: number): Generator<SourceRow, boolean> {
      const error = skipped[0];
      if (!error || skippedRow(error) >= before) return false;
      const row = skippedRow(error);
      if (!header) throw new ImportFileError(`The header (row 1) cannot be read: ${describeCsvError(error)}.`);
      const column = header[(error as CsvError & { index?: number }).index ?? -1] || '(row)';
      const reason = `${describeCsvError(error)}; reading stopped here (the rows before it were read)`;
      stopped = { row, reason };
      candidates++;
      yield { row, fields: {}, problem: { field: column, reason } };
      return true;
    };
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number; bytes: number } }>) {
        if (yield* reportSkipped(info.records)) return;
        // csv-parse counts the bytes of the decoded text, up to the end of this record.
        const marks = utf8.takeMarks({ byte: info.bytes });
        if (!header) {
          const invalid = invalidIn(marks);
          if (invalid.length > 0) {
            throw new ImportFileError(`The header (row 1) is not valid UTF-8 (byte offset ${invalid[0]}); save the file as UTF-8, or name its encoding.`);
          }
          header = checkHeader(record, delimiter, options.defaulted);
          for (const name of header) if (name !== '' && !KNOWN.has(name)) ignoredFields.add(name);
          continue;
        }
        if (record.every((v) => v.trim() === '')) continue;
        candidates++;
        yield toRow(header, record, info.records, delimiter, marks);
      }
      yield* reportSkipped(Number.POSITIVE_INFINITY);
      if (!header) throw new ImportFileError('The file is empty.');
      // An export of an empty list: refused as an empty file is, so a wrong file is noticed rather than "imported".
      if (candidates === 0) throw new ImportFileError('The file holds no candidate rows: there is nothing under its header (row 1).');
    } finally {
      source.destroy();
      parser.destroy();
      // Closes the input too when reading ends early (a broken row, a failed write): the wrapper above does not.
      chunks.return?.(undefined).catch(() => {});
    }
  }

  return {
    rows: rows(),
    ignoredFields,
    get stopped() {
      return stopped;
    },
  };
}

async function* decode(input: AsyncIterable<Buffer | string>, utf8: Utf8Stream): AsyncGenerator<string> {
  for await (const chunk of input) {
    const text = utf8.decode(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (text !== '') yield text;
  }
  const rest = utf8.end();
  if (rest !== '') yield rest;
}

/**
 * The header's field names, checked: the required columns are there, none twice.
 * `delimiter` joins the columns a message shows; `defaulted`: required columns the
 * installation gives a default for, which a file may leave out.
 */
export function checkHeader(record: string[], delimiter: string, defaulted: ReadonlySet<string> = new Set()): string[] {
  const named = record.map(fieldName);
  // A column named as the field itself ("Email") wins over one naming it otherwise ("E-mail Address"), which is then ignored.
  const header = named.map((h, i) => (isFieldAlias(record[i]!) && named.some((o, j) => o === h && !isFieldAlias(record[j]!)) ? record[i]!.trim() : h));
  const present = new Set(header);
  if (header.every((h) => h === '')) throw new ImportFileError('The header (row 1) is empty.');
  // First and last name columns give the name.
  if (present.has('first_name') || present.has('last_name')) present.add('name');
  const missing: string[] = REQUIRED_FIELDS.filter((f) => !present.has(f) && !defaulted.has(f));
  if (!IDENTITY_FIELDS.some((f) => present.has(f))) missing.push(IDENTITY_FIELDS.join(' or '));
  if (missing.length > 0) {
    const shown = header.slice(0, 12).join(delimiter === '\t' ? ', ' : delimiter);
    throw new ImportFileError(`The header (row 1) lacks the required column(s) ${missing.join(', ')}; it has: ${shown.slice(0, 300)}`, {
      missing,
      found: header.slice(0, 50),
    });
  }
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    const first = seen.get(h);
    if (h !== '' && first !== undefined) {
      const [a, b] = [record[first]!.trim(), record[i]!.trim()];
      throw new ImportFileError(
        a === b ? `The header (row 1) names the column "${h}" twice.` : `The header (row 1) has two columns for "${h}": "${a}" and "${b}"; keep one, or rename the other.`,
      );
    }
    seen.set(h, i);
  });
  return header;
}

/**
 * `marks`: the U+FFFD of the record's text, in order. A row's values hold its
 * characters in the order of its text, so the n-th U+FFFD of its values is
 * the n-th mark: the value holding the first invalid bytes is found among
 * U+FFFD characters the file holds as text.
 */
function toRow(header: string[], record: string[], row: number, delimiter: string, marks: ReplacementMark[]): SourceRow {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) if (KNOWN.has(header[i]!)) fields[header[i]!] = record[i] ?? '';

  const offsets = invalidIn(marks);
  if (offsets.length > 0) {
    const at = columnOf(record, marks);
    return { row, fields, problem: invalidUtf8Issue(header[at] || `column ${at + 1}`, offsets) };
  }
  const extra = record.slice(header.length);
  if (record.length < header.length || extra.some((v) => v.trim() !== '')) {
    const shown = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
    return {
      row,
      fields,
      problem: {
        field: '(row)',
        reason: `has ${record.length} fields but the header has ${header.length} (an unquoted ${shown} in a value, or a missing one?)`,
      },
    };
  }
  return { row, fields };
}

function invalidIn(marks: ReplacementMark[]): number[] {
  return marks.flatMap((m) => (m.invalidAt === undefined ? [] : [m.invalidAt]));
}

/** The index of the value holding the first mark of invalid bytes. */
function columnOf(record: string[], marks: ReplacementMark[]): number {
  let seen = 0;
  for (let i = 0; i < record.length; i++) {
    const value = record[i]!;
    for (let c = value.indexOf('\uFFFD'); c >= 0; c = value.indexOf('\uFFFD', c + 1)) {
      if (marks[seen++]?.invalidAt !== undefined) return i;
    }
  }
  return record.findIndex((v) => v.includes('\uFFFD'));
}

/** The row a skipped record would have had (records before it, plus one). */
function skippedRow(error: CsvError): number {
  return (error as CsvError & { records: number }).records + 1;
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'CSV_MAX_RECORD_SIZE':
      return `is longer than ${MAX_ROW_CHARS / (1024 * 1024)} MiB (an unclosed quote, or not a candidate row)`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'opens a quote that is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'has text right after a closing quote (write a quote inside a quoted value as "")';
    default:
      return error.message.replace(/\s+at line \d+.*$/, '');
  }
}
