import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, LEAVES_TALENT_GRAPH } from '../../server/db/neo4j.ts';
import { readDataVersions, readTalentVersion } from '../../server/repositories/data-version.repository.ts';
import { recordAuditEvent } from '../../server/services/audit.service.ts';
import { clearGraph, testDatabase } from '../support/db.ts';

const CREATE = 'CREATE (:Probe {id: $id})';

describe('data-version.repository', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await clearGraph(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('the graph mark (readDataVersions) changes with every write, writeTx and autoCommit, and never repeats after the graph is cleared', async () => {
    const seen = [(await readDataVersions(db)).graph];
    await db.write(CREATE, { id: 'a' });
    seen.push((await readDataVersions(db)).graph);
    await db.writeTx(async (tx) => {
      await tx.run(CREATE, { id: 'b' });
      await tx.run(CREATE, { id: 'c' });
    });
    seen.push((await readDataVersions(db)).graph);
    await clearGraph(db);
    seen.push((await readDataVersions(db)).graph);
    await db.write(CREATE, { id: 'a' });
    seen.push((await readDataVersions(db)).graph);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('the graph mark stays the same across bookkeeping: audit events and Database.record', async () => {
    await db.write(CREATE, { id: 'd' });
    const probes = async () => (await db.read('MATCH (p:Probe) RETURN count(p) AS n'))[0]!.n;
    const probesBefore = (await probes()) as number;
    const before = (await readDataVersions(db)).graph;
    await Promise.all([1, 2, 3].map((i) => recordAuditEvent(db, { action: 'candidate.view', actor: 'viewer', at: new Date(), details: { candidateId: `c${i}` } })));
    const talentBefore = await readTalentVersion(db);
    await db.record(CREATE, { id: 'e' });
    expect((await readDataVersions(db)).graph).toBe(before);
    expect(await readTalentVersion(db)).toBe(talentBefore);
    expect(await probes()).toBe(probesBefore + 1);
  });

  it("a write that leaves the talent graph alone (the team's work, the installation's records) moves the graph's mark and not the talent mark", async () => {
    await db.write(CREATE, { id: 'g' });
    const talent = await readTalentVersion(db);
    const graph = [(await readDataVersions(db)).graph];
    await db.write(CREATE, { id: 'h' }, LEAVES_TALENT_GRAPH);
    graph.push((await readDataVersions(db)).graph);
    await db.writeTx(async (tx) => {
      await tx.run(CREATE, { id: 'i' });
    }, LEAVES_TALENT_GRAPH);
    graph.push((await readDataVersions(db)).graph);
    await db.autoCommit(CREATE, { id: 'j' }, LEAVES_TALENT_GRAPH);
    graph.push((await readDataVersions(db)).graph);
    expect(new Set(graph).size).toBe(graph.length);
    expect(await readTalentVersion(db)).toBe(talent);
    const [row] = await db.read("MATCH (p:Probe) WHERE p.id IN ['h', 'i', 'j'] RETURN count(p) AS n");
    expect(row!.n).toBe(3);
    // Any other write moves both: an explicit talentGraph: true, and autoCommit without options.
    await db.write(CREATE, { id: 'k' }, { talentGraph: true });
    const after = await readDataVersions(db);
    expect(after.talent).not.toBe(talent);
    expect(after.graph).not.toBe(graph.at(-1));
    await db.autoCommit(CREATE, { id: 'l' });
    expect(await readTalentVersion(db)).not.toBe(after.talent);
  });

  it('a failed writeTx leaves the change mark as it was', async () => {
    const before = (await readDataVersions(db)).graph;
    await expect(
      db.writeTx(async (tx) => {
        await tx.run(CREATE, { id: 'f' });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect((await readDataVersions(db)).graph).toBe(before);
  });
});
