import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { ExportRecord } from '../schemas/lists.schema.ts';
import type { ExportColumn } from './columns.ts';
import { neutraliseCell } from './safe-cell.ts';

export interface CsvOptions {
  columns: readonly ExportColumn[];
  /** `,` by default; `;` for Excel where the decimal mark is a comma. */
  delimiter?: string;
}

/**
 * Streams records to `out` as CSV: UTF-8 with a byte-order mark (without it
 * Excel reads the file as ANSI and garbles diacritics), a header row, CRLF
 * line ends, fields quoted only when they hold the delimiter, a quote or a
 * line break, and formula-like text neutralised. Back-pressure is respected
 * end to end; `out` is ended (or destroyed on error).
 */
export async function writeCsv(out: Writable, records: AsyncIterable<ExportRecord>, { columns, delimiter = ',' }: CsvOptions): Promise<void> {
  const stringifier = stringify({
    bom: true,
    delimiter,
    header: true,
    record_delimiter: 'windows',
    columns: columns.map((c) => ({ key: c.key, header: c.header })),
    cast: {
      string: (value) => neutraliseCell(value),
      number: (value) => String(value),
      boolean: (value) => (value ? 'true' : 'false'),
    },
  });
  await pipeline(Readable.from(records), stringifier, out);
}
