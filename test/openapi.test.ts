import { Validator } from '@seriousme/openapi-schema-validator';
import type { Express } from 'express';
import { type Agent, authedAgent } from './support/app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.ts';
import type { Database } from '../server/db/neo4j.ts';
import { testDatabase } from './support/db.ts';

interface RouteLayer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouteLayer[] };
}

/** Every method + path the Express app answers, read from its router stack. */
function appRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: RouteLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) out.push(`${method} ${prefix}${layer.route.path}`);
      } else if (layer.handle?.stack) {
        const mount = layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: RouteLayer[] } }).router.stack, '');
  return out.filter((r) => r.includes(' /api/')).sort();
}

describe('GET /api/openapi.json', () => {
  let db: Database;
  let app: Express;
  let api: Agent;
  beforeAll(async () => {
    db = await testDatabase();
    app = createApp({ db });
    api = await authedAgent(app, db, 'sourcer');
  });
  afterAll(async () => {
    await db.close();
  });

  it('GET /api/openapi.json is a valid OpenAPI 3.1 document', async () => {
    const res = await api.get('/api/openapi.json');
    expect(res.status).toBe(200);
    const result = await new Validator().validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(res.body.openapi).toBe('3.1.0');
  });

  it('GET /api/openapi.json refuses a query parameter or a body, as every route that takes none does', async () => {
    const query = await api.get('/api/openapi.json?zzz=1');
    expect(query.status).toBe(400);
    expect(query.body.error.details).toEqual([expect.objectContaining({ field: 'query.zzz' })]);
    const body = await api.get('/api/openapi.json').set('Content-Type', 'application/json').send('{"a":1}');
    expect(body.status).toBe(400);
    expect(body.body.error.details[0].field).toMatch(/^body/);
  });

  it('GET /api/openapi.json documents every route the app registers', async () => {
    const res = await api.get('/api/openapi.json');
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m} ${p.replace(/\{(\w+)\}/g, ':$1')}`))
      .sort();
    // The document does not describe itself.
    const routes = appRoutes(app).filter((r) => r !== 'get /api/openapi.json');
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !documented.includes(r)), 'routes missing from the document').toEqual([]);
    expect(documented.filter((r) => !routes.includes(r)), 'documented routes the app lacks').toEqual([]);
  });

  it('every operation that takes a JSON body documents the 415 a body of another type gets, and answers it', async () => {
    const res = await api.get('/api/openapi.json');
    const withBody = Object.entries(res.body.paths as Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>).flatMap(
      ([p, methods]) => Object.entries(methods).filter(([, op]) => op.requestBody).map(([m, op]) => ({ route: `${m} ${p}`, op })),
    );
    expect(withBody.length).toBeGreaterThan(3);
    for (const { route, op } of withBody) {
      // POST /api/import reads CSV, JSON and xlsx itself, and documents its own 415.
      expect(op.responses['415'], route).toMatchObject({ content: { 'application/json': expect.anything() } });
    }
    const refused = await api.post('/api/saved-views').set('Content-Type', 'text/plain').send('name=x');
    expect(refused.status).toBe(415);
  });
});
