import { describe, expect, it } from 'vitest';
import { type ResolvedRow, combine, groupByIdentity, rowDraft, rowEntry, seniorityFromYears } from '../../server/import/combine.ts';
import type { ImportRow } from '../../server/import/row-schema.ts';

function resolved(row: number, data: Partial<ImportRow>, employers: string[] = []): ResolvedRow {
  const full: ImportRow = { name: 'X', previousJobs: [], skills: [], source: 's', lawfulBasis: 'consent', ...data };
  const ref = (id: string) => ({ id, name: id, normName: id, kind: 'company' });
  return {
    row,
    data: full,
    ...(full.current && { currentEmployer: ref(employers[0] ?? 'cur') }),
    jobEmployers: full.previousJobs.map((j) => ref(j.employer)),
    skillIds: full.skills.map((s) => s.toLowerCase()),
    entry: rowEntry(full, undefined),
  };
}

describe('combining records of one person', () => {
  it('groupByIdentity groups rows sharing a profile or an email, transitively, in file order', () => {
    const rows = [
      resolved(2, { email: { address: 'a@x.org', key: 'a@x.org' } }),
      resolved(3, { profile: { url: 'p', key: 'p', formerKeys: [] } }),
      resolved(4, { email: { address: 'a@x.org', key: 'a@x.org' }, profile: { url: 'p', key: 'p', formerKeys: [] } }),
      resolved(5, { email: { address: 'b@x.org', key: 'b@x.org' } }),
    ];
    expect(groupByIdentity(rows).map((g) => g.map((r) => r.row))).toEqual([[2, 3, 4], [5]]);
  });

  it('combine lets the later record win single values, unites jobs, skills and sources, and keeps the earlier current job as history', () => {
    const earlier = rowDraft(
      resolved(2, { name: 'Early', seniority: 'mid', current: { employer: 'A', title: 'Eng', since: '2019-01-01' }, skills: ['PyTorch'], previousJobs: [{ employer: 'P', from: '2015-01-01', title: 'Dev' }] }, ['a']),
    );
    const later = rowDraft(
      resolved(3, { name: 'Late', source: 't', current: { employer: 'B', since: '2022-05-01' }, skills: ['DICOM'], previousJobs: [{ employer: 'P', from: '2015-01-01', to: '2018-12-01' }] }, ['b']),
    );
    const both = combine(earlier, later, '2025-01-15');
    expect(both.props).toMatchObject({ name: 'Late', seniority: 'mid' });
    expect(both.current).toEqual({ employerId: 'b', title: null, since: '2022-05-01' });
    expect([...both.jobs.values()]).toEqual([
      { employerId: 'P', title: 'Dev', from: '2015-01-01', to: '2018-12-01' },
      { employerId: 'a', title: 'Eng', from: '2019-01-01', to: '2022-05-01' },
    ]);
    expect([...both.skillIds]).toEqual(['pytorch', 'dicom']);
    expect(both.sources).toEqual(['s', 't']);
    expect(both.rows).toEqual([2, 3]);
  });

  it('seniorityFromYears follows the bands of the domain brief', () => {
    expect([0, 1.9, 2, 4.9, 5, 12].map(seniorityFromYears)).toEqual(['junior', 'junior', 'mid', 'mid', 'senior', 'senior']);
  });
});
