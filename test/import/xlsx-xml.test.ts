import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { spreadsheetXml } from '../../server/import/xlsx-xml.ts';

/** The text spreadsheetXml gives for `xml` handed over in chunks of `size` bytes. */
async function through(xml: string, size: number): Promise<string> {
  const bytes = Buffer.from(xml);
  const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
  let out = '';
  for await (const chunk of spreadsheetXml(Readable.from(chunks))) {
    expect(typeof chunk).toBe('string');
    out += chunk;
  }
  return out;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

describe('spreadsheetXml', () => {
  it('decodes letters of several bytes whatever chunk boundary splits them', async () => {
    const xml = `<?xml version="1.0"?><sst xmlns="${MAIN}"><si><t>Jörg Łukasz Ørsted 北京 😀</t></si></sst>`;
    for (const size of [1, 2, 3, 5, 7, 64]) expect(await through(xml, size), `chunks of ${size}`).toBe(xml);
  });

  it('passes a part in the default namespace, with r:id, unchanged', async () => {
    const xml = `<?xml version="1.0"?>\n<!-- made by hand --><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="x:y" r:id="rId1"/></sheets></workbook>`;
    expect(await through(xml, 9)).toBe(xml);
  });

  it('takes the SpreadsheetML prefix off element names and names the relationship id r:id, in tags only, across chunk boundaries', async () => {
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x='${MAIN}' xmlns:rel="${RELS}">` +
      `<x:sheets><x:sheet name="a > b" sheetId="1" rel:id="rId1"/><x:sheet name="Notes" rel:id="rId2"></x:sheet></x:sheets>` +
      `<x:definedNames><x:definedName name="n">x:sheet rel:id="kept" &lt;x:sheet</x:definedName></x:definedNames></x:workbook>`;
    const expected =
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns:x='${MAIN}' xmlns:rel="${RELS}">` +
      `<sheets><sheet name="a > b" sheetId="1" r:id="rId1"/><sheet name="Notes" r:id="rId2"></sheet></sheets>` +
      `<definedNames><definedName name="n">x:sheet rel:id="kept" &lt;x:sheet</definedName></definedNames></workbook>`;
    for (const size of [1, 4, 13, 4096]) expect(await through(xml, size), `chunks of ${size}`).toBe(expected);
  });

  it('passes on as it is a text with no root element in its first 64 KiB', async () => {
    const text = 'x'.repeat(70 * 1024);
    expect(await through(text, 8192)).toBe(text);
    expect(await through('', 8)).toBe('');
  });
});
