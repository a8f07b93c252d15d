import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCypher } from '../../server/db/cypher.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { BATCH_STATEMENTS, findCandidates, findEmployersByNormName, loadHubs, loadSkills } from '../../server/repositories/import.repository.ts';
import { clearGraph, testDatabase } from '../support/db.ts';
import { CSV_HEADER, candidateDump, importText, writeImportWorld } from '../support/import.ts';

interface PlanNode {
  operatorType: string;
  children: PlanNode[];
}

const operators = (plan: PlanNode): string[] => [plan.operatorType.split('@')[0]!, ...plan.children.flatMap(operators)];

describe('import repository', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await clearGraph(db);
    await writeImportWorld(db);
  });
  afterAll(async () => {
    await db.close();
  });

  async function plan(name: string): Promise<string[]> {
    const session = db.driver.session({ database: db.database });
    try {
      const result = await session.run(`EXPLAIN ${loadCypher(name)}`);
      return operators(result.summary.plan as unknown as PlanNode);
    } finally {
      await session.close();
    }
  }

  it('import batch statements plan no Eager and no label or all-node scan, and every node MERGE seeks a uniqueness constraint', async () => {
    for (const name of BATCH_STATEMENTS) {
      const ops = await plan(name);
      expect(ops, name).not.toContain('Eager');
      expect(ops.filter((op) => /AllNodesScan|NodeByLabelScan|AllRelationshipsScan/.test(op)), name).toEqual([]);
      if (name.endsWith('-merge') && !/(based-in|works-at|worked-at|has-skill)/.test(name)) {
        expect(ops.some((op) => op.startsWith('NodeUniqueIndexSeek')), name).toBe(true);
      }
    }
  });

  it('import-*-clear statements delete the relationships they are given by element id, not expanding from candidates (which plans an Eager)', async () => {
    // On this small graph the planner may scan the type instead of seeking the ids; either way nothing is expanded.
    for (const name of ['import-based-in-clear', 'import-works-at-clear']) {
      const ops = await plan(name);
      expect(ops, name).toContain('Delete');
      expect(ops.filter((op) => /Expand|Eager/.test(op)), name).toEqual([]);
    }
  });

  it('loadHubs, loadSkills and findEmployersByNormName read what an import resolves against', async () => {
    expect((await loadHubs(db)).map((h) => h.id)).toEqual(['amsterdam', 'krakow', 'munich', 'nijmegen', 'oxford']);
    expect(await loadSkills(db)).toEqual([{ id: 'pytorch', name: 'PyTorch' }]);
    expect(await findEmployersByNormName(db, ['siemens healthineers', 'nobody'])).toEqual(new Map([['siemens healthineers', 'siemens-healthineers']]));
  });

  it('findCandidates finds each row\'s candidates by profile, email and id, in the keys\' order and by profile first, each pair once', async () => {
    await importText(db, `${CSV_HEADER}\nA,a@example.org,,,,,,,,,,,s1,consent\nB,,https://linkedin.com/in/b,,,,,,,,,,s2,consent\n`);
    const ids = new Map((await candidateDump(db)).map((c) => [c.props.name as string, c.props.id as string]));
    const [a, b] = [ids.get('A')!, ids.get('B')!];
    const found = await db.readTx((tx) =>
      findCandidates(tx, [
        { ref: 0, id: null, profileKey: 'linkedin.com/in/nobody', emailKey: 'a@example.org' },
        { ref: 1, id: a, profileKey: 'linkedin.com/in/b', emailKey: 'a@example.org' },
        { ref: 1, id: b, profileKey: null, emailKey: null },
        { ref: 2, id: 'c-unknown', profileKey: null, emailKey: 'nobody@example.org' },
      ]),
    );
    expect(found.map((f) => [f.ref, f.id])).toEqual([
      [0, a],
      [1, b],
      [1, a],
    ]);
    expect(found.every((f) => Array.isArray(f.importHashes) && f.importHashes.length === 1)).toBe(true);
    expect(await db.readTx((tx) => findCandidates(tx, []))).toEqual([]);
  });
});
