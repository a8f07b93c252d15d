import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defineQueries } from '../../server/db/cypher.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { findAppliedMigrations } from '../../server/repositories/migrations.repository.ts';
import { MIGRATIONS, applyMigrations } from '../../server/services/migrations.service.ts';
import { clearGraph, testDatabase } from '../support/db.ts';
import { GraphSpecBuilder } from '../support/graph.ts';
import { CSV_HEADER, importText, writeImportWorld } from '../support/import.ts';

const q = defineQueries('employer-names', 'segments-count');

describe('applyMigrations', () => {
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
    // Stored as an older version of the rules left them: diacritics and hyphens kept.
    await new GraphSpecBuilder()
      .node('Employer', { id: 'skoda', name: 'Škoda Auto a.s.', normName: 'škoda auto', kind: 'company' })
      .node('Employer', { id: 'zeiss', name: 'Carl-Zeiss Meditec AG', normName: 'carl-zeiss meditec', kind: 'company' })
      .node('Sector', { id: 'imaging', name: 'Imaging', target: true })
      .node('Employer', { id: 'scanners', name: 'Scanners Ltd', normName: 'scanners', kind: 'company' })
      .rel('scanners', 'IN_SECTOR', 'imaging')
      .node('Candidate', { id: 'c-old', name: 'Old Segment', segment: 'healthcare-shipped' })
      .rel('c-old', 'WORKS_AT', 'scanners', { since: '2020-01-01', title: 'Engineer' })
      .write(db);
  });

  const normNames = async () => Object.fromEntries((await db.read(q['employer-names'])).map((r) => [r.id, r.normName]));

  it('applyMigrations works stored employer names out again, so a re-spelt name finds its employer', async () => {
    const ran = await applyMigrations(db);
    expect(ran).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await normNames()).toMatchObject({ skoda: 'skoda auto', zeiss: 'carl zeiss meditec', 'siemens-healthineers': 'siemens healthineers' });

    const summary = await importText(
      db,
      `${CSV_HEADER}\nAna Novak,ana@example.org,,Munich,SKODA AUTO,Engineer,2021-03,Carl Zeiss Meditec|Engineer|2018-01|2021-02,PyTorch,senior,6,false,referral,legitimate-interest\n`,
    );
    expect(summary.rejected).toEqual([]);
    expect(summary.newEmployers).toEqual([]);
    expect(Object.keys(await normNames()).sort()).toEqual(['scanners', 'siemens-healthineers', 'skoda', 'zeiss']);
  });

  it('applyMigrations derives segments stored under older names again', async () => {
    await applyMigrations(db);
    const counts = Object.fromEntries((await db.read(q['segments-count'])).map((r) => [r.segment, r.count]));
    expect(counts).toEqual({ 'target-sector': 1 });
  });

  it('applyMigrations works stored profile keys out again, so a country host meets the main one; two records of one person are left for a merge', async () => {
    await new GraphSpecBuilder()
      .node('Candidate', { id: 'c-de', name: 'Jana K', profileUrl: 'https://de.linkedin.com/in/jana-k/', profileKey: 'de.linkedin.com/in/jana-k' })
      .node('Candidate', { id: 'c-main', name: 'Piet V', profileUrl: 'https://www.linkedin.com/in/piet-v', profileKey: 'linkedin.com/in/piet-v' })
      .node('Candidate', { id: 'c-nl', name: 'Piet V', profileUrl: 'https://nl.linkedin.com/in/piet-v', profileKey: 'nl.linkedin.com/in/piet-v' })
      .node('Candidate', { id: 'c-lang', name: 'Ola N', profileUrl: 'https://www.linkedin.com/in/ola-n/pl', profileKey: 'linkedin.com/in/ola-n/pl' })
      .write(db);
    const said: string[] = [];
    await applyMigrations(db, { info: (line) => said.push(line) });
    const keys = Object.fromEntries((await db.read("MATCH (c:Candidate) WHERE c.id STARTS WITH 'c-' RETURN c.id AS id, c.profileKey AS key")).map((r) => [r.id, r.key]));
    expect(keys).toMatchObject({
      'c-de': 'linkedin.com/in/jana-k',
      'c-main': 'linkedin.com/in/piet-v',
      'c-nl': 'nl.linkedin.com/in/piet-v',
      'c-lang': 'linkedin.com/in/ola-n',
    });
    expect(said.join('\n')).toMatch(/2 profile keys updated; 1 candidates left as they were because another candidate has the same profile: merge each pair with `atlas merge` \(c-nl and c-main\)/);

    const summary = await importText(
      db,
      `${CSV_HEADER}\nJana K,,https://www.linkedin.com/in/Jana-K,Munich,,,,,,senior,6,false,referral,legitimate-interest\n`,
    );
    expect(summary.rejected).toEqual([]);
    expect(summary.rows).toMatchObject({ created: 0, updated: 1 });
  });

  it('applyMigrations runs each migration once per database', async () => {
    await applyMigrations(db);
    await new GraphSpecBuilder().node('Employer', { id: 'late', name: 'Łódź Vision', normName: 'łódź vision', kind: 'company' }).write(db);
    expect(await applyMigrations(db)).toEqual([]);
    expect((await normNames()).late).toBe('łódź vision');
    expect([...(await findAppliedMigrations(db))].sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
  });

  it('applyMigrations records a migration only once it has run, so a failed one runs at the next start', async () => {
    const failing = [MIGRATIONS[0]!, { name: 'broken-1', description: 'Failing', run: () => Promise.reject(new Error('database went away')) }];
    await expect(applyMigrations(db, { migrations: failing })).rejects.toThrow('database went away');
    expect([...(await findAppliedMigrations(db))]).toEqual([MIGRATIONS[0]!.name]);
    const lines: string[] = [];
    expect(await applyMigrations(db, { info: (line) => lines.push(line) })).toEqual(MIGRATIONS.slice(1).map((m) => m.name));
    expect(lines).toHaveLength(2 * (MIGRATIONS.length - 1));
    expect(lines[0]).toMatch(/segment.*…$/);
    expect(lines[1]).toMatch(/segments derived \(\d+ ms\)\.$/);
  });

  it('applyMigrations on a database without a world records every migration and says nothing', async () => {
    await clearGraph(db);
    const lines: string[] = [];
    expect(await applyMigrations(db, { info: (line) => lines.push(line) })).toEqual(MIGRATIONS.map((m) => m.name));
    expect(lines).toEqual([]);
    expect(await applyMigrations(db)).toEqual([]);
  });
});
