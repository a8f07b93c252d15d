import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, LEAVES_TALENT_GRAPH, TALENT_LOG_KEEP, TALENT_LOG_MAX_CANDIDATES } from '../../server/db/neo4j.ts';
import { type TalentMark, findChangedCandidates, readDataVersions, readTalentVersion } from '../../server/repositories/data-version.repository.ts';
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

  describe('the talent mark\'s log (findChangedCandidates)', () => {
    const mark = async (): Promise<TalentMark> => {
      const v = await readDataVersions(db);
      return { value: v.talent, seq: v.talentSeq };
    };
    const named = (id: string, candidates: string[]) => db.write(CREATE, { id }, { changedCandidates: () => candidates });
    const changedBetween = (since: TalentMark, now: TalentMark, limit: number) => db.readTx((tx) => findChangedCandidates(tx, since, now, limit));

    it('numbers every move of the mark, writers at once included, so the candidates named since a moment are all found', async () => {
      const since = await mark();
      await Promise.all(Array.from({ length: 12 }, (_, i) => named(`w${i}`, [`c${i % 5}`, 'shared'])));
      const now = await mark();
      expect(now.seq! - since.seq!).toBe(12);
      expect((await changedBetween(since, now, 100))!.sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'shared']);
      // Every entry follows the one before it: no two writers saw the same mark.
      const log = await db.read('MATCH (t:TalentChange) WHERE t.seq > $after RETURN t.from AS from, t.to AS to ORDER BY t.seq', { after: since.seq });
      expect(log.map((e) => e.from)).toEqual([since.value, ...log.slice(0, -1).map((e) => e.to)]);
      expect(log.at(-1)!.to).toBe(now.value);
      expect(await changedBetween(now, now, 100)).toEqual([]);
      // More than the limit: the caller is told to start over.
      expect(await changedBetween(since, now, 5)).toBeUndefined();
    });

    it('says nothing (undefined) across a write that did not name its candidates, or named too many, or a moment it cannot reach', async () => {
      const since = await mark();
      await named('x1', ['a']);
      await db.write(CREATE, { id: 'x2' });
      expect(await changedBetween(since, await mark(), 100)).toBeUndefined();
      const later = await mark();
      await named('x3', Array.from({ length: TALENT_LOG_MAX_CANDIDATES + 1 }, (_, i) => `p${i}`));
      expect(await changedBetween(later, await mark(), 10_000)).toBeUndefined();
      // A moment whose value is not the one the log starts from (the mark was made again meanwhile).
      const current = await mark();
      await named('x4', ['b']);
      expect(await changedBetween({ value: 'another', seq: current.seq }, await mark(), 100)).toBeUndefined();
      expect(await changedBetween(current, await mark(), 100)).toEqual(['b']);
      // A write that leaves the talent graph alone is not logged.
      const quiet = await mark();
      await db.write(CREATE, { id: 'x5' }, LEAVES_TALENT_GRAPH);
      expect(await mark()).toEqual(quiet);
    });

    it('keeps the last TALENT_LOG_KEEP entries only', async () => {
      for (let i = 0; i < 5; i++) await named(`k${i}`, ['k']);
      const [row] = await db.read('MATCH (t:TalentChange) RETURN count(t) AS n, min(t.seq) AS low, max(t.seq) AS high');
      expect(row!.n).toBeLessThanOrEqual(TALENT_LOG_KEEP);
      expect((row!.high as number) - (row!.low as number) + 1).toBe(row!.n);
      expect(row!.high).toBe((await mark()).seq);
    });
  });
});
