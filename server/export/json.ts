import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportRecord } from '../schemas/lists.schema.ts';
import { type ExportColumn, pick } from './columns.ts';

/**
 * Streams records to `out` as one JSON array of typed records (numbers as
 * numbers, missing values as null), one record a line, with only the given
 * columns. `out` is ended (or destroyed on error).
 */
export async function writeJson(out: Writable, records: AsyncIterable<ExportRecord>, { columns }: { columns: readonly ExportColumn[] }): Promise<void> {
  async function* text() {
    let first = true;
    yield '[';
    for await (const record of records) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(pick(record, columns))}`;
      first = false;
    }
    yield first ? ']\n' : '\n]\n';
  }
  await pipeline(Readable.from(text()), out);
}
