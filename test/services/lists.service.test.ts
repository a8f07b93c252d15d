import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../../server/errors.ts';
import { countByLabelAndType } from '../../server/repositories/health.repository.ts';
import { PoolQuerySchema } from '../../server/schemas/pool.schema.ts';
import type { ExportRecord } from '../../server/schemas/lists.schema.ts';
import { rankPool } from '../../server/services/hubs.service.ts';
import { droppedRecords, listedRecords, prepareExport } from '../../server/services/list-export.service.ts';
import {
  createTargetList,
  getTargetList,
  listTargetLists,
  snapshotAllLists,
  takeSnapshot,
} from '../../server/services/lists.service.ts';
import { moveCandidate, openSearch } from '../../server/services/searches.service.ts';
import { defineQueries } from '../../server/db/cypher.ts';
import { testDatabase } from '../support/db.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { candidate, employer, graphEdits, hub } from '../support/graph-edits.ts';

const q = defineQueries('segments-derive-all');

/** Thursday of 2026-W02; TODAY is the Thursday of 2026-W03. */
const LAST_WEEK = new Date('2026-01-08T12:00:00Z');

async function collect(records: AsyncIterable<ExportRecord>): Promise<ExportRecord[]> {
  const out: ExportRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}

async function exported(db: Database, listId: string, week: string, now = TODAY) {
  const plan = await prepareExport(db, listId, { format: 'json', week, now });
  return { plan, listed: await collect(listedRecords(db, plan)), dropped: await collect(droppedRecords(db, plan)) };
}

describe('lists.service', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await buildExplorerWorld(db);
  });

  it('createTargetList saves a pool list with its hub, filters and profile, and a mandate list linked to its search', async () => {
    const pool = await createTargetList(
      db,
      { kind: 'pool', name: 'Oxford seniors', hubId: 'oxford', filters: { seniority: ['senior'], allSkills: ['seg'] }, profile: 'reachable' },
      { now: TODAY, actor: 'tess' },
    );
    expect(pool).toMatchObject({
      kind: 'pool',
      name: 'Oxford seniors',
      hub: { id: 'oxford', name: 'Oxford' },
      filters: { seniority: ['senior'], allSkills: ['seg'] },
      profile: 'reachable',
      createdBy: 'tess',
      problem: null,
      snapshots: [],
    });
    const search = await openSearch(db, { title: 'Lead CV', client: 'Acme', hubs: ['oxford'], requiredSkills: [], seniority: [], sectors: [], targetEmployers: [], targetDays: 60 }, TODAY);
    const mandate = await createTargetList(db, { kind: 'search', name: 'Acme weekly', searchId: search.id }, { now: TODAY });
    expect(mandate).toMatchObject({ kind: 'search', search: { id: search.id, title: 'Lead CV' }, hub: null });
    expect((await listTargetLists(db)).items.map((l) => l.id).sort()).toEqual([pool.id, mandate.id].sort());
  });

  it('createTargetList refuses an unknown hub, skill or search, naming the field', async () => {
    await expect(createTargetList(db, { kind: 'pool', name: 'x', hubId: 'atlantis', filters: {} }, { now: TODAY })).rejects.toThrow(
      /body\.hubId.*atlantis/,
    );
    await expect(
      createTargetList(db, { kind: 'pool', name: 'x', hubId: 'oxford', filters: { anySkills: ['telepathy'] } }, { now: TODAY }),
    ).rejects.toThrow(/body\.filters\.anySkills.*telepathy/);
    await expect(createTargetList(db, { kind: 'search', name: 'x', searchId: 'nope' }, { now: TODAY })).rejects.toThrow(BadRequestError);
  });

  it('takeSnapshot records a week once: taking the same week again changes nothing', async () => {
    const list = await createTargetList(db, { kind: 'pool', name: 'Oxford', hubId: 'oxford', filters: {} }, { now: TODAY });
    const first = await takeSnapshot(db, list.id, { week: '2026-W03', now: TODAY });
    expect(first).toMatchObject({ week: '2026-W03', rows: 5, created: true });
    const before = await countByLabelAndType(db);
    const again = await takeSnapshot(db, list.id, { week: '2026-W03', now: TODAY });
    expect(again).toMatchObject({ week: '2026-W03', rows: 5, created: false, takenAt: first.takenAt });
    expect(await countByLabelAndType(db)).toEqual(before);
    expect(before.nodes.ListRow).toBe(5);
    expect(before.nodes.Snapshot).toBe(1);
    expect((await getTargetList(db, list.id)).snapshots).toEqual([{ week: '2026-W03', takenAt: first.takenAt, rows: 5 }]);
  });

  it('takeSnapshot run twice at once for the same week records it once', async () => {
    const list = await createTargetList(db, { kind: 'pool', name: 'Oxford', hubId: 'oxford', filters: {} }, { now: TODAY });
    const results = await Promise.all([takeSnapshot(db, list.id, { now: TODAY }), takeSnapshot(db, list.id, { now: TODAY })]);
    expect(results.map((r) => r.rows)).toEqual([5, 5]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const counts = await countByLabelAndType(db);
    expect(counts.nodes.Snapshot).toBe(1);
    expect(counts.nodes.ListRow).toBe(5);
    expect((await getTargetList(db, list.id)).snapshots).toHaveLength(1);
  });

  it('takeSnapshot with replace retakes the week in place of the old one, leaving no trace of it', async () => {
    const list = await createTargetList(db, { kind: 'pool', name: 'Oxford', hubId: 'oxford', filters: {} }, { now: TODAY });
    await takeSnapshot(db, list.id, { week: '2026-W03', now: TODAY });
    await graphEdits.deleteNode(db, candidate('c5'));
    const retaken = await takeSnapshot(db, list.id, { week: '2026-W03', replace: true, now: TODAY });
    expect(retaken).toMatchObject({ rows: 4, created: true });
    const counts = await countByLabelAndType(db);
    expect(counts.nodes.Snapshot).toBe(1);
    expect(counts.nodes.ListRow).toBe(4);
  });

  it('a pool list’s snapshot holds exactly the rows of GET /api/hubs/:hubId/pool for the same filters, in the same order', async () => {
    const filters = { anySkills: ['seg', 'pytorch'] };
    const list = await createTargetList(db, { kind: 'pool', name: 'Oxford area CV', hubId: 'oxford', filters, radiusKm: 200, profile: 'skills-first' }, { now: TODAY });
    await takeSnapshot(db, list.id, { now: TODAY });
    const { listed } = await exported(db, list.id, '2026-W03');
    const pool = await rankPool(
      db,
      'oxford',
      PoolQuerySchema.parse({ anySkills: 'seg,pytorch', radiusKm: '200', profile: 'skills-first', limit: '500' }),
      { now: TODAY },
    );
    expect(listed.length).toBe(pool.total);
    expect(listed.length).toBe(5);
    expect(listed.map((r) => r.id)).toEqual(pool.items.map((c) => c.id));
    listed.forEach((row, i) => {
      const c = pool.items[i]!;
      expect(row).toMatchObject({
        rank: i + 1,
        name: c.name,
        title: c.currentRole?.title ?? null,
        employer: c.currentRole?.employerName ?? null,
        sector: c.score.terms.sector.sectorName,
        segment: c.segment,
        seniority: c.seniority,
        score: c.score.total,
        skillsFit: c.score.terms.skills.value,
        sectorFit: c.score.terms.sector.value,
        seniorityFit: c.score.terms.seniority.value,
        distanceFit: c.score.terms.distance.value,
        movabilityFit: c.score.terms.movability.value,
      });
    });
  });

  it('the week’s diff on a mandate list marks one new, one moved (with its previous rank and stage), one kept and one dropped', async () => {
    const search = await openSearch(db, { title: 'Senior CV', client: 'Acme', hubs: [], requiredSkills: [], seniority: [], sectors: [], targetEmployers: [], targetDays: 60 }, LAST_WEEK);
    const list = await createTargetList(db, { kind: 'search', name: 'Acme', searchId: search.id }, { now: LAST_WEEK });
    await moveCandidate(db, search.id, 'c1', { stage: 'identified' }, LAST_WEEK);
    await moveCandidate(db, search.id, 'c2', { stage: 'contacted' }, LAST_WEEK);
    await moveCandidate(db, search.id, 'c3', { stage: 'screening' }, LAST_WEEK);
    await takeSnapshot(db, list.id, { now: LAST_WEEK });

    await moveCandidate(db, search.id, 'c1', { stage: 'replied' }, TODAY);
    await moveCandidate(db, search.id, 'c2', { stage: 'declined' }, TODAY);
    await moveCandidate(db, search.id, 'c4', { stage: 'identified' }, TODAY);
    await takeSnapshot(db, list.id, { now: TODAY });

    const { plan, listed, dropped } = await exported(db, list.id, '2026-W03');
    expect(plan.previousWeek).toBe('2026-W02');
    expect(listed.map((r) => [r.id, r.change, r.rank, r.previousRank, r.stage, r.previousStage])).toEqual([
      ['c3', 'kept', 1, 1, 'screening', 'screening'],
      ['c1', 'moved', 2, 3, 'replied', 'identified'],
      ['c4', 'new', 3, null, 'identified', null],
    ]);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({
      change: 'dropped',
      id: 'c2',
      name: 'Ben',
      rank: null,
      previousRank: 2,
      previousStage: 'contacted',
      stage: 'declined',
      dropReason: 'stage-declined',
      dropDetail: 'now declined',
    });
    // The first week has nothing to compare with: everyone is new.
    const first = await exported(db, list.id, '2026-W02', TODAY);
    expect(first.listed.map((r) => r.change)).toEqual(['new', 'new', 'new']);
    expect(first.dropped).toEqual([]);
  });

  it('dropped rows on a pool list say why: erased (with nothing left of the person), moved hub, joined a target employer', async () => {
    const all = await createTargetList(db, { kind: 'pool', name: 'Oxford', hubId: 'oxford', filters: {} }, { now: LAST_WEEK });
    const adjacent = await createTargetList(db, { kind: 'pool', name: 'Oxford adjacent', hubId: 'oxford', filters: { segment: ['adjacent-sector'] } }, { now: LAST_WEEK });
    await snapshotAllLists(db, { now: LAST_WEEK });

    await graphEdits.deleteNode(db, candidate('c5'));
    await graphEdits.unlink(db, candidate('c3'), 'BASED_IN', hub('oxford'));
    await graphEdits.link(db, candidate('c3'), 'BASED_IN', hub('munich'), { distanceKm: 3 });
    await graphEdits.unlink(db, candidate('c2'), 'WORKS_AT', employer('e-auto'));
    await graphEdits.link(db, candidate('c2'), 'WORKS_AT', employer('e-rad'), { title: 'Imaging Engineer' });
    await db.autoCommit(q['segments-derive-all']);
    await snapshotAllLists(db, { now: TODAY });

    const everyone = await exported(db, all.id, '2026-W03');
    expect(everyone.dropped.map((r) => [r.previousRank !== null, r.dropReason, r.dropDetail])).toEqual(
      expect.arrayContaining([
        [true, 'erased', null],
        [true, 'moved-hub', 'now based in Munich'],
      ]),
    );
    const erased = everyone.dropped.find((r) => r.dropReason === 'erased')!;
    expect(Object.entries(erased).filter(([, v]) => v !== null).map(([k]) => k).sort()).toEqual(['change', 'dropReason', 'previousRank'].sort());
    expect(everyone.listed.find((r) => r.id === 'c2')).toMatchObject({ employer: 'RadAI', title: 'Imaging Engineer' });

    const adj = await exported(db, adjacent.id, '2026-W03');
    expect(adj.listed).toEqual([]);
    expect(Object.fromEntries(adj.dropped.map((r) => [r.id, [r.dropReason, r.dropDetail]]))).toEqual({
      c2: ['joined-target', 'now at RadAI'],
      c3: ['moved-hub', 'now based in Munich'],
    });
  });

  it('takeSnapshot refuses a malformed, missing or future week, an unknown list, and a list whose hub was deleted', async () => {
    const list = await createTargetList(db, { kind: 'pool', name: 'Munich', hubId: 'munich', filters: {} }, { now: TODAY });
    await expect(takeSnapshot(db, list.id, { week: '2026-3', now: TODAY })).rejects.toThrow(/body\.week.*YYYY-Www/);
    await expect(takeSnapshot(db, list.id, { week: '2025-W53', now: TODAY })).rejects.toThrow(/body\.week.*2025 has weeks W01 to W52/);
    await expect(takeSnapshot(db, list.id, { week: '2026-W04', now: TODAY })).rejects.toThrow(/body\.week.*2026-W04 is in the future/);
    await expect(takeSnapshot(db, 'no-such-list', { now: TODAY })).rejects.toThrow(NotFoundError);
    await graphEdits.deleteNode(db, hub('munich'));
    const error = await takeSnapshot(db, list.id, { now: TODAY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/hub "munich" no longer exists/);
    expect((await getTargetList(db, list.id)).problem).toMatch(/munich/);
    expect((await countByLabelAndType(db)).nodes.Snapshot ?? 0).toBe(0);
  });

  it('takeSnapshot and snapshotAllLists refuse a past week, recording nothing: a snapshot holds the list as it is now', async () => {
    const list = await createTargetList(db, { kind: 'pool', name: 'Oxford', hubId: 'oxford', filters: {} }, { now: LAST_WEEK });
    for (const week of ['2026-W02', '2025-W52', '2020-W53']) {
      const error = await takeSnapshot(db, list.id, { week, now: TODAY }).catch((e: unknown) => e);
      expect(error, week).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).message).toBe(
        `Invalid body.week: ${week} has passed: a snapshot records the list as it is now, so only this week (2026-W03) may be given`,
      );
      expect((error as BadRequestError).details).toEqual([expect.objectContaining({ field: 'body.week', value: week })]);
      await expect(takeSnapshot(db, list.id, { week, replace: true, now: TODAY })).rejects.toThrow(BadRequestError);
    }
    await expect(snapshotAllLists(db, { week: '2026-W02', now: TODAY })).rejects.toThrow(/2026-W02 has passed/);
    expect((await getTargetList(db, list.id)).snapshots).toEqual([]);
    // The current week, named or not, is taken; so is last week while it was current.
    expect(await takeSnapshot(db, list.id, { week: '2026-W02', now: LAST_WEEK })).toMatchObject({ week: '2026-W02', created: true });
    expect(await takeSnapshot(db, list.id, { week: '2026-W03', now: TODAY })).toMatchObject({ week: '2026-W03', created: true });
    expect((await getTargetList(db, list.id)).snapshots.map((s) => s.week)).toEqual(['2026-W03', '2026-W02']);
  });

  it('snapshotAllLists takes every list and reports the ones it cannot take without stopping', async () => {
    const oxford = await createTargetList(db, { kind: 'pool', name: 'Oxford', hubId: 'oxford', filters: {} }, { now: TODAY });
    const london = await createTargetList(db, { kind: 'pool', name: 'London', hubId: 'london', filters: {} }, { now: TODAY });
    await graphEdits.deleteNode(db, hub('london'));
    const outcomes = await snapshotAllLists(db, { now: TODAY });
    expect(outcomes.find((o) => o.listId === oxford.id)).toMatchObject({ result: { rows: 5, created: true } });
    expect(outcomes.find((o) => o.listId === london.id)?.error).toMatch(/hub "london" no longer exists/);
  });
});
