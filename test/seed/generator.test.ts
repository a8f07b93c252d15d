import { describe, expect, it } from 'vitest';
import { SENIORITIES } from '../../server/schemas/common.schema.ts';
import { DemoWorldGenerator, candidateId, worldTag } from '../../server/seed/generator.ts';
import { type CandidateBatch, emptyCandidateBatch } from '../../server/seed/rows.ts';
import { loadWorld } from '../../server/seed/world.ts';

/** Every batch's rows in one; a publication shared by several batches is kept once. */
function concat(batches: Iterable<CandidateBatch>): CandidateBatch {
  const all = emptyCandidateBatch();
  for (const batch of batches) for (const key of Object.keys(all) as (keyof CandidateBatch)[]) (all[key] as unknown[]).push(...batch[key]);
  all.publications = [...new Map(all.publications.map((p) => [p.id, p])).values()].sort((a, b) => a.id.localeCompare(b.id));
  return all;
}

const world = loadWorld();

function generate(seed: number, candidates: number, batchSize = 1000): { generator: DemoWorldGenerator; all: CandidateBatch } {
  const generator = new DemoWorldGenerator(world, { seed, candidates });
  return { generator, all: concat([...generator.candidateBatches(batchSize)]) };
}

describe('DemoWorldGenerator', () => {
  it('DemoWorldGenerator gives identical rows for the same seed and size', () => {
    const a = generate(42, 1500);
    const b = generate(42, 1500);
    expect(b.all).toEqual(a.all);
    expect(b.generator.employers()).toEqual(a.generator.employers());
    expect(b.generator.team()).toEqual(a.generator.team());
    expect(b.generator.reference()).toEqual(a.generator.reference());
  });

  it('DemoWorldGenerator rows do not depend on the batch size', () => {
    expect(generate(7, 1200, 250).all).toEqual(generate(7, 1200, 1200).all);
  });

  it('DemoWorldGenerator gives another world for another seed', () => {
    const a = generate(42, 800);
    const b = generate(43, 800);
    const sameName = a.all.candidates.filter((c, i) => c.name === b.all.candidates[i]!.name).length;
    expect(sameName).toBeLessThan(80);
    expect(b.generator.employers().map((e) => e.name)).not.toEqual(a.generator.employers().map((e) => e.name));
    expect(b.all.candidates[0]!.world).toBe('seed:43:800');
  });

  it('DemoWorldGenerator streams batches of the asked size with ids in order', () => {
    const generator = new DemoWorldGenerator(world, { seed: 1, candidates: 2500 });
    const sizes = [...generator.candidateBatches(1000)].map((b) => b.candidates.length);
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(candidateId(0)).toBe('c-000001');
    expect(worldTag({ seed: 1, candidates: 2500 })).toBe('seed:1:2500');
  });

  it('DemoWorldGenerator follows the segment mix, mostly passive, about 5% outside every hub', () => {
    const { all } = generate(11, 4000);
    const share = (n: number) => n / all.candidates.length;
    const tracks = (t: string) => share(all.tracks.filter((x) => x === t).length);
    expect(tracks('target-sector')).toBeCloseTo(0.15, 1);
    expect(tracks('adjacent-sector')).toBeCloseTo(0.45, 1);
    expect(tracks('academic')).toBeCloseTo(0.15, 1);
    expect(tracks('other')).toBeCloseTo(0.25, 1);
    expect(share(all.candidates.filter((c) => c.passive).length)).toBeGreaterThan(0.65);
    expect(share(all.candidates.filter((c) => c.passive).length)).toBeLessThan(0.85);
    expect(share(all.candidates.filter((c) => c.hubId === null).length)).toBeCloseTo(0.05, 1);
    expect(all.candidates.some((c) => c.openToWork && c.passive)).toBe(true);
  });

  it('DemoWorldGenerator derives seniority from years of experience by the salary bands\' levels', () => {
    const { all } = generate(5, 2000);
    const levels = world.salaryBands.levels;
    for (const c of all.candidates) {
      const expected = [...levels].reverse().find((l) => c.yearsExperience >= l.minYears)!.id;
      expect(c.seniority, c.id).toBe(expected);
    }
    for (const level of SENIORITIES) expect(all.candidates.some((c) => c.seniority === level), level).toBe(true);
  });

  it('DemoWorldGenerator careers have ordered dates, one current job at most and no employer twice', () => {
    const { generator, all } = generate(9, 1500);
    const employers = new Set(generator.employers().map((e) => e.id));
    const byPerson = new Map<string, { employerId: string; from: string; to: string | null }[]>();
    for (const job of [...all.pastJobs, ...all.currentJobs]) {
      expect(employers.has(job.employerId)).toBe(true);
      if (job.to !== null) expect(job.from < job.to, `${job.personId} ${job.from}–${job.to}`).toBe(true);
      byPerson.set(job.personId, [...(byPerson.get(job.personId) ?? []), job]);
    }
    expect(byPerson.size).toBe(all.candidates.length);
    for (const [person, jobs] of byPerson) {
      expect(jobs.filter((j) => j.to === null).length, person).toBeLessThanOrEqual(1);
      expect(new Set(jobs.map((j) => j.employerId)).size, person).toBe(jobs.length);
      const current = jobs.find((j) => j.to === null);
      if (current) for (const past of jobs.filter((j) => j !== current)) expect(past.to! <= current.from, person).toBe(true);
    }
  });

  it('DemoWorldGenerator gives unique, normalised identity keys and records provenance', () => {
    const { all } = generate(3, 2000);
    const emails = all.candidates.filter((c) => c.email !== null);
    const profiles = all.candidates.filter((c) => c.profileUrl !== null);
    expect(emails.length / all.candidates.length).toBeCloseTo(0.7, 1);
    expect(new Set(emails.map((c) => c.emailKey)).size).toBe(emails.length);
    expect(new Set(profiles.map((c) => c.profileKey)).size).toBe(profiles.length);
    for (const c of emails) expect(c.emailKey).toBe(c.email!.toLowerCase());
    for (const c of profiles) {
      expect(c.profileKey).toBe(c.profileUrl!.replace(/^https:\/\/www\./, '').replace(/\?.*$/, '').replace(/\/$/, '').toLowerCase());
    }
    expect(all.candidates.every((c) => c.sources.join() === 'demo-generator' && c.lawfulBasis === 'legitimate-interest' && /^\d{4}-\d{2}-\d{2}$/.test(c.obtainedAt))).toBe(true);
    expect(all.candidates.map((c) => c.name).join(' ')).toMatch(/[łöéřșüñ]/);
  });

  it('DemoWorldGenerator places located candidates at their nearest hub, with its name in locationText', () => {
    const { all } = generate(13, 1000);
    const hubs = new Map(world.hubs.map((h) => [h.id, h]));
    for (const c of all.candidates.filter((x) => x.hubId !== null)) {
      const hub = hubs.get(c.hubId!)!;
      expect(c.locationText).toMatch(new RegExp(`^${hub.name}, `));
      expect(Math.abs(c.latitude! - hub.latitude)).toBeLessThan(1);
    }
    expect(all.candidates.some((c) => c.locationText === 'Remote' && c.latitude === null)).toBe(true);
  });

  it('DemoWorldGenerator names companies with their country\'s legal suffix, each name once', () => {
    const generator = new DemoWorldGenerator(world, { seed: 42, candidates: 5000 });
    const employers = generator.employers();
    expect(employers.length).toBeGreaterThan(150);
    expect(employers.length).toBeLessThan(400);
    const countryOf = new Map(world.hubs.map((h) => [h.id, world.countries.find((c) => c.code === h.countryCode)!]));
    for (const e of employers.filter((x) => x.kind === 'company')) {
      const suffixes = countryOf.get(e.hubIds[0]!)!.legalSuffixes;
      expect(suffixes.some((s) => e.name.endsWith(` ${s}`)), e.name).toBe(true);
      expect(e.normName).toBe(e.normName.toLowerCase());
      expect(suffixes.some((s) => e.normName.endsWith(s.toLowerCase()))).toBe(false);
    }
    expect(new Set(employers.map((e) => e.normName)).size).toBe(employers.length);
    expect(new Set(employers.map((e) => e.kind))).toEqual(new Set(['company', 'university', 'institute', 'hospital']));
  });

  it('DemoWorldGenerator scales employers mildly with the size of the world', () => {
    const small = new DemoWorldGenerator(world, { seed: 1, candidates: 5000 }).employers().length;
    const large = new DemoWorldGenerator(world, { seed: 1, candidates: 1_000_000 }).employers().length;
    expect(large).toBeGreaterThan(small);
    expect(large).toBeLessThan(small * 5);
  });

  it('DemoWorldGenerator gives the team colleagues and co-authors among the candidates', () => {
    const { generator, all } = generate(42, 5000, 5000);
    const team = generator.team();
    expect(team.members).toHaveLength(12);
    const end = (to: string | null) => to ?? '9999-12-31';
    const overlapping = team.pastJobs.filter((t) =>
      [...all.pastJobs, ...all.currentJobs].some((c) => c.employerId === t.employerId && c.from <= end(t.to) && t.from <= end(c.to)),
    );
    expect(overlapping.length).toBeGreaterThan(10);
    const candidatePapers = new Set(all.authorships.map((a) => a.publicationId));
    expect(team.authorships.filter((a) => candidatePapers.has(a.publicationId)).length).toBeGreaterThan(0);
  });

  it('DemoWorldGenerator refuses sizes outside 1 to 1,000,000 and negative seeds', () => {
    for (const candidates of [0, -5, 1.5, 1_000_001, Number.NaN]) {
      expect(() => new DemoWorldGenerator(world, { seed: 1, candidates })).toThrow(/candidates must be a whole number between 1 and 1000000/);
    }
    expect(() => new DemoWorldGenerator(world, { seed: -1, candidates: 10 })).toThrow(/seed must be a whole number/);
  });
});
