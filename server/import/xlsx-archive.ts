import { read } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { errorSummary } from './reader.ts';

/**
 * A workbook's ZIP archive, read through its listing (the central directory,
 * at the file's end) from a file open as a descriptor, by position. Parts are
 * opened by name, in whatever order a reader needs them, wherever they lie in
 * the file: a streaming pass meets them in the order the writer chose, and
 * Excel and exceljs write the sheets before the parts needed to read them.
 */

/** A workbook has a few parts per sheet; a listing longer than this is not one a reader should walk. */
const MAX_PARTS = 10_000;

/** Why an archive could not be opened, in a user's words. */
export class ArchiveError extends Error {}

export class WorkbookArchive {
  private constructor(
    private readonly zip: ZipFile,
    /** Parts by lower-cased name: a package's part names are compared without regard to case. */
    private readonly parts: ReadonlyMap<string, Entry>,
  ) {}

  /** Opens the workbook of `size` bytes open as `fd`; the descriptor stays its owner's, open. */
  static async open(fd: number, size: number): Promise<WorkbookArchive> {
    let zip: ZipFile;
    try {
      zip = await yauzl.fromRandomAccessReaderPromise(new FdReader(fd), size, { lazyEntries: true, autoClose: false });
    } catch {
      throw new ArchiveError(await whyUnreadable(fd, size));
    }
    // yauzl reports a failure to close its reader as an event; with no listener it would end the process.
    zip.on('error', () => {});
    try {
      if (zip.entryCount > MAX_PARTS) throw new ArchiveError(`it lists ${zip.entryCount} parts, more than a workbook has`);
      const parts = new Map<string, Entry>();
      for await (const entry of zip.eachEntry()) {
        const name = partName(entry.fileName);
        // A name listed twice: the first, as a listing is read.
        if (!entry.fileName.endsWith('/') && !parts.has(name)) parts.set(name, entry);
      }
      return new WorkbookArchive(zip, parts);
    } catch (error) {
      zip.close();
      throw error instanceof ArchiveError ? error : new ArchiveError(`its listing of parts is damaged (${errorSummary(error)})`);
    }
  }

  has(name: string): boolean {
    return this.parts.has(partName(name));
  }

  /**
   * The part's content, inflated; undefined when there is no such part. One
   * declared larger than `maxBytes` is refused before it is read (yauzl holds
   * a part to its declared size, so a file cannot claim less than it holds).
   */
  async open(name: string, maxBytes = Infinity): Promise<Readable | undefined> {
    const entry = this.parts.get(partName(name));
    if (!entry) return undefined;
    if (entry.uncompressedSize > maxBytes) {
      throw new ArchiveError(`its part ${entry.fileName} holds ${entry.uncompressedSize.toLocaleString('en')} bytes, more than a workbook's ${name} should (at most ${maxBytes.toLocaleString('en')})`);
    }
    return this.zip.openReadStreamPromise(entry);
  }

  close(): void {
    this.zip.close();
  }
}

/**
 * The part `target` names, as a relationship of `source` gives it: relative to
 * the source's folder, or to the package's root when it starts with `/`.
 */
export function resolvePart(source: string, target: string): string {
  const base = target.startsWith('/') ? '/' : path.posix.join('/', path.posix.dirname(source));
  return path.posix.normalize(path.posix.join(base, target)).replace(/^\/+/, '');
}

/** A part's relationships part: `xl/worksheets/sheet1.xml` has `xl/worksheets/_rels/sheet1.xml.rels`; the package's own is `_rels/.rels`. */
export function relsPartOf(name: string): string {
  const slash = name.lastIndexOf('/');
  return `${name.slice(0, slash + 1)}_rels/${name.slice(slash + 1)}.rels`;
}

function partName(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

const ZIP_START = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Says why yauzl could not open the file: a ZIP's start without its listing is a file cut off. */
async function whyUnreadable(fd: number, size: number): Promise<string> {
  const head = await new Promise<Buffer>((resolve) => {
    const buffer = Buffer.alloc(Math.min(4, size));
    read(fd, buffer, 0, buffer.length, 0, (failure, n) => resolve(failure ? Buffer.alloc(0) : buffer.subarray(0, n)));
  });
  if (!head.equals(ZIP_START)) return 'it is no ZIP archive, as an .xlsx file is';
  // yauzl's own words (no end-of-directory signature, a bad offset) say the same less plainly.
  return 'it is incomplete or damaged: the listing of its parts, at its end, is missing, as when a download or copy is cut off';
}

/**
 * The workbook read from its owner's descriptor, by position. (yauzl's own
 * descriptor reader closes it when the archive is closed; this one leaves it,
 * and the nameless copy behind it, to its owner.)
 */
class FdReader extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return readRange(this.fd, start, end);
  }
}

/**
 * Bytes `start` to `end` (exclusive) of the file open as `fd`, read by
 * position. (A file read stream closes its descriptor when destroyed, whatever
 * its autoClose says, and the archive's readers are destroyed before its end.)
 */
function readRange(fd: number, start: number, end: number): Readable {
  const chunk = 64 * 1024;
  let position = start;
  return new Readable({
    highWaterMark: chunk,
    read() {
      const length = Math.min(chunk, end - position);
      if (length <= 0) {
        this.push(null);
        return;
      }
      const buffer = Buffer.allocUnsafe(length);
      read(fd, buffer, 0, length, position, (error, n) => {
        if (error) return this.destroy(error);
        if (n === 0) return this.push(null);
        position += n;
        this.push(n === length ? buffer : buffer.subarray(0, n));
      });
    },
  });
}
