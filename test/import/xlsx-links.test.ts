import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRow } from '../../server/import/reader.ts';
import { linkKey, readSheetPrelude } from '../../server/import/xlsx-links.ts';
import { readXlsx } from '../../server/import/xlsx-reader.ts';
import { chunks, readXlsxRows, workbook } from '../support/import.ts';
import { type Part, moveFirst, partsOf, zipOf } from '../support/zip.ts';

const readAll = (buffer: Buffer) => readXlsxRows(chunks(buffer));

const HYPERLINK = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

describe('readSheetPrelude', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'xlsx-links-test-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function fileOf(archive: Buffer) {
    const file = path.join(folder, `${Math.random().toString(36).slice(2)}.xlsx`);
    await writeFile(file, archive);
    return file;
  }
  async function preludeOf(archive: Buffer) {
    const handle = await open(await fileOf(archive));
    try {
      return await readSheetPrelude(handle.fd, (await handle.stat()).size);
    } finally {
      await handle.close();
    }
  }
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

  it('readSheetPrelude gives no links for a file it cannot read as a ZIP archive', async () => {
    const book = await workbook((b) => {
      b.addWorksheet('S').getCell('B2').value = { text: 'Profile', hyperlink: 'https://www.linkedin.com/in/jane' };
    });
    expect((await linksOf(book)).size).toBe(1);
    expect((await linksOf(book.subarray(0, book.length - 30))).size).toBe(0);
    expect((await linksOf(Buffer.from('name,email\n'))).size).toBe(0);
    expect((await linksOf(Buffer.alloc(0))).size).toBe(0);
  });

  it('readSheetPrelude gives the last row the first sheet says it fills, and nothing where it says none or is no workbook', async () => {
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
    expect(await extentOf(Buffer.from('name,email\n'))).toBeUndefined();
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

  it('readXlsx takes the links of the sheet exceljs reads first: where the parts lie in the file decides, not their listing', async () => {
    const parts = await partsOf(await workbook(twoSheets));
    // As written (sheets before the shared strings), in the listing's reverse order: the first sheet.
    const asWritten = zipOf(parts, (i) => i.reverse()).archive;
    expect((await readAll(asWritten)).rows.map((r) => [r.fields.name, r.fields.profile_url])).toEqual([['First person', 'https://www.linkedin.com/in/first']]);
    // The second sheet after the parts exceljs needs to read a sheet in place: it is read first, with its own links.
    const reordered = moveFirst(parts, [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/_rels/sheet1.xml.rels',
      'xl/sharedStrings.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    const secondFirst = zipOf(reordered, (i) => i.reverse()).archive;
    expect((await readAll(secondFirst)).rows.map((r) => [r.fields.name, r.fields.profile_url])).toEqual([['Second person', 'https://www.linkedin.com/in/second']]);
  });

  it('readXlsx reads the rows of a workbook cut inside them up to the cut, as their text: the links, after the rows, are cut off', async () => {
    const parts = await partsOf(
      await workbook((book) => {
        const sheet = book.addWorksheet('S');
        sheet.addRow(['name', 'email', 'profile_url', 'source', 'lawful_basis']);
        for (let i = 0; i < 20_000; i++) sheet.addRow([`P ${i}`, `p${i}@example.org`, { text: 'Profile', hyperlink: `https://www.linkedin.com/in/p-${i}` }, 'li', 'consent']);
      }),
    );
    // The sheet after the parts it needs, as exceljs reads it in place: a cut inside it leaves the rows before it.
    const order = parts.map(([name]) => name).filter((name) => !name.startsWith('xl/worksheets/'));
    const { archive, offsets } = zipOf(moveFirst(parts, [...order, 'xl/worksheets/sheet1.xml']));
    const sheetAt = offsets[order.length]!;
    const source = readXlsx(chunks(archive.subarray(0, sheetAt + Math.floor((offsets[order.length + 1]! - sheetAt) / 2))));
    const rows: SourceRow[] = [];
    for await (const row of source.rows) rows.push(row);
    const read = rows.filter((r) => !r.problem);
    // About half the rows, less those in the chunks still being read at the cut.
    expect(read.length).toBeGreaterThan(5_000);
    expect(read.length).toBeLessThan(15_000);
    expect(read.every((r, i) => r.row === i + 2 && r.fields.profile_url === 'Profile')).toBe(true);
    expect(rows.at(-1)).toMatchObject({ row: read.length + 2, problem: { field: '(row)' } });
    expect(source.stopped).toMatchObject({ row: read.length + 2, reason: expect.stringMatching(/cannot be read past here/) });
  });
});
