import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { type SnapshotRowData, beginSnapshot, completeSnapshot, writeSnapshotRows } from '../../server/repositories/lists.repository.ts';
import { createTargetList } from '../../server/services/lists.service.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { testDatabase } from '../support/db.ts';

const row = (candidateId: string, score: number): SnapshotRowData => ({
  candidateId,
  rank: null,
  score,
  skillsFit: 0.5,
  sectorFit: 1,
  seniorityFit: 1,
  distanceFit: 0.5,
  movabilityFit: 0.2,
  stage: null,
  title: 'Engineer',
  employerId: 'e1',
  employerName: 'Employer',
  sectorId: 's1',
  sectorName: 'Sector',
  hubId: 'oxford',
  hubName: 'Oxford',
  segment: 'target-sector',
  seniority: 'senior',
});

describe('lists.repository', () => {
  let db: Database;
  let listId: string;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    listId = (await createTargetList(db, { kind: 'pool', name: 'Oxford', hubId: 'oxford', filters: {} }, { now: TODAY })).id;
  });
  afterAll(async () => {
    await db.close();
  });

  const snapshotRows = async (snapshotId: string): Promise<Record<string, unknown>[]> =>
    (
      await db.read(
        'MATCH (:Snapshot {id: $snapshotId})-[:HAS_ROW]->(r:ListRow) RETURN properties(r) AS row, EXISTS { (r)-[:OF]->() } AS linked ORDER BY r.score DESC',
        { snapshotId },
      )
    ).map((r) => ({ ...(r.row as Record<string, unknown>), linked: r.linked }));

  async function pendingSnapshot(week: string): Promise<string> {
    const snapshotId = randomUUID();
    await beginSnapshot(db, { listId, snapshotId, week, replace: true, now: TODAY.toISOString() });
    return snapshotId;
  }

  it('writeSnapshotRows writes a row whose person is gone as an erased row: its score and place, no id, no facts', async () => {
    const snapshotId = await pendingSnapshot('2026-W01');
    await writeSnapshotRows(db, snapshotId, [row('c1', 0.9), row('no-such-person', 0.8)]);
    const [kept, erased] = await snapshotRows(snapshotId);
    expect(kept).toMatchObject({ candidateId: 'c1', title: 'Engineer', linked: true });
    expect(erased!.candidateId).toMatch(/^erased-/);
    expect(erased).toEqual({ candidateId: erased!.candidateId, snapshotId, score: 0.8, erased: true, linked: false });
  });

  it('completeSnapshot erases a row whose person was deleted after the row was written', async () => {
    const snapshotId = await pendingSnapshot('2026-W02');
    await writeSnapshotRows(db, snapshotId, [row('c1', 0.9), row('c2', 0.7)]);
    // What an erasure committing between the row's write and the completion leaves.
    await db.write("MATCH (c:Candidate {id: 'c2'}) DETACH DELETE c");
    expect(await completeSnapshot(db, { snapshotId, rowCount: 2, replace: true, now: TODAY.toISOString() })).toMatchObject({ status: 'complete' });
    const rows = await snapshotRows(snapshotId);
    const kept = rows.find((r) => r.erased === undefined);
    const erased = rows.find((r) => r.erased === true);
    expect(kept).toMatchObject({ candidateId: 'c1', linked: true });
    expect(Object.keys(erased!).sort()).toEqual(['candidateId', 'erased', 'linked', 'snapshotId']);
    expect(erased!.candidateId).toMatch(/^erased-/);
    await buildExplorerWorld(db);
  });
});
