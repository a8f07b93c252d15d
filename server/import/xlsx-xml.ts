import { Readable } from 'node:stream';

/**
 * A workbook part's XML as exceljs's parsers can read it:
 *
 * - **Text decoded across chunks.** exceljs decodes each chunk of bytes on its
 *   own, so a letter of two or more bytes that a chunk boundary splits became
 *   two U+FFFD marks ("M��ller") in about one workbook text in two thousand.
 *   The part is handed on as text, decoded as a stream.
 * - **Namespace prefixes taken off.** exceljs matches element names as
 *   written (`row`, `c`, `sheet`), and the relationship id as `r:id`. Writers
 *   built on the Open XML SDK bind SpreadsheetML to a prefix (`<x:row>`), and
 *   may name the relationships namespace otherwise: exceljs then finds no
 *   sheet. Such a part is handed on with its elements unprefixed and its ids
 *   as `r:id`; a part written the usual way passes unchanged.
 */

const SPREADSHEET_NAMESPACES = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);
const RELATIONSHIP_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://purl.oclc.org/ooxml/officeDocument/relationships',
]);

/** The root element's start tag, after the XML declaration, processing instructions and comments. */
const ROOT = /^\uFEFF?\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)\s*)*<[A-Za-z_][\w.:-]*((?:[^>"']|"[^"]*"|'[^']*')*)>/;
const NAMESPACE = /\bxmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const TAG = /<(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const WHOLE_TAG = /<(?:[^>"']|"[^"]*"|'[^']*')*>/y;
/** A root tag not found in this many characters is no part a workbook writer made: it is passed on as it is. */
const MAX_ROOT_CHARS = 64 * 1024;
/** An unfinished tag is held for the next chunk up to this length; past it, it is no tag exceljs reads. */
const MAX_CARRY_CHARS = 1024 * 1024;

export function spreadsheetXml(source: Readable): Readable {
  return Readable.from(decoded(source), { objectMode: true });
}

async function* decoded(source: Readable): AsyncGenerator<string> {
  source.setEncoding('utf8');
  let head = '';
  let rename: ((text: string) => string) | null | undefined;
  let carry = '';
  try {
    for await (const chunk of source as AsyncIterable<string>) {
      let text = chunk;
      if (rename === undefined) {
        head += chunk;
        const root = ROOT.exec(head);
        if (!root && head.length <= MAX_ROOT_CHARS) continue;
        rename = root ? renamer(root[1]!) : null;
        text = head;
        head = '';
      }
      if (rename === null) {
        yield text;
        continue;
      }
      text = carry + text;
      // A tag cut by the chunk's end is finished by the next chunk before it is renamed.
      const open = text.lastIndexOf('<');
      carry = open >= 0 && !finishedAt(text, open) && text.length - open <= MAX_CARRY_CHARS ? text.slice(open) : '';
      const ready = carry === '' ? text : text.slice(0, open);
      if (ready !== '') yield rename(ready);
    }
    if (head !== '') yield head;
    if (carry !== '' && rename) yield rename(carry);
  } finally {
    source.destroy();
  }
}

/** Whether the tag starting at `at` ends in the text (a `>` in a quoted value does not end it; a `<` cannot stand in one). */
function finishedAt(text: string, at: number): boolean {
  WHOLE_TAG.lastIndex = at;
  return WHOLE_TAG.test(text);
}

/** What turns the part's prefixed names into exceljs's, from the namespaces its root declares; null when there is nothing to do. */
function renamer(rootAttributes: string): ((text: string) => string) | null {
  let element: string | undefined;
  let relationship: string | undefined;
  for (const m of rootAttributes.matchAll(NAMESPACE)) {
    const prefix = m[1];
    const uri = m[2] ?? m[3] ?? '';
    if (prefix !== undefined && SPREADSHEET_NAMESPACES.has(uri)) element = prefix;
    if (prefix !== undefined && prefix !== 'r' && RELATIONSHIP_NAMESPACES.has(uri)) relationship = prefix;
  }
  if (element === undefined && relationship === undefined) return null;
  const elements = element === undefined ? undefined : new RegExp(`<(/?)${escape(element)}:`, 'g');
  const ids = relationship === undefined ? undefined : new RegExp(`(\\s)${escape(relationship)}:(?=[\\w.-]+\\s*=)`, 'g');
  // Within tags only: a cell's text may read "x:" too.
  return (text) =>
    text.replace(TAG, (tag) => {
      const named = elements ? tag.replace(elements, '<$1') : tag;
      return ids ? named.replace(ids, '$1r:') : named;
    });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
