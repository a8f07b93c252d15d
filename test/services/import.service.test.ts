import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.ts';
import { Neo4jError } from 'neo4j-driver';
import type { Database } from '../../server/db/neo4j.ts';
import { countByLabelAndType } from '../../server/repositories/health.repository.ts';
import { ensureInstallationSecret, findInstallationSecret } from '../../server/repositories/installation.repository.ts';
import { classifyEmployer, importCandidates, mergeCandidates } from '../../server/services/import.service.ts';
import { clearGraph, testDatabase } from '../support/db.ts';
import { GraphSpecBuilder } from '../support/graph.ts';
import { candidate, graphEdits } from '../support/graph-edits.ts';
import { CSV_HEADER, candidateDump, encodeIn, importText, writeImportWorld } from '../support/import.ts';

/** A fixed candidate-id key, for tests that compare the graphs of two imports into emptied databases. */
const ONE_KEY = 'a-fixed-key-for-comparing-imports';

const csv = (...rows: string[]) => `${CSV_HEADER}\n${rows.join('\n')}\n`;

const JORG =
  '"Müller, Jörg",jorg@example.de,https://www.linkedin.com/in/jorg-muller/,München,Siemens Healthineers AG,ML Engineer,2021-03,"Philips Healthcare B.V.|Research Scientist|2018-01|2021-02",PyTorch; MONAI,,7,no,linkedin,legitimate interest';
const ANNA = 'Anna Nowak,anna@example.pl,,"Kraków, Poland",Synerise Sp. z o.o.,CV Engineer,2022-06,,pytorch,mid,,yes,referral,consent';
const JANE = 'Jane Roe,jane@example.co.uk,,Greater Oxford Area,Optellum Ltd,,,,,,,,conference,legitimate-interest';

describe('import service', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await clearGraph(db);
    await writeImportWorld(db);
  });

  it('importCandidates writes the valid rows and rejects each bad one by row, field and reason, writing nothing of it', async () => {
    const summary = await importText(
      db,
      csv(JORG, 'Bad Email,jane.example.org,,,,,,,,,,,li,consent', ANNA, 'Bad Url,,javascript:alert(1),,,,,,,,,,li,consent', 'Bad Date,d@example.org,,,Acme,,2021-13-40,,,,,,li,consent'),
    );
    expect(summary.rows).toEqual({ read: 5, created: 2, updated: 0, unchanged: 0, rejected: 3, suppressed: 0 });
    expect(summary.rejected).toEqual([
      { row: 3, field: 'email', reason: expect.stringMatching(/has no "@"/), message: expect.stringMatching(/^row 3, email: /) },
      { row: 5, field: 'profile_url', reason: expect.stringMatching(/"javascript:"/), message: expect.any(String) },
      { row: 6, field: 'current_since', reason: expect.stringMatching(/"2021-13-40" is not a date/), message: expect.any(String) },
    ]);
    const names = (await candidateDump(db)).map((c) => (c.props as { name: string }).name).sort();
    expect(names).toEqual(['Anna Nowak', 'Müller, Jörg']);
    const stats = await countByLabelAndType(db);
    expect(stats.nodes.Employer).toBe(3); // Siemens (matched), Philips and Synerise (new); "Acme" of the rejected row is not written
  });

  it('importCandidates rejects a row the database refuses with a reason of its own, never the database’s text (Cypher, ids, values)', async () => {
    const refusal = (code: string, message: string) => {
      const refusing: Database = { ...db, writeTx: () => Promise.reject(new Neo4jError(message, code, 'N/A', 'N/A')) };
      return importText(refusing, csv(ANNA));
    };
    const client = await refusal('Neo.ClientError.Statement.TypeError', 'Type mismatch: expected Map but was String (line 3, column 9)\n"MATCH (c:Candidate {id: row.id})"');
    expect(client.rejected).toEqual([{ row: 2, field: '(row)', reason: 'could not be written: the database refused a value in it', message: expect.any(String) }]);
    const constraint = await refusal(
      'Neo.ClientError.Schema.ConstraintValidationFailed',
      "Node(4:0d1f:123) already exists with label `Candidate` and property `emailKey` = 'anna@example.pl'",
    );
    expect(constraint.rejected[0]!.reason).toMatch(/^could not be written: it conflicts with a record the database holds/);
    for (const summary of [client, constraint]) expect(JSON.stringify(summary)).not.toMatch(/MATCH|Node\(|emailKey|anna@|line 3/);
  });

  it('importCandidates is idempotent: importing the same file again changes nothing', async () => {
    const file = csv(JORG, ANNA, JANE);
    const first = await importText(db, file);
    expect(first.rows).toMatchObject({ created: 3, rejected: 0 });
    const before = await candidateDump(db);
    const statsBefore = await countByLabelAndType(db);
    const second = await importText(db, file);
    expect(second.rows).toEqual({ read: 3, created: 0, updated: 0, unchanged: 3, rejected: 0, suppressed: 0 });
    expect(second.writes).toEqual({ nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, propertiesSet: 0 });
    expect(await candidateDump(db)).toEqual(before);
    expect(await countByLabelAndType(db)).toEqual(statsBefore);
  });

  it('importCandidates derives new candidate ids with the installation’s key, not from the identity alone, and keeps one key, created by the first import that writes', async () => {
    expect(await findInstallationSecret(db, 'candidate-id-key')).toBeNull();
    await importText(db, csv(ANNA), { dryRun: true });
    expect(await findInstallationSecret(db, 'candidate-id-key')).toBeNull();
    // Nor does a file whose every row is refused.
    expect((await importText(db, csv('Bad,bad,,,,,,,,,,,s,consent'))).rows.rejected).toBe(1);
    expect(await findInstallationSecret(db, 'candidate-id-key')).toBeNull();
    await importText(db, csv(ANNA));
    const key = await findInstallationSecret(db, 'candidate-id-key');
    expect(key).toMatch(/^[\w-]{43}$/);
    const [anna] = await candidateDump(db);
    const plain = `cand-${createHash('sha1').update('e:anna@example.pl').digest('hex').slice(0, 16)}`;
    expect(anna!.id).toMatch(/^cand-[0-9a-f]{16}$/);
    expect(anna!.id).not.toBe(plain);
    expect(anna!.id).toBe(`cand-${createHmac('sha256', key!).update('e:anna@example.pl').digest('hex').slice(0, 16)}`);
    // A second import keeps the key it found.
    await importText(db, csv(JANE));
    expect(await findInstallationSecret(db, 'candidate-id-key')).toBe(key);
  });

  it('importCandidates gives new candidates the key another import settled after this one began: its first batch, prepared with a key of its own, is keyed again', async () => {
    expect(await findInstallationSecret(db, 'candidate-id-key')).toBeNull();
    const bytes = Buffer.from(csv(ANNA, JANE));
    // The other import stores its key once this one has read the graph (and found none), before its first batch is written.
    async function* settledMeanwhile() {
      await ensureInstallationSecret(db, 'candidate-id-key', ONE_KEY, '2025-01-15T00:00:00Z');
      yield bytes;
    }
    const summary = await importCandidates(db, settledMeanwhile(), { format: 'csv', radiusKm: 100, today: '2025-01-15' });
    expect(summary.rows.created).toBe(2);
    expect(await findInstallationSecret(db, 'candidate-id-key')).toBe(ONE_KEY);
    const keyed = (identity: string) => `cand-${createHmac('sha256', ONE_KEY).update(identity).digest('hex').slice(0, 16)}`;
    const ids = (await candidateDump(db)).map((c) => c.id).sort();
    expect(ids).toEqual([keyed('e:anna@example.pl'), keyed('e:jane@example.co.uk')].sort());
  });

  it('importCandidates updates a changed row in place: no duplicate, the old current job kept as history, the hub moved', async () => {
    await importText(db, csv(JORG, ANNA));
    const moved = JORG.replace('München', '"Eindhoven, NL"').replace('Siemens Healthineers AG,ML Engineer,2021-03', 'Philips,Lead Engineer,2024-05');
    const summary = await importText(db, csv(moved, ANNA));
    expect(summary.rows).toEqual({ read: 2, created: 0, updated: 1, unchanged: 1, rejected: 0, suppressed: 0 });
    const jorg = (await candidateDump(db)).find((c) => (c.props as { name: string }).name === 'Müller, Jörg')!;
    expect((await candidateDump(db)).length).toBe(2);
    expect(jorg.props).toMatchObject({ locationText: 'Eindhoven, NL', seniority: 'senior', sources: ['linkedin'] });
    expect(jorg.outgoing).toEqual(
      expect.arrayContaining([
        { type: 'BASED_IN', to: 'nijmegen', props: { distanceKm: expect.any(Number) } },
        { type: 'WORKS_AT', to: 'emp-philips', props: { title: 'Lead Engineer', since: '2024-05-01' } },
        { type: 'WORKED_AT', to: 'siemens-healthineers', props: { title: 'ML Engineer', from: '2021-03-01', to: '2024-05-01' } },
        { type: 'WORKED_AT', to: 'emp-philips-healthcare', props: { title: 'Research Scientist', from: '2018-01-01', to: '2021-02-01' } },
      ]),
    );
    expect(jorg.outgoing.filter((r) => r.type === 'BASED_IN' || r.type === 'WORKS_AT')).toHaveLength(2);
  });

  it('importCandidates merges rows of one person under each normalisation rule, keeping both histories, skills and sources', async () => {
    const variants: [string, string, string][] = [
      ['case', 'Case,,https://www.linkedin.com/in/case-one', 'Case,,HTTPS://WWW.LINKEDIN.COM/IN/Case-One'],
      ['trailing slash', 'Slash,,https://linkedin.com/in/slash', 'Slash,,https://linkedin.com/in/slash///'],
      ['www.', 'Www,,https://www.github.com/www-user', 'Www,,https://github.com/www-user'],
      ['tracking parameters', 'Track,,https://linkedin.com/in/track', 'Track,,https://linkedin.com/in/track?utm_source=x&trk=y&fbclid=z'],
      ['mailto: and email case', 'Mail,mail@example.org,', 'Mail,MAILTO:Mail@Example.ORG,'],
    ];
    for (const [rule, a, b] of variants) {
      await clearGraph(db);
      await writeImportWorld(db);
      const summary = await importText(
        db,
        csv(`${a},Oxford,Acme,Engineer,2022,"Beta GmbH|Dev|2018|2020",PyTorch,,,,linkedin,consent`, `${b},,,,,"Gamma BV|Intern|2016|2017",OpenCV,,,,github,consent`),
      );
      expect(summary.rows, rule).toMatchObject({ created: 1, updated: 1 });
      const [only, ...rest] = await candidateDump(db);
      expect(rest, rule).toEqual([]);
      expect((only!.props as { sources: string[] }).sources, rule).toEqual(['linkedin', 'github']);
      const rels = only!.outgoing.map((r) => `${r.type}:${r.to}`).sort();
      expect(rels, rule).toEqual(['BASED_IN:oxford', 'HAS_SKILL:opencv', 'HAS_SKILL:pytorch', 'WORKED_AT:emp-beta', 'WORKED_AT:emp-gamma', 'WORKS_AT:emp-acme']);
    }
  });

  it('importCandidates merges a second import of the same person from another source', async () => {
    await importText(db, csv(JORG));
    const other = 'Jörg Müller,JORG@example.de,,,,,,"TU München|PhD|2013-10|2017-12",DICOM,senior,,,scholar,consent';
    const summary = await importText(db, csv(other));
    expect(summary.rows).toMatchObject({ created: 0, updated: 1 });
    const [jorg, ...rest] = await candidateDump(db);
    expect(rest).toEqual([]);
    expect(jorg!.props).toMatchObject({ name: 'Jörg Müller', sources: ['linkedin', 'scholar'], locationText: 'München', profileKey: 'linkedin.com/in/jorg-muller' });
    expect(jorg!.outgoing.map((r) => `${r.type}:${r.to}`).sort()).toEqual([
      'BASED_IN:munich',
      'HAS_SKILL:dicom',
      'HAS_SKILL:monai',
      'HAS_SKILL:pytorch',
      'WORKED_AT:emp-philips-healthcare',
      'WORKED_AT:emp-tu-munchen',
      'WORKS_AT:siemens-healthineers',
    ]);
  });

  it('importCandidates places "Eindhoven, NL", "München", "Greater Oxford Area" and "Kraków, Poland" in the nearest hub within the radius', async () => {
    const rows = [
      'E,e@example.org,,"Eindhoven, NL",,,,,,,,,s,consent',
      'M,m@example.org,,München,,,,,,,,,s,consent',
      'O,o@example.org,,Greater Oxford Area,,,,,,,,,s,consent',
      'K,k@example.org,,"Kraków, Poland",,,,,,,,,s,consent',
      'U,u@example.org,,Qwxzv Town,,,,,,,,,s,consent',
      'F,f@example.org,,"Lyon, France",,,,,,,,,s,consent',
    ];
    const summary = await importText(db, csv(...rows));
    expect(summary.rows).toMatchObject({ created: 6, rejected: 0 });
    expect(summary.placedInHub).toBe(4);
    expect(summary.unresolvedLocations).toEqual([{ row: 6, location: 'Qwxzv Town', reason: expect.stringMatching(/no town or city/) }]);
    const hubOf = Object.fromEntries(
      (await candidateDump(db)).map((c) => [(c.props as { name: string }).name, c.outgoing.find((r) => r.type === 'BASED_IN')?.to ?? null]),
    );
    expect(hubOf).toEqual({ E: 'nijmegen', M: 'munich', O: 'oxford', K: 'krakow', U: null, F: null });
    const unresolved = (await candidateDump(db)).find((c) => (c.props as { name: string }).name === 'U')!;
    expect(unresolved.props).toMatchObject({ locationText: 'Qwxzv Town' });
    expect(unresolved.props).not.toHaveProperty('location');

    await clearGraph(db);
    await writeImportWorld(db);
    const near = await importText(db, csv(rows[0]!), { radiusKm: 30 });
    expect(near.placedInHub).toBe(0);
  });

  it('importCandidates matches employers by name without legal suffix, creates the others with sector unknown and lists them', async () => {
    const summary = await importText(db, csv(JORG, ANNA));
    expect(summary.newEmployers).toEqual(
      expect.arrayContaining([
        { id: 'emp-philips-healthcare', name: 'Philips Healthcare B.V.' },
        { id: 'emp-synerise', name: 'Synerise Sp. z o.o.' },
      ]),
    );
    expect(summary.newEmployerCount).toBe(2);
    const jorg = (await candidateDump(db)).find((c) => (c.props as { name: string }).name === 'Müller, Jörg')!;
    expect(jorg.outgoing).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'WORKS_AT', to: 'siemens-healthineers' })]));
    // Siemens is in a target sector, so the derived segment says so.
    expect(jorg.props).toMatchObject({ segment: 'target-sector' });

    const classified = await classifyEmployer(db, 'Synerise', 'automotive');
    expect(classified).toMatchObject({ id: 'emp-synerise', sectorId: 'automotive', candidates: 1 });
    const anna = (await candidateDump(db)).find((c) => (c.props as { name: string }).name === 'Anna Nowak')!;
    expect(anna.props).toMatchObject({ segment: 'adjacent-sector' });
    await expect(classifyEmployer(db, 'Synerise', 'no-such-sector')).rejects.toThrow(/No sector "no-such-sector". Sectors: automotive, radiology/);
    await expect(classifyEmployer(db, 'Nobody GmbH', 'automotive')).rejects.toThrow(/No employer/);
  });

  it('importCandidates matches skills by name case-insensitively and creates and lists unknown ones', async () => {
    const summary = await importText(db, csv(ANNA, JORG));
    expect(summary.newSkills).toEqual([{ id: 'monai', name: 'MONAI' }]);
    const stats = await countByLabelAndType(db);
    expect(stats.nodes.Skill).toBe(2);
    expect(stats.relationships.HAS_SKILL).toBe(3);
  });

  it('importCandidates with dryRun validates, resolves and counts without writing', async () => {
    const before = await countByLabelAndType(db);
    const summary = await importText(db, csv(JORG, ANNA, 'Bad,bad,,,,,,,,,,,s,consent'), { dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, rows: { read: 3, created: 2, rejected: 1 }, placedInHub: 2, newEmployerCount: 2 });
    expect(await countByLabelAndType(db)).toEqual(before);
  });

  it('importCandidates records the installation’s default source and lawful basis for rows that give none, and only for those', async () => {
    const text = 'name,email,source\nNo Basis,nb@example.org,\nOwn Source,os@example.org,referral\n';
    await expect(importText(db, text)).rejects.toThrow(/lacks the required column\(s\) lawful_basis/);
    const summary = await importText(db, text, { defaults: { source: 'legacy-ats', lawfulBasis: 'legitimate-interest' } });
    expect(summary.rows).toMatchObject({ read: 2, created: 2, rejected: 0 });
    const byName = Object.fromEntries((await candidateDump(db)).map((c) => [c.props.name, c.props]));
    expect(byName['No Basis']).toMatchObject({ sources: ['legacy-ats'], lawfulBasis: 'legitimate-interest' });
    expect(byName['Own Source']).toMatchObject({ sources: ['referral'], lawfulBasis: 'legitimate-interest' });
  });

  it('importCandidates reads the JSON sample to the same graph as the CSV samples, comma- or semicolon-delimited', async () => {
    const dumps = [];
    for (const [file, format] of [
      ['import-sample.csv', 'csv'],
      ['import-sample-semicolon.csv', 'csv'],
      ['import-sample.json', 'json'],
    ] as const) {
      await clearGraph(db);
      await writeImportWorld(db);
      // The same installation each time, so the same people get the same ids.
      await ensureInstallationSecret(db, 'candidate-id-key', ONE_KEY, '2025-01-15T00:00:00Z');
      const summary = await importText(db, readFileSync(path.join(PROJECT_ROOT, 'fixtures', file)), { format });
      expect(summary.rows.rejected, file).toBe(0);
      expect(summary.rows.created, file).toBe(6);
      dumps.push(await candidateDump(db, ['importHashes']));
    }
    expect(dumps[1]).toEqual(dumps[0]);
    expect(dumps[2]).toEqual(dumps[0]);
  });

  it('importCandidates merges two existing candidates when a row shows they are one person', async () => {
    await importText(db, csv('A,a@example.org,,,,,,,PyTorch,,,,s1,consent', 'B,,https://linkedin.com/in/b,,,,,,OpenCV,,,,s2,consent'));
    expect(await candidateDump(db)).toHaveLength(2);
    const bridge = csv('AB,a@example.org,https://linkedin.com/in/b,,,,,,,,,,s3,consent');
    // A dry run reports the merge the import would make, and makes none.
    expect((await importText(db, bridge, { dryRun: true })).mergedCandidates).toBe(1);
    expect(await candidateDump(db)).toHaveLength(2);
    const summary = await importText(db, bridge);
    expect(summary.mergedCandidates).toBe(1);
    const [one, ...rest] = await candidateDump(db);
    expect(rest).toEqual([]);
    expect(one!.props).toMatchObject({ name: 'AB', emailKey: 'a@example.org', profileKey: 'linkedin.com/in/b' });
    expect(one!.outgoing.map((r) => r.to).sort()).toEqual(['opencv', 'pytorch']);
  });

  it('mergeCandidates gives the candidate an import of both records as one gives, pipeline entries included', async () => {
    const a = 'Jörg M.,jorg@example.de,,München,Siemens Healthineers,Engineer,2019-04,"Philips|Scientist|2015-01|2019-03",PyTorch; DICOM,mid,4,,linkedin,consent';
    const b = 'Jörg Müller,,https://linkedin.com/in/jorg,,Brainlab AG,Lead,2022-09,"TU München|PhD|2011-10|2014-12",PyTorch; MONAI,lead,,yes,scholar,legitimate interest';
    // One file, one person: the first row carries the second's profile URL, which links them.
    const linked = a.replace('jorg@example.de,', 'jorg@example.de,https://linkedin.com/in/jorg');
    // The same installation both times, so the same person gets the same id.
    await ensureInstallationSecret(db, 'candidate-id-key', ONE_KEY, '2025-01-15T00:00:00Z');
    await importText(db, csv(linked, b));
    const asOne = await candidateDump(db, ['importHashes']);
    expect(asOne).toHaveLength(1);

    await clearGraph(db);
    await writeImportWorld(db);
    await ensureInstallationSecret(db, 'candidate-id-key', ONE_KEY, '2025-01-15T00:00:00Z');
    await importText(db, csv(a, b));
    const [first, second] = await candidateDump(db);
    const keep = (second!.props as { profileKey?: string }).profileKey ? second! : first!;
    const drop = keep === first ? second! : first!;
    await new GraphSpecBuilder()
      .node('Search', { id: 's1', title: 'Search' })
      .node('PipelineEntry', { id: 'pe1', stage: 'contacted' })
      .rel('s1', 'HAS_ENTRY', 'pe1')
      .write(db);
    await graphEdits.link(db, { label: 'PipelineEntry', id: 'pe1' }, 'FOR', candidate(drop.id as string));
    await mergeCandidates(db, keep.id as string, drop.id as string);
    const merged = await candidateDump(db, ['importHashes']);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.incoming).toEqual([{ type: 'FOR', from: 'pe1', props: {} }]);
    expect({ ...merged[0], incoming: [] }).toEqual({ ...asOne[0], incoming: [] });
  });

  it('importCandidates reads a UTF-16 file (Excel’s "Unicode text", either byte order) as the same people as its UTF-8 form', async () => {
    const text = readFileSync(path.join(PROJECT_ROOT, 'fixtures', 'import-sample.csv'), 'utf8').replace(/^\uFEFF/, '');
    const utf16le = Buffer.from(`\uFEFF${text}`, 'utf16le');
    const utf16be = Buffer.from(utf16le).swap16();
    const dumps = [];
    for (const [bytes, chunk] of [
      [Buffer.from(text), 4096],
      [utf16le, 4096],
      // Odd chunks split the byte-order mark and characters between chunks.
      [utf16be, 1],
      [utf16be, 333],
    ] as const) {
      await clearGraph(db);
      await writeImportWorld(db);
      await ensureInstallationSecret(db, 'candidate-id-key', ONE_KEY, '2025-01-15T00:00:00Z');
      const summary = await importText(db, bytes, {}, chunk);
      expect(summary.rows, `chunk ${chunk}`).toMatchObject({ created: 6, rejected: 0 });
      dumps.push(await candidateDump(db, ['importHashes']));
    }
    for (const dump of dumps.slice(1)) expect(dump).toEqual(dumps[0]);
  });

  it('importCandidates reads a CSV or JSON file in the encoding named (windows-1252, windows-1250…), and without it rejects the rows that are not UTF-8, saying so', async () => {
    // Œ and ’ lie in windows-1252's own range (0x80–0x9F), where Latin-1 has control characters.
    const western = 'name,email,source,lawful_basis\nJörg Müller,joerg@example.de,li,consent\nŒdipe Lefèvre,oedipe@example.fr,li,consent\nAnna Smith,anna@example.org,li,consent\nSeán O’Brien,sean@example.ie,li,consent\n';
    const central = 'name,email,source,lawful_basis\nŁukasz Żółć,lukasz@example.pl,li,consent\nPetr Dvořák,petr@example.cz,li,consent\n';
    const names = async () => (await candidateDump(db)).map((c) => c.props.name).sort();

    const unnamed = await importText(db, encodeIn(western, 'windows-1252'), {}, 7);
    expect(unnamed.rows).toMatchObject({ created: 1, rejected: 3 });
    expect(unnamed.rejected[0]).toMatchObject({ row: 2, field: 'name', reason: expect.stringMatching(/not valid UTF-8 .*name its encoding \(windows-1252 for a CSV that Excel saved on Windows/) });

    await clearGraph(db);
    await writeImportWorld(db);
    // Chunks of 7 bytes: a decoder that forgot its place between chunks would show it.
    expect((await importText(db, encodeIn(western, 'windows-1252'), { encoding: 'windows-1252' }, 7)).rows).toMatchObject({ created: 4, rejected: 0 });
    expect((await importText(db, encodeIn(central, 'windows-1250'), { encoding: 'windows-1250' }, 7)).rows).toMatchObject({ created: 2, rejected: 0 });
    const json = JSON.stringify([{ name: 'Zoë Ångström', email: 'zoe@example.se', source: 'li', lawful_basis: 'consent' }]);
    expect((await importText(db, encodeIn(json, 'iso-8859-15'), { format: 'json', encoding: 'iso-8859-15' })).rows).toMatchObject({ created: 1, rejected: 0 });
    expect(await names()).toEqual(['Anna Smith', 'Jörg Müller', 'Petr Dvořák', 'Seán O’Brien', 'Zoë Ångström', 'Łukasz Żółć', 'Œdipe Lefèvre'].sort());

    // A workbook carries its own encoding.
    await expect(importText(db, Buffer.from('PK\u0003\u0004'), { format: 'xlsx', encoding: 'windows-1252' })).rejects.toThrow(/An \.xlsx workbook carries its own encoding/);
  });

  it('importCandidates reads JSON Lines (one object per line) to the same graph as the JSON array', async () => {
    const items = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'fixtures', 'import-sample.json'), 'utf8')) as unknown[];
    const dumps = [];
    for (const text of [JSON.stringify(items), `${items.map((item) => JSON.stringify(item)).join('\n')}\n`]) {
      await clearGraph(db);
      await writeImportWorld(db);
      await ensureInstallationSecret(db, 'candidate-id-key', ONE_KEY, '2025-01-15T00:00:00Z');
      const summary = await importText(db, text, { format: 'json' }, 100);
      expect(summary.rows).toMatchObject({ created: 6, rejected: 0 });
      dumps.push(await candidateDump(db, ['importHashes']));
    }
    expect(dumps[1]).toEqual(dumps[0]);
  });

  it('importCandidates reads the "sep=" line Excel writes above the header as the delimiter, and numbers rows as Excel shows them (the header row 1)', async () => {
    for (const [sep, bom] of [[';', ''], [',', '\uFEFF'], ['\t', '']] as const) {
      await clearGraph(db);
      await writeImportWorld(db);
      const line = (...values: string[]) => values.join(sep);
      // Skills hold ";" and a name holds ",": only the named delimiter reads them right, whatever a guess from the header would say.
      const file = [
        `${bom}sep=${sep}`,
        line('name', 'email', 'source', 'lawful_basis', 'skills'),
        line('"Nowak, Anna"', 'anna@example.pl', 'li', 'consent', '"PyTorch;MONAI"'),
        line('Bad', 'bad-at-example.org', 'li', 'consent', ''),
        '',
      ].join('\r\n');
      const summary = await importText(db, file, {}, 5);
      expect(summary.rows, JSON.stringify(sep)).toMatchObject({ read: 2, created: 1, rejected: 1 });
      expect(summary.rejected).toEqual([{ row: 3, field: 'email', reason: expect.stringMatching(/has no "@"/), message: expect.stringMatching(/^row 3, email: /) }]);
      const [anna] = await candidateDump(db);
      expect(anna!.props.name).toBe('Nowak, Anna');
      expect(anna!.outgoing.filter((r) => r.type === 'HAS_SKILL').map((r) => r.to).sort()).toEqual(['monai', 'pytorch']);
    }
    await expect(importText(db, 'sep=|\nname|email|source|lawful_basis\nA|a@x.org|li|consent\n')).rejects.toThrow(/"sep=\|".*delimiter "\|".*","/);
  });

  it('importCandidates reads the array a JSON export wraps in an object ({"candidates": […]}), and refuses an object that is neither a candidate nor such a list', async () => {
    const item = (name: string, email: string) => JSON.stringify({ name, email, source: 'crm', lawful_basis: 'consent' });
    for (const key of ['candidates', 'data', 'items', 'results']) {
      await clearGraph(db);
      await writeImportWorld(db);
      const file = `{"name": "Shortlist Q1", "exported": "2025-01-10", "${key}": [\n  ${item('Ann', 'ann@example.org')},\n  ${item('Bad', 'bad-at-example.org')},\n  ${item('Cy', 'cy@example.org')}\n], "total": 3, "next": null}\n`;
      const summary = await importText(db, file, { format: 'json' }, 7);
      expect(summary.rows, key).toMatchObject({ read: 3, created: 2, rejected: 1 });
      expect(summary.rejected).toEqual([{ row: 1, field: 'email', reason: expect.stringMatching(/has no "@"/), message: expect.stringMatching(/^item 1 \(counted from 0\), email: /) }]);
      expect(summary.stopped).toBeNull();
      expect((await candidateDump(db)).map((c) => c.props.name).sort()).toEqual(['Ann', 'Cy']);
    }
    // A second list after the first: which one holds the candidates is not guessed, and reading stops there.
    const two = await importText(db, `{"candidates": [${item('Dee', 'dee@example.org')}], "archived": [${item('Eve', 'eve@example.org')}]}`, { format: 'json' });
    expect(two.stopped).toMatchObject({ reason: expect.stringMatching(/second array of objects, under "archived"/) });
    expect((await candidateDump(db)).map((c) => c.props.name)).not.toContain('Eve');
    const neither = await importText(db, '{"status": "ok", "count": 0}', { format: 'json' });
    expect(neither.rejected).toEqual([
      { row: 1, field: '(item)', reason: expect.stringMatching(/none of the format's fields \(it has "status", "count"\) and no array of candidate objects/), message: expect.stringMatching(/^line 1, \(item\): /) },
    ]);
  });

  it('importCandidates rejects a JSON Lines line that is not JSON by its line number and imports the other lines, blank lines counted', async () => {
    const line = (name: string, email: string) => JSON.stringify({ name, email, source: 'crm', lawful_basis: 'consent' });
    const file = [
      line('Ann', 'ann@example.org'),
      '',
      '{"name": "Bo", "email": }',
      'not json at all',
      '{"name": "Cut", "email": "cut@example.org"',
      '{"name": "Brace }{ in a string", "email": "unclosed@example.org',
      line('Dee', 'dee@example.org'),
      '   ',
      line('Eve', 'eve-at-example.org'),
      '',
    ].join('\r\n');
    const summary = await importText(db, file, { format: 'json' }, 5);
    expect(summary.rows).toMatchObject({ read: 7, created: 2, rejected: 5 });
    expect(summary.stopped).toBeNull();
    expect(summary.rejected.map((r) => [r.row, r.field, r.message.slice(0, 33)])).toEqual([
      [3, '(item)', 'line 3, (item): is not valid JSON'],
      [4, '(item)', 'line 4, (item): is not valid JSON'],
      [5, '(item)', 'line 5, (item): is not valid JSON'],
      [6, '(item)', 'line 6, (item): is not valid JSON'],
      [9, 'email', 'line 9, email: "eve-at-example.or'],
    ]);
    expect((await candidateDump(db)).map((c) => c.props.name).sort()).toEqual(['Ann', 'Dee']);
  });

  it('importCandidates reads an email written with a display name, as mailto: or with spaces as the bare address, and refuses several addresses in one', async () => {
    const summary = await importText(
      db,
      csv(
        'Jane Doe,Jane Doe <Jane@Example.org>,,,,,,,,,,,li,consent',
        'Jo Roe,"""Roe, Jo"" <jo@example.org>",,,,,,,,,,,li,consent',
        'Al Poe,  mailto:al@example.org  ,,,,,,,,,,,li,consent',
        'Two,a@example.org; b@example.org,,,,,,,,,,,li,consent',
        'Two Commas,"a@example.org, b@example.org",,,,,,,,,,,li,consent',
      ),
    );
    expect(summary.rows).toMatchObject({ created: 3, rejected: 2 });
    expect(summary.rejected).toEqual([
      { row: 5, field: 'email', reason: expect.stringMatching(/holds 2 addresses; only one address is allowed/), message: expect.stringMatching(/^row 5, email: /) },
      { row: 6, field: 'email', reason: expect.stringMatching(/holds 2 addresses; only one address is allowed/), message: expect.stringMatching(/^row 6, email: /) },
    ]);
    const props = (await candidateDump(db)).map((c) => [c.props.name, c.props.email, c.props.emailKey]).sort();
    expect(props).toEqual([
      ['Al Poe', 'al@example.org', 'al@example.org'],
      ['Jane Doe', 'Jane@Example.org', 'jane@example.org'],
      ['Jo Roe', 'jo@example.org', 'jo@example.org'],
    ]);
    // The bare address finds the same candidate.
    const again = await importText(db, JSON.stringify([{ name: 'Jane Doe', email: 'jane@example.org', current_employer: 'Acme', source: 'li', lawful_basis: 'consent' }]), { format: 'json' });
    expect(again.rows).toMatchObject({ created: 0, updated: 1 });
    expect(await candidateDump(db)).toHaveLength(3);
  });

  it('mergeCandidates keeps the current job started last, dated or not, as an import of both records as one does', async () => {
    // [the duplicate's current job, the survivor's]: employer and start (none: unknown).
    const cases: [[string, string], [string, string]][] = [
      [['NewCo', '2023-01'], ['OldCo', '2015-01']],
      [['OldCo', '2015-01'], ['NewCo', '2023-01']],
      [['Undated', ''], ['Dated', '2020-05']],
      [['Dated', '2020-05'], ['Undated', '']],
      [['First', ''], ['Second', '']],
    ];
    const rowOf = (name: string, email: string, profile: string, [employer, since]: [string, string]) =>
      `${name},${email},${profile},,${employer},Engineer,${since},,,,,,s,consent`;
    for (const [dropJob, keepJob] of cases) {
      const label = `${dropJob.join(' ')} then ${keepJob.join(' ')}`;
      await clearGraph(db);
      await writeImportWorld(db);
      await ensureInstallationSecret(db, 'candidate-id-key', ONE_KEY, '2025-01-15T00:00:00Z');
      // As one: the duplicate's row first, linked to the survivor's by the profile link both carry.
      await importText(db, csv(rowOf('D', 'd@example.org', 'https://linkedin.com/in/k', dropJob), rowOf('K', '', 'https://linkedin.com/in/k', keepJob)));
      const asOne = await candidateDump(db, ['importHashes']);

      await clearGraph(db);
      await writeImportWorld(db);
      await ensureInstallationSecret(db, 'candidate-id-key', ONE_KEY, '2025-01-15T00:00:00Z');
      await importText(db, csv(rowOf('D', 'd@example.org', '', dropJob), rowOf('K', '', 'https://linkedin.com/in/k', keepJob)));
      const [d, k] = await candidateDump(db);
      const keep = (k!.props as { profileKey?: string }).profileKey ? k! : d!;
      const drop = keep === k ? d! : k!;
      await mergeCandidates(db, keep.id as string, drop.id as string, { today: '2025-01-15' });
      const merged = await candidateDump(db, ['importHashes']);
      expect(merged, label).toHaveLength(1);
      expect(merged[0]!.outgoing, label).toEqual(asOne[0]!.outgoing);
    }
  });

  it('mergeCandidates refuses one candidate twice and unknown ids', async () => {
    await expect(mergeCandidates(db, 'x', 'x')).rejects.toThrow(/two different candidates/);
    await expect(mergeCandidates(db, 'nope-1', 'nope-2')).rejects.toThrow(/No candidate with id "nope-1" or "nope-2"/);
  });

  it('importCandidates refuses a binary file, an Excel workbook and JSON sent as CSV before reading rows', async () => {
    await expect(importText(db, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]))).rejects.toThrow(/ZIP archive \(an Excel \.xlsx workbook\?\)/);
    await expect(importText(db, Buffer.from([0x01, 0x00, 0x02, 0x41]))).rejects.toThrow(/binary file/);
    await expect(importText(db, '[{"name":"A"}]')).rejects.toThrow(/looks like JSON/);
    await expect(importText(db, '')).rejects.toThrow(/empty/);
  });

  it('importCandidates rejects the row holding a stray NUL byte and imports the others, and names UTF-16 without a byte-order mark', async () => {
    const summary = await importText(db, csv('A,a@example.org,,,,,,,,,,,s,consent', 'B\u0000C,b@example.org,,,,,,,,,,,s,consent', 'D,d@example.org,,,,,,,,,,,s,consent'));
    expect(summary.rows).toMatchObject({ read: 3, created: 2, rejected: 1 });
    expect(summary.rejected).toEqual([expect.objectContaining({ row: 3, field: 'name', reason: 'contains control characters' })]);
    await expect(importText(db, Buffer.from(csv('A,a@example.org,,,,,,,,,,,s,consent'), 'utf16le'))).rejects.toThrow(/UTF-16 text without a byte-order mark/);
  });

  it('importCandidates counts rows read and writes across several batches', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `P${i},p${i}@example.org,,Oxford,Acme ${i % 3},,,,PyTorch,,,,s,consent`);
    const summary = await importText(db, csv(...rows), { batchSize: 7 });
    expect(summary.rows).toEqual({ read: 25, created: 25, updated: 0, unchanged: 0, rejected: 0, suppressed: 0 });
    expect(summary.writes.nodesCreated).toBe(25 + 3);
    expect(summary.writes.relationshipsCreated).toBe(25 * 3);
  });

  it('importCandidates, reading the next batch while writing one, finds a person and an employer the batch before created', async () => {
    const rows = [
      'Ada,ada@example.org,,Oxford,Zeta GmbH,Engineer,2020-01,,PyTorch,,,,s,consent',
      'B1,b1@example.org,,Oxford,Zeta,,,,,,,,s,consent',
      'Bad 1,bad1.example.org,,,,,,,,,,,s,consent',
      'B2,b2@example.org,,,,,,,,,,,s,consent',
      'Bad 2,bad2@example.org,,,,,1999-13,,,,,,s,consent',
      'B3,b3@example.org,,,Zeta Ltd,,,,,,,,s,consent',
      'Ada,ada@example.org,,Oxford,Zeta GmbH,Lead Engineer,2020-01,,OpenCV,,,,s,consent',
      'B4,b4@example.org,,,,,,,,,,,s,consent',
    ];
    const summary = await importText(db, csv(...rows), { batchSize: 2 });
    expect(summary.rows).toEqual({ read: 8, created: 5, updated: 1, unchanged: 0, rejected: 2, suppressed: 0 });
    expect(summary.rejected.map((r) => [r.row, r.field])).toEqual([
      [4, 'email'],
      [6, 'current_since'],
    ]);
    expect(summary.newEmployers).toEqual([{ id: 'emp-zeta', name: 'Zeta GmbH' }]);
    const stats = await countByLabelAndType(db);
    expect(stats.nodes.Candidate).toBe(5);
    expect(stats.nodes.Employer).toBe(2); // the world's Siemens Healthineers, and Zeta once
    const ada = (await candidateDump(db)).find((c) => (c.props as { name: string }).name === 'Ada')!;
    expect(ada.outgoing.filter((r) => r.type === 'WORKS_AT')).toEqual([expect.objectContaining({ to: 'emp-zeta', props: expect.objectContaining({ title: 'Lead Engineer' }) })]);
    expect(ada.outgoing.filter((r) => r.type === 'HAS_SKILL').map((r) => r.to).sort()).toEqual(['opencv', 'pytorch']);
  });

  /** One person's jobs as `TYPE:employer from–to`, sorted. */
  const careerOf = async (name: string) => {
    const person = (await candidateDump(db)).find((c) => c.props.name === name)!;
    return person.outgoing
      .filter((r) => r.type === 'WORKS_AT' || r.type === 'WORKED_AT')
      .map((r) => `${r.type}:${r.to} ${String(r.props.since ?? r.props.from ?? '?')}–${String(r.props.to ?? '')}`)
      .sort();
  };
  const job = (name: string, employer: string, since = '', previous = '') => `${name},${name.toLowerCase()}@example.org,,,"${employer}",,${since},"${previous}",,,,,s,consent`;

  it('importCandidates keeps the current job started last, whether the older record comes later in the file or in a later import', async () => {
    const expected = ['WORKED_AT:emp-oldco2 2015-01-01–2023-01-01', 'WORKS_AT:emp-newco 2023-01-01–'];
    const inOneFile = await importText(db, csv(job('Pat', 'NewCo', '2023-01'), job('Pat', 'OldCo2 GmbH', '2015-01')));
    expect(inOneFile.rows).toMatchObject({ created: 1, updated: 1, rejected: 0 });
    expect(await careerOf('Pat')).toEqual(expected);

    await clearGraph(db);
    await writeImportWorld(db);
    await importText(db, csv(job('Pat', 'NewCo', '2023-01')));
    const older = await importText(db, csv(job('Pat', 'OldCo2 GmbH', '2015-01', 'Uni|PhD|2010-10|2014-12')));
    expect(older.rows).toMatchObject({ updated: 1, rejected: 0 });
    expect(await careerOf('Pat')).toEqual([...expected, 'WORKED_AT:emp-uni 2010-10-01–2014-12-01'].sort());
    // The newer record read after the older one moves the person on, as before.
    await clearGraph(db);
    await writeImportWorld(db);
    await importText(db, csv(job('Pat', 'OldCo2 GmbH', '2015-01')));
    await importText(db, csv(job('Pat', 'NewCo', '2023-01')));
    expect(await careerOf('Pat')).toEqual(expected);
  });

  it('importCandidates keeps a current job without a start beside a dated one at another employer, in one file or across imports', async () => {
    const expected = ['WORKED_AT:emp-secondco 2024-03-01–2025-01-15', 'WORKS_AT:emp-firstco ?–'];
    await importText(db, csv(job('Kim', 'FirstCo'), job('Kim', 'SecondCo', '2024-03')));
    expect(await careerOf('Kim')).toEqual(expected);
    await clearGraph(db);
    await writeImportWorld(db);
    await importText(db, csv(job('Kim', 'SecondCo', '2024-03')));
    await importText(db, csv(job('Kim', 'FirstCo')));
    expect(await careerOf('Kim')).toEqual(expected);
  });

  it('importCandidates reads an employer of no letter or digit, or "n/a" and "none", as none, and rejects a title or job it leaves without one', async () => {
    const before = (await countByLabelAndType(db)).nodes.Employer;
    const summary = await importText(
      db,
      csv(
        job('Dash', '-'),
        job('Emdash', '—'),
        job('Stars', '***'),
        job('Unsure', '?'),
        job('Na', 'n/a'),
        job('None', 'None'),
        'Titled,titled@example.org,,,N/A,Consultant,,,,,,,s,consent',
        job('Past', 'Acme', '', '—|Engineer|2019-01|2020-01'),
      ),
    );
    expect(summary.rows).toMatchObject({ created: 6, rejected: 2 });
    expect(summary.rejected.map((r) => [r.row, r.field])).toEqual([
      [8, 'current_employer'],
      [9, 'previous_jobs'],
    ]);
    expect(summary.newEmployerCount).toBe(0);
    expect((await countByLabelAndType(db)).nodes.Employer).toBe(before);
    for (const c of await candidateDump(db)) expect(c.outgoing.filter((r) => r.type === 'WORKS_AT'), String(c.props.name)).toEqual([]);
  });

  it('importCandidates gives employers and skills whose names differ only after 100 characters their own ids, each person linked to their own', async () => {
    const stem = 'Institute for the Advancement of Computational Methods in Medical Imaging and Radiological Sciences ';
    const names = [`${stem}Eindhoven`, `${stem}Rotterdam`, `${stem}Nijmegen`];
    const skills = ['A', 'B'].map((end) => `${'C++ '.repeat(18)}${end}`);
    const summary = await importText(
      db,
      csv(...names.map((employer, i) => `P${i},p${i}@example.org,,,"${employer}",,,,${skills[i % 2]},,,,s,consent`)),
    );
    expect(summary.rows).toMatchObject({ created: 3, rejected: 0 });
    expect(summary.newEmployerCount).toBe(3);
    expect(new Set(summary.newEmployers.map((e) => e.id)).size).toBe(3);
    expect(summary.newSkills.map((s) => s.name).sort()).toEqual([...skills].sort());
    expect(new Set(summary.newSkills.map((s) => s.id)).size).toBe(2);
    const byName = new Map(summary.newEmployers.map((e) => [e.name, e.id]));
    const bySkill = new Map(summary.newSkills.map((e) => [e.name, e.id]));
    for (const [i, employer] of names.entries()) {
      const person = (await candidateDump(db)).find((c) => c.props.name === `P${i}`)!;
      expect(person.outgoing.find((r) => r.type === 'WORKS_AT')?.to).toBe(byName.get(employer));
      expect(person.outgoing.find((r) => r.type === 'HAS_SKILL')?.to).toBe(bySkill.get(skills[i % 2]!));
    }
    // A re-import finds them again.
    expect((await importText(db, csv(...names.map((employer, i) => `P${i},p${i}@example.org,,,"${employer}",,,,${skills[i % 2]},,,,s,consent`)))).rows.unchanged).toBe(3);
  });

  it('importCandidates matches employers whose legal form is written out or followed by a country', async () => {
    const summary = await importText(
      db,
      csv(
        job('Ola', 'Comarch Spółka Akcyjna'),
        job('Ela', 'Comarch S.A. (Poland)'),
        job('Ula', 'Synerise spółka z ograniczoną odpowiedzialnością'),
        job('Ala', 'Synerise Sp. z o.o.'),
        job('Ben', 'Roche Diagnostics AG (Switzerland)'),
        job('Bea', 'Roche Diagnostics Ltd, UK'),
        job('Kai', 'Müller Medizintechnik GmbH + Co. KG'),
        job('Kit', 'Müller Medizintechnik e.K.'),
      ),
    );
    expect(summary.rows).toMatchObject({ created: 8, rejected: 0 });
    expect(summary.newEmployers.map((e) => e.id).sort()).toEqual(['emp-comarch', 'emp-muller-medizintechnik', 'emp-roche-diagnostics', 'emp-synerise']);
  });
});
