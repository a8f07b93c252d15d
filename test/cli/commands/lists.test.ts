import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../../server/db/neo4j.ts';
import { weekOf } from '../../../server/domain/iso-week.ts';
import { testDatabase } from '../../support/db.ts';
import { buildExplorerWorld } from '../../support/explorer-world.ts';
import { runAtlas } from '../run.ts';

describe('atlas list, snapshot, export, schedule', () => {
  let db: Database;
  let env: NodeJS.ProcessEnv;
  const week = weekOf(new Date());
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    const { uri, password } = inject('neo4j');
    env = { NEO4J_URI: uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: password };
  });
  afterAll(async () => {
    await db.close();
  });

  function createList(args: string[]): string {
    const created = runAtlas(['list', 'create', ...args], env);
    expect(created.status, created.stderr).toBe(0);
    return created.stdout.trim();
  }

  it('atlas list create saves a pool list and atlas list ls --json shows it', () => {
    const id = createList(['--name', 'Oxford seniors', '--hub', 'oxford', '--seniority', 'senior,lead', '--passive-only']);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const ls = runAtlas(['list', 'ls', '--json'], env);
    expect(ls.status).toBe(0);
    const list = (JSON.parse(ls.stdout) as { items: { id: string; filters: unknown; createdBy: string }[] }).items.find((l) => l.id === id);
    expect(list).toMatchObject({ filters: { seniority: ['senior', 'lead'], passiveOnly: true }, createdBy: expect.stringMatching(/^cli:/) });
  });

  it('atlas list create names the flag that is wrong and exits 2', () => {
    const noSource = runAtlas(['list', 'create', '--name', 'x'], env);
    expect(noSource.status).toBe(2);
    expect(noSource.stderr).toMatch(/--hub.*--search/);
    const badLevel = runAtlas(['list', 'create', '--name', 'x', '--hub', 'oxford', '--seniority', 'wizard'], env);
    expect(badLevel.status).toBe(2);
    expect(badLevel.stderr).toMatch(/^atlas: --seniority:/);
    const unknownHub = runAtlas(['list', 'create', '--name', 'x', '--hub', 'atlantis'], env);
    expect(unknownHub.status).toBe(2);
    expect(unknownHub.stderr).toMatch(/atlantis/);
    expect(unknownHub.stderr).not.toMatch(/\n\s+at /);
  });

  it('atlas snapshot records the week once and atlas export writes a complete CSV named after list and week', () => {
    const id = createList(['--name', 'Oxford all', '--hub', 'oxford']);
    const first = runAtlas(['snapshot', '--list', id], env);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ listId: id, week, created: true });
    const again = runAtlas(['snapshot', '--list', id, '--week', week], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: false, rows: JSON.parse(first.stdout).rows });

    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-export-'));
    const exported = runAtlas(['export', '--list', id, '--format', 'csv', '--delimiter', 'semicolon', '--out', path.join(dir, 'weekly.csv')], env);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout.trim()).toBe(path.join(dir, 'weekly.csv'));
    const rows = parse(readFileSync(path.join(dir, 'weekly.csv')), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(rows).toHaveLength(JSON.parse(first.stdout).rows);
    expect(readdirSync(dir)).toEqual(['weekly.csv']);

    const named = runAtlas(['export', '--list', id, '--format', 'json', '--out', '-'], env);
    expect(named.status).toBe(0);
    expect((JSON.parse(named.stdout) as unknown[]).length).toBe(rows.length);
  });

  it('atlas export exits non-zero naming the problem, and leaves no file, for an unknown list, a bad week, a future week or a bad format', () => {
    const id = createList(['--name', 'Munich', '--hub', 'munich']);
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-export-bad-'));
    const out = path.join(dir, 'x.csv');
    const cases: [string[], number, RegExp][] = [
      [['--list', 'no-such-list'], 1, /No target list "no-such-list"/],
      [['--list', id, '--week', '2026-48'], 2, /YYYY-Www/],
      [['--list', id, '--week', '2999-W01'], 2, /future/],
      [['--list', id, '--format', 'pdf'], 2, /--format must be one of csv, xlsx, json/],
      [['--list', id, '--week', '2020-W01'], 1, /no snapshot for 2020-W01/],
    ];
    for (const [args, status, message] of cases) {
      const res = runAtlas(['export', ...args, '--out', out], env);
      expect(res.status, args.join(' ')).toBe(status);
      expect(res.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('atlas snapshot needs --list or --all, and atlas schedule refuses a bad pattern and documents a crontab line', () => {
    expect(runAtlas(['snapshot'], env).status).toBe(2);
    const bad = runAtlas(['schedule', '--cron', '61 * * * *'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/61 \* \* \* \*/);
    const help = runAtlas(['schedule', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/crontab/);
    expect(help.stdout).toContain('npx atlas snapshot --all');
  });
});
