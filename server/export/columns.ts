import { ROLES, type Role } from '../auth/roles.ts';
import type { ExportRecord } from '../schemas/lists.schema.ts';

/**
 * The exported columns, in order: what the on-screen pool shows, plus the
 * week's change flag. Contact columns are marked so a role that may not see
 * contact details gets the file without them.
 */

export { ROLES, type Role };

export interface ExportColumn {
  key: keyof ExportRecord;
  header: string;
  /** Character width in the XLSX sheet. */
  width: number;
  kind: 'text' | 'integer' | 'decimal';
  /** A way to reach the person: withheld from roles that may not see contact details. */
  contact?: boolean;
}

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'change', header: 'change', width: 9, kind: 'text' },
  { key: 'rank', header: 'rank', width: 7, kind: 'integer' },
  { key: 'previousRank', header: 'previous rank', width: 9, kind: 'integer' },
  { key: 'id', header: 'id', width: 14, kind: 'text' },
  { key: 'name', header: 'name', width: 28, kind: 'text' },
  { key: 'title', header: 'current title', width: 28, kind: 'text' },
  { key: 'employer', header: 'employer', width: 26, kind: 'text' },
  { key: 'sector', header: 'sector', width: 22, kind: 'text' },
  { key: 'hub', header: 'hub', width: 14, kind: 'text' },
  { key: 'segment', header: 'segment', width: 18, kind: 'text' },
  { key: 'seniority', header: 'seniority', width: 10, kind: 'text' },
  { key: 'score', header: 'score', width: 8, kind: 'decimal' },
  { key: 'skillsFit', header: 'skills fit', width: 9, kind: 'decimal' },
  { key: 'sectorFit', header: 'sector fit', width: 9, kind: 'decimal' },
  { key: 'seniorityFit', header: 'seniority fit', width: 9, kind: 'decimal' },
  { key: 'distanceFit', header: 'distance fit', width: 9, kind: 'decimal' },
  { key: 'movabilityFit', header: 'movability fit', width: 9, kind: 'decimal' },
  { key: 'stage', header: 'stage', width: 12, kind: 'text' },
  { key: 'previousStage', header: 'previous stage', width: 12, kind: 'text' },
  { key: 'dropReason', header: 'drop reason', width: 18, kind: 'text' },
  { key: 'dropDetail', header: 'drop detail', width: 30, kind: 'text' },
  { key: 'profileUrl', header: 'profile URL', width: 40, kind: 'text', contact: true },
];

/** The columns a role may receive; without a role, every column. */
export function columnsFor(role?: Role): readonly ExportColumn[] {
  if (role === undefined || role === 'sourcer' || role === 'admin') return EXPORT_COLUMNS;
  return EXPORT_COLUMNS.filter((column) => !column.contact);
}

/** The record with only the given columns, in column order. */
export function pick(record: ExportRecord, columns: readonly ExportColumn[]): Partial<ExportRecord> {
  const out: Record<string, unknown> = {};
  for (const column of columns) out[column.key] = record[column.key];
  return out as Partial<ExportRecord>;
}
