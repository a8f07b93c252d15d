import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.ts';
import { readCsv, sniffDelimiter } from '../../server/import/csv-reader.ts';
import { ImportFileError, type SourceRow } from '../../server/import/reader.ts';

const HEADER = 'name,email,source,lawful_basis';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p) : p;
}

async function readAll(...parts: (string | Buffer)[]) {
  const source = readCsv(chunks(...parts));
  const rows: SourceRow[] = [];
  for await (const row of source.rows) rows.push(row);
  return { rows, source };
}

describe('readCsv', () => {
  it('readCsv handles quotes, embedded commas and newlines, a UTF-8 BOM and CRLF, numbering rows as a spreadsheet does', async () => {
    const { rows } = await readAll(
      `\uFEFF${HEADER}\r\n"Müller, Jörg",j@example.de,li,consent\r\n`,
      '"Anna ""Ania""\r\nNowak",a@example.pl,li,consent\r\n\r\nZoë,z@example.org,li,consent\r\n',
    );
    expect(rows.map((r) => [r.row, r.fields.name])).toEqual([
      [2, 'Müller, Jörg'],
      [3, 'Anna "Ania"\r\nNowak'],
      [5, 'Zoë'],
    ]);
    expect(rows.every((r) => r.problem === undefined)).toBe(true);
  });

  it('readCsv reads a ";"-delimited export, as European spreadsheets write it', async () => {
    const { rows } = await readAll('Name;Email;Source;Lawful basis;Skills\r\n"Nowak; Anna";a@example.pl;li;consent;"PyTorch;MONAI"\r\n');
    expect(rows).toEqual([{ row: 2, fields: { name: 'Nowak; Anna', email: 'a@example.pl', source: 'li', lawful_basis: 'consent', skills: 'PyTorch;MONAI' } }]);
    expect(sniffDelimiter('a;b;"c,d";e\n1,2,3')).toBe(';');
    expect(sniffDelimiter('a,b,c\n')).toBe(',');
    expect(sniffDelimiter('a\tb\tc\n')).toBe('\t');
  });

  it('readCsv takes the delimiter from a first line "sep=;" as Excel writes it, skipping that line and keeping the header row 1, and the byte offsets of the file', async () => {
    const { rows } = await readAll('sep=;\r\nName;Email;Source;Lawful basis\r\n"Nowak, Anna";a@example.pl;li;consent\r\n', Buffer.from([0x42, 0xff, 0x3b]), 'b@x.org;li;consent\r\n');
    expect(rows.map((r) => [r.row, r.problem?.field ?? r.fields.name])).toEqual([
      [2, 'Nowak, Anna'],
      [3, 'name'],
    ]);
    // The offset counts the "sep=" line: it is a byte of the file.
    expect(rows[1]!.problem?.reason).toMatch(/byte offset 79\b/);
    const tab = await readAll('\uFEFFsep=\t\n"name"\temail\tsource\tlawful_basis\nA,B\ta@x.org\tli\tconsent\n');
    expect(tab.rows).toEqual([{ row: 2, fields: { name: 'A,B', email: 'a@x.org', source: 'li', lawful_basis: 'consent' } }]);
    await expect(readAll('sep=|\nname|email\n')).rejects.toThrow(new ImportFileError('The first line "sep=|" names the delimiter "|"; a CSV import is ",", ";" or tab-delimited: save it with one of those.'));
    // A forced delimiter wins; the line is still no row.
    const forced = readCsv(chunks('sep=;\nname,email,source,lawful_basis\nA,a@x.org,li,consent\n'), { delimiter: ',' });
    const read: SourceRow[] = [];
    for await (const row of forced.rows) read.push(row);
    expect(read).toEqual([{ row: 2, fields: { name: 'A', email: 'a@x.org', source: 'li', lawful_basis: 'consent' } }]);
  });

  it('readCsv reads the sample files in fixtures/ (comma and semicolon) to the same rows', async () => {
    const comma = await readAll(readFileSync(path.join(PROJECT_ROOT, 'fixtures', 'import-sample.csv')));
    const semicolon = await readAll(readFileSync(path.join(PROJECT_ROOT, 'fixtures', 'import-sample-semicolon.csv')));
    expect(comma.rows.length).toBeGreaterThanOrEqual(5);
    const normalise = (rows: SourceRow[]) => rows.map((r) => JSON.stringify(r.fields).replace(/\\r\\n/g, '\\n'));
    expect(normalise(semicolon.rows)).toEqual(normalise(comma.rows));
  });

  it('readCsv names the row, field and byte offset of invalid UTF-8 and reads the other rows', async () => {
    const latin1 = Buffer.from('Bad Jos\xe9,b@example.org,li,consent\n', 'latin1');
    const { rows } = await readAll(`${HEADER}\nOk,o@example.org,li,consent\n`, latin1, 'Ok2,o2@example.org,li,consent\n');
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(rows[1]!.problem).toEqual({ field: 'name', reason: expect.stringMatching(/is not valid UTF-8 \(byte offset 66\); save the file as UTF-8/) });
    expect(rows[0]!.problem).toBeUndefined();
    expect(rows[2]!.problem).toBeUndefined();
  });

  it('readCsv rejects only the rows holding invalid bytes, among U+FFFD characters the file holds before, in and after them, however it is cut', async () => {
    // ~ stands for the invalid bytes C3 28 (an "Ã" cut from its second byte): they replace it below.
    const lines = [
      `Notes,${HEADER}`,
      '\uFFFD,Lit \uFFFD Row,l@example.org,li,consent',
      'n,Inv ~ Row,i@example.org,li,consent',
      '\uFFFD\uFFFD,"Both \uFFFD, here",b@example.org,li ~,consent',
      'n,"Two ~ in, ~ one",t@example.org,\uFFFD,consent',
      'n,After \uFFFD,a@example.org,li,consent',
    ];
    const input = Buffer.concat(
      `${lines.join('\r\n')}\r\n`.split('~').flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [Buffer.from([0xc3, 0x28]), Buffer.from(part)])),
    );
    const at = (n: number) => input.indexOf(Buffer.from([0xc3, 0x28]), n);
    for (const size of [1, 2, 3, 5, 64, input.length]) {
      const parts: Buffer[] = [];
      for (let i = 0; i < input.length; i += size) parts.push(input.subarray(i, i + size));
      const { rows } = await readAll(...parts);
      const seen = rows.map((r) => [r.row, r.problem?.field ?? r.fields.name, r.problem?.reason.match(/byte offset (\d+)( and \d+ more)?/)?.slice(1, 3).join('') ?? '']);
      expect(seen, `chunks of ${size}`).toEqual([
        [2, 'Lit \uFFFD Row', ''],
        [3, 'name', String(at(0))],
        [4, 'source', String(at(at(0) + 1))],
        [5, 'name', `${at(at(at(0) + 1) + 1)} and 1 more`],
        [6, 'After \uFFFD', ''],
      ]);
    }
  });

  it('readCsv reads a header holding U+FFFD as text, and refuses one holding invalid bytes, with their offset', async () => {
    const { rows, source } = await readAll(`${HEADER},Note \uFFFD\nA \uFFFD,a@example.org,li,consent,x\n`);
    expect(rows).toEqual([{ row: 2, fields: { name: 'A \uFFFD', email: 'a@example.org', source: 'li', lawful_basis: 'consent' } }]);
    expect([...source.ignoredFields]).toEqual(['note_\uFFFD']);
    const invalid = Buffer.concat([Buffer.from(`${HEADER},Not`), Buffer.from([0xe9]), Buffer.from('s\nA,a@example.org,li,consent,x\n')]);
    await expect(readAll(invalid)).rejects.toThrow(/header \(row 1\) is not valid UTF-8 \(byte offset 34\)/);
  });

  it('readCsv refuses a file with a header and no row under it, as it does an empty file', async () => {
    for (const text of [`${HEADER}\n`, HEADER, `${HEADER}\r\n\r\n\r\n`, `\uFEFF${HEADER}\n,,,\n  ,,,\n`, 'name;email;source;lawful_basis\n']) {
      await expect(readAll(text), JSON.stringify(text)).rejects.toThrow(new ImportFileError('The file holds no candidate rows: there is nothing under its header (row 1).'));
    }
    // A row that cannot be read is a row: it is reported, not taken for an empty file.
    const { rows } = await readAll(`${HEADER}\n"A,a@example.org,li,consent\n`);
    expect(rows).toMatchObject([{ row: 2, problem: { reason: expect.stringMatching(/never closed/) } }]);
  });

  it('readCsv keeps a multi-byte character split across chunks', async () => {
    const text = Buffer.from(`${HEADER}\nJörg,j@example.de,li,consent\n`);
    const cut = text.indexOf(0xc3) + 1;
    const { rows } = await readAll(text.subarray(0, cut), text.subarray(cut));
    expect(rows).toEqual([{ row: 2, fields: { name: 'Jörg', email: 'j@example.de', source: 'li', lawful_basis: 'consent' } }]);
  });

  it('readCsv rejects a 50 MB row by its row number without holding the file, keeping the rows before it', async () => {
    async function* fifty(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${HEADER}\nOk,o@example.org,li,consent\nHuge,"`);
      const mb = Buffer.alloc(1024 * 1024, 'x');
      for (let i = 0; i < 50; i++) yield mb;
      yield Buffer.from('",li,consent\nAfter,a@example.org,li,consent\n');
    }
    const before = process.memoryUsage().rss;
    const source = readCsv(fifty());
    const rows: SourceRow[] = [];
    for await (const row of source.rows) rows.push(row);
    expect(rows[0]).toMatchObject({ row: 2, fields: { name: 'Ok' } });
    expect(rows[1]).toMatchObject({ row: 3, problem: { field: 'email', reason: expect.stringMatching(/longer than 1 MiB.*reading stopped here/) } });
    expect(source.stopped).toMatchObject({ row: 3 });
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('readCsv reports a wrong number of fields for that row only', async () => {
    const { rows } = await readAll(`${HEADER}\nA,a@example.org,li,consent,extra\nB,b@example.org,li\nC,c@example.org,li,consent,,\n`);
    expect(rows[0]!.problem).toEqual({ field: '(row)', reason: expect.stringMatching(/has 5 fields but the header has 4/) });
    expect(rows[1]!.problem).toEqual({ field: '(row)', reason: expect.stringMatching(/has 3 fields but the header has 4/) });
    expect(rows[2]!.problem).toBeUndefined();
  });

  it('readCsv stops at an unclosed quote, naming the row', async () => {
    const { rows, source } = await readAll(`${HEADER}\nA,a@example.org,li,consent\nB,"b@example.org,li,consent\nC,c@example.org,li,consent\n`);
    expect(rows[1]).toMatchObject({ row: 3, problem: { reason: expect.stringMatching(/opens a quote that is never closed/) } });
    expect(source.stopped?.row).toBe(3);
  });

  it('readCsv refuses an empty file and a header without the required columns, before any row', async () => {
    await expect(readAll('')).rejects.toThrow(new ImportFileError('The file is empty.'));
    await expect(readAll('\r\n\r\n')).rejects.toThrow(/empty/);
    await expect(readAll('name,mail,source\nA,a,s\n')).rejects.toThrow(/lacks the required column\(s\) lawful_basis, email or profile_url/);
    await expect(readAll('name,email,email,source,lawful_basis\n')).rejects.toThrow(/names the column "email" twice/);
  });

  it('readCsv reads a recruiter export’s header: other names for the fields, first and last name, city and country', async () => {
    const { rows, source } = await readAll(
      'First Name,Last Name,E-mail,LinkedIn,Company,Job Title,City,Country,Headline,Source,Legal basis\n',
      'Jan,Kowalski,jan@example.pl,https://pl.linkedin.com/in/jan,Synerise,Data Scientist,Kraków,Poland,Hi,li,consent\n',
    );
    expect(rows).toEqual([
      {
        row: 2,
        fields: {
          first_name: 'Jan',
          last_name: 'Kowalski',
          email: 'jan@example.pl',
          profile_url: 'https://pl.linkedin.com/in/jan',
          current_employer: 'Synerise',
          current_title: 'Data Scientist',
          city: 'Kraków',
          country: 'Poland',
          source: 'li',
          lawful_basis: 'consent',
        },
      },
    ]);
    expect([...source.ignoredFields]).toEqual(['headline']);
  });

  it('readCsv takes a column named as the field over one naming it otherwise, and refuses two other names for one field', async () => {
    const { rows, source } = await readAll('Name,Email,E-mail Address,Source,Lawful basis\nA,a@example.org,b@example.org,li,consent\n');
    expect(rows[0]!.fields).toEqual({ name: 'A', email: 'a@example.org', source: 'li', lawful_basis: 'consent' });
    expect([...source.ignoredFields]).toEqual(['E-mail Address']);
    await expect(readAll('Name,Company,Current Company,Email,Source,Lawful basis\n')).rejects.toThrow(
      'The header (row 1) has two columns for "current_employer": "Company" and "Current Company"; keep one, or rename the other.',
    );
  });

  it('readCsv accepts a header without the required columns the installation gives defaults for', async () => {
    const source = readCsv(chunks('name,email\nA,a@example.org\n'), { defaulted: new Set(['source', 'lawful_basis']) });
    const rows: SourceRow[] = [];
    for await (const row of source.rows) rows.push(row);
    expect(rows).toEqual([{ row: 2, fields: { name: 'A', email: 'a@example.org' } }]);
    await expect(readAll('name,email,source\nA,a,s\n')).rejects.toThrow(/lacks the required column\(s\) lawful_basis/);
  });

  it('readCsv lists columns outside the format as ignored', async () => {
    const { source } = await readAll(`${HEADER},Notes,Salary\nA,a@example.org,li,consent,x,1\n`);
    expect([...source.ignoredFields]).toEqual(['notes', 'salary']);
  });

  it('readCsv reads a header in any case, with spaces, hyphens or camelCase, as the format’s columns', async () => {
    const { rows, source } = await readAll('Name,E-Mail,profileUrl,Lawful Basis,SOURCE\nA,a@example.org,https://x.org/a,consent,referral\n');
    expect(rows[0]!.fields).toEqual({ name: 'A', email: 'a@example.org', profile_url: 'https://x.org/a', lawful_basis: 'consent', source: 'referral' });
    expect([...source.ignoredFields]).toEqual([]);
  });
});
