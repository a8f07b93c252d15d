import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defineQueries } from '../../server/db/cypher.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { importCandidates } from '../../server/services/import.service.ts';
import { clearGraph, testDatabase } from '../support/db.ts';
import { CSV_HEADER, candidateDump, importText, writeImportWorld } from '../support/import.ts';

/**
 * The importer looks a batch's people up while the batch before it is being
 * written, outside that write's transaction. What the look-up found must not
 * be acted on once that write (or another writer) changed it: each row below
 * is a batch of its own (batchSize 1), so every look-up but the first runs
 * beside the write of the row before it.
 */

const q = defineQueries('graph-nodes-create');
const csv = (...rows: string[]) => `${CSV_HEADER}\n${rows.join('\n')}\n`;
/** A row with what identifies a person, a skill, and the two required fields. */
const row = (name: string, email: string, profile: string, skill = '') => `${name},${email},${profile},,,,,,${skill},,,,linkedin,consent`;

async function people(db: Database) {
  return (await candidateDump(db))
    .map((c) => ({
      name: c.props.name as string,
      emailKey: (c.props.emailKey as string | undefined) ?? null,
      profileKey: (c.props.profileKey as string | undefined) ?? null,
      skills: c.outgoing
        .filter((r) => r.type === 'HAS_SKILL')
        .map((r) => r.to!)
        .sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

describe('import service: looking a batch up while the one before it is written', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await clearGraph(db);
    await writeImportWorld(db);
  });

  it('a person created by one batch and named by the next, by another key, is one candidate', async () => {
    const summary = await importText(
      db,
      csv(row('Ada', 'ada@example.org', '', 'PyTorch'), row('Ada', 'ADA@example.org', 'https://www.linkedin.com/in/ada/', 'OpenCV'), row('Bo', 'bo@example.org', '')),
      { batchSize: 1 },
    );
    expect(summary.rows).toMatchObject({ read: 3, created: 2, updated: 1, unchanged: 0, rejected: 0 });
    expect(await people(db)).toEqual([
      { name: 'Ada', emailKey: 'ada@example.org', profileKey: 'linkedin.com/in/ada', skills: ['opencv', 'pytorch'] },
      { name: 'Bo', emailKey: 'bo@example.org', profileKey: null, skills: [] },
    ]);
  });

  it('a row repeating the row the batch before applied is unchanged, not applied twice', async () => {
    await importText(db, csv(row('Ada', 'ada@example.org', '', 'PyTorch')));
    const again = csv(row('Ada', 'ada@example.org', '', 'OpenCV'), row('Ada', 'ada@example.org', '', 'OpenCV'), row('Ada', 'ada@example.org', '', 'OpenCV'));
    const summary = await importText(db, again, { batchSize: 1 });
    expect(summary.rows).toMatchObject({ read: 3, created: 0, updated: 1, unchanged: 2, rejected: 0 });
  });

  it('a row naming a candidate the batch before merged away lands on the one kept', async () => {
    await importText(db, csv(row('Ada', 'ada@example.org', ''), row('Ada L.', 'ada.l@example.org', 'https://linkedin.com/in/ada')));
    // The first row finds both (the link first, so Ada L. is kept); the second names the one merged away.
    const summary = await importText(
      db,
      csv(row('Ada', 'ada@example.org', 'https://linkedin.com/in/ada'), row('Ada', 'ada@example.org', '', 'OpenCV')),
      { batchSize: 1 },
    );
    expect(summary.mergedCandidates).toBe(1);
    expect(summary.rows).toMatchObject({ created: 0, updated: 2, rejected: 0 });
    const after = await people(db);
    expect(after).toEqual([{ name: 'Ada', emailKey: 'ada@example.org', profileKey: 'linkedin.com/in/ada', skills: ['opencv'] }]);
  });

  it('a person another writer adds between the look-up and the write is updated, not refused or duplicated', async () => {
    // Another writer creates Bo, holding the new candidate's key until it commits: the
    // importer's look-up, made meanwhile, does not see Bo, and its write of Bo waits for the lock.
    const session = db.driver.session({ database: db.database });
    const tx = session.beginTransaction();
    let committed: Promise<void> | undefined;
    async function* file() {
      yield Buffer.from(`${CSV_HEADER}\n${row('Ada', 'ada@example.org', '')}\n`);
      await tx.run(q['graph-nodes-create'], {
        nodes: [{ ref: 'bo', labels: ['Candidate'], props: { id: 'cand-other-writer', name: 'Bo', email: 'bo@example.org', emailKey: 'bo@example.org' } }],
      });
      yield Buffer.from(`${row('Bo', 'bo@example.org', '', 'OpenCV')}\n`);
      // Asked for more once Bo's batch is prepared and about to be written: commit a moment later.
      committed = new Promise((resolve) => setTimeout(resolve, 300)).then(() => tx.commit());
      yield Buffer.from(`${row('Cy', 'cy@example.org', '')}\n`);
    }
    try {
      const summary = await importCandidates(db, file(), { format: 'csv', radiusKm: 100, today: '2025-01-15', batchSize: 1 });
      await committed;
      expect(summary.rows).toMatchObject({ read: 3, created: 2, updated: 1, rejected: 0 });
    } finally {
      await session.close();
    }
    const after = await people(db);
    expect(after.map((p) => p.name)).toEqual(['Ada', 'Bo', 'Cy']);
    expect(after.find((p) => p.name === 'Bo')!.skills).toEqual(['opencv']);
  });
});
