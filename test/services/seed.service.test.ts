import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { INSTALLATION_LABELS } from '../../server/db/labels.ts';
import { readDataVersions } from '../../server/repositories/data-version.repository.ts';
import { countByLabelAndType } from '../../server/repositories/health.repository.ts';
import { findContents, writeCandidateBatch } from '../../server/repositories/seed.repository.ts';
import { countSegments, deriveSegments } from '../../server/repositories/segments.repository.ts';
import type { Segment } from '../../server/schemas/common.schema.ts';
import { DemoWorldGenerator, GENERATOR_VERSION } from '../../server/seed/generator.ts';
import { type CandidateBatch, emptyCandidateBatch } from '../../server/seed/rows.ts';
import { loadWorld } from '../../server/seed/world.ts';
import { listAuditEvents, recordAuditEvent } from '../../server/services/audit.service.ts';
import { countWorldAndInstallation } from '../../server/services/stats.service.ts';
import { SeedInputError, SeedRefusedError, isWorldEmpty, isWorldUnfinished, seedDemoWorld } from '../../server/services/seed.service.ts';
import { TokenVerifier, addUser, createUserToken } from '../../server/services/users.service.ts';
import { clearGraph, testDatabase } from '../support/db.ts';
import { GraphSpecBuilder } from '../support/graph.ts';

/** Every batch's rows in one; a publication shared by several batches is kept once. */
function concat(batches: Iterable<CandidateBatch>): CandidateBatch {
  const all = emptyCandidateBatch();
  for (const batch of batches) for (const key of Object.keys(all) as (keyof CandidateBatch)[]) (all[key] as unknown[]).push(...batch[key]);
  all.publications = [...new Map(all.publications.map((p) => [p.id, p])).values()].sort((a, b) => a.id.localeCompare(b.id));
  return all;
}

const SIZE = 1500;

/** The career track the generator followed for each candidate of a world. */
function tracksOf(seed: number, candidates: number): Map<string, Segment> {
  const batch = concat([...new DemoWorldGenerator(loadWorld(), { seed, candidates }).candidateBatches()]);
  return new Map(batch.candidates.map((c, i) => [c.id, batch.tracks[i]!]));
}

describe('seed service', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await clearGraph(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('isWorldEmpty is true for an empty database and for one holding only users, tokens, audit events and the change mark', async () => {
    expect(await isWorldEmpty(db)).toBe(true);
    const user = await addUser(db, { name: 'first-user', role: 'admin', now: new Date() });
    await createUserToken(db, { user: user.id, now: new Date() });
    await recordAuditEvent(db, { action: 'token.use', actor: 'first-user', at: new Date(), details: { path: '/api/me' } });
    expect(await isWorldEmpty(db)).toBe(true);
    await clearGraph(db);
  });

  it('isWorldUnfinished tells a seeding stopped half way (what `atlas serve` then finishes) from no world, a finished one and another one', async () => {
    const world = { candidates: SIZE, seed: 7 };
    expect(await isWorldUnfinished(db, world)).toBe(false);
    const stopped = seedDemoWorld(db, {
      ...world,
      onProgress: (done) => {
        if (done > 0) throw new Error('stopped');
      },
    });
    await expect(stopped).rejects.toThrow('stopped');
    expect(await isWorldEmpty(db)).toBe(false);
    expect(await isWorldUnfinished(db, world)).toBe(true);
    expect(await isWorldUnfinished(db, { candidates: SIZE, seed: 8 })).toBe(false);
    expect(await isWorldUnfinished(db, { candidates: 1000, seed: 7 })).toBe(false);
    await seedDemoWorld(db, world);
    expect(await isWorldUnfinished(db, world)).toBe(false);
    await clearGraph(db);
  });

  it('seedDemoWorld loads a world whose derived segments are the careers the generator laid out', async () => {
    const progress: number[] = [];
    const summary = await seedDemoWorld(db, { candidates: SIZE, seed: 7, onProgress: (done, total) => progress.push(done / total) });
    expect(summary).toMatchObject({ world: 'seed:7:1500', seed: 7, candidates: SIZE, teamMembers: 12, replaced: false, alreadyPresent: false });
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(await isWorldEmpty(db)).toBe(false);

    const stats = await countByLabelAndType(db);
    expect(stats.nodes).toMatchObject({ Candidate: SIZE, TeamMember: 12, World: 1, Hub: 14, Country: 8, Employer: summary.employers });
    for (const type of ['WORKS_AT', 'WORKED_AT', 'BASED_IN', 'HAS_SKILL', 'AUTHORED', 'STUDIED_AT', 'IN_FIELD', 'IN_SECTOR', 'HAS_SITE', 'PIVOTS_TO', 'IN_COUNTRY']) {
      expect(stats.relationships[type], type).toBeGreaterThan(0);
    }

    const tracks = tracksOf(7, SIZE);
    const derived = await deriveSegments(db, [...tracks.keys()]);
    expect(Object.fromEntries(derived)).toEqual(Object.fromEntries(tracks));
    const counts = await countSegments(db);
    expect(summary.segments).toEqual(counts);
    expect(counts['adjacent-sector']).toBeGreaterThan(counts['target-sector']);
    expect(summary.teamLinks.colleagues).toBeGreaterThan(0);
    expect(summary.teamLinks.coauthors).toBeGreaterThan(0);

    const { world } = await findContents(db, summary.world);
    expect(world).toMatchObject({ name: 'medical-imaging-cv', seed: 7, candidates: SIZE, version: GENERATOR_VERSION, complete: true });
  });

  it('seedDemoWorld run again with the same seed and size leaves every count unchanged', async () => {
    const before = await countByLabelAndType(db);
    const summary = await seedDemoWorld(db, { candidates: SIZE, seed: 7 });
    expect(summary.alreadyPresent).toBe(true);
    expect(await countByLabelAndType(db)).toEqual(before);
  });

  it('seedDemoWorld refuses another seed, naming the world the database holds', async () => {
    const before = await countByLabelAndType(db);
    const attempt = seedDemoWorld(db, { candidates: SIZE, seed: 8 });
    await expect(attempt).rejects.toBeInstanceOf(SeedRefusedError);
    await expect(attempt).rejects.toThrow(/holds another world \(seed 7, 1500 candidates\); use --replace/);
    await expect(seedDemoWorld(db, { candidates: 1000, seed: 7 })).rejects.toThrow(/another world \(seed 7, 1500 candidates\)/);
    expect(await countByLabelAndType(db)).toEqual(before);
  });

  it('seedDemoWorld refuses a database that holds imported candidates, even for the same world', async () => {
    const imported = { ...concat([...new DemoWorldGenerator(loadWorld(), { seed: 1, candidates: 1 }).candidateBatches()]).candidates[0]! };
    await writeCandidateBatch(db, { candidates: [{ ...imported, id: 'imported-1', emailKey: null, profileKey: null, world: null }] });
    await expect(seedDemoWorld(db, { candidates: SIZE, seed: 7 })).rejects.toThrow(/holds 1 imported candidate; use --replace/);
  });

  it('seedDemoWorld with replace deletes the world the database holds and loads the other one', async () => {
    const summary = await seedDemoWorld(db, { candidates: SIZE, seed: 8, replace: true });
    expect(summary).toMatchObject({ world: 'seed:8:1500', replaced: true, alreadyPresent: false });
    expect(await findContents(db, summary.world)).toMatchObject({ world: { seed: 8, candidates: SIZE }, untagged: 0, otherTagged: 0 });
    expect((await countByLabelAndType(db)).nodes.Candidate).toBe(SIZE);

    const tracks = tracksOf(8, SIZE);
    expect(Object.fromEntries(await deriveSegments(db, [...tracks.keys()]))).toEqual(Object.fromEntries(tracks));
    const before = tracksOf(7, SIZE);
    expect([...tracks].filter(([id, track]) => before.get(id) !== track).length).toBeGreaterThan(SIZE / 3);
  });

  it('seedDemoWorld with replace deletes the work on the old world, keeps users, tokens, the audit trail and the suppression list, and records the replacement', async () => {
    const admin = await addUser(db, { name: 'ana', role: 'admin', now: new Date() });
    const { token } = await createUserToken(db, { user: admin.id, label: 'laptop', now: new Date() });
    const earlier = await recordAuditEvent(db, { action: 'candidate.view', actor: 'ana', at: new Date('2026-01-05T10:00:00Z'), details: { candidateId: 'c-000001' } });
    // The team's work on the old world, and the installation's records an erasure leaves.
    await new GraphSpecBuilder()
      .node('Hub', { id: 'zz-hub', name: 'Elsewhere' })
      .node('Candidate', { id: 'zz-person', name: 'Old Person' })
      .node('Search', { id: 'zz-search', title: 'Head of imaging' })
      .node('PipelineEntry', { id: 'zz-entry', stage: 'contacted' })
      .node('StageChange', { stage: 'contacted', seq: 1 }, 'zz-change')
      .node('TargetList', { id: 'zz-list', name: 'Weekly', kind: 'search', searchId: 'zz-search' })
      .node('Snapshot', { id: 'zz-snapshot', listId: 'zz-list', week: '2026-W02', status: 'complete' })
      .node('ListRow', { snapshotId: 'zz-snapshot', candidateId: 'zz-person', rank: 1 }, 'zz-row')
      .node('SavedView', { id: 'zz-view', name: 'Old Person', url: '/map?candidate=zz-person' })
      .node('Suppressed', { hash: 'zz-hash', since: '2026-01-01' }, 'zz-suppressed')
      .node('Installation', { key: 'suppression-salt', value: 'zz-salt' }, 'zz-salt')
      .rel('zz-search', 'IN_HUB', 'zz-hub')
      .rel('zz-search', 'HAS_ENTRY', 'zz-entry')
      .rel('zz-entry', 'FOR', 'zz-person')
      .rel('zz-entry', 'HAD', 'zz-change')
      .rel('zz-list', 'FOR_SEARCH', 'zz-search')
      .rel('zz-list', 'HAS_SNAPSHOT', 'zz-snapshot')
      .rel('zz-snapshot', 'HAS_ROW', 'zz-row')
      .rel('zz-row', 'OF', 'zz-person')
      .write(db);
    const before = await countWorldAndInstallation(db);
    const versionBefore = (await readDataVersions(db)).graph;
    // Every installation label but the change marks' log, which the counts leave out.
    expect(Object.keys(before.installation.nodes).sort()).toEqual(INSTALLATION_LABELS.filter((label) => label !== 'TalentChange').sort());

    const summary = await seedDemoWorld(db, { candidates: 200, seed: 9, replace: true, audit: { actor: 'cli:ops', origin: 'cli:host' } });
    expect(summary).toMatchObject({ world: 'seed:9:200', replaced: true });

    const after = await countWorldAndInstallation(db);
    expect(after.installation).toEqual({
      nodes: { ...before.installation.nodes, AuditEvent: before.installation.nodes.AuditEvent! + 1 },
      relationships: before.installation.relationships,
    });
    expect(after.nodes).toMatchObject({ Candidate: 200, World: 1, TeamMember: 12 });
    for (const label of ['Search', 'PipelineEntry', 'StageChange', 'TargetList', 'Snapshot', 'ListRow', 'SavedView']) expect(after.nodes[label], label).toBeUndefined();
    expect(after.relationships).not.toHaveProperty('HAS_ENTRY');
    expect(await findContents(db, summary.world)).toEqual({ world: expect.objectContaining({ seed: 9, candidates: 200 }), untagged: 0, otherTagged: 0 });

    expect(await new TokenVerifier(db, 0).verify(token)).toMatchObject({ name: 'ana', role: 'admin' });
    const trail = await listAuditEvents(db);
    expect(trail.map((e) => e.id)).toContain(earlier);
    const [replaced, ...others] = trail.filter((e) => e.action === 'world.replace');
    expect(others).toEqual([]);
    expect(replaced).toMatchObject({
      actor: 'cli:ops',
      origin: 'cli:host',
      world: 'seed:9:200',
      previousWorld: 'seed:8:1500',
      candidates: SIZE + 1,
      employers: before.nodes.Employer,
      searches: 1,
      lists: 1,
      savedViews: 1,
    });
    // Caches of derived data (the hub map) key on the change mark: a new world is a change.
    expect((await readDataVersions(db)).graph).not.toBe(versionBefore);
  });

  it('seedDemoWorld rejects a size outside 1 to 1,000,000 and a negative seed before touching the database', async () => {
    const before = await countByLabelAndType(db);
    for (const candidates of [-5, 0, 2.5, 1_000_001]) {
      await expect(seedDemoWorld(db, { candidates, seed: 1, replace: true })).rejects.toBeInstanceOf(SeedInputError);
    }
    await expect(seedDemoWorld(db, { candidates: 10, seed: -1, replace: true })).rejects.toThrow(/seed must be a whole number/);
    expect(await countByLabelAndType(db)).toEqual(before);
  });
});
