import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openBook } from '../../server/import/xlsx-book.ts';
import { chunks, readXlsxRows, workbook } from '../support/import.ts';
import { useOwnTmpDir } from '../support/tmp.ts';
import { type Part, moveFirst, partsOf, withWorkbookArchive, zipOf } from '../support/zip.ts';

const readAll = (buffer: Buffer) => readXlsxRows(chunks(buffer));
const WORKSHEET = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const CHARTSHEET = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet';

/** Three sheets of candidates, 20 each, named after their sheet. */
function threeSheets(book: ExcelJS.Workbook) {
  for (const name of ['Candidates', 'Notes', 'Lookups']) {
    const sheet = book.addWorksheet(name);
    sheet.addRow(['name', 'email', 'current_since', 'source', 'lawful_basis']);
    for (let i = 0; i < 20; i++) sheet.addRow([`${name} ${i}`, `p${i}@example.org`, new Date(Date.UTC(2020, 0, i + 1)), 'li', 'consent']);
    sheet.getColumn(3).numFmt = 'yyyy-mm-dd';
  }
}
const candidates = Array.from({ length: 20 }, (_, i) => `Candidates ${i}`);

/** Each part through `edit` (name and text), dropped where it gives undefined. */
function rewrite(parts: Part[], edit: (name: string, text: string) => [string, string] | undefined): Part[] {
  return parts.flatMap(([name, content]): Part[] => {
    const out = edit(name, content.toString('utf8'));
    return out ? [[out[0], Buffer.from(out[1])]] : [];
  });
}

describe('openBook', () => {
  // A temporary folder of this suite's own: exceljs's own streaming pass would copy sheets into it.
  useOwnTmpDir('xlsx-book-test-');

  it('reads the workbook the layout exceljs writes (its workbook part last) and the one Excel writes, again and again at once, copying no sheet aside', async () => {
    const parts = await partsOf(await workbook(threeSheets));
    const excelLayout = zipOf(moveFirst(parts, ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'])).archive;
    const exceljsLayout = zipOf(moveFirst(parts, parts.map(([n]) => n).filter((n) => n !== 'xl/workbook.xml'))).archive;
    // Reads interleaved on one event loop: a reader that depended on the order parts arrive in would show it here.
    const reads = await Promise.all(Array.from({ length: 24 }, (_, i) => readAll(i % 2 ? excelLayout : exceljsLayout)));
    for (const { rows } of reads) {
      expect(rows.map((r) => r.fields.name)).toEqual(candidates);
      expect(rows[4]!.fields.current_since).toBe('2020-01-05');
    }
    // exceljs's streaming pass names its copies of sheets tmp-…
    expect((await readdir(tmpdir())).filter((name) => name.startsWith('tmp-'))).toEqual([]);
  });

  it('finds the workbook, its texts, its styles and its sheets where their relationships say, under any names', async () => {
    const parts = await partsOf(await workbook(threeSheets));
    const renamed = rewrite(parts, (name, text) => {
      if (name === '_rels/.rels') return [name, text.replace('Target="xl/workbook.xml"', 'Target="/book/main.xml"')];
      if (name === 'xl/workbook.xml') return ['book/main.xml', text];
      if (name === 'xl/_rels/workbook.xml.rels') {
        return [
          'book/_rels/main.xml.rels',
          text
            .replace('Target="sharedStrings.xml"', 'Target="../texts/shared.xml"')
            .replace('Target="styles.xml"', 'Target="/look/styles.xml"')
            .replace(/Target="worksheets\/sheet(\d)\.xml"/g, 'Target="../sheets/tab$1.xml"'),
        ];
      }
      if (name === 'xl/sharedStrings.xml') return ['texts/shared.xml', text];
      if (name === 'xl/styles.xml') return ['look/styles.xml', text];
      const sheet = /^xl\/worksheets\/sheet(\d)\.xml$/.exec(name);
      if (sheet) return [`sheets/tab${sheet[1]}.xml`, text];
      return [name, text];
    });
    const archive = zipOf(renamed).archive;
    const { rows } = await readAll(archive);
    expect(rows.map((r) => r.fields.name)).toEqual(candidates);
    // The date format comes from the styles: without them the day would read as a number.
    expect(rows[0]!.fields.current_since).toBe('2020-01-01');
    expect(await sheetOf(archive)).toEqual({ part: 'sheets/tab1.xml', name: 'Candidates' });
  });

  it('passes over a chart sheet and a sheet whose part is missing to the first worksheet shown', async () => {
    const parts = await partsOf(await workbook(threeSheets));
    const edited = rewrite(parts, (name, text) => {
      if (name === 'xl/workbook.xml') {
        return [name, text.replace('<sheets>', '<sheets><sheet name="Chart" sheetId="90" r:id="rId90"/><sheet name="Gone" sheetId="91" r:id="rId91"/>')];
      }
      if (name === 'xl/_rels/workbook.xml.rels') {
        return [
          name,
          text.replace(
            '</Relationships>',
            `<Relationship Id="rId90" Type="${CHARTSHEET}" Target="chartsheets/sheet1.xml"/><Relationship Id="rId91" Type="${WORKSHEET}" Target="worksheets/sheet9.xml"/></Relationships>`,
          ),
        ];
      }
      return [name, text];
    });
    edited.push(['xl/chartsheets/sheet1.xml', Buffer.from('<chartsheet/>')]);
    const archive = zipOf(edited).archive;
    expect(await sheetOf(archive)).toEqual({ part: 'xl/worksheets/sheet1.xml', name: 'Candidates' });
    expect((await readAll(archive)).rows.map((r) => r.fields.name)).toEqual(candidates);
  });

  it('reads a workbook whose parts bind SpreadsheetML to a prefix, as writers built on the Open XML SDK do', async () => {
    const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const prefixed = rewrite(await partsOf(await workbook(threeSheets)), (name, text) => {
      if (!/^xl\/(workbook|styles|sharedStrings|worksheets\/sheet\d)\.xml$/.test(name)) return [name, text];
      const xml = text
        .replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`)
        .replace(`xmlns:r="${RELS}"`, `xmlns:rel="${RELS}"`)
        .replace(/ r:id=/g, ' rel:id=')
        .replace(/<(\/?)([A-Za-z]\w*)(?=[\s/>])/g, '<$1x:$2');
      return [name, xml];
    });
    expect(prefixed.find(([name]) => name === 'xl/workbook.xml')![1].toString()).toMatch(/<x:sheet [^>]*rel:id="rId\d+"/);
    const { rows } = await readAll(zipOf(prefixed).archive);
    expect(rows.map((r) => r.fields.name)).toEqual(candidates);
    expect(rows[1]!.fields.current_since).toBe('2020-01-02');
  });

  it('reads every letter of a workbook\'s texts intact, wherever the inflater\'s chunks split them', async () => {
    const names = Array.from({ length: 6000 }, (_, i) => `Jörg Łukasz Müller-Ørsted ${i} 北京`);
    const buffer = await workbook((book) => {
      const sheet = book.addWorksheet('S');
      sheet.addRow(['name', 'email', 'source', 'lawful_basis']);
      names.forEach((name, i) => sheet.addRow([name, `p${i}@example.org`, 'li', 'consent']));
    });
    const { rows } = await readAll(buffer);
    expect(rows.filter((r, i) => r.fields.name !== names[i]).map((r) => r.fields.name)).toEqual([]);
    expect(rows).toHaveLength(names.length);
  });

  it('refuses a file with no workbook part, and says a workbook without sheets has none', async () => {
    const parts = await partsOf(await workbook(threeSheets));
    const noBook = parts.filter(([name]) => name !== 'xl/workbook.xml');
    await expect(readAll(zipOf(noBook).archive)).rejects.toThrow(/cannot be read \(it holds no workbook part \(xl\/workbook\.xml\)\)/);
    expect(await sheetOf(await workbook(() => {}))).toBeUndefined();
  });

  /** The sheet openBook chooses in the workbook. */
  const sheetOf = (bytes: Buffer) => withWorkbookArchive(bytes, async (archive) => (await openBook(archive, 1_000_000)).sheet);
});
