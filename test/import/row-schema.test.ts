import { describe, expect, it } from 'vitest';
import { parsePartialDate, validateRow } from '../../server/import/row-schema.ts';

const base = {
  name: 'Jane Doe',
  email: 'jane@example.org',
  source: 'linkedin',
  lawful_basis: 'legitimate interest',
};

describe('import row schema', () => {
  it('validateRow reads a CSV row: lists split on ";", jobs as Employer|Title|From|To, yes/no, numbers', () => {
    const result = validateRow('csv', {
      ...base,
      profile_url: 'https://www.linkedin.com/in/jane/',
      previous_jobs: 'Philips B.V.|Scientist|2018-01|2021-02; Aidence||2016|',
      skills: 'PyTorch; MONAI; pytorch',
      years_experience: '7',
      open_to_work: 'No',
      current_employer: 'Owkin',
      current_since: '2021-03',
    });
    expect(result).toMatchObject({
      ok: true,
      row: {
        email: { key: 'jane@example.org' },
        profile: { key: 'linkedin.com/in/jane' },
        previousJobs: [
          { employer: 'Philips B.V.', title: 'Scientist', from: '2018-01-01', to: '2021-02-01' },
          { employer: 'Aidence', from: '2016-01-01' },
        ],
        skills: ['PyTorch', 'MONAI'],
        yearsExperience: 7,
        openToWork: false,
        current: { employer: 'Owkin', since: '2021-03-01' },
        lawfulBasis: 'legitimate-interest',
      },
    });
  });

  it('validateRow names the field and reason of each problem: a bad date, an email without @, a javascript: URL', () => {
    const result = validateRow('csv', { ...base, email: 'jane.example.org', profile_url: 'javascript:alert(1)', current_employer: 'X', current_since: '2021-13-40' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { field: 'email', reason: expect.stringMatching(/has no "@"/) },
        { field: 'profile_url', reason: expect.stringMatching(/"javascript:" links are not accepted/) },
        { field: 'current_since', reason: expect.stringMatching(/"2021-13-40" is not a date \(there is no month 13\)/) },
      ]),
    );
  });

  it('validateRow requires a name, a source, a lawful basis and an email or profile URL', () => {
    const result = validateRow('json', { name: ' ', lawful_basis: 'because' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['name', 'source', 'lawful_basis']));
    const anonymous = validateRow('csv', { name: 'Jane', source: 's', lawful_basis: 'consent', email: '', profile_url: '' });
    expect(anonymous).toMatchObject({ ok: false, issues: [{ field: 'email', reason: expect.stringMatching(/needs an email or a profile_url/) }] });
  });

  it('validateRow checks JSON types: jobs and skills are arrays, open_to_work a boolean', () => {
    const result = validateRow('json', { ...base, skills: 'a; b', open_to_work: 'yes', previous_jobs: [{ employer: 'E', from: '2020-02-30' }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { field: 'skills', reason: 'must be an array of skill names' },
        { field: 'open_to_work', reason: 'must be true or false' },
        { field: 'previous_jobs', reason: expect.stringMatching(/job 1 from: "2020-02-30" is not a date/) },
      ]),
    );
  });

  it('validateRow rejects a job that ends before it starts and a malformed job in CSV', () => {
    const ends = validateRow('csv', { ...base, previous_jobs: 'A|B|2019-05|2018-01' });
    expect(ends).toMatchObject({ ok: false, issues: [{ field: 'previous_jobs', reason: expect.stringMatching(/ends .* before it starts/) }] });
    const parts = validateRow('csv', { ...base, previous_jobs: 'A|B|2019' });
    expect(parts).toMatchObject({ ok: false, issues: [{ field: 'previous_jobs', reason: expect.stringMatching(/3 part\(s\); write Employer\|Title\|From\|To/) }] });
  });

  it('parsePartialDate accepts YYYY, YYYY-MM and YYYY-MM-DD and checks the calendar', () => {
    expect(parsePartialDate('2019')).toEqual({ ok: true, date: '2019-01-01' });
    expect(parsePartialDate('2019-7')).toEqual({ ok: true, date: '2019-07-01' });
    expect(parsePartialDate('2024-02-29')).toEqual({ ok: true, date: '2024-02-29' });
    expect(parsePartialDate('2023-02-29')).toMatchObject({ ok: false });
    expect(parsePartialDate('01/03/2019')).toMatchObject({ ok: false, reason: expect.stringMatching(/YYYY-MM-DD/) });
    // A spreadsheet's day number, from a column not formatted as dates, is named as such.
    expect(parsePartialDate('44256')).toMatchObject({ ok: false, reason: expect.stringMatching(/spreadsheet day number/) });
    expect(parsePartialDate('01/03/2019')).toMatchObject({ ok: false, reason: expect.not.stringMatching(/spreadsheet/) });
  });
});
