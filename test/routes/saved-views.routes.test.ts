import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { type Agent, authedAgent } from '../support/app.ts';
import { clearGraph, testDatabase } from '../support/db.ts';

const NOW = new Date('2026-02-02T09:30:00Z');

describe('saved views API', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await testDatabase();
    app = createApp({ db, clock: () => NOW });
  });
  let sourcer: Agent;
  let viewer: Agent;
  beforeEach(async () => {
    await clearGraph(db);
    // Tokens live in the graph, so each test signs in after clearing it.
    sourcer = await authedAgent(app, db, 'sourcer');
    viewer = await authedAgent(app, db, 'viewer');
  });
  afterAll(async () => {
    await db.close();
  });

  it('POST /api/saved-views stores a named URL that GET /api/saved-views lists', async () => {
    const created = await sourcer.post('/api/saved-views').send({ name: 'Munich seniors', url: '/map?hub=munich&seniority=senior' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Munich seniors',
      url: '/map?hub=munich&seniority=senior',
      createdAt: '2026-02-02T09:30:00Z',
      updatedAt: '2026-02-02T09:30:00Z',
    });
    const listed = await sourcer.get('/api/saved-views');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ items: [created.body] });
  });

  it('POST /api/saved-views under an existing name replaces the URL and keeps the id', async () => {
    const first = await sourcer.post('/api/saved-views').send({ name: 'Pool', url: '/map?hub=oxford' });
    const again = await sourcer.post('/api/saved-views').send({ name: '  Pool ', url: '/map?hub=paris' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, name: 'Pool', url: '/map?hub=paris' });
    const listed = await sourcer.get('/api/saved-views');
    expect(listed.body.items).toHaveLength(1);
  });

  it('GET /api/saved-views orders views by name, ignoring case', async () => {
    for (const name of ['beta', 'Alpha', 'gamma']) await sourcer.post('/api/saved-views').send({ name, url: `/flows?hub=${name}` });
    const listed = await sourcer.get('/api/saved-views');
    expect(listed.body.items.map((v: { name: string }) => v.name)).toEqual(['Alpha', 'beta', 'gamma']);
  });

  it('POST /api/saved-views rejects a URL to another site, naming the field', async () => {
    for (const url of ['https://evil.example/map', '//evil.example/map', 'javascript:alert(1)', '/\\evil.example', '/map?x=a b']) {
      const res = await sourcer.post('/api/saved-views').send({ name: 'x', url });
      expect(res.status, url).toBe(400);
      expect(res.body.error.details[0].field).toBe('body.url');
    }
    expect((await sourcer.get('/api/saved-views')).body.items).toEqual([]);
  });

  it('POST /api/saved-views rejects an empty name and unknown fields', async () => {
    const empty = await sourcer.post('/api/saved-views').send({ name: '   ', url: '/map' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('Invalid body.name: must not be empty');
    const extra = await sourcer.post('/api/saved-views').send({ name: 'x', url: '/map', owner: 'me' });
    expect(extra.status).toBe(400);
  });

  it('DELETE /api/saved-views/:id removes the view, and a second delete is a 404', async () => {
    const created = await sourcer.post('/api/saved-views').send({ name: 'Flows', url: '/flows?hub=munich' });
    const removed = await sourcer.delete(`/api/saved-views/${created.body.id}`);
    expect(removed.status).toBe(204);
    expect((await sourcer.get('/api/saved-views')).body.items).toEqual([]);
    const again = await sourcer.delete(`/api/saved-views/${created.body.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('not_found');
  });

  it('POST /api/saved-views needs the sourcer role; a viewer may list the saved views', async () => {
    await sourcer.post('/api/saved-views').send({ name: 'Shared', url: '/flows' });
    const refused = await viewer.post('/api/saved-views').send({ name: 'Mine', url: '/map' });
    expect(refused.status).toBe(403);
    const listed = await viewer.get('/api/saved-views');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((v: { name: string }) => v.name)).toEqual(['Shared']);
  });

  it('GET /api/openapi.json documents the saved-views paths', async () => {
    const doc = await sourcer.get('/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/saved-views', '/api/saved-views/{id}']));
    expect(Object.keys(doc.body.paths['/api/saved-views'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.body.paths['/api/saved-views/{id}'])).toEqual(['delete']);
  });
});
