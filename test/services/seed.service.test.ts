import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { countByLabelAndType } from '../../server/repositories/health.repository.ts';
import { findContents, writeCandidateBatch } from '../../server/repositories/seed.repository.ts';
import { countSegments, deriveSegments } from '../../server/repositories/segments.repository.ts';
import type { Segment } from '../../server/schemas/common.schema.ts';
import { DemoWorldGenerator, GENERATOR_VERSION } from '../../server/seed/generator.ts';
import { type CandidateBatch, emptyCandidateBatch } from '../../server/seed/rows.ts';
import { loadWorld } from '../../server/seed/world.ts';
import { SeedInputError, SeedRefusedError, isDatabaseEmpty, seedDemoWorld } from '../../server/services/seed.service.ts';
import { clearGraph, testDatabase } from '../support/db.ts';

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

  it('isDatabaseEmpty is true for an empty database', async () => {
    expect(await isDatabaseEmpty(db)).toBe(true);
  });

  it('seedDemoWorld loads a world whose derived segments are the careers the generator laid out', async () => {
    const progress: number[] = [];
    const summary = await seedDemoWorld(db, { candidates: SIZE, seed: 7, onProgress: (done, total) => progress.push(done / total) });
    expect(summary).toMatchObject({ world: 'seed:7:1500', seed: 7, candidates: SIZE, teamMembers: 12, replaced: false, alreadyPresent: false });
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(await isDatabaseEmpty(db)).toBe(false);

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

  it('seedDemoWorld with replace empties the database and loads the other world', async () => {
    const summary = await seedDemoWorld(db, { candidates: SIZE, seed: 8, replace: true });
    expect(summary).toMatchObject({ world: 'seed:8:1500', replaced: true, alreadyPresent: false });
    expect(await findContents(db, summary.world)).toMatchObject({ world: { seed: 8, candidates: SIZE }, untagged: 0, otherTagged: 0 });
    expect((await countByLabelAndType(db)).nodes.Candidate).toBe(SIZE);

    const tracks = tracksOf(8, SIZE);
    expect(Object.fromEntries(await deriveSegments(db, [...tracks.keys()]))).toEqual(Object.fromEntries(tracks));
    const before = tracksOf(7, SIZE);
    expect([...tracks].filter(([id, track]) => before.get(id) !== track).length).toBeGreaterThan(SIZE / 3);
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
