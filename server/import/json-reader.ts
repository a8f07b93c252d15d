import { IDENTITY_FIELDS, SOURCE_FIELDS } from './row-schema.ts';
import { ImportFileError, MAX_ROW_CHARS, type RowSource, type SourceRow, fieldName, invalidUtf8Issue, isFieldAlias } from './reader.ts';
import { Utf8Stream } from './utf8.ts';

const KNOWN = SOURCE_FIELDS;
const IDENTITY = new Set<string>(IDENTITY_FIELDS);

/**
 * Items of a JSON array of candidate objects, of an object wrapping that
 * array (`{"candidates": […]}`, as APIs and exports give a list), or of JSON
 * Lines (one candidate object per line, as many tools export; a line that is
 * no JSON is rejected as that line, and the others read), read as a stream: the text is
 * cut into top-level items by a small scanner (strings, escapes, nesting), and
 * each item is parsed on its own. So memory stays bounded by one item, an
 * oversized or malformed item is rejected by its index while the others are
 * read, and invalid UTF-8 is pinned to the item that holds it. A streaming
 * JSON library would hand over whole values only, after buffering them.
 */
export function readJson(input: AsyncIterable<Buffer | string>): RowSource {
  const utf8 = new Utf8Stream();
  const ignoredFields = new Set<string>();
  let stopped: RowSource['stopped'];
  const scanner = new ItemScanner();

  async function* rows(): AsyncGenerator<SourceRow> {
    let sawContent = false;
    let items = 0;
    const drain = function* (): Generator<SourceRow> {
      for (const item of scanner.take()) {
        items++;
        yield toRow(item, utf8, ignoredFields);
      }
    };
    try {
      for await (const chunk of input) {
        const text = utf8.decode(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
        if (!sawContent && text.trim() !== '') sawContent = true;
        scanner.push(text);
        yield* drain();
      }
      const rest = utf8.end();
      if (rest.trim() !== '') sawContent = true;
      scanner.push(rest);
      scanner.finish();
      yield* drain();
      // An export of an empty list: refused as an empty file is, so a wrong file is noticed rather than "imported".
      if (items === 0) {
        throw new ImportFileError(
          scanner.list === undefined ? 'The file holds no candidates: its array is empty ([]).' : `The file holds no candidates: its list under "${scanner.list}" is empty.`,
        );
      }
    } catch (error) {
      if (!(error instanceof JsonStructureError)) throw error;
      yield* drain();
      if (!sawContent) throw new ImportFileError('The file is empty.');
      if (error.row === undefined) throw new ImportFileError(error.message);
      stopped = { row: error.row, reason: error.message };
      yield { row: error.row, fields: {}, problem: { field: '(item)', reason: `${error.message}; reading stopped here (the items before it were read)` } };
    }
  }

  return {
    rows: rows(),
    ignoredFields,
    get stopped() {
      return stopped;
    },
    get byLine() {
      return scanner.byLine;
    },
  };
}

interface ScannedItem {
  /** The item's row: its array index, or (JSON Lines) the line it starts on. */
  row: number;
  text: string;
  oversized: boolean;
  /** Where the item's text starts and ends in the whole decoded text (string indices). */
  start: number;
  end: number;
}

class JsonStructureError extends Error {
  constructor(
    message: string,
    /** The row where reading stopped; undefined when the input is not an array at all. */
    readonly row?: number,
  ) {
    super(message);
  }
}

/**
 * `lineStart`/`inLine`: a JSON Lines item, read to its line's end; `tail`: the
 * members of a wrapping object after its list.
 */
type State = 'start' | 'beforeItem' | 'inItem' | 'afterItem' | 'lineStart' | 'inLine' | 'tail' | 'end';

/**
 * Splits the text of a top-level JSON array, of an object wrapping one, or of
 * objects one after another (JSON Lines), into its items, chunk by chunk.
 *
 * A file opening with `{` is JSON Lines, or one object wrapping the list. Its
 * first object is scanned for that: a member (at the top level) holding an
 * array whose first element is an object, under a key that is none of the
 * format's fields, with no other array of objects and no email or profile URL
 * before it, is the list, and its items are read as an array's (so a
 * candidate's `previous_jobs` is never taken for one). Members after the list
 * are skipped, but a second array of objects, or a candidate's identity
 * there, stops reading: which list holds the candidates is not guessed.
 *
 * Otherwise, when the first object ends on its line, each line is an item
 * (JSON Lines): a line that is no JSON is that line's fault alone, and the
 * next line is read. When it spans lines (objects written out one after
 * another, as `jq` prints them), items are told apart by their braces, and
 * text between them stops reading, as in an array.
 */
class ItemScanner {
  private state: State = 'start';
  /** Objects one after another, not inside an array. */
  private lines = false;
  /** JSON Lines proper: one item per line. */
  private perLine = false;
  /** Scanning the file's first object, which may wrap the list. */
  private head = false;
  /** The key of the list a wrapping object holds, once found. */
  list: string | undefined;
  private index = 0;
  /** The line being scanned (from 1), and the one the item started on. */
  private line = 1;
  private startLine = 1;
  private spansLines = false;
  /** The index in the whole text of the chunk being scanned, and of the item's start. */
  private offset = 0;
  private start = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private length = 0;
  private oversized = false;
  private ready: ScannedItem[] = [];
  /** The top-level members of the first object (or the wrapper's after its list): keys as they are read. */
  private expectKey = false;
  private capturing = false;
  private key = '';
  private lastKey = '';
  private identitySeen = false;
  private objectArraySeen = false;
  /** An array just opened at the top level of the first object: its first element tells whether it is the list. */
  private listPeek = false;

  /** Whether rows are numbered by line (JSON Lines), known once the first item is read. */
  get byLine(): boolean {
    return this.lines;
  }

  take(): ScannedItem[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  push(text: string): void {
    let itemStart = -1;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x0a /* \n */) this.line++;
      switch (this.state) {
        case 'start':
          if (isSpace(ch)) continue;
          if (ch === 0x5b /* [ */) {
            this.state = 'beforeItem';
            continue;
          }
          if (ch === 0x7b /* { */) {
            this.lines = true;
            this.head = true;
            this.state = 'beforeItem';
            i--;
            continue;
          }
          throw new JsonStructureError('The file is not JSON: a JSON import is an array of candidate objects ([{…}, {…}]) or one object per line.');
        case 'beforeItem':
          if (isSpace(ch)) continue;
          // `[]`, or a comma after the last item (`[{…},]`), as JavaScript, JSON5 and hand-edited files write it:
          // it ends the array where it stands, and no item is lost or made up by reading past it.
          if (ch === 0x5d /* ] */ && !this.lines) {
            this.state = this.list === undefined ? 'end' : 'tail';
            continue;
          }
          this.state = 'inItem';
          itemStart = i;
          this.begin(i);
          i--; // scan this character as part of the item
          continue;
        case 'inItem': {
          if (itemStart < 0) itemStart = i;
          if (ch === 0x0a) this.spansLines = true;
          if (this.inString) {
            this.scanString(ch, text[i]!);
            continue;
          }
          if (this.listPeek) {
            if (isSpace(ch)) continue;
            this.listPeek = false;
            if (ch === 0x7b) {
              if (!KNOWN.has(fieldName(this.lastKey)) && !this.identitySeen && !this.objectArraySeen) {
                // The first object wraps the list: what was read of it is no item, and the list's items follow.
                this.list = this.lastKey;
                this.lines = false;
                this.head = false;
                this.parts = [];
                this.length = 0;
                itemStart = -1;
                this.state = 'beforeItem';
                i--;
                continue;
              }
              this.objectArraySeen = true;
            }
          }
          if (ch === 0x22) {
            this.inString = true;
            if (this.head && this.depth === 1 && this.expectKey) this.startKey();
          } else if (ch === 0x7b || ch === 0x5b) {
            this.depth++;
            if (this.head && this.depth === 1) this.expectKey = true;
            if (this.head && this.depth === 2 && ch === 0x5b) this.listPeek = true;
          } else if (ch === 0x7d || ch === 0x5d) {
            if (this.depth === 0) {
              // A `]` closing the array right after a scalar item.
              this.collect(text, itemStart, i);
              itemStart = -1;
              this.emit(i);
              this.state = this.list === undefined ? 'end' : 'tail';
              continue;
            }
            this.depth--;
            if (this.depth === 0) {
              this.collect(text, itemStart, i + 1);
              itemStart = -1;
              this.emit(i + 1);
              if (this.head) {
                this.head = false;
                this.perLine = !this.spansLines;
              }
              this.state = 'afterItem';
            }
          } else if (this.depth === 0 && ch === 0x2c /* , */) {
            this.collect(text, itemStart, i);
            itemStart = -1;
            this.emit(i);
            this.state = 'beforeItem';
          } else if (this.head && this.depth === 1 && ch === 0x2c) this.expectKey = true;
          continue;
        }
        case 'afterItem':
          if (isSpace(ch)) {
            if (ch === 0x0a && this.perLine) this.state = 'lineStart';
            continue;
          }
          if (this.lines) {
            if (this.perLine) throw new JsonStructureError(`on line ${this.line}, after its object, comes "${text[i]}" where the line should end`, this.line);
            if (ch !== 0x7b) throw new JsonStructureError(`after the object on line ${this.startLine} comes "${text[i]}" where the next object ("{") was expected`, this.line);
            this.state = 'beforeItem';
            i--;
          } else if (ch === 0x2c) this.state = 'beforeItem';
          else if (ch === 0x5d) this.state = this.list === undefined ? 'end' : 'tail';
          else throw new JsonStructureError(`after item ${this.index - 1} comes "${text[i]}" where "," or "]" was expected`, this.index);
          continue;
        case 'lineStart':
          // A blank line is no item, but counts: rows are the lines an editor shows.
          if (isSpace(ch)) continue;
          this.state = 'inLine';
          itemStart = i;
          this.begin(i);
          continue;
        case 'inLine':
          if (itemStart < 0) itemStart = i;
          if (ch === 0x0a) {
            this.collect(text, itemStart, i);
            itemStart = -1;
            this.emit(i);
            this.state = 'lineStart';
          }
          continue;
        case 'tail':
          this.scanTail(ch, text[i]!);
          continue;
        case 'end':
          if (!isSpace(ch)) throw new JsonStructureError(`there is text after the closing "${this.list === undefined ? ']' : '}'}" of the ${this.list === undefined ? 'array' : 'object holding the list'}`, this.index);
          continue;
      }
    }
    if ((this.state === 'inItem' || this.state === 'inLine') && itemStart >= 0) this.collect(text, itemStart, text.length);
    this.offset += text.length;
  }

  finish(): void {
    if (this.state === 'start') throw new JsonStructureError('The file is empty.');
    if (this.state === 'inLine') {
      this.emit(0);
      return;
    }
    if (this.lines) {
      if (this.state === 'inItem') throw new JsonStructureError(`the file ends inside the object starting on line ${this.startLine} (is it cut short?)`, this.startLine);
      return;
    }
    if (this.state === 'tail') throw new JsonStructureError(`the file ends before the object holding the list under "${this.list}" closes (is it cut short?)`, this.index);
    if (this.state === 'inItem' || this.state === 'beforeItem' || this.state === 'afterItem') {
      const where = this.list === undefined ? 'the array' : `the list under "${this.list}"`;
      throw new JsonStructureError(`the file ends inside ${where}, at item ${this.index} (is it cut short?)`, this.index);
    }
  }

  /** A character of a string; a key of the first object's top level is kept as it is read. */
  private scanString(ch: number, char: string): void {
    if (this.escaped) this.escaped = false;
    else if (ch === 0x5c /* \ */) this.escaped = true;
    else if (ch === 0x22 /* " */) {
      this.inString = false;
      if (this.capturing) this.endKey();
      return;
    }
    if (this.capturing && this.key.length < 200) this.key += char;
  }

  private startKey(): void {
    this.capturing = true;
    this.key = '';
  }

  private endKey(): void {
    this.capturing = false;
    this.expectKey = false;
    this.lastKey = this.key;
    if (IDENTITY.has(fieldName(this.key))) {
      this.identitySeen = true;
      if (this.state === 'tail') {
        throw new JsonStructureError(
          `the object holding the list under "${this.list}" also holds "${this.key}", a candidate's field: a file is one list of candidates, or one candidate per line`,
          this.index,
        );
      }
    }
  }

  /** The wrapping object's members after its list, skipped, up to its closing brace. */
  private scanTail(ch: number, char: string): void {
    if (this.inString) {
      this.scanString(ch, char);
      return;
    }
    if (this.listPeek) {
      if (isSpace(ch)) return;
      this.listPeek = false;
      if (ch === 0x7b) {
        throw new JsonStructureError(
          `the object holds a second array of objects, under "${this.lastKey}", after the list under "${this.list}": which one holds the candidates is not guessed; import that array itself`,
          this.index,
        );
      }
    }
    if (ch === 0x22) {
      this.inString = true;
      if (this.depth === 0 && this.expectKey) this.startKey();
    } else if (ch === 0x7b || ch === 0x5b) {
      this.depth++;
      if (this.depth === 1 && ch === 0x5b) this.listPeek = true;
    } else if (ch === 0x7d || ch === 0x5d) {
      if (this.depth > 0) this.depth--;
      else if (ch === 0x7d) this.state = 'end';
      else throw new JsonStructureError(`after the list under "${this.list}" comes "]" where "}" was expected`, this.index);
    } else if (this.depth === 0 && ch === 0x2c) this.expectKey = true;
  }

  private begin(at: number): void {
    this.start = this.offset + at;
    this.startLine = this.line;
    this.spansLines = false;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.parts = [];
    this.length = 0;
    this.oversized = false;
  }

  private collect(text: string, from: number, to: number): void {
    if (to <= from || this.oversized) return;
    this.length += to - from;
    if (this.length > MAX_ROW_CHARS) {
      this.oversized = true;
      this.parts = [];
      return;
    }
    this.parts.push(text.slice(from, to));
  }

  /** `end`: the item's end in the chunk being scanned. */
  private emit(end: number): void {
    const row = this.lines ? this.startLine : this.index;
    this.index++;
    this.ready.push({ row, text: this.parts.join(''), oversized: this.oversized, start: this.start, end: this.offset + end });
    this.parts = [];
    this.length = 0;
  }
}

function isSpace(ch: number): boolean {
  return ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09;
}

function toRow(item: ScannedItem, utf8: Utf8Stream, ignored: Set<string>): SourceRow {
  const row = item.row;
  // Invalid bytes by their place in the item's text: a U+FFFD the file holds as a character is no error.
  const invalid = utf8.takeMarks({ char: item.end }).filter((m) => m.invalidAt !== undefined && m.char >= item.start);
  const offsets = invalid.map((m) => m.invalidAt!);
  if (item.oversized) {
    return { row, fields: {}, problem: { field: '(item)', reason: `is longer than ${MAX_ROW_CHARS / (1024 * 1024)} MiB; a candidate is far smaller` } };
  }
  if (item.text.trim() === '') {
    return { row, fields: {}, problem: { field: '(item)', reason: 'is missing: two commas with nothing between them' } };
  }
  let value: unknown;
  try {
    value = JSON.parse(item.text);
  } catch (error) {
    // Invalid bytes outside a string break the JSON: they, not the syntax, are what to fix.
    if (offsets.length > 0) return { row, fields: {}, problem: invalidUtf8Issue('(item)', offsets) };
    return { row, fields: {}, problem: { field: '(item)', reason: `is not valid JSON (${(error as Error).message})` } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { row, fields: {}, problem: { field: '(item)', reason: 'must be an object of candidate fields' } };
  }
  const fields: Record<string, unknown> = {};
  const keyOf: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = fieldName(key);
    // An API's "company" or "profile" often holds an object of its own (`{"name": …, "id": …}`): no value of the field.
    if (!KNOWN.has(name) || (isFieldAlias(key) && typeof v === 'object' && v !== null && !Array.isArray(v))) {
      if (ignored.size < 50) ignored.add(key);
    } else if (name in fields) {
      // A key named as the field itself ("email") wins over one naming it otherwise ("E-mail"), which is then ignored.
      const [kept, other] = isFieldAlias(key) ? [keyOf[name]!, key] : [key, keyOf[name]!];
      if (isFieldAlias(kept) || !isFieldAlias(other)) {
        return { row, fields: {}, problem: { field: name, reason: `is given twice, as "${keyOf[name]}" and as "${key}"` } };
      }
      if (ignored.size < 50) ignored.add(other);
      fields[name] = kept === key ? v : fields[name];
      keyOf[name] = kept;
    } else {
      fields[name] = v;
      keyOf[name] = key;
    }
  }
  if (Object.keys(fields).length === 0) {
    // A list wrapped in an object where it is not the file's first value (a wrapping object is read as such only there).
    const lists = Object.entries(value).filter(([, v]) => Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null));
    const keys = Object.keys(value);
    const only: unknown = keys.length === 1 ? (value as Record<string, unknown>)[keys[0]!] : undefined;
    const shown = keys.slice(0, 8).map((k) => `"${k.slice(0, 40)}"`).join(', ') + (keys.length > 8 ? ', …' : '');
    const reason =
      lists.length === 1
        ? `holds no candidate fields but an array under "${lists[0]![0]}": import that array itself (a JSON array of candidate objects)`
        : lists.length > 1
          ? `holds no candidate fields but several arrays of objects (${lists.map(([k]) => `"${k}"`).join(', ')}): which one holds the candidates is not guessed; import that array itself`
          : keys.length === 0
            ? 'is an empty object'
            : keys.length === 1 && Array.isArray(only) && only.length === 0
              ? `holds no candidates: its array under "${keys[0]}" is empty`
            : `holds none of the format's fields (it has ${shown}) and no array of candidate objects`;
    return { row, fields: {}, problem: { field: '(item)', reason } };
  }
  if (offsets.length > 0) {
    const key = keyHolding(item.text, invalid[0]!.char - item.start);
    return { row, fields, problem: invalidUtf8Issue(key === undefined ? '(item)' : KNOWN.has(fieldName(key)) ? fieldName(key) : key, offsets) };
  }
  return { row, fields };
}

/**
 * The key of an item's object whose name or value holds the character at
 * `at` of its text: that character is set apart with a character the text
 * does not hold, and looked for after parsing.
 */
function keyHolding(text: string, at: number): string | undefined {
  let marker: string | undefined;
  for (let c = 0xfdd0; c <= 0xfdef && marker === undefined; c++) if (!text.includes(String.fromCharCode(c))) marker = String.fromCharCode(c);
  if (marker === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(0, at) + marker + text.slice(at + 1));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const key = Object.entries(value).find(([k, v]) => k.includes(marker) || JSON.stringify(v).includes(marker))?.[0];
  return key?.replace(marker, '\uFFFD');
}
