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

  const at = (row: number, employer: string, since?: string, title?: string) =>
    rowDraft(resolved(row, { current: { employer, ...(since && { since }), ...(title && { title }) } }, [employer]));
  const pastJobs = (d: ReturnType<typeof rowDraft>) => [...d.jobs.values()];

  it('combine keeps the current job started last, whichever record comes last, and ends the other where it starts', () => {
    const pairs: [string, string, string, string][] = [
      // [employer started earlier, its start, employer started later, its start]
      ['oldco2', '2015-01-01', 'newco', '2023-01-01'],
      ['beta', '2019-06-01', 'alpha', '2019-07-01'],
      ['uni', '2008-10-01', 'clinic', '2024-12-01'],
    ];
    for (const [older, olderSince, newer, newerSince] of pairs) {
      for (const [first, second] of [
        [at(2, older, olderSince, 'Dev'), at(3, newer, newerSince, 'Lead')],
        [at(2, newer, newerSince, 'Lead'), at(3, older, olderSince, 'Dev')],
      ]) {
        const both = combine(first!, second!, '2025-01-15');
        expect(both.current, `${older} then ${newer}`).toEqual({ employerId: newer, title: 'Lead', since: newerSince });
        expect(pastJobs(both)).toEqual([{ employerId: older, title: 'Dev', from: olderSince, to: newerSince }]);
      }
    }
  });

  it('combine gives the later record the current job when both started the same month, the other kept without an end', () => {
    const both = combine(at(2, 'a', '2020-03-01'), at(3, 'b', '2020-03-01'), '2025-01-15');
    expect(both.current).toEqual({ employerId: 'b', title: null, since: '2020-03-01' });
    expect(pastJobs(both)).toEqual([{ employerId: 'a', title: null, from: '2020-03-01', to: null }]);
  });

  it('combine keeps a current job without a start current when the other one has a start, which becomes a past job, in either order', () => {
    for (const [undated, dated, since] of [
      ['firstco', 'secondco', '2024-03-01'],
      ['acme', 'globex', '2019-01-01'],
    ] as const) {
      for (const [first, second] of [
        [at(2, undated), at(3, dated, since)],
        [at(2, dated, since), at(3, undated)],
      ]) {
        const both = combine(first!, second!, '2025-01-15');
        expect(both.current, `${undated} / ${dated}`).toEqual({ employerId: undated, title: null, since: null });
        // The kept job's start is unknown: the other ended by the import.
        expect(pastJobs(both)).toEqual([{ employerId: dated, title: null, from: since, to: '2025-01-15' }]);
      }
    }
    // A job started after the import's date is not ended before its start.
    const ahead = combine(at(2, 'now'), at(3, 'next', '2025-06-01'), '2025-01-15');
    expect(pastJobs(ahead)).toEqual([{ employerId: 'next', title: null, from: '2025-06-01', to: null }]);
  });

  it('combine keeps the later record’s current job of two without a start (neither can be a past job), and one job at one employer', () => {
    expect(combine(at(2, 'firstco'), at(3, 'secondco'), '2025-01-15').current).toEqual({ employerId: 'secondco', title: null, since: null });
    const same = combine(at(2, 'acme', '2018-01-01', 'Engineer'), at(3, 'acme', undefined, 'Lead'), '2025-01-15');
    expect(same.current).toEqual({ employerId: 'acme', title: 'Lead', since: '2018-01-01' });
    expect(pastJobs(same)).toEqual([]);
  });

  it('combine never ends a job before it starts nor loses a dated current job, over any order of three records', () => {
    const records = [at(2, 'a', '2023-01-01'), at(3, 'b', '2015-01-01'), at(4, 'c'), at(5, 'd', '2019-05-01')];
    const orders = (items: number[]): number[][] =>
      items.length <= 1 ? [items] : items.flatMap((x) => orders(items.filter((y) => y !== x)).map((rest) => [x, ...rest]));
    for (const order of orders([0, 1, 2, 3])) {
      const all = order.map((i) => records[i]!).reduce((x, y) => combine(x, y, '2025-01-15'));
      const past = pastJobs(all);
      for (const job of past) expect(job.to === null || job.to > job.from, `${order}: ${JSON.stringify(job)}`).toBe(true);
      const kept = [all.current!.employerId, ...past.map((j) => j.employerId)].sort();
      expect(kept, String(order)).toEqual(['a', 'b', 'c', 'd']);
      // The job without a start could be kept only as the current one.
      expect(all.current!.employerId, String(order)).toBe('c');
    }
  });

  it('seniorityFromYears follows the bands of the domain brief', () => {
    expect([0, 1.9, 2, 4.9, 5, 12].map(seniorityFromYears)).toEqual(['junior', 'junior', 'mid', 'mid', 'senior', 'senior']);
  });
});
