import { IMPORT_FIELDS } from './row-schema.ts';
import { ImportFileError, MAX_ROW_CHARS, type RowSource, type SourceRow, fieldName, invalidUtf8Issue } from './reader.ts';
import { Utf8Stream } from './utf8.ts';

const KNOWN = new Set<string>(IMPORT_FIELDS);

/**
 * Items of a JSON array of candidate objects, or of JSON Lines (one candidate
 * object per line, as many tools export), read as a stream: the text is
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

  async function* rows(): AsyncGenerator<SourceRow> {
    const scanner = new ItemScanner();
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
      if (items === 0) throw new ImportFileError('The file holds no candidates: its array is empty ([]).');
    } catch (error) {
      if (!(error instanceof JsonStructureError)) throw error;
      yield* drain();
      if (!sawContent) throw new ImportFileError('The file is empty.');
      if (error.index === undefined) throw new ImportFileError(error.message);
      stopped = { row: error.index, reason: error.message };
      yield { row: error.index, fields: {}, problem: { field: '(item)', reason: `${error.message}; reading stopped here (the items before it were read)` } };
    }
  }

  return {
    rows: rows(),
    ignoredFields,
    get stopped() {
      return stopped;
    },
  };
}

interface ScannedItem {
  index: number;
  text: string;
  oversized: boolean;
  /** Where the item's text starts and ends in the whole decoded text (string indices). */
  start: number;
  end: number;
}

class JsonStructureError extends Error {
  constructor(
    message: string,
    /** The item where reading stopped; undefined when the input is not an array at all. */
    readonly index?: number,
  ) {
    super(message);
  }
}

type State = 'start' | 'beforeItem' | 'inItem' | 'afterItem' | 'end';

/** Splits the text of a top-level JSON array, or of objects one after another (JSON Lines), into its items, chunk by chunk. */
class ItemScanner {
  private state: State = 'start';
  /** Objects one after another, not inside an array. */
  private lines = false;
  private index = 0;
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

  take(): ScannedItem[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  push(text: string): void {
    let itemStart = -1;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      switch (this.state) {
        case 'start':
          if (isSpace(ch)) continue;
          if (ch === 0x5b /* [ */) {
            this.state = 'beforeItem';
            continue;
          }
          if (ch === 0x7b /* { */) {
            this.lines = true;
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
            this.state = 'end';
            continue;
          }
          this.state = 'inItem';
          itemStart = i;
          this.start = this.offset + i;
          this.depth = 0;
          this.inString = false;
          this.escaped = false;
          this.parts = [];
          this.length = 0;
          this.oversized = false;
          i--; // scan this character as part of the item
          continue;
        case 'inItem': {
          if (itemStart < 0) itemStart = i;
          if (this.inString) {
            if (this.escaped) this.escaped = false;
            else if (ch === 0x5c /* \ */) this.escaped = true;
            else if (ch === 0x22 /* " */) this.inString = false;
            continue;
          }
          if (ch === 0x22) this.inString = true;
          else if (ch === 0x7b || ch === 0x5b) this.depth++;
          else if (ch === 0x7d || ch === 0x5d) {
            if (this.depth === 0) {
              // A `]` closing the array right after a scalar item.
              this.collect(text, itemStart, i);
              itemStart = -1;
              this.emit(i);
              this.state = 'end';
              continue;
            }
            this.depth--;
            if (this.depth === 0) {
              this.collect(text, itemStart, i + 1);
              itemStart = -1;
              this.emit(i + 1);
              this.state = 'afterItem';
            }
          } else if (this.depth === 0 && ch === 0x2c /* , */) {
            this.collect(text, itemStart, i);
            itemStart = -1;
            this.emit(i);
            this.state = 'beforeItem';
          }
          continue;
        }
        case 'afterItem':
          if (isSpace(ch)) continue;
          if (this.lines) {
            if (ch !== 0x7b) throw new JsonStructureError(`after item ${this.index - 1} comes "${text[i]}" where the next object ("{") was expected`, this.index);
            this.state = 'beforeItem';
            i--;
          } else if (ch === 0x2c) this.state = 'beforeItem';
          else if (ch === 0x5d) this.state = 'end';
          else throw new JsonStructureError(`after item ${this.index - 1} comes "${text[i]}" where "," or "]" was expected`, this.index);
          continue;
        case 'end':
          if (!isSpace(ch)) throw new JsonStructureError('there is text after the closing "]" of the array', this.index);
          continue;
      }
    }
    if (this.state === 'inItem' && itemStart >= 0) this.collect(text, itemStart, text.length);
    this.offset += text.length;
  }

  finish(): void {
    if (this.state === 'start') throw new JsonStructureError('The file is empty.');
    if (this.lines) {
      if (this.state === 'inItem') throw new JsonStructureError(`the file ends inside item ${this.index} (is it cut short?)`, this.index);
      return;
    }
    if (this.state === 'inItem' || this.state === 'beforeItem' || this.state === 'afterItem') {
      throw new JsonStructureError(`the file ends inside the array, at item ${this.index} (is it cut short?)`, this.index);
    }
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
    this.ready.push({ index: this.index++, text: this.parts.join(''), oversized: this.oversized, start: this.start, end: this.offset + end });
    this.parts = [];
    this.length = 0;
  }
}

function isSpace(ch: number): boolean {
  return ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09;
}

function toRow(item: ScannedItem, utf8: Utf8Stream, ignored: Set<string>): SourceRow {
  const row = item.index;
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
    if (!KNOWN.has(name)) {
      if (ignored.size < 50) ignored.add(key);
    } else if (name in fields) {
      return { row, fields: {}, problem: { field: name, reason: `is given twice, as "${keyOf[name]}" and as "${key}"` } };
    } else {
      fields[name] = v;
      keyOf[name] = key;
    }
  }
  if (Object.keys(fields).length === 0) {
    // {"candidates": [{…}, …]}: an export that wraps its list.
    const wrapper = Object.entries(value).find(([, v]) => Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null));
    if (wrapper) {
      return {
        row,
        fields: {},
        problem: { field: '(item)', reason: `holds no candidate fields but an array under "${wrapper[0]}": import that array itself (a JSON array of candidate objects)` },
      };
    }
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
