import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, columnsFor, pick } from '../../server/export/columns.ts';
import { ExportRecordSchema } from '../../server/schemas/lists.schema.ts';
import { record } from '../support/export-records.ts';

describe('columnsFor', () => {
  it('columnsFor gives every column without a role, and to sourcers and admins', () => {
    expect(columnsFor()).toEqual(EXPORT_COLUMNS);
    expect(columnsFor('sourcer')).toEqual(EXPORT_COLUMNS);
    expect(columnsFor('admin')).toEqual(EXPORT_COLUMNS);
  });

  it('columnsFor withholds the contact columns from viewers', () => {
    const keys = columnsFor('viewer').map((c) => c.key);
    expect(keys).not.toContain('profileUrl');
    expect(keys).toContain('name');
    expect(keys.length).toBe(EXPORT_COLUMNS.length - EXPORT_COLUMNS.filter((c) => c.contact).length);
  });

  it('EXPORT_COLUMNS covers every field of an export record once, and pick keeps only the given ones', () => {
    const keys = EXPORT_COLUMNS.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(Object.keys(ExportRecordSchema.shape).sort());
    expect(Object.keys(pick(record({}), columnsFor('viewer')))).toEqual(columnsFor('viewer').map((c) => c.key));
  });
});
