import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import type { DroppedRow } from '../../server/repositories/lists.repository.ts';
import { listAuditEvents } from '../../server/services/audit.service.ts';
import { dropReason, exportFileName, prepareExport, runExport } from '../../server/services/list-export.service.ts';
import { createTargetList, getTargetList } from '../../server/services/lists.service.ts';
import { clearGraph, testDatabase } from '../support/db.ts';
import { FORMULA_LIKE, TRICKY_NAMES } from '../support/export-records.ts';
import { GraphSpecBuilder } from '../support/graph.ts';
import { CollectingSink } from '../support/sinks.ts';

const NOW = new Date('2026-11-25T09:00:00Z'); // 2026-W48

/** One hub whose people carry every tricky and formula-like name, ranked by distance (the only term that differs). */
async function buildTrickyWorld(db: Database): Promise<string[]> {
  await clearGraph(db);
  const names = [...TRICKY_NAMES, ...FORMULA_LIKE.map(([raw]) => raw)];
  const g = new GraphSpecBuilder().node('Hub', { id: 'hub', name: 'Kraków', catchmentKm: 100 });
  names.forEach((name, i) => {
    const id = `p${String(i).padStart(2, '0')}`;
    g.node('Candidate', { id, name, seniority: 'senior', passive: true, openToWork: false, profileUrl: `https://profiles.example/${id}` }).rel(id, 'BASED_IN', 'hub', {
      distanceKm: i * 5,
    });
  });
  await g.write(db);
  return names;
}

function failingAfter(bytes: number): Writable {
  let seen = 0;
  return new Writable({
    highWaterMark: 64,
    write(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > bytes ? new Error('disk full') : null);
    },
  });
}

describe('list-export.service', () => {
  let db: Database;
  let names: string[];
  let listId: string;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    names = await buildTrickyWorld(db);
    listId = (await createTargetList(db, { kind: 'pool', name: 'Kraków – “tricky” names', hubId: 'hub', filters: {} }, { now: NOW })).id;
  });

  it('runExport to CSV round-trips every tricky name from the graph through csv-parse, formula-like ones neutralised, in rank order', async () => {
    const plan = await prepareExport(db, listId, { format: 'csv', delimiter: 'semicolon', now: NOW });
    const sink = new CollectingSink();
    expect(await runExport(db, plan, sink, { actor: 'tess', now: NOW })).toBe(names.length);
    const rows = parse(sink.buffer, { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    const expected = names.map((name) => FORMULA_LIKE.find(([raw]) => raw === name)?.[1] ?? name);
    expect(rows.map((r) => r.name)).toEqual(expected);
    expect(rows.map((r) => r.hub)).toEqual(names.map(() => 'Kraków'));
    expect(rows.every((r) => r.change === 'new')).toBe(true);
  });

  it('runExport to XLSX round-trips the same names through exceljs, with nothing on the Dropped sheet but its header', async () => {
    const plan = await prepareExport(db, listId, { format: 'xlsx', now: NOW });
    const sink = new CollectingSink();
    await runExport(db, plan, sink, { actor: 'tess', now: NOW });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sink.buffer as unknown as ArrayBuffer);
    const values: unknown[] = [];
    workbook.getWorksheet('List')!.eachRow((row, n) => n > 1 && values.push(row.getCell(5).value));
    const expected = names.map((name) => (FORMULA_LIKE.find(([raw]) => raw === name)?.[1] ?? name).replace(/\r\n?/g, '\n'));
    expect(values).toEqual(expected);
    expect(workbook.getWorksheet('Dropped')!.rowCount).toBe(1);
  });

  it('prepareExport withholds the profile URL from a viewer and names the file after the list and week', async () => {
    const plan = await prepareExport(db, listId, { format: 'json', role: 'viewer', now: NOW });
    expect(plan.fileName).toBe('list-krakow-tricky-names-2026-W48.json');
    const sink = new CollectingSink();
    await runExport(db, plan, sink, { actor: 'viv', now: NOW });
    expect(sink.text).not.toContain('profiles.example');
    const full = new CollectingSink();
    await runExport(db, await prepareExport(db, listId, { format: 'json', now: NOW }), full, { actor: 'tess', now: NOW });
    expect(JSON.parse(full.text)[0].profileUrl).toBe('https://profiles.example/p00');
  });

  it('prepareExport takes the current week on the spot but never invents an earlier one', async () => {
    await expect(prepareExport(db, listId, { format: 'csv', week: '2026-W47', now: NOW })).rejects.toThrow(/no snapshot for 2026-W47 \(it has none yet\)/);
    await prepareExport(db, listId, { format: 'csv', now: NOW });
    expect((await getTargetList(db, listId)).snapshots.map((s) => s.week)).toEqual(['2026-W48']);
    await expect(prepareExport(db, listId, { format: 'csv', week: '2026-W47', now: NOW })).rejects.toThrow(/it has 2026-W48/);
  });

  it('runExport that fails part-way destroys the output, rejects, and is still on the audit trail as incomplete', async () => {
    const plan = await prepareExport(db, listId, { format: 'csv', now: NOW });
    const out = failingAfter(600);
    await expect(runExport(db, plan, out, { actor: 'tess', now: NOW })).rejects.toThrow(/disk full/);
    expect(out.destroyed).toBe(true);
    const [event] = await listAuditEvents(db, { listId });
    expect(event).toMatchObject({ action: 'list.export', actor: 'tess', week: '2026-W48', format: 'csv', complete: false });
  });

  it('exportFileName keeps file names to plain ASCII and falls back to the id', () => {
    expect(exportFileName({ id: 'l1', name: 'Zoë’s "Top" Łódź list' }, '2026-W01', 'csv')).toBe('list-zoe-s-top-odz-list-2026-W01.csv');
    expect(exportFileName({ id: 'l1', name: '日本語' }, '2026-W01', 'xlsx')).toBe('list-l1-2026-W01.xlsx');
    expect(exportFileName({ id: 'l1', name: '../../etc/passwd' }, '2026-W01', 'json')).toBe('list-etc-passwd-2026-W01.json');
  });
});

describe('dropReason', () => {
  const row = (overrides: Partial<DroppedRow>): DroppedRow => ({
    previousRank: 3,
    candidateId: 'c1',
    present: true,
    name: 'Ada',
    profileUrl: null,
    title: 'Engineer',
    employerId: 'e1',
    employerName: 'One',
    sectorName: null,
    hubId: 'h1',
    hubName: 'Oxford',
    segment: 'other',
    seniority: 'senior',
    score: 0.5,
    skillsFit: 1,
    sectorFit: 0,
    seniorityFit: 1,
    distanceFit: 0.5,
    movabilityFit: 0.2,
    previousStage: 'contacted',
    hubIdNow: 'h1',
    hubNameNow: 'Oxford',
    employerIdNow: 'e1',
    employerNameNow: 'One',
    employerNowTarget: false,
    stageNow: 'contacted',
    ...overrides,
  });

  it('dropReason puts erasure first, then a declined stage or leaving the mandate, then a hub move, then an employer change', () => {
    expect(dropReason(row({ present: false, stageNow: 'declined' }), 'search')).toEqual({ reason: 'erased', detail: null });
    expect(dropReason(row({ stageNow: 'off-limits', hubIdNow: 'h2' }), 'search')).toEqual({ reason: 'stage-declined', detail: 'now off-limits' });
    expect(dropReason(row({ stageNow: null }), 'search').reason).toBe('left-pipeline');
    expect(dropReason(row({ hubIdNow: 'h2', hubNameNow: 'Munich', employerIdNow: 'e2' }), 'pool')).toEqual({ reason: 'moved-hub', detail: 'now based in Munich' });
    expect(dropReason(row({ hubIdNow: null, hubNameNow: null }), 'pool').detail).toBe('no longer based in a hub');
    expect(dropReason(row({ employerIdNow: 'e2', employerNameNow: 'RadAI', employerNowTarget: true }), 'pool')).toEqual({ reason: 'joined-target', detail: 'now at RadAI' });
    expect(dropReason(row({ employerIdNow: 'e3', employerNameNow: 'Bank' }), 'pool')).toEqual({ reason: 'changed-employer', detail: 'now at Bank' });
    expect(dropReason(row({}), 'pool')).toEqual({ reason: 'no-longer-matches', detail: null });
  });
});
