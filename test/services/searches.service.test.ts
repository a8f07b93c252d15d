import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { STAGES, type Stage } from '../../server/schemas/searches.schema.ts';
import { moveCandidate, openSearch, pipelineEntryId, searchDetail, transitionError } from '../../server/services/searches.service.ts';
import { testDatabase } from '../support/db.ts';
import { buildExplorerWorld } from '../support/explorer-world.ts';

describe('transitionError', () => {
  it('transitionError lets a new entry start at any stage', () => {
    for (const stage of STAGES) expect(transitionError(null, stage)).toBeUndefined();
  });

  it('transitionError allows forward moves, skips included, and refuses backward ones', () => {
    expect(transitionError('identified', 'contacted')).toBeUndefined();
    expect(transitionError('contacted', 'assessment')).toBeUndefined();
    expect(transitionError('offer', 'placed')).toBeUndefined();
    expect(transitionError('screening', 'contacted')).toMatch(/back/);
  });

  it('transitionError allows declining or barring from any open stage, and reopening a declined one', () => {
    const open: Stage[] = ['identified', 'contacted', 'replied', 'screening', 'assessment', 'offer'];
    for (const stage of open) {
      expect(transitionError(stage, 'declined')).toBeUndefined();
      expect(transitionError(stage, 'off-limits')).toBeUndefined();
    }
    expect(transitionError('declined', 'identified')).toBeUndefined();
    expect(transitionError('declined', 'off-limits')).toBeUndefined();
  });

  it('transitionError keeps placed and off-limits final, but lets a note be added at the same stage', () => {
    expect(transitionError('placed', 'declined')).toMatch(/final/);
    expect(transitionError('off-limits', 'identified')).toMatch(/final/);
    expect(transitionError('placed', 'placed')).toBeUndefined();
  });
});

describe('pipelineEntryId', () => {
  it('pipelineEntryId is one key per (search, candidate) pair that no id split can collide', () => {
    expect(pipelineEntryId('s1', 'c1')).toBe(pipelineEntryId('s1', 'c1'));
    expect(pipelineEntryId('s1', 'c1')).not.toBe(pipelineEntryId('s1', 'c2'));
    expect(pipelineEntryId('a:b', 'c')).not.toBe(pipelineEntryId('a', 'b:c'));
    expect(pipelineEntryId('s1', 'c1')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('moveCandidate', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
  });
  afterAll(async () => {
    await db.close();
  });
  const OPENED = new Date('2026-03-02T08:00:00Z');
  const later = (seconds: number) => new Date(OPENED.getTime() + seconds * 1000);

  it('moveCandidate serialises concurrent moves of one entry, each judged against the stage the previous one left', async () => {
    const search = await openSearch(db, { title: 'Race', client: 'Client', hubs: [], requiredSkills: [], seniority: [], sectors: [], targetEmployers: [], targetDays: 30 }, OPENED);
    await moveCandidate(db, search.id, 'c1', { stage: 'identified' }, later(1));
    // Later-stamped requests are sent first, so the one that commits last may carry the earliest clock.
    const sent: [Stage, number][] = [
      ['offer', 9],
      ['contacted', 8],
      ['placed', 7],
      ['identified', 6],
      ['screening', 5],
      ['declined', 4],
      ['replied', 3],
      ['off-limits', 2],
    ];
    const outcomes = await Promise.allSettled(sent.map(([stage, s]) => moveCandidate(db, search.id, 'c1', { stage }, later(s))));
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(String(outcome.reason)).toMatch(/Cannot set stage/);
    expect(outcomes.some((o) => o.status === 'rejected')).toBe(true);

    const [entry] = (await searchDetail(db, search.id, later(60))).pipeline;
    const stages = entry!.history.map((h) => h.stage);
    for (let i = 1; i < stages.length; i++) expect(transitionError(stages[i - 1]!, stages[i]!), stages.join(' → ')).toBeUndefined();
    // Each move let through is recorded once, and one that found the entry at its stage already not at all.
    // A stage may be recorded twice by two requests: 'declined' reopens to 'identified'.
    const fulfilled = sent.filter((_, k) => outcomes[k]!.status === 'fulfilled').map(([stage]) => stage);
    const recorded = stages.slice(1);
    for (const stage of new Set(recorded)) {
      expect(recorded.filter((s) => s === stage).length, stages.join(' → ')).toBeLessThanOrEqual(fulfilled.filter((s) => s === stage).length);
    }
    for (let i = 1; i < stages.length; i++) expect(stages[i], stages.join(' → ')).not.toBe(stages[i - 1]);
    expect(entry!.stage).toBe(stages.at(-1));
    const dates = entry!.history.map((h) => Date.parse(h.at));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(Date.parse(entry!.stageSince)).toBe(dates.at(-1));
  });

  it('moveCandidate makes no move when its audit event cannot be written: the two share one transaction', async () => {
    const search = await openSearch(db, { title: 'Atomic', client: 'Client', hubs: [], requiredSkills: [], seniority: [], sectors: [], targetEmployers: [], targetDays: 30 }, OPENED);
    await moveCandidate(db, search.id, 'c1', { stage: 'identified' }, later(1), { actor: 'tester' });
    // The database refuses a map as a property value, so this event's write fails inside the transaction.
    const unwritable = { actor: 'tester', origin: { not: 'a string' } as unknown as string };
    await expect(moveCandidate(db, search.id, 'c1', { stage: 'contacted' }, later(2), unwritable)).rejects.toThrow();
    const [entry] = (await searchDetail(db, search.id, later(3))).pipeline;
    expect(entry!.stage).toBe('identified');
    expect(entry!.history.map((h) => h.stage)).toEqual(['identified']);
  });
});
