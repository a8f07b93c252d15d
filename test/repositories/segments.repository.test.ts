import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { writeCandidateBatch, writeEmployers, writeReference } from '../../server/repositories/seed.repository.ts';
import { countSegments, deriveAllSegments, deriveSegments } from '../../server/repositories/segments.repository.ts';
import type { CandidateRow, EmployerRow, JobRow } from '../../server/seed/rows.ts';
import { clearGraph, testDatabase } from '../support/db.ts';

/**
 * A hand-built graph with one candidate per rule and per precedence case:
 *   sectors  T (target), A (PIVOTS_TO T), O (other), N (PIVOTS_TO O, which is no target)
 *   papers   pT in field T, pA in field A
 */
const EXPECTED = {
  'c-shipped-now': 'target-sector', // works at a T employer
  'c-shipped-before': 'target-sector', // worked at T, now at A, wrote pT: target job wins
  'c-adjacent-before': 'adjacent-sector', // worked at A, now at O, wrote pT: adjacent job beats the paper
  'c-adjacent-now': 'adjacent-sector', // works at A
  'c-academic': 'academic', // works at O, wrote pT
  'c-pivot-to-other': 'other', // works at N, whose pivot leads to a non-target sector
  'c-adjacent-paper': 'other', // wrote pA only
  'c-nothing': 'other',
} as const;

function candidate(id: string): CandidateRow {
  return {
    id,
    name: id,
    email: null,
    emailKey: null,
    profileUrl: null,
    profileKey: null,
    locationText: null,
    latitude: null,
    longitude: null,
    hubId: null,
    yearsExperience: 5,
    seniority: 'senior',
    openToWork: false,
    passive: true,
    sources: ['test'],
    lawfulBasis: 'legitimate-interest',
    obtainedAt: '2025-01-01',
    world: null,
  };
}

const employer = (id: string, sectorId: string): EmployerRow => ({ id, name: id, normName: id, kind: 'company', sectorId, hubIds: [], world: null });
const job = (personId: string, employerId: string, to: string | null = null): JobRow => ({ personId, employerId, title: 'Engineer', from: '2018-01-01', to });

async function buildGraph(db: Database): Promise<void> {
  await clearGraph(db);
  await writeReference(db, {
    sectors: [
      { id: 'T', name: 'Target', target: true, group: 'g' },
      { id: 'A', name: 'Adjacent', target: false, group: 'g' },
      { id: 'O', name: 'Other', target: false, group: 'g' },
      { id: 'N', name: 'Pivots to other', target: false, group: 'g' },
    ],
    pivots: [
      { from: 'A', to: 'T', weight: 0.5 },
      { from: 'N', to: 'O', weight: 0.9 },
    ],
  });
  await writeEmployers(db, [employer('eT', 'T'), employer('eA', 'A'), employer('eO', 'O'), employer('eN', 'N')]);
  await writeCandidateBatch(db, {
    candidates: Object.keys(EXPECTED).map(candidate),
    publications: [
      { id: 'pT', title: 'Target paper', year: 2020, venue: 'V', fieldId: 'T' },
      { id: 'pA', title: 'Adjacent paper', year: 2020, venue: 'V', fieldId: 'A' },
    ],
    currentJobs: [
      job('c-shipped-now', 'eT'),
      job('c-shipped-before', 'eA'),
      job('c-adjacent-before', 'eO'),
      job('c-adjacent-now', 'eA'),
      job('c-academic', 'eO'),
      job('c-pivot-to-other', 'eN'),
    ],
    pastJobs: [job('c-shipped-before', 'eT', '2019-12-31'), job('c-adjacent-before', 'eA', '2019-12-31')],
    authorships: [
      { personId: 'c-shipped-before', publicationId: 'pT' },
      { personId: 'c-adjacent-before', publicationId: 'pT' },
      { personId: 'c-academic', publicationId: 'pT' },
      { personId: 'c-adjacent-paper', publicationId: 'pA' },
    ],
  });
}

describe('segments repository', () => {
  let db: Database;
  beforeEach(async () => {
    db ??= await testDatabase();
    await buildGraph(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('deriveSegments applies each rule and the precedence target-sector > adjacent-sector > academic > other', async () => {
    const derived = await deriveSegments(db, Object.keys(EXPECTED));
    expect(Object.fromEntries(derived)).toEqual(EXPECTED);
  });

  it('deriveAllSegments derives every candidate by the same rules as deriveSegments', async () => {
    expect(await countSegments(db)).toEqual({ 'target-sector': 0, 'adjacent-sector': 0, academic: 0, other: 0 });
    await deriveAllSegments(db);
    expect(await countSegments(db)).toEqual({ 'target-sector': 2, 'adjacent-sector': 2, academic: 1, other: 3 });
    // Re-deriving candidate by candidate agrees with the batched statement.
    expect(Object.fromEntries(await deriveSegments(db, Object.keys(EXPECTED)))).toEqual(EXPECTED);
  });

  it('deriveSegments touches only the candidates it is given', async () => {
    expect(Object.fromEntries(await deriveSegments(db, ['c-academic', 'c-unknown']))).toEqual({ 'c-academic': 'academic' });
    expect(await countSegments(db)).toEqual({ 'target-sector': 0, 'adjacent-sector': 0, academic: 1, other: 0 });
  });

  it('deriveSegments follows the graph: a new past job in a target sector moves an academic to target-sector', async () => {
    await deriveAllSegments(db);
    await writeCandidateBatch(db, { pastJobs: [job('c-academic', 'eT', '2017-06-30')] });
    expect(Object.fromEntries(await deriveSegments(db, ['c-academic']))).toEqual({ 'c-academic': 'target-sector' });
    expect(await countSegments(db)).toEqual({ 'target-sector': 3, 'adjacent-sector': 2, academic: 0, other: 3 });
  });
});
