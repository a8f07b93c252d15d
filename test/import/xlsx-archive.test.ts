import { describe, expect, it } from 'vitest';
import { ArchiveError, type WorkbookArchive, relsPartOf, resolvePart } from '../../server/import/xlsx-archive.ts';
import { workbook } from '../support/import.ts';
import { type Part, withWorkbookArchive, zipOf } from '../support/zip.ts';

describe('WorkbookArchive', () => {
  const textOf = async (archive: WorkbookArchive, name: string) => {
    const stream = await archive.open(name);
    if (!stream) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  it('opens parts by name without regard to case or a leading slash, and gives none for a part it lacks', async () => {
    const parts: Part[] = [
      ['xl/workbook.xml', Buffer.from('<workbook/>')],
      ['xl/worksheets/Sheet1.xml', Buffer.from('<worksheet/>')],
      ['xl/workbook.xml', Buffer.from('<second/>')],
    ];
    await withWorkbookArchive(zipOf(parts).archive, async (archive) => {
      expect(await textOf(archive, 'XL/Workbook.xml')).toBe('<workbook/>');
      expect(archive.has('/xl/worksheets/sheet1.xml')).toBe(true);
      expect(archive.has('xl/worksheets/sheet2.xml')).toBe(false);
      expect(await archive.open('xl/sharedStrings.xml')).toBeUndefined();
    });
  });

  it('refuses a part declared larger than the reader allows before reading it, naming it', async () => {
    const parts: Part[] = [['xl/styles.xml', Buffer.alloc(5000, 'x')]];
    await withWorkbookArchive(zipOf(parts).archive, async (archive) => {
      await expect(archive.open('xl/styles.xml', 4096)).rejects.toThrow(/part xl\/styles\.xml holds 5,000 bytes.*at most 4,096/);
      expect(await textOf(archive, 'xl/styles.xml')).toHaveLength(5000);
    });
  });

  it('says whether a file is no ZIP archive or one cut off, and refuses a listing no workbook has', async () => {
    const book = await workbook((b) => b.addWorksheet('S').addRow(['name']));
    await expect(withWorkbookArchive(Buffer.from('name,email\n'), async () => {})).rejects.toThrow(/no ZIP archive/);
    await expect(withWorkbookArchive(Buffer.alloc(0), async () => {})).rejects.toThrow(ArchiveError);
    for (const at of [4, 100, book.length - 30]) {
      await expect(withWorkbookArchive(book.subarray(0, at), async () => {}), `cut at ${at}`).rejects.toThrow(/incomplete or damaged: the listing of its parts, at its end, is missing/);
    }
    const many = Array.from({ length: 10_001 }, (_, i): Part => [`p/${i}.xml`, Buffer.alloc(0)]);
    await expect(withWorkbookArchive(zipOf(many).archive, async () => {})).rejects.toThrow(/lists 10001 parts, more than a workbook has/);
  });
});

describe('resolvePart and relsPartOf', () => {
  it('resolvePart reads a target from the folder of the part that names it, or from the root when it starts with /', () => {
    expect(resolvePart('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(resolvePart('', '/xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(resolvePart('xl/workbook.xml', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePart('xl/workbook.xml', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePart('xl/workbook.xml', './worksheets/../sharedStrings.xml')).toBe('xl/sharedStrings.xml');
    // A target cannot climb out of the package.
    expect(resolvePart('xl/workbook.xml', '../../../etc/passwd')).toBe('etc/passwd');
  });

  it('relsPartOf names the relationships part of a part, and of the package', () => {
    expect(relsPartOf('xl/worksheets/sheet1.xml')).toBe('xl/worksheets/_rels/sheet1.xml.rels');
    expect(relsPartOf('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(relsPartOf('')).toBe('_rels/.rels');
  });
});
