import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { writeCandidateCsv } from '../../../server/bench/import-file.ts';
import { PROJECT_ROOT } from '../../../server/config.ts';
import type { Database } from '../../../server/db/neo4j.ts';
import { countByLabelAndType, countHeadline } from '../../../server/repositories/health.repository.ts';
import { importCandidates } from '../../../server/services/import.service.ts';
import { applyMigrations } from '../../../server/services/migrations.service.ts';
import { clearGraph, testDatabase } from '../../support/db.ts';
import { CSV_HEADER, candidateDump, encodeIn, writeImportWorld } from '../../support/import.ts';
import { zipOf } from '../../support/zip.ts';
import { runAtlas, startAtlas } from '../run.ts';

describe('atlas import, merge, employer set-sector', () => {
  let db: Database;
  let env: NodeJS.ProcessEnv;
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-import-'));
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  beforeAll(async () => {
    db = await testDatabase();
    const { uri, password } = inject('neo4j');
    env = { NEO4J_URI: uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: password };
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await clearGraph(db);
    await writeImportWorld(db);
    // As on a database the app has opened before: its migrations recorded, so a command says only its own lines.
    await applyMigrations(db);
  });

  it('atlas import --help documents the options and exit codes', () => {
    const { status, stdout } = runAtlas(['import', '--help']);
    expect(status).toBe(0);
    for (const word of ['--dry-run', '--format', '--radius-km', '--delimiter', 'Exit codes']) expect(stdout).toContain(word);
  });

  it('atlas import prints the summary, exits 0, and reports the same file again as unchanged', () => {
    const sample = path.join(PROJECT_ROOT, 'fixtures', 'import-sample.csv');
    const first = runAtlas(['import', sample, '--json'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).rows).toEqual({ read: 6, created: 6, updated: 0, unchanged: 0, rejected: 0, suppressed: 0 });
    expect(first.stderr).toMatch(/location not found, kept as text: row 7, "Remote"/);
    expect(first.stderr).toMatch(/atlas employer set-sector/);
    const second = runAtlas(['import', sample], env);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^unchanged: 6$/m);
    expect(second.stdout).toMatch(/^created: 0$/m);
  });

  it('atlas import exits 1 naming each rejected row and field, after importing the valid rows', () => {
    const csv = file('mixed.csv', `${CSV_HEADER}\nGood,good@example.org,,,,,,,,,,,s,consent\nBad,,javascript:alert(1),,,,,,,,,,s,consent\n`);
    const { status, stdout, stderr } = runAtlas(['import', csv], env);
    expect(status).toBe(1);
    expect(stderr).toMatch(/rejected row 3, profile_url: must be an http\(s\) link; "javascript:" links are not accepted/);
    expect(stdout).toMatch(/^created: 1$/m);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('atlas import --encoding reads a CSV Excel saved in windows-1250 or windows-1252, by name or label, and refuses an unknown one', async () => {
    const csv = file('polish.csv', encodeIn('name,email,source,lawful_basis\nŁukasz Żółć,lukasz@example.pl,li,consent\n', 'windows-1250'));
    const named = runAtlas(['import', csv, '--encoding', 'cp1250', '--json'], env);
    expect(named.status, named.stderr).toBe(0);
    expect(JSON.parse(named.stdout).rows).toMatchObject({ created: 1, rejected: 0 });
    expect((await candidateDump(db)).map((c) => c.props.name)).toEqual(['Łukasz Żółć']);
    const unknown = runAtlas(['import', csv, '--encoding', 'ebcdic'], env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--encoding must be one of utf-8, windows-1252, windows-1250, iso-8859-1, iso-8859-2, iso-8859-15 .*got "ebcdic"/);
    expect(runAtlas(['import', '--help']).stdout).toContain('--encoding');
  });

  it('atlas import exits 2, not 1 (rows rejected), for a mistyped option or a missing file argument', () => {
    const csv = file('typo.csv', `${CSV_HEADER}\nA,a@example.org,,,,,,,,,,,s,consent\n`);
    for (const args of [['import', csv, '--dryrun'], ['import'], ['import', csv, csv], ['import', csv, '--format']]) {
      const { status, stderr } = runAtlas(args, env);
      expect(status, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(/^error: /);
    }
  });

  it('atlas import exits 3, not 1 (rows rejected), when the database cannot be reached, saying nothing was imported', () => {
    const csv = file('unreachable.csv', `${CSV_HEADER}\nA,a@example.org,,,,,,,,,,,s,consent\n`);
    // A port nothing listens on: the connection is refused at once.
    const { status, stderr } = runAtlas(['import', csv], { ...env, NEO4J_URI: 'bolt://127.0.0.1:1' });
    expect(status, stderr).toBe(3);
    expect(stderr).toMatch(/unreachable/);
    expect(stderr).toMatch(/Nothing was imported/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('atlas import exits 2 with one clear line for a file that is not CSV or JSON, an empty file or a missing one', () => {
    const cases: [string, RegExp][] = [
      // A ZIP header and nothing after it: the listing of parts, at an archive's end, is missing.
      [file('people.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04])), /workbook cannot be read \(it is incomplete or damaged: the listing of its parts, at its end, is missing/],
      [file('cut.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)])), /workbook cannot be read/],
      [file('report.xlsx', zipOf([['word/document.xml', Buffer.from('<document/>')]]).archive), /workbook cannot be read \(it holds no workbook part/],
      [file('people.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0])), /\.xls workbook, which cannot be read: save the sheet as "Excel Workbook \(\.xlsx\)" or "CSV UTF-8"/],
      [file('renamed.xlsx', 'name,email\n'), /not an Excel workbook/],
      [file('people.xml', '<people/>'), /Cannot tell the format/],
      [file('binary.csv', Buffer.from([0x00, 0x01, 0x02])), /binary file, not CSV or JSON/],
      [file('empty.csv', ''), /is empty/],
      [file('header.csv', 'name,phone\n'), /lacks the required column\(s\) source, lawful_basis, email or profile_url/],
      [path.join(dir, 'missing.csv'), /no such file/],
    ];
    for (const [input, message] of cases) {
      const { status, stderr } = runAtlas(['import', input], env);
      expect(status, input).toBe(2);
      expect(stderr, input).toMatch(message);
      expect(stderr.trim().split('\n'), input).toHaveLength(1);
    }
  });

  it('atlas import - reads standard input (JSON Lines here), and asks for --format without one', async () => {
    const items = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'fixtures', 'import-sample.json'), 'utf8')) as unknown[];
    const lines = `${items.map((item) => JSON.stringify(item)).join('\n')}\n`;
    const piped = runAtlas(['import', '-', '--format', 'json', '--json'], env, lines);
    expect(piped.status, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout).rows).toMatchObject({ read: 6, created: 6, rejected: 0 });
    const bare = runAtlas(['import', '-'], env, lines);
    expect(bare.status).toBe(2);
    expect(bare.stderr.trim()).toBe('atlas: Reading standard input (-): pass --format csv, json or xlsx.');
  });

  it('atlas import reads an Excel workbook (fixtures/import-sample.xlsx) as the CSV of the same candidates: the CSV afterwards changes nothing', async () => {
    const workbook = path.join(PROJECT_ROOT, 'fixtures', 'import-sample.xlsx');
    const first = runAtlas(['import', workbook, '--json'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ format: 'xlsx', rows: { read: 6, created: 6, rejected: 0 } });
    expect(first.stderr).toMatch(/location not found, kept as text: row 7, "Remote"/);
    // The CSV it was made from changes nothing: every row reads the same either way.
    const again = runAtlas(['import', path.join(PROJECT_ROOT, 'fixtures', 'import-sample.csv')], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^unchanged: 6$/m);
  });

  it('atlas import --dry-run validates and resolves without writing', async () => {
    const { status, stdout } = runAtlas(['import', path.join(PROJECT_ROOT, 'fixtures', 'import-sample.json'), '--dry-run'], env);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^dry run \(nothing written\): json$/m);
    expect(stdout).toMatch(/^created: 6$/m);
    expect((await countHeadline(db)).candidates).toBe(0);
  });

  it('atlas import killed half way keeps the committed batches, and re-run finishes without duplicates', async () => {
    const big = path.join(dir, 'big.csv');
    await writeCandidateCsv(big, 12_000, { seed: 11 });
    const child = startAtlas(['import', big, '--batch-size', '500'], env);
    for (let i = 0; i < 1200 && (await countHeadline(db)).candidates < 1500; i++) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    await child.exited;
    const partial = (await countHeadline(db)).candidates;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(12_000);

    const rerun = runAtlas(['import', big, '--json'], env);
    expect(rerun.status, rerun.stderr).toBe(0);
    const summary = JSON.parse(rerun.stdout);
    expect(summary.rows.unchanged).toBeGreaterThanOrEqual(partial);
    expect(summary.rows.created + summary.rows.unchanged).toBe(12_000);
    const resumed = await countByLabelAndType(db);
    const dump = await candidateDump(db);
    const emails = new Set(dump.map((c) => (c.props as { emailKey: string }).emailKey));
    expect(emails.size).toBe(dump.length);

    await clearGraph(db);
    await writeImportWorld(db);
    await applyMigrations(db);
    // Recorded like the CLI's re-run (the killed run ended before recording its event).
    await importCandidates(db, createReadStream(big), { format: 'csv', radiusKm: 100, audit: { actor: 'test' } });
    expect(resumed).toEqual(await countByLabelAndType(db));
  }, 300_000);

  it('atlas merge KEEP DROP merges two candidates and refuses unknown ids', () => {
    const csv = file('two.csv', `${CSV_HEADER}\nA,a@example.org,,,,,,,PyTorch,,,,s1,consent\nB,,https://linkedin.com/in/b,,,,,,OpenCV,,,,s2,consent\n`);
    expect(runAtlas(['import', csv], env).status).toBe(0);
    return candidateDump(db).then(async ([x, y]) => {
      const merged = runAtlas(['merge', y!.id as string, x!.id as string, '--json'], env);
      expect(merged.status, merged.stderr).toBe(0);
      expect(JSON.parse(merged.stdout)).toEqual({ survivor: y!.id, merged: x!.id });
      const [one, ...rest] = await candidateDump(db);
      expect(rest).toEqual([]);
      expect((one!.props as { sources: string[] }).sources.sort()).toEqual(['s1', 's2']);
      const unknown = runAtlas(['merge', 'nope-1', y!.id as string], env);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/^atlas: No candidate with id "nope-1"/);
    });
  });

  it('atlas employer set-sector classifies an employer an import created, by name', () => {
    const csv = file('emp.csv', `${CSV_HEADER}\nA,a@example.org,,,Valeo Vision SAS,,,,,,,,s,consent\n`);
    expect(runAtlas(['import', csv], env).status).toBe(0);
    const { status, stdout, stderr } = runAtlas(['employer', 'set-sector', 'Valeo Vision', 'automotive'], env);
    expect(status, stderr).toBe(0);
    expect(stdout).toMatch(/^emp-valeo-vision \(Valeo Vision SAS\) is in sector automotive; segments of 1 candidate\(s\) re-derived$/m);
    const missing = runAtlas(['employer', 'set-sector', 'emp-valeo-vision', 'space'], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No sector "space"/);
  });
});
