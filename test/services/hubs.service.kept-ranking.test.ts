import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { POOL_RANK_QUERY, type RankedRow } from '../../server/repositories/hubs.repository.ts';
import { PoolQuerySchema, type PoolResponse } from '../../server/schemas/pool.schema.ts';
import { type KeptRanking, createPoolRankCache, mergeRescored, rankPool } from '../../server/services/hubs.service.ts';
import { classifyEmployer, mergeCandidates } from '../../server/services/import.service.ts';
import { eraseCandidate } from '../../server/services/privacy.service.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { testDatabase } from '../support/db.ts';
import { CSV_HEADER, importText } from '../support/import.ts';

/**
 * A kept pool ranking is brought up to date after a write that names the
 * candidates it changed (WriteOptions.changedCandidates): those are scored
 * again and put in place, where any other write ranks the pool afresh. Either
 * way the answer must be the one a ranking made from nothing gives.
 */

const row = (id: string, score: number): RankedRow => ({
  id,
  basedInHub: true,
  distanceKm: 0,
  yearsInRole: 1,
  skillsFit: 1,
  sectorFit: 1,
  seniorityFit: 1,
  distanceFit: 1,
  movabilityFit: 1,
  score,
});
const kept = (rows: RankedRow[], total: number, members: string[]): KeptRanking => ({
  pool: { hubId: 'h', hubName: 'H', total, scaleKm: 40, ranked: rows },
  members: new Set(members),
  mark: { value: 'before', seq: 1 },
});
const now = { value: 'after', seq: 2 };
const ids = (k: KeptRanking | undefined) => k?.pool.ranked.map((r) => `${r.id}:${r.score}`);

describe('mergeRescored', () => {
  // The pool a..f; the kept rows are its first three.
  const earlier = kept([row('a', 0.9), row('b', 0.8), row('c', 0.7)], 6, ['a', 'b', 'c', 'd', 'e', 'f']);

  it('moves a changed kept row to its new place and keeps the total', () => {
    const next = mergeRescored(earlier, ['a'], [row('a', 0.75)], now, 3);
    expect(ids(next)).toEqual(['b:0.8', 'a:0.75', 'c:0.7']);
    expect(next!.pool.total).toBe(6);
    expect(next!.mark).toEqual(now);
  });

  it('lets a person from below the kept rows in above their last row, and only there', () => {
    expect(ids(mergeRescored(earlier, ['e'], [row('e', 0.85)], now, 3))).toEqual(['a:0.9', 'e:0.85', 'b:0.8']);
    // Ranked below the last kept row, the person stays outside the kept rows, which then lose none.
    expect(ids(mergeRescored(earlier, ['e'], [row('e', 0.65)], now, 3))).toEqual(['a:0.9', 'b:0.8', 'c:0.7']);
    // A tie with the last kept row is broken by id, as the ranking breaks it.
    expect(ids(mergeRescored(earlier, ['bb'], [row('bb', 0.7)], now, 4))).toEqual(['a:0.9', 'b:0.8', 'bb:0.7', 'c:0.7']);
  });

  it('counts who joined and who left the pool, kept rows or not', () => {
    // d (a member outside the kept rows) left, g joined below them, a left.
    const next = mergeRescored(earlier, ['d', 'g', 'a'], [row('g', 0.1)], now, 3);
    expect(next!.pool.total).toBe(5);
    expect([...next!.members!].sort()).toEqual(['b', 'c', 'e', 'f', 'g']);
    // A kept row that dropped below the others leaves the rows short: they stay the exact first rows.
    expect(ids(next)).toEqual(['b:0.8', 'c:0.7']);
  });

  it('puts every changed person in place when the kept rows held the whole pool', () => {
    const whole = kept([row('a', 0.9), row('b', 0.8)], 2, ['a', 'b']);
    const next = mergeRescored(whole, ['a', 'z'], [row('a', 0.1), row('z', 0.5)], now, 10);
    expect(ids(next)).toEqual(['b:0.8', 'z:0.5', 'a:0.1']);
    expect(next!.pool.total).toBe(3);
  });

  it('keeps the same rows, total and members at the new mark when no one changed', () => {
    const same = mergeRescored(earlier, [], [], now, 3);
    expect(same).toEqual({ ...earlier, mark: now });
    expect(same!.members).toBe(earlier.members);
  });

  it('declines (rank afresh) when too few kept rows would be left, or the members are not known', () => {
    expect(mergeRescored(earlier, ['a', 'b'], [], now, 6)).toBeUndefined();
    expect(mergeRescored({ ...earlier, members: null }, ['a'], [row('a', 0.5)], now, 3)).toBeUndefined();
  });
});

describe('rankPool with a kept ranking, after writes that changed a few candidates', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  beforeEach(async () => {
    await buildExplorerWorld(db);
  });
  afterAll(async () => {
    await db.close();
  });

  /** The database, counting the pool rankings it is asked for: from nothing, or of named candidates only. */
  function observed() {
    const calls = { afresh: 0, rescored: [] as string[][] };
    const note = (query: string, params: Record<string, unknown> = {}) => {
      if (query !== POOL_RANK_QUERY) return;
      if (params.only) calls.rescored.push([...(params.only as string[])].sort());
      // Pages past the kept rows are ranked from their cursor; only a ranking from the top is the kept one.
      else if (params.cursorId === null) calls.afresh++;
    };
    const seen: Database = {
      ...db,
      read: (query, params = {}) => {
        note(query, params);
        return db.read(query, params);
      },
      readTx: (work) =>
        db.readTx((tx) => {
          const watched = Object.create(tx) as typeof tx;
          watched.run = ((query: string, params?: Record<string, unknown>) => {
            note(query, params);
            return tx.run(query, params);
          }) as typeof tx.run;
          return work(watched);
        }),
    };
    return { seen, calls };
  }

  const query = (q: Record<string, string> = {}) => PoolQuerySchema.parse(q);
  const answer = (page: PoolResponse) => ({ total: page.total, items: page.items.map((i) => [i.id, i.score.total, i.score.terms]), next: page.nextCursor });

  /** Every page, following nextCursor. */
  async function pages(on: Database, hubId: string, q: Record<string, string>, options: Parameters<typeof rankPool>[3]) {
    const all = [await rankPool(on, hubId, query(q), options)];
    while (all.at(-1)!.nextCursor) all.push(await rankPool(on, hubId, query({ ...q, cursor: all.at(-1)!.nextCursor! }), options));
    return all.map(answer);
  }

  /** The same pages ranked from nothing. */
  const fresh = (hubId: string, q: Record<string, string>) => pages(db, hubId, q, { now: TODAY });

  it('scores again only the people an import wrote: a new one joins the pool, a changed one moves', async () => {
    const { seen, calls } = observed();
    const cache = createPoolRankCache();
    const options = { now: TODAY, cache, keptRows: 4 };
    const before = await pages(seen, 'oxford', { limit: '2' }, options);
    expect(before).toEqual(await fresh('oxford', { limit: '2' }));
    expect(calls.afresh).toBe(1);

    const zed = (openToWork: boolean) =>
      `${CSV_HEADER}\nZed,zed@example.org,,"Oxford, UK",RadAI,Staff Engineer,2015-01-01,,,lead,,${openToWork},linkedin,consent\n`;
    expect((await importText(db, zed(true), { today: '2026-01-15' })).rows).toMatchObject({ created: 1, rejected: 0 });
    const joined = await pages(seen, 'oxford', { limit: '2' }, options);
    expect(joined).toEqual(await fresh('oxford', { limit: '2' }));
    expect(joined[0]!.total).toBe(before[0]!.total + 1);
    expect(calls.rescored).toHaveLength(1);
    expect(calls.rescored[0]).toHaveLength(1);
    const zedId = calls.rescored[0]![0]!;

    expect((await importText(db, zed(false), { today: '2026-01-15' })).rows).toMatchObject({ updated: 1, rejected: 0 });
    const moved = await pages(seen, 'oxford', { limit: '2' }, options);
    expect(moved).toEqual(await fresh('oxford', { limit: '2' }));
    expect(moved).not.toEqual(joined);
    expect(calls.rescored).toEqual([[zedId], [zedId]]);
    expect(calls.afresh).toBe(1);
  });

  it('takes an erased person out, counts a merge as one, and scores again the people of an employer whose sector changed', async () => {
    const { seen, calls } = observed();
    const cache = createPoolRankCache();
    const options = { now: TODAY, cache };
    const oxford = { limit: '50', radiusKm: '100' };
    const before = await pages(seen, 'oxford', oxford, options);
    expect(calls.afresh).toBe(1);

    await eraseCandidate(db, 'c3', { actor: 'dpo', origin: 'cli:test', now: TODAY });
    const erased = await pages(seen, 'oxford', oxford, options);
    expect(erased).toEqual(await fresh('oxford', oxford));
    expect(erased[0]!.total).toBe(before[0]!.total - 1);

    await mergeCandidates(db, 'c1', 'c2', { today: '2026-01-15' });
    const merged = await pages(seen, 'oxford', oxford, options);
    expect(merged).toEqual(await fresh('oxford', oxford));
    expect(merged[0]!.total).toBe(before[0]!.total - 2);

    // AutoDrive (automotive, a pivot of 0.6) becomes a radiology employer: its people, present and
    // past (Ada, who has Ben's career now, Gus and Hal), are scored again.
    await classifyEmployer(db, 'e-auto', 'radiology');
    const classified = await pages(seen, 'oxford', oxford, options);
    expect(classified).toEqual(await fresh('oxford', oxford));
    expect(classified).not.toEqual(merged);
    // The erasure is logged as "anything" (the log keeps no erased id), so it was ranked afresh.
    expect(calls.afresh).toBe(2);
    expect(calls.rescored).toEqual([['c1', 'c2'], ['c1', 'c7', 'c8']]);
  });

  it('ranks afresh after a write that does not name its candidates, and when the log does not reach back to the kept ranking', async () => {
    const { seen, calls } = observed();
    const cache = createPoolRankCache();
    const options = { now: TODAY, cache };
    await rankPool(seen, 'oxford', query(), options);
    expect(calls.afresh).toBe(1);

    await db.write('MATCH (c:Candidate {id: $id}) SET c.passive = NOT c.passive', { id: 'c4' });
    expect(answer(await rankPool(seen, 'oxford', query(), options))).toEqual(answer(await rankPool(db, 'oxford', query(), { now: TODAY })));
    expect(calls).toEqual({ afresh: 2, rescored: [] });

    // A named write, then its entry of the log lost (as past the kept window): the chain is broken.
    await db.write('MATCH (c:Candidate {id: $id}) SET c.passive = NOT c.passive', { id: 'c5' }, { changedCandidates: () => ['c5'] });
    await db.record('MATCH (t:TalentChange) WITH t ORDER BY t.seq DESC LIMIT 1 DETACH DELETE t');
    expect(answer(await rankPool(seen, 'oxford', query(), options))).toEqual(answer(await rankPool(db, 'oxford', query(), { now: TODAY })));
    expect(calls).toEqual({ afresh: 3, rescored: [] });

    // Named writes in a row are followed through the log and scored again together.
    await db.write('MATCH (c:Candidate {id: $id}) SET c.openToWork = true', { id: 'c4' }, { changedCandidates: () => ['c4'] });
    await db.write('MATCH (c:Candidate {id: $id}) SET c.seniority = "lead"', { id: 'c1' }, { changedCandidates: () => ['c1'] });
    expect(answer(await rankPool(seen, 'oxford', query(), options))).toEqual(answer(await rankPool(db, 'oxford', query(), { now: TODAY })));
    expect(calls).toEqual({ afresh: 3, rescored: [['c1', 'c4']] });
  });

  it('answers as a fresh ranking does after any run of named and unnamed writes, at every page', async () => {
    // A fixed pseudo-random sequence (the same on every run), over the candidates of Oxford, London and Cambridge.
    let state = 20_261_129;
    const next = (n: number) => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state % n;
    };
    const people = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'tw-a', 'tw-b', 'tw-c'];
    const seniorities = ['junior', 'mid', 'senior', 'lead'];
    const named = (cypher: string, id: string, params: Record<string, unknown> = {}) => db.write(cypher, { id, ...params }, { changedCandidates: () => [id] });
    const writes = [
      (id: string) => named('MATCH (c:Candidate {id: $id}) SET c.openToWork = NOT coalesce(c.openToWork, false)', id),
      (id: string) => named('MATCH (c:Candidate {id: $id}) SET c.seniority = $s', id, { s: seniorities[next(4)] }),
      // Moved to another hub, or back: the person leaves one pool and joins another.
      (id: string) =>
        named('MATCH (c:Candidate {id: $id})-[b:BASED_IN]->() DELETE b WITH c MATCH (h:Hub {id: $hub}) MERGE (c)-[:BASED_IN {distanceKm: $km}]->(h)', id, {
          hub: ['oxford', 'london', 'cambridge'][next(3)],
          km: next(40),
        }),
      (id: string) => named('MATCH (c:Candidate {id: $id}), (k:Skill {id: $skill}) MERGE (c)-[r:HAS_SKILL]->(k) SET r.evidence = [$e]', id, {
        skill: ['seg', 'pytorch', 'dicom'][next(3)],
        e: ['job', 'self', 'publication'][next(3)],
      }),
      (id: string) => named('MATCH (c:Candidate {id: $id})-[r:HAS_SKILL]->(:Skill {id: $skill}) DELETE r', id, { skill: ['seg', 'pytorch', 'dicom'][next(3)] }),
      // A write that does not say whom it changed.
      (id: string) => db.write('MATCH (c:Candidate {id: $id}) SET c.passive = NOT coalesce(c.passive, false)', { id }),
    ];
    const requests: Record<string, string>[] = [
      { limit: '2' },
      { limit: '3', anySkills: 'seg,dicom' },
      { limit: '2', allSkills: 'pytorch', radiusKm: '120' },
      { limit: '4', seniority: 'senior,lead', openToWork: 'true' },
    ];
    const { seen, calls } = observed();
    const cache = createPoolRankCache();
    for (let round = 0; round < 30; round++) {
      const writesThisRound = 1 + next(3);
      for (let w = 0; w < writesThisRound; w++) await writes[next(writes.length)]!(people[next(people.length)]!);
      for (const hub of ['oxford', 'cambridge']) {
        const q = requests[next(requests.length)]!;
        expect(await pages(seen, hub, q, { now: TODAY, cache, keptRows: 2 + next(3) }), `round ${round}, ${hub} ${JSON.stringify(q)}`).toEqual(await fresh(hub, q));
      }
    }
    // Both paths were taken, many times.
    expect(calls.rescored.length).toBeGreaterThanOrEqual(20);
    expect(calls.afresh).toBeGreaterThanOrEqual(5);
  });
});
