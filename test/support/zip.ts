import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { WorkbookArchive } from '../../server/import/xlsx-archive.ts';

/**
 * ZIP archives with their parts where a test wants them: a workbook's layout
 * (which parts come first) decides how a streaming reader meets it.
 */

export type Part = [name: string, content: Buffer];

/** The parts of a ZIP archive, in the order they lie in it. */
export async function partsOf(archive: Buffer): Promise<Part[]> {
  const zip = await yauzl.fromBufferPromise(archive, { lazyEntries: true });
  const parts: Array<Part & { at: number }> = [];
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    parts.push(Object.assign([entry.fileName, Buffer.concat(chunks)] as Part, { at: entry.relativeOffsetOfLocalHeader }));
  }
  return parts.sort((a, b) => a.at - b.at).map(([name, content]) => [name, content]);
}

/**
 * A ZIP archive of `parts`, lying in the order given; `listing` orders its
 * central directory (a writer may list parts apart from where they lie).
 */
export function zipOf(parts: Part[], listing: (indexes: number[]) => number[] = (i) => i): { archive: Buffer; offsets: number[] } {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const [name, content] of parts) {
    const data = zlib.deflateRawSync(content);
    const fileName = Buffer.from(name);
    const crc = zlib.crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(content.length, 24);
    header.writeUInt16LE(fileName.length, 28);
    header.writeUInt32LE(offset, 42);
    offsets.push(offset);
    locals.push(local, fileName, data);
    central.push(Buffer.concat([header, fileName]));
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(listing(parts.map((_, i) => i)).map((i) => central[i]!));
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return { archive: Buffer.concat([...locals, directory, end]), offsets };
}

/** `names` first, in that order, then the rest as they were. */
export function moveFirst(parts: Part[], names: string[]): Part[] {
  const first = names.map((n) => parts.find(([name]) => name === n)!);
  return [...first, ...parts.filter(([name]) => !names.includes(name))];
}


/**
 * Opens the bytes as a workbook archive, through a file as the reader opens
 * its copy, hands it to `use`, then closes both and removes the file.
 */
export async function withWorkbookArchive<T>(bytes: Buffer, use: (archive: WorkbookArchive) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(path.join(tmpdir(), 'workbook-archive-'));
  try {
    const file = path.join(folder, 'workbook.xlsx');
    await writeFile(file, bytes);
    const handle = await open(file);
    try {
      const archive = await WorkbookArchive.open(handle.fd, bytes.length);
      try {
        return await use(archive);
      } finally {
        archive.close();
      }
    } finally {
      await handle.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
