import type { Express } from 'express';
import { type Agent, authedAgent } from '../support/app.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { CandidateProfileSchema } from '../../server/schemas/candidates.schema.ts';
import {
  type MarketMap,
  MarketMapSchema,
  PipelineEntrySchema,
  SearchDetailSchema,
  STAGES,
  SearchListSchema,
  type SearchCreateInput,
} from '../../server/schemas/searches.schema.ts';
import { transitionError } from '../../server/services/searches.service.ts';
import { testDatabase } from '../support/db.ts';
import { buildExplorerWorld } from '../support/explorer-world.ts';
import { employer, graphEdits, sector } from '../support/graph-edits.ts';
import { expectError } from '../support/http.ts';

const DAY = 86_400_000;
const OPENED = Date.parse('2026-01-01T09:00:00Z');

const mandate: SearchCreateInput = {
  title: 'Senior CV engineer, digital pathology',
  client: 'PathStart',
  hubs: ['oxford', 'munich'],
  requiredSkills: ['seg'],
  seniority: [],
  sectors: ['radiology'],
  targetEmployers: ['e-rad', 'e-auto', 'e-path', 'e-fin'],
  targetDays: 50,
};

describe('search (mandate) routes', () => {
  let db: Database;
  let app: Express;
  let api: Agent;
  let now = new Date(OPENED);
  const at = (days: number) => {
    now = new Date(OPENED + days * DAY);
  };

  beforeAll(async () => {
    db = await testDatabase();
    app = createApp({ db, clock: () => now });
  });
  beforeEach(async () => {
    await buildExplorerWorld(db);
    // Tokens live in the graph, so sign in again after it is rebuilt.
    api = await authedAgent(app, db, 'sourcer');
    at(0);
  });
  afterAll(async () => {
    await db.close();
  });

  const open = async (body: SearchCreateInput = mandate) => {
    const res = await api.post('/api/searches').send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return SearchDetailSchema.parse(res.body);
  };
  const move = async (searchId: string, candidateId: string, body: Record<string, unknown>) =>
    api.put(`/api/searches/${searchId}/candidates/${candidateId}`).send(body);
  const detail = async (id: string) => SearchDetailSchema.parse((await api.get(`/api/searches/${id}`)).body);

  it('POST /api/searches opens a mandate with its hubs, skills, sectors and target employers', async () => {
    const search = await open();
    expect(search).toMatchObject({
      title: mandate.title,
      client: 'PathStart',
      createdAt: expect.stringMatching(/^2026-01-01T09:00:00/),
      hubs: [{ id: 'munich', name: 'Munich' }, { id: 'oxford', name: 'Oxford' }],
      requiredSkills: [{ id: 'seg', name: 'Image segmentation' }],
      sectors: [{ id: 'radiology', name: 'Radiology AI' }],
      targetDays: 50,
      clock: { targetDays: 50, elapsedDays: 0, remainingDays: 50, overdue: false, firstPlacementDays: null },
      pipeline: [],
    });
    expect(search.targetEmployers.map((e) => e.id)).toEqual(['e-auto', 'e-fin', 'e-path', 'e-rad']);
    at(1);
    const list = SearchListSchema.parse((await api.get('/api/searches')).body);
    expect(list.items.map((s) => s.id)).toEqual([search.id]);
    expect(list.items[0]!.clock.elapsedDays).toBe(1);
  });

  it('PUT /api/searches/:id/candidates/:candidateId moves a candidate forward and keeps time in each stage', async () => {
    const search = await open();
    at(1);
    const added = await move(search.id, 'c1', { stage: 'identified' });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(PipelineEntrySchema.parse(added.body)).toMatchObject({ candidateId: 'c1', candidateName: 'Ada', stage: 'identified', daysInStage: 0 });
    at(3);
    expect((await move(search.id, 'c1', { stage: 'contacted', note: 'InMail sent' })).status).toBe(200);
    expect((await move(search.id, 'c9', { stage: 'screening' })).status).toBe(200);

    at(10);
    const body = await detail(search.id);
    expect(body.clock).toMatchObject({ elapsedDays: 10, remainingDays: 40, overdue: false });
    expect(body.stageCounts).toMatchObject({ contacted: 1, screening: 1, identified: 0 });
    const ada = body.pipeline.find((e) => e.candidateId === 'c1')!;
    expect(ada).toMatchObject({ stage: 'contacted', daysInStage: 7, note: 'InMail sent' });
    expect(ada.history.map((h) => [h.stage, h.days, h.note])).toEqual([
      ['identified', 2, null],
      ['contacted', 7, 'InMail sent'],
    ]);

    // A note alone changes no stage and starts no new clock.
    at(11);
    const noted = PipelineEntrySchema.parse((await move(search.id, 'c1', { stage: 'contacted', note: 'Replied on LinkedIn' })).body);
    expect(noted).toMatchObject({ stage: 'contacted', daysInStage: 8, note: 'Replied on LinkedIn' });
    expect(noted.history).toHaveLength(2);

    const profile = CandidateProfileSchema.parse((await api.get('/api/candidates/c1')).body);
    expect(profile.pipeline).toEqual([
      { searchId: search.id, title: mandate.title, client: 'PathStart', stage: 'contacted', stageSince: expect.any(String), daysInStage: 8 },
    ]);
  });

  it('PUT /api/searches/:id/candidates/:candidateId refuses to move back or out of a final stage, and reopens a declined one', async () => {
    const search = await open();
    await move(search.id, 'c1', { stage: 'contacted' });
    const back = await move(search.id, 'c1', { stage: 'identified' });
    expectError(back, 409, 'body.stage');
    expect(back.body.error.message).toContain('back');

    expect((await move(search.id, 'c1', { stage: 'declined', note: 'Not now' })).status).toBe(200);
    expect((await move(search.id, 'c1', { stage: 'replied' })).status).toBe(200);

    at(20);
    expect((await move(search.id, 'c9', { stage: 'placed' })).status).toBe(200);
    expectError(await move(search.id, 'c9', { stage: 'offer' }), 409, 'final');
    expect((await move(search.id, 'c2', { stage: 'off-limits' })).status).toBe(200);
    expectError(await move(search.id, 'c2', { stage: 'contacted' }), 409, 'final');

    at(60);
    const body = await detail(search.id);
    expect(body.clock).toMatchObject({ elapsedDays: 60, remainingDays: -10, firstPlacementDays: 20, overdue: false });
    expect(body.stageCounts).toMatchObject({ replied: 1, placed: 1, 'off-limits': 1 });
    expect(body.pipeline.find((e) => e.candidateId === 'c1')!.history.map((h) => h.stage)).toEqual(['contacted', 'declined', 'replied']);
  });

  it('GET /api/searches/:id/market-map groups target employers by sector × hub with people, stages and coverage', async () => {
    const search = await open();
    await move(search.id, 'c1', { stage: 'contacted' });
    await move(search.id, 'c9', { stage: 'screening' });
    at(4);
    const res = await api.get(`/api/searches/${search.id}/market-map`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const map = MarketMapSchema.parse(res.body);
    expect(map.cells.map((c) => `${c.sector.id}@${c.hub.id}`)).toEqual([
      'automotive@munich',
      'automotive@oxford',
      'pathology@oxford',
      'radiology@munich',
      'radiology@oxford',
    ]);
    const cell = (key: string) => map.cells.find((c) => `${c.sector.id}@${c.hub.id}` === key)!;
    expect(cell('radiology@munich')).toMatchObject({
      counts: { employers: 1, people: 2, inPipeline: 1, byStage: { screening: 1 } },
      coverage: 0.5,
    });
    expect(cell('radiology@munich').employers[0]!.candidates.map((c) => [c.id, c.stage, c.daysInStage])).toEqual([
      ['c9', 'screening', 4],
      ['c7', null, null],
    ]);
    expect(cell('radiology@oxford')).toMatchObject({ counts: { people: 1, inPipeline: 1, byStage: { contacted: 1 } }, coverage: 1 });
    expect(cell('automotive@oxford').employers[0]).toMatchObject({ id: 'e-auto', people: 1, inPipeline: 0, coverage: 0 });
    expect(cell('automotive@munich').counts.people).toBe(0);
    expect(map.unplaced).toEqual([{ id: 'e-fin', name: 'FinBank' }]);
    expect(map.totals).toEqual({ employers: 3, people: 4, inPipeline: 2, coverage: 0.5 });
  });

  it('GET /api/searches/:id/market-map shows an employer in two sectors under the search’s sector only, and counts its people once', async () => {
    await graphEdits.link(db, employer('e-auto'), 'IN_SECTOR', sector('radiology'));
    const keys = (map: MarketMap) => map.cells.flatMap((c) => c.employers.map((e) => `${e.id}:${c.sector.id}@${c.hub.id}`)).sort();

    const covering = MarketMapSchema.parse((await api.get(`/api/searches/${(await open()).id}/market-map`)).body);
    expect(keys(covering)).toEqual([
      'e-auto:radiology@munich',
      'e-auto:radiology@oxford',
      'e-path:pathology@oxford',
      'e-rad:radiology@munich',
      'e-rad:radiology@oxford',
    ]);
    expect(covering.totals).toMatchObject({ employers: 3, people: 4 });

    // A search that names no sector shows the employer under both of its sectors, with its people counted once.
    const open2 = MarketMapSchema.parse((await api.get(`/api/searches/${(await open({ ...mandate, sectors: [] })).id}/market-map`)).body);
    expect(keys(open2)).toEqual([
      'e-auto:automotive@munich',
      'e-auto:automotive@oxford',
      'e-auto:radiology@munich',
      'e-auto:radiology@oxford',
      'e-path:pathology@oxford',
      'e-rad:radiology@munich',
      'e-rad:radiology@oxford',
    ]);
    const cellPeople = open2.cells.reduce((n, c) => n + c.counts.people, 0);
    expect(cellPeople).toBe(5);
    expect(open2.totals).toMatchObject({ employers: 3, people: 4 });
  });

  it('GET /api/searches/:id/market-map keeps only people at the search’s seniority, unless in the pipeline', async () => {
    const search = await open({ ...mandate, seniority: ['mid'] });
    await move(search.id, 'c9', { stage: 'identified' });
    const map = MarketMapSchema.parse((await api.get(`/api/searches/${search.id}/market-map`)).body);
    const munich = map.cells.find((c) => c.sector.id === 'radiology' && c.hub.id === 'munich')!;
    expect(munich.employers[0]!.candidates.map((c) => c.id)).toEqual(['c9']);
  });

  it('POST /api/searches rejects unknown ids naming the field and value, and malformed bodies', async () => {
    const unknown = await api.post('/api/searches').send({ ...mandate, targetEmployers: ['e-rad', 'e-ghost'] });
    expectError(unknown, 400, 'body.targetEmployers');
    expect(unknown.body.error.message).toContain('e-ghost');
    expectError(await api.post('/api/searches').send({ ...mandate, hubs: ['atlantis'] }), 400, 'body.hubs');
    expectError(await api.post('/api/searches').send({ ...mandate, title: '' }), 400, 'body.title');
    expectError(await api.post('/api/searches').send({ ...mandate, title: 't'.repeat(201) }), 400, 'body.title');
    expectError(await api.post('/api/searches').send({ ...mandate, targetDays: '50' }), 400, 'body.targetDays');
    expectError(await api.post('/api/searches').send({ ...mandate, targetDays: 0 }), 400, 'body.targetDays');
    expectError(await api.post('/api/searches').send({ ...mandate, hubs: 'oxford' }), 400, 'body.hubs');
    expectError(await api.post('/api/searches').send({ ...mandate, seniority: ['guru'] }), 400, 'body.seniority');
    expectError(await api.post('/api/searches').send({ ...mandate, owner: 'me' }), 400, 'owner');
    expectError(await api.post('/api/searches').set('content-type', 'application/json').send('{"title":'), 400);
    expectError(await api.post('/api/searches').send([mandate]), 400);
    expect(SearchListSchema.parse((await api.get('/api/searches')).body).items).toEqual([]);
  });

  it('PUT /api/searches/:id/candidates/:candidateId judges concurrent moves of one entry one after another', async () => {
    // Every history must be a sequence one client could have produced, dated in order, ending at the entry's stage.
    const expectLegalHistories = async (searchId: string, label: string) => {
      for (const entry of (await detail(searchId)).pipeline) {
        const stages = entry.history.map((h) => h.stage);
        const path = `${label}, ${entry.candidateId}: ${stages.join(' → ')}`;
        for (let i = 1; i < stages.length; i++) {
          expect(stages[i], path).not.toBe(stages[i - 1]);
          expect(transitionError(stages[i - 1]!, stages[i]!), path).toBeUndefined();
        }
        expect(entry.stage, path).toBe(stages.at(-1));
        const dates = entry.history.map((h) => h.at);
        expect(dates, path).toEqual([...dates].sort());
      }
    };

    // From identified, placed (final) and contacted sent at once: whatever wins, placed is never left.
    const search = await open();
    for (const candidate of ['c1', 'c2', 'c9']) {
      expect((await move(search.id, candidate, { stage: 'identified' })).status).toBe(200);
      const stages = ['placed', 'contacted', 'placed', 'contacted', 'placed', 'contacted'];
      const statuses = (await Promise.all(stages.map((stage) => move(search.id, candidate, { stage })))).map((r) => r.status);
      expect(statuses.every((status) => status === 200 || status === 409), statuses.join()).toBe(true);
    }
    await expectLegalHistories(search.id, 'placed/contacted');
    expect((await detail(search.id)).pipeline.map((e) => e.stage)).toEqual(['placed', 'placed', 'placed']);

    // Random stages, new entries included, in several rounds (seeded, so a failure repeats).
    let seed = 7;
    const pick = () => STAGES[(seed = (seed * 48_271) % 2_147_483_647) % STAGES.length]!;
    const second = await open({ ...mandate, title: 'Second mandate' });
    for (let round = 0; round < 4; round++) {
      const moves = ['c1', 'c2', 'c9'].flatMap((candidate) => Array.from({ length: 5 }, () => ({ candidate, stage: pick() })));
      const responses = await Promise.all(moves.map(({ candidate, stage }) => move(second.id, candidate, { stage })));
      responses.forEach((res, i) => expect([200, 409], `${moves[i]!.candidate} → ${moves[i]!.stage}: ${JSON.stringify(res.body)}`).toContain(res.status));
      await expectLegalHistories(second.id, `round ${round}`);
    }
  });

  it('POST /api/searches and PUT …/candidates/:candidateId refuse control and text-direction characters, naming the field', async () => {
    const bad = ['a\u0000b', 'bell\u0007', '\u202Eevil', 'x\u2066y\u2069', 'esc\u001b[31m', 'c1\u0085', 'del\u007f'];
    for (const text of bad) {
      expectError(await api.post('/api/searches').send({ ...mandate, title: text }), 400, 'body.title');
      expectError(await api.post('/api/searches').send({ ...mandate, client: text }), 400, 'body.client');
    }
    const search = await open();
    for (const note of [...bad, 'tab\tok\u000bvertical', 'form\u000cfeed']) {
      expectError(await move(search.id, 'c1', { stage: 'identified', note }), 400, 'body.note');
    }
    const multiline = 'Called twice.\r\nLeft a message:\n\t“call back Monday”';
    const noted = await move(search.id, 'c1', { stage: 'identified', note: multiline });
    expect(noted.status, JSON.stringify(noted.body)).toBe(200);
    expect(noted.body.note).toBe(multiline);
    expect((await detail(search.id)).pipeline.map((e) => e.note)).toEqual([multiline]);
    expectError(await api.post('/api/searches').send({ ...mandate, title: 'two\nlines' }), 400, 'control character (U+000A)');
  });

  it('POST /api/searches stores a Cypher-looking title as plain text', async () => {
    const title = "x'}) MATCH (n) DETACH DELETE n //";
    const search = await open({ ...mandate, title });
    expect((await detail(search.id)).title).toBe(title);
    expect((await api.get('/api/candidates/c1')).status).toBe(200);
  });

  it('PUT /api/searches/:id/candidates/:candidateId rejects unknown searches, candidates and stages', async () => {
    const search = await open();
    expectError(await move('no-such-search', 'c1', { stage: 'contacted' }), 404, 'no-such-search');
    expectError(await move(search.id, 'nobody', { stage: 'contacted' }), 404, 'nobody');
    expectError(await move(search.id, 'c1', { stage: 'hired' }), 400, 'body.stage');
    expectError(await move(search.id, 'c1', {}), 400, 'body.stage');
    expectError(await move(search.id, 'c1', { stage: 'contacted', note: 'n'.repeat(2001) }), 400, 'body.note');
    expectError(await move(search.id, 'c1', { stage: ['contacted'] }), 400, 'body.stage');
    expectError(await api.get('/api/searches/no-such-search'), 404, 'no-such-search');
    expectError(await api.get('/api/searches/no-such-search/market-map'), 404, 'no-such-search');
    expect((await detail(search.id)).pipeline).toEqual([]);
  });
});
