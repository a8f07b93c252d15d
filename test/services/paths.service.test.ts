import { describe, expect, it } from 'vitest';
import type { PathPerson } from '../../server/repositories/paths.repository.ts';
import { WARM_PATH_SCORING, scoreLink } from '../../server/services/paths.service.ts';

const ann: PathPerson = { elementId: 'e1', id: 'tm1', name: 'Ann', kind: 'teamMember' };
const bob: PathPerson = { elementId: 'e2', id: 'c1', name: 'Bob', kind: 'candidate' };
const acme = { id: 'e-acme', name: 'Acme', kind: 'employer' as const, year: null };
const NOW = new Date('2026-01-15T10:00:00Z');

describe('scoreLink', () => {
  it('scoreLink gives colleagues who are still together a full-strength, fully recent link after two years', () => {
    const link = scoreLink(ann, bob, acme, { type: 'WORKS_AT', from: '2020-01-01', to: null }, { type: 'WORKS_AT', from: '2023-01-01', to: null }, NOW)!;
    expect(link.scored).toMatchObject({ strength: 1, recency: 1, score: 1 });
    expect(link.scored.via).toMatchObject({ kind: 'colleague', overlapFrom: '2023-01-01', overlapTo: '2026-01-15', overlapMonths: 36 });
  });

  it('scoreLink scales strength by the overlap and halves recency every five years', () => {
    const link = scoreLink(ann, bob, acme, { type: 'WORKED_AT', from: '2015-01-01', to: '2016-01-01' }, { type: 'WORKED_AT', from: '2015-07-02', to: '2021-01-15' }, NOW)!;
    expect(link.scored.strength).toBeCloseTo(183 / WARM_PATH_SCORING.fullOverlapDays, 4);
    expect(link.scored.recency).toBeCloseTo(0.5 ** ((Date.UTC(2026, 0, 15) - Date.UTC(2016, 0, 1)) / 86_400_000 / 365.25 / 5), 4);
  });

  it('scoreLink finds no link between colleagues whose tenures do not overlap', () => {
    expect(scoreLink(ann, bob, acme, { type: 'WORKED_AT', from: '2010-01-01', to: '2012-01-01' }, { type: 'WORKS_AT', from: '2012-01-01', to: null }, NOW)).toBeUndefined();
  });

  it("scoreLink ends a past job with no end date where the person's next job began, and claims no overlap when none did", () => {
    const ann2020 = { type: 'WORKS_AT', from: '2020-01-01', to: null };
    const left2022 = scoreLink(ann, bob, acme, ann2020, { type: 'WORKED_AT', from: '2019-01-01', to: null, nextStart: '2022-07-01' }, NOW)!;
    expect(left2022.scored.via).toMatchObject({ overlapFrom: '2020-01-01', overlapTo: '2022-07-01' });
    expect(scoreLink(ann, bob, acme, ann2020, { type: 'WORKED_AT', from: '2010-01-01', to: null, nextStart: '2013-01-01' }, NOW)).toBeUndefined();
    expect(scoreLink(ann, bob, acme, ann2020, { type: 'WORKED_AT', from: '2018-01-01', to: null, nextStart: null }, NOW)).toBeUndefined();
    // A written end date wins over the next job's start.
    const written = scoreLink(ann, bob, acme, ann2020, { type: 'WORKED_AT', from: '2019-01-01', to: '2021-01-01', nextStart: '2022-07-01' }, NOW)!;
    expect(written.scored.via).toMatchObject({ overlapTo: '2021-01-01' });
  });

  it('scoreLink counts a shared paper as a full-strength link, aged by its year', () => {
    const paper = { id: 'p1', name: 'A paper', kind: 'publication' as const, year: 2020 };
    const link = scoreLink(ann, bob, paper, { type: 'AUTHORED', from: null, to: null }, { type: 'AUTHORED', from: null, to: null }, NOW)!;
    expect(link.scored.via).toEqual({ kind: 'coauthor', publication: { id: 'p1', title: 'A paper', year: 2020 } });
    expect(link.scored.strength).toBe(1);
    expect(link.scored.recency).toBeCloseTo(0.5 ** ((Date.UTC(2026, 0, 15) - Date.UTC(2020, 11, 31)) / 86_400_000 / 365.25 / 5), 4);
  });
});
