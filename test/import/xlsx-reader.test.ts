import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportFileError, type SourceRow } from '../../server/import/reader.ts';
import { XLSX_TEMP_PREFIX, readXlsx } from '../../server/import/xlsx-reader.ts';
import { chunks, readXlsxRows, workbook } from '../support/import.ts';
import { useOwnTmpDir } from '../support/tmp.ts';

const readAll = (buffer: Buffer) => readXlsxRows(chunks(buffer));
/** Workbooks made by other writers (see its README). */
const WORKBOOKS = path.join(import.meta.dirname, '../support/workbooks');

describe('readXlsx', () => {
  // A temporary folder of this suite's own, so that the copies another test file makes do not show in it.
  useOwnTmpDir('xlsx-reader-test-');

  it('readXlsx reads the first sheet as its CSV export would: dates as days, numbers, yes/no, formulas, rich text as text', async () => {
    const buffer = await workbook((book) => {
      const sheet = book.addWorksheet('Candidates');
      sheet.addRow(['Name', 'E-Mail', 'Profile URL', 'Current since', 'Years experience', 'Open to work', 'Skills', 'Source', 'Lawful basis', 'Notes']);
      sheet.addRow([
        { richText: [{ text: 'Jörg ' }, { text: 'Müller', font: { bold: true } }] },
        'joerg@example.de',
        'https://de.linkedin.com/in/joerg-mueller',
        new Date(Date.UTC(2021, 2, 1)),
        7,
        true,
        'PyTorch;MONAI',
        'linkedin',
        'legitimate-interest',
        'met at MICCAI',
      ]);
      sheet.addRow([]);
      sheet.addRow(['Anna Nowak', 'anna@example.pl', 'https://www.linkedin.com/in/anna', '2019-05', { formula: '3+4', result: 7 }, false, '', 'referral', 'consent']);
      sheet.getCell('D2').numFmt = 'yyyy-mm-dd';
      book.addWorksheet('Lookups').addRow(['name', 'email', 'source', 'lawful_basis']);
    });
    const { rows, source } = await readAll(buffer);
    expect(rows).toEqual([
      {
        row: 2,
        fields: {
          name: 'Jörg Müller',
          email: 'joerg@example.de',
          profile_url: 'https://de.linkedin.com/in/joerg-mueller',
          current_since: '2021-03-01',
          years_experience: '7',
          open_to_work: 'true',
          skills: 'PyTorch;MONAI',
          source: 'linkedin',
          lawful_basis: 'legitimate-interest',
        },
      },
      {
        row: 4,
        fields: {
          name: 'Anna Nowak',
          email: 'anna@example.pl',
          profile_url: 'https://www.linkedin.com/in/anna',
          current_since: '2019-05',
          years_experience: '7',
          open_to_work: 'false',
          skills: '',
          source: 'referral',
          lawful_basis: 'consent',
        },
      },
    ]);
    expect([...source.ignoredFields]).toEqual(['notes']);
  });

  it('readXlsx gives a HYPERLINK formula its web or mail target when the text it shows is no link, and its text otherwise', async () => {
    const link = (formula: string, result?: string) => (result === undefined ? { formula } : { formula, result });
    const buffer = await workbook((book) => {
      const sheet = book.addWorksheet('Candidates');
      sheet.addRow(['name', 'email', 'profile_url', 'source', 'lawful_basis']);
      // A word or a name shown: the target.
      sheet.addRow([
        'Jane Doe',
        link('HYPERLINK("mailto:jane.doe@example.org","Jane Doe")', 'Jane Doe'),
        link('HYPERLINK("https://www.linkedin.com/in/jane-doe","Profile")', 'Profile'),
        'li',
        'consent',
      ]);
      // A link or an address shown: the text, as the user sees it.
      sheet.addRow([
        'Anna Nowak',
        link('HYPERLINK("mailto:anna.nowak@example.org","anna@example.pl")', 'anna@example.pl'),
        link('HYPERLINK("https://www.linkedin.com/in/anna?trk=feed","linkedin.com/in/anna")', 'linkedin.com/in/anna'),
        'li',
        'consent',
      ]);
      // A place in the workbook, and a target built from another cell: the text.
      sheet.addRow(['Piotr', link('HYPERLINK("mailto:"&A4,"Mail")', 'Mail'), link('HYPERLINK("#Notes!A1","Profile")', 'Profile'), 'li', 'consent']);
      // Lower case, spaces, a doubled quote and no saved result; a bare domain shown is a label.
      sheet.addRow([
        'Jörg',
        link('hyperlink( "https://example.org/p?q=""x""" )'),
        link('HYPERLINK("https://de.linkedin.com/in/joerg","LinkedIn.com")', 'LinkedIn.com'),
        'li',
        'consent',
      ]);
      book.addWorksheet('Notes').addRow(['notes']);
    });
    const { rows } = await readAll(buffer);
    expect(rows.map((r) => [r.row, r.fields.email, r.fields.profile_url])).toEqual([
      [2, 'mailto:jane.doe@example.org', 'https://www.linkedin.com/in/jane-doe'],
      [3, 'anna@example.pl', 'linkedin.com/in/anna'],
      [4, 'Mail', 'Profile'],
      [5, 'https://example.org/p?q="x"', 'https://de.linkedin.com/in/joerg'],
    ]);
  });

  it('readXlsx gives a link set on a cell its web or mail target when the text it shows is no link, and its text otherwise', async () => {
    const buffer = await workbook((book) => {
      const sheet = book.addWorksheet('Candidates');
      // A link on a header cell leaves its name.
      sheet.addRow(['name', 'email', { text: 'profile_url', hyperlink: 'https://www.linkedin.com/help' }, 'source', 'lawful_basis']);
      // A word or a name shown: the target.
      sheet.addRow([
        'Jane Doe',
        { text: 'Jane Doe', hyperlink: 'mailto:jane.doe@example.org' },
        { text: 'Profile', hyperlink: 'https://www.linkedin.com/in/jane-doe' },
        'li',
        'consent',
      ]);
      // A link or an address shown: the text, as the user sees it; a place in the workbook: the text.
      sheet.addRow([
        'Anna Nowak',
        { text: 'See notes', hyperlink: '#Notes!A1' },
        { text: 'https://www.linkedin.com/in/anna', hyperlink: 'https://www.linkedin.com/in/anna?trk=feed' },
        'li',
        'consent',
      ]);
      sheet.addRow(['Piotr', { text: 'piotr@example.pl', hyperlink: 'mailto:p.other@example.pl' }, { text: 'Profile', hyperlink: "#'Notes'!B2" }, 'li', 'consent']);
      // The notes sheet's links, on the same cells, are not the first sheet's.
      const notes = book.addWorksheet('Notes');
      for (const address of ['B2', 'C2', 'B3', 'C3', 'B4', 'C4', 'B5', 'C5']) notes.getCell(address).value = { text: 'x', hyperlink: `https://notes.example/${address}` };
    });
    const { rows } = await readAll(buffer);
    expect(rows.map((r) => [r.row, r.fields.email, r.fields.profile_url])).toEqual([
      [2, 'mailto:jane.doe@example.org', 'https://www.linkedin.com/in/jane-doe'],
      [3, 'See notes', 'https://www.linkedin.com/in/anna'],
      [4, 'piotr@example.pl', 'Profile'],
    ]);
  });

  it('readXlsx does not give the first sheet the links of a later one', async () => {
    const buffer = await workbook((book) => {
      const sheet = book.addWorksheet('Candidates');
      sheet.addRow(['name', 'email', 'profile_url', 'source', 'lawful_basis']);
      sheet.addRow(['Jane Doe', 'Jane Doe', 'Profile', 'li', 'consent']);
      const other = book.addWorksheet('Sources');
      other.getCell('B2').value = { text: 'Jane Doe', hyperlink: 'mailto:someone.else@example.org' };
      other.getCell('C2').value = { text: 'Profile', hyperlink: 'https://www.linkedin.com/in/someone-else' };
    });
    const { rows } = await readAll(buffer);
    expect(rows.map((r) => [r.row, r.fields.email, r.fields.profile_url])).toEqual([[2, 'Jane Doe', 'Profile']]);
  });

  it('readXlsx applies a link on every row of a 20,000-row sheet, and gives the rows its extent says it holds', async () => {
    const count = 20_000;
    const buffer = await workbook((book) => {
      const sheet = book.addWorksheet('Candidates');
      sheet.addRow(['name', 'profile_url', 'source', 'lawful_basis']);
      for (let i = 0; i < count; i++) sheet.addRow([`P ${i}`, { text: 'Profile', hyperlink: `https://www.linkedin.com/in/p-${i}?a=1&b=2` }, 'li', 'consent']);
    });
    const { rows, source } = await readAll(buffer);
    expect(rows).toHaveLength(count);
    // The sheet's extent, which an import's progress counts rows against.
    expect(source.expectedRows).toBe(count);
    expect(rows.filter((r, i) => r.row !== i + 2 || r.fields.profile_url !== `https://www.linkedin.com/in/p-${i}?a=1&b=2`)).toEqual([]);
  });

  it('readXlsx keeps no named copy of the workbook while reading it, nor once read, stopped early or failed', async () => {
    const buffer = await workbook((book) => {
      const sheet = book.addWorksheet('S');
      sheet.addRow(['name', 'email', 'source', 'lawful_basis']);
      for (let i = 0; i < 50; i++) sheet.addRow([`P ${i}`, { text: 'mail', hyperlink: `mailto:p${i}@example.org` }, 'li', 'consent']);
    });
    const copies = async () => (await readdir(tmpdir())).filter((name) => name.startsWith(XLSX_TEMP_PREFIX));

    expect((await readAll(buffer)).rows).toHaveLength(50);
    expect(await copies()).toEqual([]);

    const early = readXlsx(chunks(buffer));
    let whileReading: string[] | undefined;
    for await (const row of early.rows) {
      expect(row.fields.email).toBe('mailto:p0@example.org');
      // The copy has no name while it is read, so nothing of it outlives the process, however that ends.
      whileReading = await copies();
      break;
    }
    expect(whileReading).toEqual([]);
    expect(await copies()).toEqual([]);

    async function* failing(): AsyncGenerator<Buffer> {
      yield buffer.subarray(0, 100);
      throw new Error('the body is larger than allowed');
    }
    await expect(readXlsxRows(failing())).rejects.toThrow('the body is larger than allowed');
    await expect(readAll(Buffer.from('name,email\n'))).rejects.toThrow(ImportFileError);
    expect(await copies()).toEqual([]);
  });

  it('readXlsx reads the workbooks other writers make: openpyxl (a hidden first sheet, the workbook part last) and XlsxWriter', async () => {
    const common = { location: 'Großraum München', current_since: '2021-03-01', years_experience: '7', open_to_work: 'true', skills: 'PyTorch;MONAI', source: 'linkedin', lawful_basis: 'legitimate-interest' };
    for (const file of ['openpyxl.xlsx', 'xlsxwriter.xlsx']) {
      const { rows, source } = await readAll(readFileSync(path.join(WORKBOOKS, file)));
      expect(rows.map((r) => r.row), file).toEqual([2, 3, 4]);
      // A link on "Profile" gives its target; a link on a name in the email column too; a shown link stays as shown.
      expect(rows[0]!.fields, file).toEqual({ name: 'Jörg Müller', email: 'joerg@example.de', profile_url: 'https://de.linkedin.com/in/joerg-mueller', ...common });
      expect(rows[1]!.fields, file).toMatchObject({ name: 'Anna Nowak', email: 'mailto:anna.nowak@example.pl', current_since: '2019-05-01', open_to_work: 'false' });
      expect(rows[2]!.fields, file).toMatchObject({ name: 'Łukasz Ørsted 北京', profile_url: 'https://www.linkedin.com/in/lukasz', location: 'Frankfurt (Oder)', current_since: '' });
      expect(source.expectedRows, file).toBe(3);
    }
  });

  it('readXlsx names the row and column of a spreadsheet error and of a value under no header', async () => {
    const buffer = await workbook((book) => {
      const sheet = book.addWorksheet('Sheet1');
      sheet.addRow(['name', 'email', 'source', 'lawful_basis']);
      sheet.addRow(['A', { error: '#N/A' }, 'li', 'consent']);
      sheet.addRow(['B', 'b@example.org', 'li', 'consent', 'stray']);
    });
    const { rows } = await readAll(buffer);
    expect(rows.map((r) => [r.row, r.problem])).toEqual([
      [2, { field: 'email', reason: 'holds the spreadsheet error #N/A' }],
      [3, { field: 'column 5', reason: 'holds a value under no header; give the column a name in row 1 or clear it' }],
    ]);
  });

  it('readXlsx rejects a row whose formula computed an error, and keeps a formula result of 0 or FALSE', async () => {
    const buffer = await workbook((book) => {
      const sheet = book.addWorksheet('Sheet1');
      sheet.addRow(['name', 'email', 'location', 'years_experience', 'open_to_work', 'source', 'lawful_basis']);
      // A lookup that found nothing: Excel saves the formula with its error (#N/A) as the result.
      sheet.addRow(['A', 'a@example.org', { formula: 'VLOOKUP(A2,Places!A:B,2,FALSE)', result: { error: '#N/A' } }, 3, true, 'li', 'consent']);
      sheet.addRow(['B', 'b@example.org', 'Berlin', { formula: 'B1-B1', result: 0, shareType: 'shared', ref: 'D3:D5' }, { formula: '1=2', result: false }, 'li', 'consent']);
      // The cells a shared formula fills down to.
      sheet.addRow(['C', 'c@example.org', 'Berlin', { sharedFormula: 'D3', result: 0 }, true, 'li', 'consent']);
      sheet.addRow(['D', 'd@example.org', 'Berlin', { sharedFormula: 'D3', result: 7 }, true, 'li', 'consent']);
    });
    const { rows } = await readAll(buffer);
    expect(rows.map((r) => [r.row, r.problem])).toEqual([
      [2, { field: 'location', reason: 'holds a formula whose result is an error (#N/A, #REF!…)' }],
      [3, undefined],
      [4, undefined],
      [5, undefined],
    ]);
    expect(rows.slice(1).map((r) => [r.fields.years_experience, r.fields.open_to_work])).toEqual([
      ['0', '0'],
      ['0', 'true'],
      ['7', 'true'],
    ]);
  });

  it('readXlsx refuses a sheet without the required columns, an empty sheet, a sheet with a header alone, and bytes that are no workbook, saying what it found', async () => {
    const noEmail = await workbook((book) => book.addWorksheet('S').addRow(['name', 'source', 'lawful_basis']));
    await expect(readAll(noEmail)).rejects.toThrow(/lacks the required column\(s\) email or profile_url; it has: name, source, lawful_basis/);
    const empty = await workbook((book) => book.addWorksheet('S'));
    await expect(readAll(empty)).rejects.toThrow(/first sheet is empty/);
    // A header and nothing under it (or only blank rows): an export of an empty list, refused as an empty file is.
    for (const blankRows of [0, 3]) {
      const headerOnly = await workbook((book) => {
        const sheet = book.addWorksheet('S');
        sheet.addRow(['name', 'email', 'source', 'lawful_basis']);
        for (let i = 0; i < blankRows; i++) sheet.addRow(['', '', '', '']);
      });
      await expect(readAll(headerOnly)).rejects.toThrow(/holds no candidate rows: there is nothing under its header \(row 1\)/);
    }
    const truncated = (await workbook((book) => book.addWorksheet('S').addRow(['name', 'email', 'source', 'lawful_basis']))).subarray(0, 200);
    // Cut off half way: the parts its sheet needs come after it, so no row is read at all.
    const long = await workbook((book) => {
      const sheet = book.addWorksheet('S');
      sheet.addRow(['name', 'email', 'source', 'lawful_basis']);
      for (let i = 0; i < 2000; i++) sheet.addRow([`P ${i}`, `p${i}@example.org`, 'li', 'consent']);
    });
    const cut = readXlsx(chunks(long.subarray(0, Math.floor(long.length / 2))));
    const read: SourceRow[] = [];
    await expect((async () => {
      for await (const row of cut.rows) read.push(row);
    })()).rejects.toThrow(/workbook cannot be read/);
    expect(read).toEqual([]);
    const noSheet = await workbook(() => {});
    await expect(readAll(noSheet)).rejects.toThrow(/holds no worksheet/);
    await expect(readAll(truncated)).rejects.toThrow(ImportFileError);
  });

  it('readXlsx passes a failure of its input on as it is (a body over the size limit), instead of waiting for the rest', async () => {
    const buffer = await workbook((book) => book.addWorksheet('S').addRow(['name', 'email', 'source', 'lawful_basis']));
    const tooLarge = new Error('the body is larger than allowed');
    async function* failing(): AsyncGenerator<Buffer> {
      yield buffer.subarray(0, 100);
      throw tooLarge;
    }
    const source = readXlsx(failing());
    await expect((async () => {
      for await (const _row of source.rows) void _row;
    })()).rejects.toBe(tooLarge);
  });

  it('readXlsx refuses a workbook whose shared texts pass the limit, before reading its rows', async () => {
    const buffer = await workbook((book) => {
      const sheet = book.addWorksheet('S');
      sheet.addRow(['name', 'email', 'source', 'lawful_basis']);
      for (let i = 0; i < 3000; i++) sheet.addRow([`Person number ${i}`, `person.${i}@example.org`, 'li', 'consent']);
    });
    const limited = readXlsx(chunks(buffer, 256), { maxTextChars: 20_000 });
    const read: SourceRow[] = [];
    await expect((async () => {
      for await (const row of limited.rows) read.push(row);
    })()).rejects.toThrow(/more than 20,000 characters of text/);
    expect(read).toEqual([]);
    // The same file under the default limit reads whole.
    expect((await readAll(buffer)).rows).toHaveLength(3000);
  });
});
