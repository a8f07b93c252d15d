import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.ts';
import { compactCypher, cypherFileNames, cypherSource, loadCypher, queryTitle, registeredQueryNames } from '../../server/db/cypher.ts';

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

  it('a statement is sent without its comments and indentation, and keeps every line of Cypher', () => {
    expect(compactCypher('// What it does.\n  MATCH (c:Candidate {id: $id})\n\n  // why\n  RETURN c.url AS url, \'https://x\' AS site\n')).toBe(
      "MATCH (c:Candidate {id: $id})\nRETURN c.url AS url, 'https://x' AS site",
    );
    for (const name of cypherFileNames()) {
      const source = cypherSource(name);
      const sent = loadCypher(name);
      expect(sent, name).not.toMatch(/^\s*\/\//m);
      // The Cypher itself is unchanged: the same words, in the same order, as in the file's lines that are not comments.
      const words = (text: string) =>
        text
          .split('\n')
          .filter((line) => !/^\s*\/\//.test(line))
          .join(' ')
          .split(/\s+/)
          .filter((word) => word.length > 0);
      expect(words(sent), name).toEqual(words(source));
      expect(sent.length, name).toBeLessThanOrEqual(source.length);
      expect(queryTitle(sent), name).toBe(/^\/\/ ?(.+)$/m.exec(source)?.[1]?.trim());
    }
  });

  it('no string literal in a statement spans two lines, which trimming each line would change', () => {
    for (const name of cypherFileNames()) {
      const lines = cypherSource(name).split('\n').filter((line) => !line.trim().startsWith('//'));
      lines.forEach((line, i) => {
        const unescaped = line.replace(/\\./g, '');
        for (const quote of ["'", '"', '`']) {
          expect(unescaped.split(quote).length % 2, `${name}.cypher line ${i + 1}: an unclosed ${quote}`).toBe(1);
        }
      });
    }
  });
});
