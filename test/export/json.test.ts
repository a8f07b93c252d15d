import { describe, expect, it } from 'vitest';
import { columnsFor } from '../../server/export/columns.ts';
import { writeJson } from '../../server/export/json.ts';
import { ExportRecordSchema } from '../../server/schemas/lists.schema.ts';
import { iterate, record, trickyRecords } from '../support/export-records.ts';
import { CollectingSink } from '../support/sinks.ts';

describe('writeJson', () => {
  it('writeJson writes one array of typed records that parses back equal, tricky text untouched', async () => {
    const records = trickyRecords();
    const sink = new CollectingSink();
    await writeJson(sink, iterate(records), { columns: columnsFor() });
    const parsed = JSON.parse(sink.text) as unknown[];
    expect(parsed).toEqual(records);
    for (const item of parsed) expect(ExportRecordSchema.safeParse(item).success).toBe(true);
  });

  it('writeJson writes an empty list as [] and leaves out withheld columns', async () => {
    const empty = new CollectingSink();
    await writeJson(empty, iterate([]), { columns: columnsFor() });
    expect(JSON.parse(empty.text)).toEqual([]);
    const viewer = new CollectingSink();
    await writeJson(viewer, iterate([record({})]), { columns: columnsFor('viewer') });
    expect(JSON.parse(viewer.text)[0]).not.toHaveProperty('profileUrl');
  });
});
