import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SourceRow } from '../../server/import/reader.ts';
import { linkKey, readRelationships, readSheetPrelude } from '../../server/import/xlsx-links.ts';
import { readXlsx } from '../../server/import/xlsx-reader.ts';
import { chunks, readXlsxRows, workbook } from '../support/import.ts';
import { type Part, moveFirst, partsOf, withWorkbookArchive, zipOf } from '../support/zip.ts';

const readAll = (buffer: Buffer) => readXlsxRows(chunks(buffer));

const HYPERLINK = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

describe('readSheetPrelude', () => {
  const preludeOf = (archive: Buffer, sheet = 'xl/worksheets/sheet1.xml') => withWorkbookArchive(archive, (zip) => readSheetPrelude(zip, sheet));
  const linksOf = async (archive: Buffer) => (await preludeOf(archive)).links;
  const extentOf = async (archive: Buffer) => (await preludeOf(archive)).lastRow;

  it('readSheetPrelude reads the links after a sheet’s rows, whatever the namespace prefixes, attribute order, quotes and escapes', async () => {
    // Cell texts long enough to span the inflater's chunks, and markup-like text that is escaped.
    const cells = Array.from({ length: 400 }, (_, i) => `<x:row r="${i + 2}"><x:c r="A${i + 2}" t="inlineStr"><x:is><x:t>&lt;x:hyperlinks&gt; ${'x'.repeat(300)}</x:t></x:is></x:c></x:row>`);
    const many = Array.from({ length: 3000 }, (_, i) => `<x:hyperlink ref="G${i + 2}" rel:id="rId5"/>`);
    const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:sheetData>${cells.join('')}</x:sheetData>
<x:hyperlinks>
  <x:hyperlink rel:id="rId1" ref="B2:B4"/>
  <x:hyperlink ref='C2' location='section-2' display="a > b" rel:id='rId2'/>
  <x:hyperlink location="Notes!A1" ref="D2"/>
  <x:hyperlink ref="E2" rel:id="rId3"></x:hyperlink>
  <x:hyperlink ref="A1:Z100000" rel:id="rId1"/>
  <x:hyperlink ref="F2" rel:id="rId4"/>
  ${many.join('\n  ')}
</x:hyperlinks>
<x:hyperlink ref="H2" rel:id="rId1"/>
</x:worksheet>`;
    const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="${HYPERLINK}" Target="https://www.linkedin.com/in/range" TargetMode="External"/>
<Relationship TargetMode="External" Target="https://example.org/page" Type="${HYPERLINK}" Id="rId2" />
<Relationship Id="rId3" Type="${HYPERLINK}" Target="../notes.xml"/>
<Relationship Id='rId4' Type='${HYPERLINK}' Target='https://example.org/?a=1&amp;b=&#x32;&#51;&quot;&apos;&lt;&gt;' TargetMode='External'/>
<Relationship Id="rId5" Type="${HYPERLINK}" Target="mailto:many@example.org" TargetMode="External"/>
<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="https://example.org/not-a-link" TargetMode="External"/>
</Relationships>`;
    const { archive } = zipOf([
      ['xl/worksheets/sheet1.xml', Buffer.from(sheet)],
      ['xl/worksheets/_rels/sheet1.xml.rels', Buffer.from(rels)],
    ]);
    const expected = new Map<number, string>([
      [linkKey(2, 2), 'https://www.linkedin.com/in/range'],
      [linkKey(3, 2), 'https://www.linkedin.com/in/range'],
      [linkKey(4, 2), 'https://www.linkedin.com/in/range'],
      [linkKey(2, 3), 'https://example.org/page#section-2'],
      [linkKey(2, 6), `https://example.org/?a=1&b=23"'<>`],
      ...Array.from({ length: 3000 }, (_, i) => [linkKey(i + 2, 7), 'mailto:many@example.org'] as [number, string]),
    ]);
    expect(await linksOf(archive)).toEqual(expected);
  });

  it('readSheetPrelude gives no links for a sheet without relationships, and nothing at all for a part the workbook lacks', async () => {
    const book = await workbook((b) => {
      const sheet = b.addWorksheet('S');
      sheet.getCell('B2').value = { text: 'Profile', hyperlink: 'https://www.linkedin.com/in/jane' };
    });
    expect((await linksOf(book)).size).toBe(1);
    const withoutRels = (await partsOf(book)).filter(([name]) => name !== 'xl/worksheets/_rels/sheet1.xml.rels');
    expect(await preludeOf(zipOf(withoutRels).archive)).toEqual({ links: new Map(), lastRow: 2 });
    expect(await preludeOf(book, 'xl/worksheets/sheet9.xml')).toEqual({ links: new Map(), lastRow: undefined });
  });

  it('readRelationships gives each relationship with its type, target and mode, entities decoded', async () => {
    const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Target="https://example.org/?a=1&amp;b=2" TargetMode="External" Id="rId2" Type="${HYPERLINK}"></Relationship>
</Relationships>`;
    expect(await readRelationships(Readable.from([Buffer.from(rels)]))).toEqual([
      { id: 'rId1', type: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet', target: 'worksheets/sheet1.xml', external: false },
      { id: 'rId2', type: HYPERLINK, target: 'https://example.org/?a=1&b=2', external: true },
    ]);
  });

  it('readSheetPrelude gives the last row the sheet says it fills, and nothing where it says none', async () => {
    const book = await workbook((b) => {
      const sheet = b.addWorksheet('S');
      sheet.addRow(['name', 'email']);
      for (let i = 0; i < 41; i++) sheet.addRow([`P ${i}`, `p${i}@example.org`]);
      b.addWorksheet('Later').addRow(['only', 'one']);
    });
    expect(await extentOf(book)).toBe(42);
    const withoutDimension = (await partsOf(book)).map(([name, content]): Part =>
      name === 'xl/worksheets/sheet1.xml' ? [name, Buffer.from(content.toString('utf8').replace(/<dimension[^>]*\/>/, ''))] : [name, content],
    );
    expect(await extentOf(zipOf(withoutDimension).archive)).toBeUndefined();
  });
});

describe('readXlsx with links set on cells', () => {
  /** Two sheets of candidates, each linking its profiles to pages of its own. */
  function twoSheets(book: ExcelJS.Workbook) {
    for (const name of ['First', 'Second']) {
      const sheet = book.addWorksheet(name);
      sheet.addRow(['name', 'email', 'profile_url', 'source', 'lawful_basis']);
      sheet.addRow([`${name} person`, `${name.toLowerCase()}@example.org`, { text: 'Profile', hyperlink: `https://www.linkedin.com/in/${name.toLowerCase()}` }, 'li', 'consent']);
    }
  }

  /** The workbook part with its sheets' entries rewritten: each `<sheet .../>` given to `edit` with its name. */
  function withSheets(parts: Part[], edit: (sheets: string[]) => string[]): Part[] {
    return parts.map(([name, content]): Part => {
      if (name !== 'xl/workbook.xml') return [name, content];
      const xml = content.toString('utf8');
      const sheets = xml.match(/<sheet [^>]*\/>/g)!;
      return [name, Buffer.from(xml.replace(sheets.join(''), edit(sheets).join('')))];
    });
  }
  const namesAndLinks = async (archive: Buffer) => (await readAll(archive)).rows.map((r) => [r.fields.name, r.fields.profile_url]);

  it('readXlsx reads the first tab the workbook shows, with its own links, wherever the parts lie in the file and however they are listed', async () => {
    const parts = await partsOf(await workbook(twoSheets));
    const first = [['First person', 'https://www.linkedin.com/in/first']];
    const second = [['Second person', 'https://www.linkedin.com/in/second']];
    // As written (sheets before the workbook and its shared strings), and listed in reverse.
    expect(await namesAndLinks(zipOf(parts, (i) => i.reverse()).archive)).toEqual(first);
    // The second sheet first in the file, after the parts that describe it.
    const order = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml', 'xl/worksheets/sheet2.xml'];
    expect(await namesAndLinks(zipOf(moveFirst(parts, order)).archive)).toEqual(first);
    // Tabs moved: the second sheet's tab is now the first one shown.
    expect(await namesAndLinks(zipOf(withSheets(parts, (s) => s.reverse())).archive)).toEqual(second);
    // The first tab hidden: the first shown is read.
    expect(await namesAndLinks(zipOf(withSheets(parts, (s) => [s[0]!.replace('state="visible"', 'state="hidden"'), s[1]!])).archive)).toEqual(second);
    // Every tab hidden: the first.
    expect(await namesAndLinks(zipOf(withSheets(parts, (s) => s.map((x) => x.replace('state="visible"', 'state="veryHidden"')))).archive)).toEqual(first);
  });

  it('readXlsx reads the rows of a workbook damaged inside them up to the damage, as their text: the links, after the rows, are lost with it', async () => {
    const parts = await partsOf(
      await workbook((book) => {
        const sheet = book.addWorksheet('S');
        sheet.addRow(['name', 'email', 'profile_url', 'source', 'lawful_basis']);
        for (let i = 0; i < 20_000; i++) sheet.addRow([`P ${i}`, `p${i}@example.org`, { text: 'Profile', hyperlink: `https://www.linkedin.com/in/p-${i}` }, 'li', 'consent']);
      }),
    );
    const order = parts.map(([name]) => name);
    const { archive, offsets } = zipOf(parts);
    const sheet = order.indexOf('xl/worksheets/sheet1.xml');
    // The second half of the sheet's compressed bytes overwritten: the inflater fails there.
    const from = offsets[sheet]! + Math.floor((offsets[sheet + 1]! - offsets[sheet]!) / 2);
    const damaged = Buffer.from(archive);
    damaged.fill(0xff, from, offsets[sheet + 1]! - 16);
    const source = readXlsx(chunks(damaged));
    const rows: SourceRow[] = [];
    for await (const row of source.rows) rows.push(row);
    const read = rows.filter((r) => !r.problem);
    // About half the rows.
    expect(read.length).toBeGreaterThan(5_000);
    expect(read.length).toBeLessThan(15_000);
    expect(read.every((r, i) => r.row === i + 2 && r.fields.profile_url === 'Profile')).toBe(true);
    expect(rows.at(-1)).toMatchObject({ row: read.length + 2, problem: { field: '(row)' } });
    expect(source.stopped).toMatchObject({ row: read.length + 2, reason: expect.stringMatching(/cannot be read past here/) });
  });

  it('readXlsx refuses a workbook cut off, before any row: its listing of parts is at its end', async () => {
    const book = await workbook((b) => {
      const sheet = b.addWorksheet('S');
      sheet.addRow(['name', 'email', 'source', 'lawful_basis']);
      for (let i = 0; i < 2000; i++) sheet.addRow([`P ${i}`, `p${i}@example.org`, 'li', 'consent']);
    });
    for (const at of [4, 200, Math.floor(book.length / 2), book.length - 10]) {
      const cut = readXlsx(chunks(book.subarray(0, at)));
      const read: SourceRow[] = [];
      await expect((async () => {
        for await (const row of cut.rows) read.push(row);
      })(), `cut at ${at}`).rejects.toThrow(/workbook cannot be read \(it is incomplete or damaged: the listing of its parts, at its end, is missing/);
      expect(read).toEqual([]);
    }
  });
});
