import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { listAuditEvents, recordAuditEvent, recordExport } from '../../server/services/audit.service.ts';
import { clearGraph, testDatabase } from '../support/db.ts';

describe('audit.service', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await clearGraph(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('recordAuditEvent stores each of many concurrent events exactly once, with its own details', async () => {
    const at = new Date('2026-11-25T09:00:00Z');
    const ids = await Promise.all(
      Array.from({ length: 60 }, (_, i) => recordAuditEvent(db, { action: 'candidate.view', actor: `viewer-${i % 3}`, at, details: { candidateId: `c-${i}` } })),
    );
    expect(new Set(ids).size).toBe(60);
    for (const i of [0, 31, 59]) {
      const events = await listAuditEvents(db, { candidateId: `c-${i}` });
      expect(events.map((e) => [e.id, e.actor, e.action])).toEqual([[ids[i], `viewer-${i % 3}`, 'candidate.view']]);
    }
    expect(await listAuditEvents(db, { action: 'candidate.view', limit: 1000 })).toHaveLength(60);
  });

  it('recordExport appends one event per export with who, when, list, week, format and rows; the trail reads newest first', async () => {
    const first = await recordExport(db, {
      actor: 'cli:tess',
      at: new Date('2026-11-23T06:00:00Z'),
      listId: 'l1',
      week: '2026-W48',
      format: 'csv',
      rows: 120,
      complete: true,
      role: null,
    });
    const second = await recordExport(db, {
      actor: 'cli:tess',
      at: new Date('2026-11-24T06:00:00Z'),
      listId: 'l1',
      week: '2026-W48',
      format: 'xlsx',
      rows: 120,
      complete: true,
      role: 'viewer',
    });
    expect(first).not.toBe(second);
    const events = await listAuditEvents(db, { listId: 'l1' });
    expect(events.map((e) => e.id)).toEqual([second, first]);
    expect(events[1]).toEqual({
      id: first,
      at: '2026-11-23T06:00:00Z',
      actor: 'cli:tess',
      action: 'list.export',
      listId: 'l1',
      week: '2026-W48',
      format: 'csv',
      rows: 120,
      complete: true,
    });
    expect(events[0]).toMatchObject({ format: 'xlsx', role: 'viewer' });
    expect(await listAuditEvents(db, { listId: 'other' })).toEqual([]);
  });
});
