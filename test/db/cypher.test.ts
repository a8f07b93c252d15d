import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.ts';
import { cypherFileNames, registeredQueryNames } from '../../server/db/cypher.ts';

/** Every TypeScript module under these folders is loaded, so every defineQueries call runs. */
const MODULE_ROOTS = ['server', path.join('test', 'support')];

function sources(): string[] {
  return MODULE_ROOTS.flatMap((root) =>
    readdirSync(path.join(PROJECT_ROOT, root), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
      .map((entry) => path.join(entry.parentPath, entry.name)),
  ).sort();
}

/** Benchmark scripts run when loaded, so their defineQueries calls are read from the source instead. */
const isScript = (file: string) => file.endsWith('.bench.ts');

function namesDeclaredIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/defineQueries\(([^)]*)\)/g)].flatMap((call) => [...call[1]!.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]!));
}

describe('cypher/ files', () => {
  it('cypher/ holds exactly the statements the code uses: every file used, every used name a file', async () => {
    const files = sources();
    for (const file of files.filter((f) => !isScript(f))) await import(pathToFileURL(file).href);
    const used = [...new Set([...registeredQueryNames(), ...files.filter(isScript).flatMap(namesDeclaredIn)])].sort();
    const cypher = cypherFileNames();
    expect(cypher.filter((name) => !used.includes(name)), 'files no module uses').toEqual([]);
    expect(used.filter((name) => !cypher.includes(name)), 'names without a file').toEqual([]);
  });
});
