import { describe, expect, it } from 'vitest';
import { readJson } from '../../server/import/json-reader.ts';
import { ImportFileError, type SourceRow } from '../../server/import/reader.ts';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p) : p;
}

async function readAll(...parts: (string | Buffer)[]) {
  const source = readJson(chunks(...parts));
  const rows: SourceRow[] = [];
  for await (const row of source.rows) rows.push(row);
  return { rows, source };
}

describe('readJson', () => {
  it('readJson streams the items of an array, split anywhere, numbering them by array index', async () => {
    const { rows, source } = await readAll('\uFEFF[ {"name": "A \\"]}\\" B", "email": "a@x.org", "notes": 1},', ' {"name":"Zoë", "skills": ["a","b"]', '}\n]\n');
    expect(rows).toEqual([
      { row: 0, fields: { name: 'A "]}" B', email: 'a@x.org' } },
      { row: 1, fields: { name: 'Zoë', skills: ['a', 'b'] } },
    ]);
    expect([...source.ignoredFields]).toEqual(['notes']);
  });

  it('readJson rejects a non-object, malformed or oversized item by its index and reads the rest', async () => {
    const { rows } = await readAll('[{"name":"A"}, 3, {"name":,}, {"name":"', 'x'.repeat(1_100_000), '"}, {"name":"E"}]');
    expect(rows.map((r) => [r.row, r.problem?.reason.slice(0, 30) ?? r.fields.name])).toEqual([
      [0, 'A'],
      [1, 'must be an object of candidate'],
      [2, expect.stringMatching(/^is not valid JSON/)],
      [3, 'is longer than 1 MiB; a candid'],
      [4, 'E'],
    ]);
  });

  it('readJson names the item and field holding invalid UTF-8', async () => {
    const { rows } = await readAll(Buffer.concat([Buffer.from('[{"name":"A"},{"name":"B'), Buffer.from([0xff]), Buffer.from('","email":"b@x.org"}]')]));
    expect(rows[1]).toMatchObject({ row: 1, problem: { field: 'name', reason: expect.stringMatching(/not valid UTF-8 \(byte offset 24\)/) } });
    expect(rows[0]!.problem).toBeUndefined();
  });

  it('readJson rejects only the items holding invalid bytes, naming their key, among U+FFFD characters before, in and after them, however the file is cut', async () => {
    // ~ stands for the invalid bytes C3 28: they replace it below.
    const items = [
      '{"name":"Lit \uFFFD","email":"l@x.org"}',
      '{"notes":"\uFFFD","email":"i@x.org","name":"Inv ~"}',
      '{"Current Employer":"\uFFFD Acme ~","name":"\uFFFD"}',
      '{"name":"\uFFFD\uFFFD","previous_jobs":[{"employer":"\uFFFD","from":"2019"},{"employer":"E~","from":"2020"}]}',
      '{"Sour~ce":"li","name":"N"}',
      '{"name":"After \uFFFD"}',
    ];
    const input = Buffer.concat(`[\n${items.join(',\n')}\n]`.split('~').flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [Buffer.from([0xc3, 0x28]), Buffer.from(part)])));
    const offsets: string[] = [];
    for (let at = input.indexOf(Buffer.from([0xc3, 0x28])); at >= 0; at = input.indexOf(Buffer.from([0xc3, 0x28]), at + 1)) offsets.push(String(at));
    for (const size of [1, 2, 3, 7, input.length]) {
      const parts: Buffer[] = [];
      for (let i = 0; i < input.length; i += size) parts.push(input.subarray(i, i + size));
      const { rows } = await readAll(...parts);
      const seen = rows.map((r) => [r.row, r.problem?.field ?? r.fields.name, r.problem?.reason.match(/byte offset (\d+)/)?.[1] ?? '']);
      expect(seen, `chunks of ${size}`).toEqual([
        [0, 'Lit \uFFFD', ''],
        [1, 'name', offsets[0]],
        [2, 'current_employer', offsets[1]],
        [3, 'previous_jobs', offsets[2]],
        [4, 'Sour\uFFFD(ce', offsets[3]],
        [5, 'After \uFFFD', ''],
      ]);
    }
    // Invalid bytes outside a string break the item: they are named, not the JSON syntax.
    const outside = await readAll(Buffer.concat([Buffer.from('[{"name":"A"}, {"name":'), Buffer.from([0xff]), Buffer.from('}]')]));
    expect(outside.rows[1]).toMatchObject({ row: 1, problem: { field: '(item)', reason: expect.stringMatching(/not valid UTF-8 \(byte offset 23\)/) } });
  });

  it('readJson refuses an empty array, as it does an empty file', async () => {
    for (const text of ['[]', ' [ ] ', '\uFEFF[\r\n]\n']) {
      await expect(readAll(text), text).rejects.toThrow(new ImportFileError('The file holds no candidates: its array is empty ([]).'));
    }
  });

  it('readJson reads past a comma after the last item, and names an empty place between two commas', async () => {
    for (const text of ['[{"name":"A"},{"name":"B"},]', '[\n  {"name":"A"},\n  {"name":"B"},\n]\n', '[{"name":"A"},{"name":"B"} , ]']) {
      const { rows, source } = await readAll(text);
      expect(rows, text).toEqual([
        { row: 0, fields: { name: 'A' } },
        { row: 1, fields: { name: 'B' } },
      ]);
      expect(source.stopped).toBeUndefined();
    }
    const { rows } = await readAll('[{"name":"A"},,{"name":"C"},]');
    expect(rows.map((r) => [r.row, r.problem?.reason ?? r.fields.name])).toEqual([
      [0, 'A'],
      [1, 'is missing: two commas with nothing between them'],
      [2, 'C'],
    ]);
  });

  it('readJson stops at a cut-off file, keeping the items before it', async () => {
    const { rows, source } = await readAll('[{"name":"A"},{"name":"B"');
    expect(rows[0]).toMatchObject({ row: 0, fields: { name: 'A' } });
    expect(rows[1]).toMatchObject({ row: 1, problem: { reason: expect.stringMatching(/ends inside the array.*cut short/) } });
    expect(source.stopped).toMatchObject({ row: 1 });
  });

  it('readJson refuses an empty file and text that is not JSON', async () => {
    await expect(readAll('')).rejects.toThrow('The file is empty.');
    await expect(readAll('  \n ')).rejects.toThrow('The file is empty.');
    await expect(readAll('name,email\n')).rejects.toThrow(/not JSON/);
  });

  it('readJson reads JSON Lines (one object per line, split anywhere), numbering items by line, blank lines counted', async () => {
    const { rows, source } = await readAll('{"name":"A","skills":["x"]}\r\n{"na', 'me":"B \\"}{"}\n', '\n{"name":"C"}');
    expect(rows).toEqual([
      { row: 1, fields: { name: 'A', skills: ['x'] } },
      { row: 2, fields: { name: 'B "}{' } },
      { row: 4, fields: { name: 'C' } },
    ]);
    expect(source.byLine).toBe(true);
    // One object alone is one candidate.
    expect((await readAll('{"name":"A"}')).rows).toEqual([{ row: 1, fields: { name: 'A' } }]);
    expect((await readAll('[{"name":"A"}]')).source.byLine).toBe(false);
  });

  it('readJson rejects a JSON Lines line that is not JSON as that line, and reads the lines after it, however the file is cut', async () => {
    const text = '{"name":"A"}\n, {"name":"B"}\n{"name": "C", "email": }\n\n  \n{"name":"D"\n{"name":"E \\" }\n{"name":"F"}\n[1]\n{"name":"G"}';
    for (const size of [1, 3, 7, text.length]) {
      const parts: string[] = [];
      for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
      const { rows, source } = await readAll(...parts);
      expect(
        rows.map((r) => [r.row, r.problem ? `${r.problem.field} ${r.problem.reason.slice(0, 17)}` : r.fields.name]),
        `chunks of ${size}`,
      ).toEqual([
        [1, 'A'],
        [2, '(item) is not valid JSON'],
        [3, '(item) is not valid JSON'],
        [6, '(item) is not valid JSON'],
        [7, '(item) is not valid JSON'],
        [8, 'F'],
        [9, '(item) must be an object'],
        [10, 'G'],
      ]);
      expect(source.stopped).toBeUndefined();
    }
    // Text after the first object on its line leaves no line to resume at.
    expect((await readAll('{"name":"A"} x\n{"name":"B"}\n')).source.stopped).toMatchObject({ row: 1, reason: expect.stringMatching(/where the line should end/) });
  });

  it('readJson reads objects written out over several lines one after another by their braces, numbered by the line each starts on, and stops at text between them', async () => {
    const { rows, source } = await readAll('{\n  "name": "A"\n}\n{\n  "name": "B"\n}\n');
    expect(rows).toEqual([
      { row: 1, fields: { name: 'A' } },
      { row: 4, fields: { name: 'B' } },
    ]);
    expect(source.stopped).toBeUndefined();
    const between = await readAll('{\n"name":"A"}\n, {"name":"B"}\n');
    expect(between.rows[0]).toMatchObject({ row: 1, fields: { name: 'A' } });
    expect(between.source.stopped).toMatchObject({ row: 3, reason: expect.stringMatching(/where the next object/) });
    const cut = await readAll('{\n"name":"A"}\n{"name":"B"');
    expect(cut.rows[1]).toMatchObject({ row: 3, problem: { reason: expect.stringMatching(/ends inside the object starting on line 3.*cut short/) } });
  });

  it('readJson reads the list an object wraps ({"candidates": […]}, split anywhere) as an array, numbered by index, skipping the members around it', async () => {
    const text = '{"name": "Q1 \\"list\\"", "meta": {"items": [{"x": 1}]}, "tags": ["a"], "Candidates" : [ {"name":"A","previous_jobs":[{"employer":"E"}]}, {"name":"B"} ], "total": 2, "next": {"page": [2]}}\n';
    for (const size of [1, 5, text.length]) {
      const parts: string[] = [];
      for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
      const { rows, source } = await readAll(...parts);
      expect(rows, `chunks of ${size}`).toEqual([
        { row: 0, fields: { name: 'A', previous_jobs: [{ employer: 'E' }] } },
        { row: 1, fields: { name: 'B' } },
      ]);
      expect(source.stopped).toBeUndefined();
      expect(source.byLine).toBe(false);
    }
    // One candidate: its previous_jobs, or a list after its email, is no wrapped list.
    expect((await readAll('{"name":"A","previous_jobs":[{"employer":"E"}]}')).rows).toEqual([{ row: 1, fields: { name: 'A', previous_jobs: [{ employer: 'E' }] } }]);
    expect((await readAll('{"email":"a@x.org","certifications":[{"name":"AWS"}]}')).rows).toEqual([{ row: 1, fields: { email: 'a@x.org' } }]);
    expect((await readAll('{"candidates": []}')).rows).toEqual([{ row: 1, fields: {}, problem: { field: '(item)', reason: 'holds no candidates: its array under "candidates" is empty' } }]);
  });

  it('readJson stops at a second list, a candidate field after the list, or a cut-off wrapper, keeping the items before it', async () => {
    const two = await readAll('{"data": [{"name":"A"}], "included": [{"name":"B"}]}');
    expect(two.rows.map((r) => r.row)).toEqual([0, 1]);
    expect(two.source.stopped).toEqual({ row: 1, reason: expect.stringMatching(/second array of objects, under "included", after the list under "data"/) });
    const identity = await readAll('{"data": [{"name":"A"}], "email": "a@x.org"}');
    expect(identity.source.stopped).toMatchObject({ reason: expect.stringMatching(/also holds "email", a candidate's field/) });
    const cut = await readAll('{"items": [{"name":"A"},{"name":"B"');
    expect(cut.rows[1]).toMatchObject({ row: 1, problem: { reason: expect.stringMatching(/ends inside the list under "items", at item 1/) } });
    const unclosed = await readAll('{"items": [{"name":"A"}]');
    expect(unclosed.source.stopped).toMatchObject({ reason: expect.stringMatching(/ends before the object holding the list under "items" closes/) });
    expect((await readAll('{"items": [{"name":"A"}]} x')).source.stopped).toMatchObject({ reason: expect.stringMatching(/text after the closing "}"/) });
  });

  it('readJson names what an object holds when it is neither a candidate nor a list of them', async () => {
    const { rows } = await readAll('[{"total": 2, "candidates": [{"name":"A"},{"name":"B"}]}, {"status": "ok", "count": 0}, {"a": [{"x":1}], "b": [{"y":2}]}, {}]');
    expect(rows.map((r) => r.problem?.reason)).toEqual([
      expect.stringMatching(/array under "candidates": import that array itself/),
      'holds none of the format\'s fields (it has "status", "count") and no array of candidate objects',
      expect.stringMatching(/several arrays of objects \("a", "b"\)/),
      'is an empty object',
    ]);
  });

  it('readJson reads other names for a field, a key named as the field itself winning over them, and passes over one holding an object', async () => {
    const { rows, source } = await readAll('[{"Full Name":"A","E-mail":"a@x.org","email":"b@x.org","firstName":"An","company":{"name":"Acme","id":3}}]');
    expect(rows[0]).toEqual({ row: 0, fields: { name: 'A', email: 'b@x.org', first_name: 'An' } });
    expect([...source.ignoredFields]).toEqual(['E-mail', 'company']);
  });

  it('readJson reads camelCase and spaced keys as the format’s fields, and refuses an item naming one field twice', async () => {
    const { rows } = await readAll(
      '[{"name":"A","profileUrl":"https://x.org/a","lawfulBasis":"consent","openToWork":true,"Current Employer":"Acme"},',
      '{"name":"B","email":"b@x.org","Email":"c@x.org"}]',
    );
    expect(rows[0]).toEqual({ row: 0, fields: { name: 'A', profile_url: 'https://x.org/a', lawful_basis: 'consent', open_to_work: true, current_employer: 'Acme' } });
    expect(rows[1]!.problem).toEqual({ field: 'email', reason: 'is given twice, as "email" and as "Email"' });
  });
});
