import { describe, expect, it } from 'vitest';
import { isVisible, parsePartialDate, validateRow } from '../../server/import/row-schema.ts';

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

  it('validateRow reads years written with a decimal comma, as a semicolon-delimited export from a European spreadsheet gives them', () => {
    expect(validateRow('csv', { ...base, years_experience: '6,5' })).toMatchObject({ ok: true, row: { yearsExperience: 6.5 } });
    expect(validateRow('csv', { ...base, years_experience: ' 12,0 ' })).toMatchObject({ ok: true, row: { yearsExperience: 12 } });
    expect(validateRow('csv', { ...base, years_experience: '6,5,1' })).toMatchObject({ ok: false, issues: [{ field: 'years_experience', reason: '"6,5,1" is not a number of years' }] });
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

  it('validateRow reads an email with a display name, mailto: or spaces as its address, and refuses several in one value', () => {
    for (const written of ['Jane Doe <Jane@Example.org>', '"Doe, Jane" <Jane@Example.org>', '  mailto:Jane@Example.org ', '<Jane@Example.org>', '"jane@old.org" <Jane@Example.org>']) {
      expect(validateRow('csv', { ...base, email: written }), written).toMatchObject({ ok: true, row: { email: { address: 'Jane@Example.org', key: 'jane@example.org' } } });
    }
    for (const written of ['a@x.org; b@y.org', 'a@x.org,b@y.org', 'a@x.org b@y.org', 'Jane <a@x.org>, Joe <b@y.org>']) {
      expect(validateRow('csv', { ...base, email: written }), written).toEqual({
        ok: false,
        issues: [{ field: 'email', reason: 'holds 2 addresses; only one address is allowed (a candidate has one email: keep the one to reach them at)' }],
      });
    }
  });

  it('validateRow requires a name, a source, a lawful basis and an email or profile URL', () => {
    const result = validateRow('json', { name: ' ', lawful_basis: 'because' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['name', 'source', 'lawful_basis']));
    const anonymous = validateRow('csv', { name: 'Jane', source: 's', lawful_basis: 'consent', email: '', profile_url: '' });
    expect(anonymous).toMatchObject({ ok: false, issues: [{ field: 'email', reason: expect.stringMatching(/needs an email or a profile_url/) }] });
  });

  it('validateRow checks JSON types: jobs and skills are arrays, open_to_work a boolean, years a number', () => {
    const result = validateRow('json', { ...base, skills: 5, open_to_work: 1, years_experience: true, previous_jobs: [{ employer: 'E', from: '2020-02-30' }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { field: 'previous_jobs', reason: expect.stringMatching(/job 1 from: "2020-02-30" is not a date/) },
      { field: 'skills', reason: 'must be an array of skill names, or a text with ";" between them' },
      { field: 'years_experience', reason: 'must be a number of years' },
      { field: 'open_to_work', reason: 'must be true or false' },
    ]);
  });

  it('validateRow reads a JSON text written as the CSV cell would be, as exports that make every value text give it', () => {
    const result = validateRow('json', {
      ...base,
      skills: 'PyTorch; MONAI',
      open_to_work: 'yes',
      years_experience: '6,5',
      previous_jobs: 'Bosch|Perception Engineer|2017-01|2021-02; Aidence B.V.||2015-05|',
    });
    expect(result).toMatchObject({
      ok: true,
      row: {
        skills: ['PyTorch', 'MONAI'],
        openToWork: true,
        yearsExperience: 6.5,
        previousJobs: [
          { employer: 'Bosch', title: 'Perception Engineer', from: '2017-01-01', to: '2021-02-01' },
          { employer: 'Aidence B.V.', from: '2015-05-01' },
        ],
      },
    });
    // A text that does not read as the cell would is refused with the cell's reason.
    const bad = validateRow('json', { ...base, skills: 'a, b; c', open_to_work: 'maybe', years_experience: 'seven', previous_jobs: 'Bosch|Engineer' });
    expect(bad).toEqual({
      ok: false,
      issues: [
        { field: 'previous_jobs', reason: expect.stringMatching(/^job 1 \("Bosch\|Engineer"\) has 2 part\(s\)/) },
        { field: 'skills', reason: 'skill 1: contains ",", which no skill name has (separate skills with ";")' },
        { field: 'years_experience', reason: '"seven" is not a number of years' },
        { field: 'open_to_work', reason: '"maybe" is not yes/no (write true or false)' },
      ],
    });
  });

  it('validateRow names the JSON type given where a date is expected, and requires only what is missing', () => {
    const result = validateRow('json', {
      ...base,
      current_employer: 'E',
      current_since: 2021,
      obtained_at: true,
      previous_jobs: [{ employer: 'A', from: 2019 }, { employer: 'B', from: '2018', to: ['2019'] }, { employer: 'C', from: null }, { employer: 'D' }, { employer: 'F', from: { y: 2019 } }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const expected = 'expected a date like 2019-02 or 2019-02-01, got';
    expect(result.issues).toEqual([
      { field: 'current_since', reason: `${expected} a number` },
      { field: 'previous_jobs', reason: `job 1 from: ${expected} a number` },
      { field: 'previous_jobs', reason: `job 2 to: ${expected} an array` },
      { field: 'previous_jobs', reason: 'job 3 from: is required (the month the job started)' },
      { field: 'previous_jobs', reason: 'job 4 from: is required (the month the job started)' },
      { field: 'previous_jobs', reason: `job 5 from: ${expected} an object` },
      { field: 'obtained_at', reason: `${expected} a boolean` },
    ]);
  });

  it('validateRow names the JSON type given where text is expected', () => {
    const result = validateRow('json', { name: 42, email: 7, profile_url: false, source: ['li'], lawful_basis: 6, seniority: 3 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { field: 'name', reason: 'expected text, got a number' },
        { field: 'email', reason: 'expected an email address, got a number' },
        { field: 'profile_url', reason: 'expected a link, got a boolean' },
        { field: 'source', reason: 'expected text, got an array' },
        { field: 'lawful_basis', reason: expect.stringMatching(/^expected one of consent, .*, got a number$/) },
        { field: 'seniority', reason: expect.stringMatching(/^expected one of junior, .*, got a number$/) },
      ]),
    );
    expect(validateRow('json', { ...base, name: null })).toMatchObject({ ok: false, issues: [{ field: 'name', reason: 'is required' }] });
  });

  it('validateRow requires a visible character in a required text, and reads an invisible optional one as not given', () => {
    for (const invisible of ['\u200B', '\u200B\u200C\u200D', '\u2060', '\uFEFF\u200B ', '\u3164', '\u00AD', '\u2800', '\u034F\u180E']) {
      const name = validateRow('csv', { ...base, name: invisible });
      expect(name, JSON.stringify(invisible)).toMatchObject({ ok: false, issues: [{ field: 'name', reason: expect.stringMatching(/^is required: it holds only invisible characters \(U\+/) }] });
      const source = validateRow('json', { ...base, source: invisible });
      expect(source, JSON.stringify(invisible)).toMatchObject({ ok: false, issues: [{ field: 'source', reason: expect.stringMatching(/^is required: it holds only invisible/) }] });
      const job = validateRow('json', { ...base, previous_jobs: [{ employer: invisible, from: '2019' }] });
      expect(job, JSON.stringify(invisible)).toMatchObject({ ok: false, issues: [{ field: 'previous_jobs', reason: expect.stringMatching(/^job 1 employer: is required: it holds only invisible/) }] });
      const optional = validateRow('csv', { ...base, location: invisible, current_employer: invisible, lawful_basis: `consent` });
      expect(optional, JSON.stringify(invisible)).toMatchObject({ ok: true });
      if (optional.ok) expect(optional.row.location ?? optional.row.current).toBeUndefined();
      expect(validateRow('csv', { ...base, lawful_basis: invisible })).toMatchObject({ ok: false, issues: [{ field: 'lawful_basis', reason: 'is required' }] });
    }
    expect(validateRow('csv', { ...base, name: '\u200B' })).toMatchObject({ ok: false, issues: [{ field: 'name', reason: 'is required: it holds only invisible characters (U+200B)' }] });
    for (const visible of ['Zoë\u200B', '李小龙', 'हिन्दी', 'O’Neil', '\u200BJ', '😀']) {
      expect(validateRow('json', { ...base, name: visible }), visible).toMatchObject({ ok: true, row: { name: visible } });
      expect(isVisible(visible)).toBe(true);
    }
  });

  it('validateRow stores an email as the address alone, without brackets, mailto: or a trailing dot', () => {
    for (const [raw, address] of [
      ['<ned@x.test>', 'ned@x.test'],
      ['ned@x.test.', 'ned@x.test'],
      [' <Ned.Stark@X.Test.> ', 'Ned.Stark@X.Test'],
      ['mailto:Ned@x.test?subject=Hi', 'Ned@x.test'],
      ['<mailto:ned@x.test>', 'ned@x.test'],
      ['mailto:<ned@x.test>', 'ned@x.test'],
    ] as const) {
      expect(validateRow('csv', { ...base, email: raw }), raw).toMatchObject({ ok: true, row: { email: { address, key: address.toLowerCase() } } });
    }
  });

  it('validateRow rejects a job that ends before it starts and a malformed job in CSV', () => {
    const ends = validateRow('csv', { ...base, previous_jobs: 'A|B|2019-05|2018-01' });
    expect(ends).toMatchObject({ ok: false, issues: [{ field: 'previous_jobs', reason: expect.stringMatching(/ends .* before it starts/) }] });
    const parts = validateRow('csv', { ...base, previous_jobs: 'A|B|2019' });
    expect(parts).toMatchObject({ ok: false, issues: [{ field: 'previous_jobs', reason: expect.stringMatching(/3 part\(s\); write Employer\|Title\|From\|To/) }] });
  });

  it('validateRow refuses a job or an obtained date that begins in the future, naming the field', () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    const issues = (fields: Record<string, unknown>) => {
      const result = validateRow('csv', { ...base, ...fields });
      return result.ok ? [] : result.issues;
    };
    expect(issues({ current_employer: 'Owkin', current_since: `${nextYear}-06` })).toEqual([
      { field: 'current_since', reason: `${nextYear}-06-01 is in the future; write the day it began, or leave it empty until then` },
    ]);
    expect(issues({ previous_jobs: `Aidence||${nextYear}-01|` })).toEqual([
      { field: 'previous_jobs', reason: `job 1 from: ${nextYear}-01-01 is in the future; write the day it began, or leave it empty until then` },
    ]);
    expect(issues({ obtained_at: `${nextYear}-12-31` })).toEqual([
      { field: 'obtained_at', reason: `${nextYear}-12-31 is in the future; write the day it began, or leave it empty until then` },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect(issues({ current_employer: 'Owkin', current_since: today, obtained_at: today })).toEqual([]);
  });

  it("validateRow refuses the future as of the import's day, not the clock's", () => {
    const row = { ...base, current_employer: 'Acme', current_since: '2027-03-01' };
    expect(validateRow('csv', row, '2027-06-01')).toMatchObject({ ok: true, row: { current: { since: '2027-03-01' } } });
    // The day after the import's day still passes (a row written east of UTC); the one after that does not.
    expect(validateRow('csv', row, '2027-02-28')).toMatchObject({ ok: true });
    expect(validateRow('csv', row, '2027-02-27')).toEqual({
      ok: false,
      issues: [{ field: 'current_since', reason: '2027-03-01 is in the future; write the day it began, or leave it empty until then' }],
    });
  });

  it("validateRow bounds a date's year by the import's day: the next year at most", () => {
    // A past job's end is not checked against the day, only its year: at most the year after the import's.
    const row = { ...base, previous_jobs: 'Acme|Engineer|2029-01|2031-06' };
    expect(validateRow('csv', row, '2030-03-01')).toMatchObject({ ok: true, row: { previousJobs: [{ from: '2029-01-01', to: '2031-06-01' }] } });
    expect(validateRow('csv', row, '2029-03-01')).toEqual({
      ok: false,
      issues: [{ field: 'previous_jobs', reason: 'job 1 to: "2031-06" has an unlikely year 2031' }],
    });
  });

  it('validateRow reads a skills cell with commas and no ";" as a list written with commas', () => {
    expect(validateRow('csv', { ...base, skills: 'Python, PyTorch ,OpenCV,' })).toMatchObject({ ok: true, row: { skills: ['Python', 'PyTorch', 'OpenCV'] } });
    expect(validateRow('json', { ...base, skills: 'Python, SQL' })).toMatchObject({ ok: true, row: { skills: ['Python', 'SQL'] } });
    // In a JSON array, each item is one name: a comma in one is refused as in a ";" list.
    expect(validateRow('json', { ...base, skills: ['Python, SQL'] })).toMatchObject({ ok: false, issues: [{ field: 'skills', reason: expect.stringMatching(/contains ","/) }] });
  });

  it('validateRow splits a skills cell holding one skill a line, and refuses skills separated by "|"', () => {
    expect(validateRow('csv', { ...base, skills: 'PyTorch\r\nMONAI\nDICOM; pytorch' })).toMatchObject({ ok: true, row: { skills: ['PyTorch', 'MONAI', 'DICOM'] } });
    expect(validateRow('csv', { ...base, skills: 'PyTorch | MONAI' })).toEqual({
      ok: false,
      issues: [{ field: 'skills', reason: 'skill 1: contains "|"; separate skills with ";"' }],
    });
  });

  it('validateRow reads first and last name as the name, city and country as the location, where the row gives no such field', () => {
    const { name: _, ...noName } = base;
    expect(validateRow('csv', { ...noName, first_name: ' Jan ', last_name: 'Kowalski', city: 'Kraków', country: 'Poland' })).toMatchObject({
      ok: true,
      row: { name: 'Jan Kowalski', location: 'Kraków, Poland' },
    });
    expect(validateRow('csv', { ...base, first_name: 'Jan', city: 'Kraków', location: 'Warsaw' })).toMatchObject({ ok: true, row: { name: 'Jane Doe', location: 'Warsaw' } });
    expect(validateRow('csv', { ...noName, first_name: '', last_name: 'Nowak' })).toMatchObject({ ok: true, row: { name: 'Nowak' } });
    expect(validateRow('csv', { ...noName, first_name: '', last_name: ' ' })).toEqual({ ok: false, issues: [{ field: 'name', reason: 'is required' }] });
    expect(validateRow('json', { ...noName, first_name: 7 })).toEqual({ ok: false, issues: [{ field: 'name', reason: 'expected text, got a number' }] });
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

  it('parsePartialDate reads the other forms exports write dates in, and refuses day and month in numbers with "/"', () => {
    for (const [raw, date] of [
      ['2021/03', '2021-03-01'],
      ['2021-03-01T09:30:00Z', '2021-03-01'],
      ['2021-03-01 23:30:00+01:00', '2021-03-01'],
      ['03/2021', '2021-03-01'],
      ['3.2021', '2021-03-01'],
      ['01.03.2021', '2021-03-01'],
      ['Mar 2021', '2021-03-01'],
      ['March 2021', '2021-03-01'],
      ['Sept. 2021', '2021-09-01'],
      ['März 2021', '2021-03-01'],
      ['1 mars 2021', '2021-03-01'],
      ['March 15, 2021', '2021-03-15'],
      ['mei 2020', '2020-05-01'],
      ['2021 Jan', '2021-01-01'],
    ] as const) {
      expect(parsePartialDate(raw), raw).toEqual({ ok: true, date });
    }
    for (const raw of ['01/03/2021', '3/1/21', '12-03-2021']) {
      expect(parsePartialDate(raw), raw).toEqual({ ok: false, reason: expect.stringMatching(/day and month written in numbers cannot be told apart\); write YYYY-MM-DD/) });
    }
    // Still checked against the calendar, and a word that is no month is no date.
    expect(parsePartialDate('31.02.2021')).toMatchObject({ ok: false, reason: expect.stringMatching(/has no day 31/) });
    expect(parsePartialDate('13/2021')).toMatchObject({ ok: false, reason: expect.stringMatching(/no month 13/) });
    expect(parsePartialDate('Present 2021')).toMatchObject({ ok: false, reason: expect.stringMatching(/is not a date/) });
    // The end LinkedIn gives a job that lasts is told what to write instead.
    expect(parsePartialDate('Present')).toEqual({ ok: false, reason: '"Present" is no date: leave the end of a job that has not ended empty' });
    expect(parsePartialDate('2021-13-40')).toMatchObject({ ok: false, reason: expect.stringMatching(/no month 13/) });
  });
});
