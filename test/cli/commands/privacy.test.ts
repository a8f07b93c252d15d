import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../../server/db/neo4j.ts';
import { DsarSchema, ErasureSchema, NoticeDueSchema, RetentionReportSchema } from '../../../server/schemas/privacy.schema.ts';
import { testDatabase } from '../../support/db.ts';
import { date } from '../../support/graph.ts';
import { buildPrivacyWorld, graphTextSearch } from '../../support/privacy.ts';
import { runAtlas } from '../run.ts';

const today = new Date().toISOString().slice(0, 10);

describe('atlas privacy, atlas erase', () => {
  let db: Database;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    db = await testDatabase();
    await buildPrivacyWorld(db, (g) =>
      g
        .node('Candidate', { id: 'c-old', name: 'Olga Old', emailKey: 'olga@example.org', email: 'olga@example.org', lawfulBasis: 'legitimate-interest', obtainedAt: date('2020-01-01') })
        .node('Candidate', { id: 'c-new', name: 'Nils New', emailKey: 'nils@example.org', email: 'nils@example.org', lawfulBasis: 'consent', sources: ['referral'], obtainedAt: date(today) })
        .node('Candidate', { id: 'c-gone', name: 'Greta Gone', emailKey: 'greta@example.org', email: 'greta@example.org', lawfulBasis: 'consent', obtainedAt: date(today) })
        .rel('c-old', 'BASED_IN', 'munich', { distanceKm: 1 })
        .rel('c-new', 'BASED_IN', 'paris', { distanceKm: 1 })
        .rel('c-new', 'HAS_SKILL', 'pytorch', { evidence: ['self'] }),
    );
    const { uri, password } = inject('neo4j');
    env = { NEO4J_URI: uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: password };
    dir = mkdtempSync(path.join(tmpdir(), 'atlas-privacy-'));
  });
  afterAll(async () => {
    await db.close();
  });

  it('atlas privacy due lists the uninformed, overdue first; atlas privacy informed records a notice', () => {
    const due = runAtlas(['privacy', 'due', '--json'], env);
    expect(due.status, due.stderr).toBe(0);
    const parsed = NoticeDueSchema.parse(JSON.parse(due.stdout));
    expect(parsed.items.map((i) => [i.id, i.notice.status])).toEqual([
      ['c-old', 'overdue'],
      ['c-gone', 'due'],
      ['c-new', 'due'],
    ]);
    expect(due.stderr).toMatch(/3 candidate\(s\) not informed, 1 overdue/);
    const informed = runAtlas(['privacy', 'informed', 'c-gone', '--how', 'email'], env);
    expect(informed.status, informed.stderr).toBe(0);
    expect(JSON.parse(informed.stdout)).toMatchObject({ id: 'c-gone', informedHow: 'email', notice: { status: 'informed' } });
    const text = runAtlas(['privacy', 'due'], env);
    expect(text.stdout.trim().split('\n').map((l) => l.split('\t').slice(0, 3))).toEqual([
      ['overdue', '2020-02-01', 'c-old'],
      ['due', expect.any(String), 'c-new'],
    ]);
    const bad = runAtlas(['privacy', 'informed', 'c-new', '--how', 'telepathy'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^atlas: --how must be one of email/);
  });

  it('atlas privacy export writes everything held on one person as JSON, to stdout or a file', () => {
    const out = runAtlas(['privacy', 'export', 'c-new'], env);
    expect(out.status, out.stderr).toBe(0);
    const dsar = DsarSchema.parse(JSON.parse(out.stdout));
    expect(dsar).toMatchObject({ candidateId: 'c-new', contactDetails: { email: 'nils@example.org' }, provenance: { sources: ['referral'], lawfulBasis: 'consent' } });
    expect(out.stdout).not.toMatch(/Olga|Greta/);
    const file = path.join(dir, 'nils.json');
    const toFile = runAtlas(['privacy', 'export', 'c-new', '--out', file], env);
    expect(toFile.status, toFile.stderr).toBe(0);
    expect(toFile.stdout.trim()).toBe(file);
    expect(DsarSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).candidateId).toBe('c-new');
    const missing = runAtlas(['privacy', 'export', 'nobody'], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('atlas: No candidate "nobody"\n');
  });

  it('atlas privacy retention lists on --dry-run, needs --yes off a terminal, and --apply erases who is past their period', () => {
    const dry = runAtlas(['privacy', 'retention', '--dry-run', '--json'], env);
    expect(dry.status, dry.stderr).toBe(0);
    expect(RetentionReportSchema.parse(JSON.parse(dry.stdout)).candidates.map((c) => [c.id, c.country, c.expiresOn])).toEqual([['c-old', 'DE', '2022-01-01']]);
    const unconfirmed = runAtlas(['privacy', 'retention', '--apply'], env);
    expect(unconfirmed.status).toBe(2);
    expect(unconfirmed.stderr).toMatch(/1 candidate\(s\) are past their retention period .* add --yes/);
    const applied = runAtlas(['privacy', 'retention', '--apply', '--yes'], env);
    expect(applied.status, applied.stderr).toBe(0);
    expect(applied.stdout).toBe('c-old\tOlga Old\tDE\tobtained 2020-01-01\texpired 2022-01-01\tinstallation default: 24 months\n');
    expect(applied.stderr).toMatch(/Erased 1 of 1/);
    const badTable = path.join(dir, 'retention.json');
    writeFileSync(badTable, JSON.stringify({ default: { period: {}, authority: 'x', citation: 'y' }, countries: {} }));
    const refused = runAtlas(['privacy', 'retention'], { ...env, ATLAS_RETENTION_FILE: badTable });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/retention\.json: default\.period: must be longer than zero/);
  });

  it('atlas erase needs --yes off a terminal, erases the person, and a re-import of them is refused', async () => {
    const unconfirmed = runAtlas(['erase', 'c-new'], env);
    expect(unconfirmed.status).toBe(2);
    expect(unconfirmed.stderr).toMatch(/add --yes/);
    const erased = runAtlas(['erase', 'c-new', '--yes', '--json'], env);
    expect(erased.status, erased.stderr).toBe(0);
    expect(ErasureSchema.parse(JSON.parse(erased.stdout))).toMatchObject({ candidateId: 'c-new', relationships: 2, suppressedHashes: 1 });
    expect(await graphTextSearch(db, ['Nils', 'nils@example.org'])).toEqual([]);
    const again = runAtlas(['erase', 'c-new', '--yes'], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('atlas: No candidate "c-new"\n');

    const file = path.join(dir, 'again.csv');
    writeFileSync(file, 'name,email,source,lawful_basis\nNils New,Nils@Example.org,referral,consent\n');
    const imported = runAtlas(['import', file], env);
    expect(imported.status).toBe(1);
    expect(imported.stdout).toMatch(/suppressed \(erased on request\): 1/);
    expect(imported.stderr).toMatch(/rejected row 2, email: erased on request \(suppression list\)/);

    const audit = runAtlas(['privacy', 'audit', '--action', 'candidate.erase', '--candidate', 'c-new'], env);
    expect(audit.status, audit.stderr).toBe(0);
    const events = audit.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events).toEqual([expect.objectContaining({ action: 'candidate.erase', candidateId: 'c-new', actor: expect.stringMatching(/^cli:/), origin: expect.stringMatching(/^cli:/) })]);
  });

  it('atlas privacy and atlas erase explain themselves with --help', () => {
    const help = runAtlas(['privacy', '--help'], env);
    expect(help.status).toBe(0);
    for (const command of ['due', 'informed', 'retention', 'export', 'audit']) expect(help.stdout).toContain(command);
    expect(runAtlas(['erase', '--help'], env).stdout).toMatch(/suppression list/);
    expect(runAtlas(['privacy', 'retention', '--help'], env).stdout).toMatch(/atlas schedule --retention/);
    expect(runAtlas(['schedule', '--help'], env).stdout).toMatch(/--retention/);
  });
});
