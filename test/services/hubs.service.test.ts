import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { BadRequestError, NotFoundError } from '../../server/errors.ts';
import { PoolQuerySchema, type PoolResponse } from '../../server/schemas/pool.schema.ts';
import { type HubMapCache, type PoolRankCache, createPoolExplanationCache, createPoolRankCache, decodeCursor, encodeCursor, listHubs, rankPool } from '../../server/services/hubs.service.ts';
import { markInformed } from '../../server/services/privacy.service.ts';
import { VersionedCache } from '../../server/services/versioned-cache.ts';
import { createTargetList } from '../../server/services/lists.service.ts';
import { saveView } from '../../server/services/saved-views.service.ts';
import { moveCandidate, openSearch } from '../../server/services/searches.service.ts';
import { addUser } from '../../server/services/users.service.ts';
import { SearchCreateSchema } from '../../server/schemas/searches.schema.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { testDatabase } from '../support/db.ts';

describe('pool cursors', () => {
  const digest = 'AbCdEfGhIjKlMnOp';

  it('decodeCursor reads back what encodeCursor wrote for the same ranking', () => {
    expect(decodeCursor(encodeCursor(0.812345, 'c-0042', digest), digest)).toEqual({ score: 0.812345, id: 'c-0042' });
    expect(decodeCursor(encodeCursor(0, 'a', digest), digest)).toEqual({ score: 0, id: 'a' });
  });

  it('decodeCursor refuses a cursor issued for another ranking, naming query.cursor', () => {
    const other = encodeCursor(0.5, 'c1', 'another-ranking0');
    expect(() => decodeCursor(other, digest)).toThrow(/query\.cursor: this cursor belongs to another query/);
  });

  it('decodeCursor rejects anything it did not write, naming query.cursor', () => {
    const bad = [
      '',
      'not base64!',
      Buffer.from('{"score":1}').toString('base64url'),
      Buffer.from('[1.5,"c1"]').toString('base64url'),
      Buffer.from('[0.5,"c1 OR 1=1"]').toString('base64url'),
      Buffer.from('[0.5]').toString('base64url'),
      Buffer.from('["0.5","c1"]').toString('base64url'),
      // A position without the ranking's digest, or with a digest of the wrong type.
      Buffer.from('[0.5,"c-999999"]').toString('base64url'),
      Buffer.from(`[0.5,"c1",7]`).toString('base64url'),
      Buffer.from(`[0.5,"c1","${digest}","extra"]`).toString('base64url'),
    ];
    for (const cursor of bad) {
      expect(() => decodeCursor(cursor, digest), cursor).toThrow(BadRequestError);
    }
    expect(() => decodeCursor('garbage', digest)).toThrow(/query\.cursor/);
  });
});

describe('rankPool', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
  });
  afterAll(async () => {
    await db.close();
  });

  const query = (q: Record<string, string> = {}) => PoolQuerySchema.parse(q);
  const scores = (page: PoolResponse) => page.items.map((i) => [i.id, i.score.total, i.score.terms.sector.value, i.score.terms.movability.yearsInRole]);

  /** Every page of a pool, following nextCursor. */
  async function allPages(hubId: string, limit: number, options: Parameters<typeof rankPool>[3]): Promise<PoolResponse[]> {
    const pages = [await rankPool(db, hubId, query({ limit: String(limit) }), options)];
    while (pages.at(-1)!.nextCursor) {
      pages.push(await rankPool(db, hubId, query({ limit: String(limit), cursor: pages.at(-1)!.nextCursor! }), options));
    }
    return pages;
  }

  it('rankPool pages the same through a kept ranking, past its kept rows, and with no cache at all', async () => {
    const uncached = await allPages('oxford', 2, { now: TODAY });
    expect(uncached.flatMap((p) => p.items).length).toBe(uncached[0]!.total);
    const cache: PoolRankCache = new VersionedCache();
    // Three rows kept: the first page comes from them; the later ones reach past them and rank again from their cursor.
    const kept = await allPages('oxford', 2, { now: TODAY, cache, keptRows: 3 });
    expect(kept.map(scores)).toEqual(uncached.map(scores));
    expect(kept.map((p) => p.nextCursor)).toEqual(uncached.map((p) => p.nextCursor));
    const again = await allPages('oxford', 2, { now: TODAY, cache, keptRows: 3 });
    expect(again.map(scores)).toEqual(uncached.map(scores));
  });

  it('rankPool with a cache answers from a fresh ranking after any write', async () => {
    const cache: PoolRankCache = new VersionedCache();
    const before = await rankPool(db, 'oxford', query(), { now: TODAY, cache });
    const last = before.items.at(-1)!;
    await db.write('MATCH (c:Candidate {id: $id}) SET c.openToWork = NOT coalesce(c.openToWork, false)', { id: last.id });
    const after = await rankPool(db, 'oxford', query(), { now: TODAY, cache });
    expect(after.items.find((i) => i.id === last.id)!.openToWork).toBe(!last.openToWork);
    expect(after.items.find((i) => i.id === last.id)!.score.terms.movability.value).not.toBe(last.score.terms.movability.value);
    await buildExplorerWorld(db);
  });

  it("listHubs and rankPool with a cache keep their answers across the team's work (a mandate, a pipeline move, a list, a saved view, a user), not across a change to a candidate", async () => {
    const hubCache: HubMapCache = new VersionedCache();
    const poolCache: PoolRankCache = new VersionedCache();
    const explanations = createPoolExplanationCache();
    const hubsBefore = await listHubs(db, {}, hubCache);
    const poolBefore = await rankPool(db, 'oxford', query(), { now: TODAY, cache: poolCache, explanations });
    // The cache keeps a value only when it worked one out.
    const computed = vi.spyOn(poolCache, 'set');
    const explained = explanations.explanations.rowsRead;
    const noticesRead = vi.spyOn(explanations.notices, 'set');
    const search = await openSearch(db, SearchCreateSchema.parse({ title: 'Kept caches', client: 'Client', hubs: ['oxford'], requiredSkills: [], sectors: [], targetEmployers: [] }), TODAY);
    await moveCandidate(db, search.id, 'c1', { stage: 'contacted' }, TODAY);
    await createTargetList(db, { kind: 'pool', name: 'Oxford pool', hubId: 'oxford', filters: {} }, { now: TODAY });
    await saveView(db, { name: 'Oxford', url: '/map?hub=oxford' }, TODAY);
    await addUser(db, { name: 'kept-caches', role: 'viewer', now: TODAY });
    // The same kept objects, not equal recomputed ones: nothing was worked out again.
    expect(await listHubs(db, {}, hubCache)).toBe(hubsBefore);
    const poolAgain = await rankPool(db, 'oxford', query(), { now: TODAY, cache: poolCache, explanations });
    expect(computed).not.toHaveBeenCalled();
    const ranking = (pool: PoolResponse) => pool.items.map((i) => [i.id, i.score.total]);
    expect(ranking(poolAgain)).toEqual(ranking(poolBefore));
    // The page's explanation is kept (the talent graph is unchanged), its notice dates read again:
    // the move to "contacted" made Ada's privacy notice due.
    expect(explanations.explanations.rowsRead).toBe(explained);
    expect(noticesRead).toHaveBeenCalledTimes(1);
    const ada = (pool: PoolResponse) => pool.items.find((i) => i.id === 'c1')!;
    expect(ada(poolBefore).noticeDueBy).toBeNull();
    expect(ada(poolAgain).noticeDueBy).not.toBeNull();
    expect(ada(poolAgain).noticeDue).toBe(true);
    expect(poolAgain.items.map(({ noticeDue, noticeOverdue, noticeDueBy, ...rest }) => rest)).toEqual(poolBefore.items.map(({ noticeDue, noticeOverdue, noticeDueBy, ...rest }) => rest));
    // Telling her (Art. 14) clears the flag on the next page.
    await markInformed(db, 'c1', { how: 'email' }, { actor: 'test', now: TODAY });
    const informed = await rankPool(db, 'oxford', query(), { now: TODAY, cache: poolCache, explanations });
    expect(ada(informed).noticeDue).toBe(false);
    expect(noticesRead).toHaveBeenCalledTimes(2);
    computed.mockClear();
    await db.write('MATCH (c:Candidate {id: $id}) SET c.passive = NOT coalesce(c.passive, false)', { id: 'c1' });
    expect(await listHubs(db, {}, hubCache)).not.toBe(hubsBefore);
    await rankPool(db, 'oxford', query(), { now: TODAY, cache: poolCache });
    expect(computed).toHaveBeenCalled();
    await buildExplorerWorld(db);
  });

  it('rankPool and listHubs with a cache refuse an unknown hub or skill on every call: a refused request leaves nothing kept', async () => {
    const cache: PoolRankCache = new VersionedCache();
    const hubCache: HubMapCache = new VersionedCache();
    for (let i = 0; i < 2; i++) {
      await expect(rankPool(db, 'oxford', query({ anySkills: 'no-such-skill' }), { now: TODAY, cache })).rejects.toThrow(BadRequestError);
      await expect(rankPool(db, 'atlantis', query(), { now: TODAY, cache })).rejects.toThrow(NotFoundError);
      await expect(listHubs(db, { anySkills: ['no-such-skill'] }, hubCache)).rejects.toThrow(/no-such-skill/);
    }
    // Known ids: the first call checks and keeps, the next answers the same from what was kept.
    const first = await rankPool(db, 'oxford', query(), { now: TODAY, cache });
    expect(await rankPool(db, 'oxford', query(), { now: TODAY, cache })).toEqual(first);
  });

  it('rankPool with kept explanations answers every page as it does without, and explains afresh after any write', async () => {
    const uncached = await allPages('oxford', 2, { now: TODAY });
    const options = { now: TODAY, cache: new VersionedCache() as PoolRankCache, explanations: createPoolExplanationCache() };
    expect(await allPages('oxford', 2, options)).toEqual(uncached);
    expect(await allPages('oxford', 2, options)).toEqual(uncached);
    const before = await rankPool(db, 'oxford', query(), options);
    const first = before.items[0]!;
    await db.write('MATCH (c:Candidate {id: $id}) SET c.openToWork = NOT coalesce(c.openToWork, false)', { id: first.id });
    const after = await rankPool(db, 'oxford', query(), options);
    expect(after.items.find((i) => i.id === first.id)!.openToWork).toBe(!first.openToWork);
    await buildExplorerWorld(db);
  });

  it('rankPool with kept explanations explains again only the people a write named, and answers as without them', async () => {
    const options = { now: TODAY, cache: createPoolRankCache(), explanations: createPoolExplanationCache() };
    const before = await rankPool(db, 'oxford', query(), options);
    expect(before.items.length).toBeGreaterThan(2);
    const changed = before.items[1]!;
    const read = () => options.explanations.explanations.rowsRead;
    const readBefore = read();
    // A write that names its person, as an import's batch does: only that person is explained again.
    await db.writeTx((tx) => tx.run('MATCH (c:Candidate {id: $id}) SET c.name = $name', { id: changed.id, name: 'Renamed Person' }), {
      changedCandidates: () => [changed.id],
    });
    const after = await rankPool(db, 'oxford', query(), options);
    expect(read() - readBefore).toBe(1);
    expect(after.items.find((i) => i.id === changed.id)!.name).toBe('Renamed Person');
    expect(after).toEqual(await rankPool(db, 'oxford', query(), { now: TODAY }));
    // A write that names no one (a sector's change) explains the whole page again.
    await db.writeTx(async () => {});
    const afresh = await rankPool(db, 'oxford', query(), options);
    expect(read() - readBefore).toBe(1 + afresh.items.length);
    expect(afresh).toEqual(after);
    await buildExplorerWorld(db);
  });

  it('rankPool scores a candidate whose ranking inputs were never derived exactly as a derived one', async () => {
    const derived = await rankPool(db, 'oxford', query({ anySkills: 'seg,pytorch' }), { now: TODAY });
    await db.write('MATCH (c:Candidate) REMOVE c.sectorFit, c.roleSince');
    const walked = await rankPool(db, 'oxford', query({ anySkills: 'seg,pytorch' }), { now: TODAY });
    expect(walked.items.length).toBeGreaterThan(1);
    expect(scores(walked)).toEqual(scores(derived));
    expect(walked.items.map((i) => i.score.terms.sector)).toEqual(derived.items.map((i) => i.score.terms.sector));
    await buildExplorerWorld(db);
  });
});
