import { describe, expect, it } from 'vitest';
import { cypherFileNames, loadCypher } from '../../server/db/cypher.ts';
import { INSTALLATION_LABELS, WORLD_LABELS } from '../../server/db/labels.ts';

/** The statement without its comment lines, as it is sent. */
const statement = loadCypher;

/** Node labels a statement names: `(n:Label`, `(:Label`, `n:A|B|C` (relationship types are upper case, so they are left out). */
function labelsIn(text: string): string[] {
  return [...text.matchAll(/[\w(]:([A-Z][a-z]\w*(?:\|[A-Z][a-z]\w*)*)(?!\w)/g)].flatMap((m) => m[1]!.split('|'));
}

describe('db labels', () => {
  it('WORLD_LABELS and INSTALLATION_LABELS share no label and cover every label a Cypher file names', () => {
    expect(WORLD_LABELS.filter((label) => (INSTALLATION_LABELS as readonly string[]).includes(label))).toEqual([]);
    const named = new Set(cypherFileNames().flatMap((name) => labelsIn(statement(name))));
    expect(named.size).toBeGreaterThan(20);
    const classified = new Set<string>([...WORLD_LABELS, ...INSTALLATION_LABELS]);
    expect([...named].filter((label) => !classified.has(label)).sort(), 'labels neither world nor installation').toEqual([]);
  });

  it('WORLD_LABELS are exactly the labels world-clear deletes and world-is-empty looks for, and neither names an installation label', () => {
    for (const name of ['world-clear', 'world-is-empty']) {
      const labels = labelsIn(statement(name));
      expect(new Set(labels), name).toEqual(new Set(WORLD_LABELS));
      expect(labels.filter((label) => (INSTALLATION_LABELS as readonly string[]).includes(label)), name).toEqual([]);
    }
  });
});
