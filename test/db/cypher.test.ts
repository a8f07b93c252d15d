import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.ts';
import { cypherFileNames, registeredQueryNames } from '../../server/db/cypher.ts';

function typescriptUnder(folder: string): string[] {
  return readdirSync(path.join(PROJECT_ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const under = (folder: string) => (file: string) => file.startsWith(path.join(PROJECT_ROOT, folder) + path.sep);

/**
 * Modules are loaded, so every defineQueries call runs. Files that act when
 * loaded (benchmark scripts in server/bench/, test files) are read instead:
 * the names their defineQueries calls list.
 */
function namesDeclaredIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/defineQueries\(([^)]*)\)/g)].flatMap((call) => [...call[1]!.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]!));
}

describe('cypher/ files', () => {
  it('cypher/ holds exactly the statements the code uses: every file used, every used name a file', async () => {
    const modules = [...typescriptUnder('server').filter((f) => !under(path.join('server', 'bench'))(f)), ...typescriptUnder(path.join('test', 'support'))];
    const scripts = [...typescriptUnder(path.join('server', 'bench')), ...typescriptUnder('test').filter((f) => !under(path.join('test', 'support'))(f))];
    for (const file of modules) await import(pathToFileURL(file).href);
    const used = [...new Set([...registeredQueryNames(), ...scripts.flatMap(namesDeclaredIn)])].sort();
    const cypher = cypherFileNames();
    expect(cypher.filter((name) => !used.includes(name)), 'files no module uses').toEqual([]);
    expect(used.filter((name) => !cypher.includes(name)), 'names without a file').toEqual([]);
  });
});
