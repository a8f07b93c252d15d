import { read } from 'node:fs';
import { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/**
 * Link targets of the cells of a workbook's first sheet, keyed by `linkKey`:
 * the links set on cells (Insert > Link), which a sheet keeps after its rows,
 * with their targets in the sheet's relationships part. exceljs's streaming
 * reader drops both, so they are read from the file beforehand.
 */
export type CellLinks = ReadonlyMap<number, string>;

const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;

/**
 * The most cells given a target: a link on every row of the largest sheet
 * Excel holds, some 120 MB held at about 120 bytes a link. More can only come
 * from a file built to take memory: a few hundred bytes of XML name a million
 * cells by ranges.
 */
export const MAX_LINKED_CELLS = MAX_ROWS;
/** A range over more cells is ignored: one target for a whole column is no row's own link, and it would fill the map. */
export const MAX_RANGE_CELLS = 100_000;
/** A workbook has a few parts per sheet; a listing longer than this is not one a reader should walk. */
const MAX_PARTS = 10_000;
/** An element of ours longer than this is no link Excel wrote: reading links stops rather than buffer it. */
const MAX_TAG_CHARS = 64 * 1024;

/** A cell's key from its row and (1-based) column numbers, as numbers: no string is built per cell looked up. */
export function linkKey(row: number, column: number): number {
  return (row - 1) * MAX_COLUMNS + (column - 1);
}

/** What a workbook's first sheet says that its streaming read gives too late or not at all. */
export interface SheetPrelude {
  /** The links set on its cells. */
  links: CellLinks;
  /**
   * The last row it says it fills (its `<dimension ref="A1:N5001">`, written
   * before its rows), if it says: what an import's progress counts rows
   * against, since a workbook's bytes are all read before its first row is.
   */
  lastRow: number | undefined;
}

/**
 * The prelude of the worksheet that exceljs's streaming reader emits first,
 * from the workbook of `size` bytes open as `fd` (read by position, and left
 * open). Never fails: an archive this cannot read gives no links and no
 * extent, and the main read then says what is wrong with the file.
 */
export async function readSheetPrelude(fd: number, size: number): Promise<SheetPrelude> {
  const prelude: SheetPrelude = { links: new Map(), lastRow: undefined };
  let zip: ZipFile | undefined;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(new FdReader(fd), size, { lazyEntries: true, autoClose: false });
    // yauzl reports a failure to close its reader as an event; with no listener it would end the process.
    zip.on('error', () => {});
    const parts = await listParts(zip);
    const sheet = firstEmittedSheet(parts);
    if (!sheet) return prelude;
    prelude.lastRow = await readLastRow(await zip.openReadStreamPromise(sheet));
    const rels = parts.rels.get(relsPartOf(sheet.fileName));
    const targets = rels ? await readLinkTargets(await zip.openReadStreamPromise(rels)) : new Map<string, string>();
    // No web or mail link: the sheet, the largest part, is not read to its end.
    if (targets.size > 0) prelude.links = await readSheetLinks(await zip.openReadStreamPromise(sheet), targets);
    return prelude;
  } catch {
    return prelude;
  } finally {
    zip?.close();
  }
}

/** The dimension's last row, from the sheet's start: reading stops where its rows begin. */
async function readLastRow(stream: Readable): Promise<number | undefined> {
  stream.setEncoding('utf8');
  let head = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      head += chunk;
      const ref = DIMENSION.exec(head)?.[1];
      if (ref !== undefined) {
        const last = parseCell(ref.split(':').at(-1)!);
        return last?.row;
      }
      if (SHEET_DATA.test(head) || head.length > MAX_TAG_CHARS) return undefined;
    }
    return undefined;
  } finally {
    stream.destroy();
  }
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
 * its autoClose says, and the copy's readers are destroyed before its end.)
 */
export function readRange(fd: number, start: number, end: number, chunk = 64 * 1024): Readable {
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

interface Parts {
  sheets: Entry[];
  rels: Map<string, Entry>;
  /** Where in the file the parts exceljs needs before it reads a sheet in place begin. */
  sharedStrings?: number;
  workbookRels?: number;
}

/** As exceljs matches a worksheet's part name: anywhere in the name. */
const SHEET_PART = /xl\/worksheets\/sheet\d+[.]xml/;
const SHEET_RELS_PART = /(?:^|\/)_rels\/[^/]+\.rels$/;

async function listParts(zip: ZipFile): Promise<Parts> {
  if (zip.entryCount > MAX_PARTS) throw new Error('too many parts for a workbook');
  const parts: Parts = { sheets: [], rels: new Map() };
  const first = (seen: number | undefined, at: number) => Math.min(seen ?? at, at);
  for await (const entry of zip.eachEntry()) {
    const name = entry.fileName;
    const at = entry.relativeOffsetOfLocalHeader;
    if (name === 'xl/sharedStrings.xml') parts.sharedStrings = first(parts.sharedStrings, at);
    else if (name === 'xl/_rels/workbook.xml.rels') parts.workbookRels = first(parts.workbookRels, at);
    else if (SHEET_PART.test(name)) parts.sheets.push(entry);
    else if (SHEET_RELS_PART.test(name) && !parts.rels.has(name)) parts.rels.set(name, entry);
  }
  return parts;
}

/**
 * The worksheet exceljs's streaming reader emits first. It reads the parts in
 * the order they lie in the file (not the listing's order, which a writer may
 * choose apart from it): a sheet that comes after both the shared strings and
 * the workbook's relationships is read in place; one before them is set aside
 * and read after the last part. Excel and exceljs write the sheets first.
 */
function firstEmittedSheet(parts: Parts): Entry | undefined {
  const sheets = parts.sheets.toSorted((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  const inPlaceAfter = parts.sharedStrings === undefined || parts.workbookRels === undefined ? Infinity : Math.max(parts.sharedStrings, parts.workbookRels);
  return sheets.find((s) => s.relativeOffsetOfLocalHeader > inPlaceAfter) ?? sheets[0];
}

/** A part's relationships part: `xl/worksheets/sheet1.xml` has `xl/worksheets/_rels/sheet1.xml.rels`. */
function relsPartOf(name: string): string {
  const slash = name.lastIndexOf('/');
  return `${name.slice(0, slash + 1)}_rels/${name.slice(slash + 1)}.rels`;
}

/** rId → target of the sheet's links that leave the workbook (a web page, a mail address, a file). */
async function readLinkTargets(stream: Readable): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  await scanTags(stream, 'Relationship', 'Relationship', (closing, _name, attributeText) => {
    if (closing) return true;
    const a = attributes(attributeText);
    const id = a.get('Id');
    const target = a.get('Target');
    if (id !== undefined && target !== undefined && a.get('TargetMode') === 'External' && a.get('Type')?.endsWith('/hyperlink')) targets.set(detached(id), detached(target));
    return targets.size < MAX_LINKED_CELLS;
  });
  return targets;
}

/** Cell → target of the sheet's `<hyperlink>` elements that name a relationship. */
async function readSheetLinks(stream: Readable, targets: ReadonlyMap<string, string>): Promise<Map<number, string>> {
  const links = new Map<number, string>();
  await scanTags(stream, 'hyperlink', 'hyperlinks?', (closing, name, attributeText) => {
    // The list's end (or an empty list): the rest of the sheet holds none.
    if (name === 'hyperlinks') return !(closing || attributeText.trimEnd().endsWith('/'));
    if (closing) return true;
    const a = attributes(attributeText);
    const target = linkTarget(a, targets);
    return target === undefined || addCells(links, a.get('ref') ?? '', target);
  });
  return links;
}

/**
 * A link's target. One with only a `location` is a place in the workbook; one
 * with a relationship has its target there, and Excel keeps a web address's
 * #fragment apart, in `location`.
 */
function linkTarget(a: ReadonlyMap<string, string>, targets: ReadonlyMap<string, string>): string | undefined {
  const id = a.get('r:id');
  const target = id === undefined ? undefined : targets.get(id);
  if (target === undefined) return undefined;
  const location = a.get('location');
  return location && !target.includes('#') ? detached(`${target}#${location}`) : target;
}

/** Gives each cell of `ref` ("B2", "B2:B5") the target; false once the map is full, which ends the reading. */
function addCells(links: Map<number, string>, ref: string, target: string): boolean {
  // Nearly every link is on one cell.
  const cell = parseCell(ref);
  if (cell) {
    if (links.size >= MAX_LINKED_CELLS) return false;
    links.set(linkKey(cell.row, cell.column), target);
    return true;
  }
  for (const part of ref.trim().split(/\s+/)) {
    const range = parseRange(part);
    if (!range || (range.bottom - range.top + 1) * (range.right - range.left + 1) > MAX_RANGE_CELLS) continue;
    for (let row = range.top; row <= range.bottom; row++) {
      for (let column = range.left; column <= range.right; column++) {
        if (links.size >= MAX_LINKED_CELLS) return false;
        links.set(linkKey(row, column), target);
      }
    }
  }
  return true;
}

const CELL_REF = /^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$/i;

function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const [from, to = from, extra] = ref.split(':');
  if (from === undefined || extra !== undefined) return undefined;
  const a = parseCell(from);
  const b = parseCell(to!);
  if (!a || !b) return undefined;
  return { top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), left: Math.min(a.column, b.column), right: Math.max(a.column, b.column) };
}

function parseCell(ref: string): { row: number; column: number } | undefined {
  const m = CELL_REF.exec(ref);
  if (!m) return undefined;
  let column = 0;
  for (const letter of m[1]!.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  const row = Number(m[2]);
  return column <= MAX_COLUMNS && row <= MAX_ROWS ? { row, column } : undefined;
}

/** An XML name, as a namespace prefix may precede ours (`<x:hyperlink`). */
const XML_NAME = '[A-Za-z_][\\w.-]*';
/** A sheet's extent, written before its rows; and where the rows begin, past which it is not looked for. */
const DIMENSION = new RegExp(`<(?:${XML_NAME}:)?dimension\\s[^>]*?\\bref\\s*=\\s*["']([^"']+)["']`);
const SHEET_DATA = new RegExp(`<(?:${XML_NAME}:)?sheetData[\\s/>]`);

/**
 * Calls `onTag` for each start or end tag of an XML part whose local name
 * `names` matches (a pattern; `word`, a text every such name holds, finds the
 * chunks worth matching), until it returns false: a scan of the text, so a
 * sheet of any length is read with one chunk and one unfinished tag held.
 * (Text and attribute values cannot hold a `<`: any `<` starts a tag.)
 */
async function scanTags(stream: Readable, word: string, names: string, onTag: (closing: boolean, name: string, attributeText: string) => boolean): Promise<void> {
  // Attribute values may hold a `>`: quoted values are matched whole.
  const tag = new RegExp(`<(/?)(?:${XML_NAME}:)?(${names})(?=[\\s/>])([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>`, 'g');
  const ours = new RegExp(`^</?(?:${XML_NAME}:)?(?:${names})`);
  stream.setEncoding('utf8');
  let pending = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      pending += chunk;
      // A sheet's rows, most of it, hold no link: only their last `<` is kept.
      const at = pending.indexOf(word);
      if (at < 0) {
        pending = unfinishedTag(pending, ours);
        continue;
      }
      tag.lastIndex = Math.max(0, pending.lastIndexOf('<', at));
      let end = 0;
      for (let m = tag.exec(pending); m; m = tag.exec(pending)) {
        end = tag.lastIndex;
        if (!onTag(m[1] === '/', m[2]!, m[3]!)) return;
      }
      pending = unfinishedTag(pending.slice(end), ours);
    }
  } finally {
    stream.destroy();
  }
}

/** What of a chunk's end to keep for the next: from its last `<`, while that can still become one of our tags. */
function unfinishedTag(rest: string, ours: RegExp): string {
  const at = rest.lastIndexOf('<');
  if (at < 0) return '';
  const tail = rest.slice(at);
  // Long enough to tell: a cell's text or another element, which can be long and is of no interest.
  if (tail.length > 256 && !ours.test(tail)) return '';
  if (tail.length > MAX_TAG_CHARS) throw new Error('an element too long for a link');
  return tail;
}

const ATTRIBUTE = new RegExp(`(${XML_NAME}(?::${XML_NAME})?)\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');

/**
 * A tag's attributes by name; a prefixed `id` (the relationships namespace is
 * `r:` by custom, but its prefix is the file's choice) as `r:id`.
 */
function attributes(text: string): Map<string, string> {
  const found = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(text); m; m = ATTRIBUTE.exec(text)) {
    const name = m[1]!.endsWith(':id') ? 'r:id' : m[1]!;
    found.set(name, decodeXml(m[2] ?? m[3]!));
  }
  return found;
}

/**
 * A copy of a text cut from a chunk, which as it is (a slice of the chunk)
 * would keep the whole chunk alive, and with it the rest of the part's text.
 */
function detached(text: string): string {
  return ` ${text}`.slice(1);
}

const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(ENTITY, (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name]!;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
    // Not a character (past U+10FFFF, a lone surrogate): left as written rather than failing the file.
    return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}
