import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { POLICY, type PolicyRow, UNDOCUMENTED, expressPath, findRule, policyMarkdown, withoutContactDetails } from '../../server/auth/policy.ts';
import { PROJECT_ROOT } from '../../server/config.ts';
import { openApiDocument } from '../../server/openapi.ts';
import { testDatabase } from '../support/db.ts';

interface RouteLayer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouteLayer[] };
}

/** Every method + path the Express app answers under /api, read from its router stack. */
function appRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: RouteLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) out.push(`${method} ${prefix}${layer.route.path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: RouteLayer[] } }).router.stack, '');
  return [...new Set(out.filter((r) => r.includes(' /api/')))].sort();
}

const key = (row: Pick<PolicyRow, 'method' | 'path'>) => `${row.method} ${row.path}`;

describe('the access policy', () => {
  it('POLICY has one row per route of the OpenAPI document and no other', () => {
    const documented = Object.entries(openApiDocument().paths ?? {}).flatMap(([p, methods]) => Object.keys(methods as object).map((m) => `${m} ${p}`));
    const rows = POLICY.map(key);
    expect(new Set(rows).size, 'duplicate rows').toBe(rows.length);
    expect(documented.filter((r) => !rows.includes(r)), 'documented routes without a row').toEqual([]);
    expect(rows.filter((r) => !documented.includes(r) && !UNDOCUMENTED.has(r)), 'rows for routes the document lacks').toEqual([]);
  });

  it('POLICY has a row for every route the app registers under /api', async () => {
    const db = await testDatabase();
    const app = createApp({ db });
    await db.close();
    const rows = POLICY.map((r) => `${r.method} ${expressPath(r.path)}`);
    const routes = appRoutes(app);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !rows.includes(r)), 'routes without a row').toEqual([]);
  });

  it('README states the policy table as its access matrix', () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(readme, `README.md should contain:\n${policyMarkdown()}`).toContain(policyMarkdown());
  });

  it('findRule matches methods, path parameters, case and a trailing slash as Express does, and nothing else', () => {
    expect(findRule('GET', '/api/candidates/c1')?.path).toBe('/api/candidates/{id}');
    expect(findRule('HEAD', '/api/candidates/c1')?.path).toBe('/api/candidates/{id}');
    expect(findRule('GET', '/API/Candidates/c1/')?.path).toBe('/api/candidates/{id}');
    expect(findRule('GET', '/api/candidates/c1/pivot')?.path).toBe('/api/candidates/{id}/pivot');
    expect(findRule('DELETE', '/api/hubs')).toBeUndefined();
    expect(findRule('GET', '/api/candidates')).toBeUndefined();
    expect(findRule('GET', '/api/candidates/a/b/c')).toBeUndefined();
    expect(findRule('GET', '/api/health/../users')).toBeUndefined();
  });

  it('withoutContactDetails blanks contact fields at any depth and keeps everything else', () => {
    const body = { id: 'c1', email: 'a@b.example', nested: [{ profileUrl: 'https://x', name: 'Ada', phone: '+44' }], count: 2 };
    expect(withoutContactDetails(body)).toEqual({ id: 'c1', email: null, nested: [{ profileUrl: null, name: 'Ada', phone: null }], count: 2 });
    expect(body.email).toBe('a@b.example');
  });

  it('withoutContactDetails returns an answer without contact fields as it is, and copies only the path to one', () => {
    const clean = { items: [{ id: 'c1', props: { name: 'Ada' } }], total: 1 };
    expect(withoutContactDetails(clean)).toBe(clean);
    const body = { items: [{ id: 'c1', props: { email: 'a@b.example' } }, { id: 'c2' }], other: { n: 1 } };
    const blanked = withoutContactDetails(body) as typeof body;
    expect(blanked).toEqual({ items: [{ id: 'c1', props: { email: null } }, { id: 'c2' }], other: { n: 1 } });
    expect(body.items[0]!.props!.email).toBe('a@b.example');
    expect(blanked.items).not.toBe(body.items);
    expect(blanked.other).toBe(body.other);
    expect(blanked.items[1]).toBe(body.items[1]);
  });
});
