import type { Readable } from 'node:stream';
import { type WorkbookArchive, relsPartOf } from './xlsx-archive.ts';

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
/** An element of ours longer than this is no link Excel wrote: reading links stops rather than buffer it. */
const MAX_TAG_CHARS = 64 * 1024;

/** A cell's key from its row and (1-based) column numbers, as numbers: no string is built per cell looked up. */
export function linkKey(row: number, column: number): number {
  return (row - 1) * MAX_COLUMNS + (column - 1);
}

/** What a worksheet says that its streaming read gives too late or not at all. */
export interface SheetPrelude {
  /** The links set on its cells. */
  links: CellLinks;
  /**
   * The last row it says it fills (its `<dimension ref="A1:N5001">`, written
   * before its rows), if it says: what an import's progress counts rows
   * against.
   */
  lastRow: number | undefined;
}

/**
 * The prelude of the worksheet `sheet` (a part name) of the workbook. Never
 * fails: a part this cannot read gives no links and no extent, and the read
 * of the rows then says what is wrong with the file.
 */
export async function readSheetPrelude(archive: WorkbookArchive, sheet: string): Promise<SheetPrelude> {
  const prelude: SheetPrelude = { links: new Map(), lastRow: undefined };
  try {
    const head = await archive.open(sheet);
    if (!head) return prelude;
    prelude.lastRow = await readLastRow(head);
    const rels = await archive.open(relsPartOf(sheet));
    const targets = new Map<string, string>();
    for (const r of rels ? await readRelationships(rels) : []) {
      if (r.external && r.type.endsWith('/hyperlink') && targets.size < MAX_LINKED_CELLS) targets.set(r.id, r.target);
    }
    // No web or mail link: the sheet, the largest part, is not read to its end.
    if (targets.size > 0) prelude.links = await readSheetLinks((await archive.open(sheet))!, targets);
    return prelude;
  } catch {
    return prelude;
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

/** One relationship of a part: `Id`, `Type`, `Target`, and whether the target lies outside the package (`TargetMode="External"`). */
export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** The relationships of a `.rels` part, in their order. */
export async function readRelationships(stream: Readable): Promise<Relationship[]> {
  const found: Relationship[] = [];
  await scanTags(stream, 'Relationship', 'Relationship', (closing, _name, attributeText) => {
    if (closing) return true;
    const a = attributes(attributeText);
    const id = a.get('Id');
    const target = a.get('Target');
    if (id !== undefined && target !== undefined) {
      found.push({ id: detached(id), type: a.get('Type') ?? '', target: detached(target), external: a.get('TargetMode') === 'External' });
    }
    return found.length < MAX_LINKED_CELLS;
  });
  return found;
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
