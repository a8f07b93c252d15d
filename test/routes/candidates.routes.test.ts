import type { Express } from 'express';
import { type Agent, authedAgent, useWorld } from '../support/app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { CandidateProfileSchema, PivotResponseSchema } from '../../server/schemas/candidates.schema.ts';
import { testDatabase } from '../support/db.ts';
import { date } from '../support/graph.ts';
import { TODAY, buildExplorerWorld } from '../support/explorer-world.ts';
import { expectError } from '../support/http.ts';

describe('candidate routes', () => {
  let db: Database;
  let app: Express;
  let api: Agent;
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    app = createApp({ db, clock: () => TODAY });
    api = await authedAgent(app, db, 'sourcer');
  });
  afterAll(async () => {
    await db.close();
  });

  it('GET /api/candidates/:id gives the career, skills with evidence, segment and hub', async () => {
    const res = await api.get('/api/candidates/c2');
    expect(res.status).toBe(200);
    const body = CandidateProfileSchema.parse(res.body);
    expect(body).toMatchObject({ id: 'c2', name: 'Ben', seniority: 'senior', segment: 'adjacent-sector', passive: false, openToWork: true });
    expect(body.hub).toEqual({ id: 'oxford', name: 'Oxford', distanceKm: 20 });
    expect(body.career).toEqual([
      {
        employerId: 'e-auto',
        employerName: 'AutoDrive',
        employerKind: 'company',
        title: 'Perception Engineer',
        from: '2016-01-01',
        to: null,
        current: true,
        sectors: [{ id: 'automotive', name: 'Automotive', target: false }],
      },
      {
        employerId: 'e-robo',
        employerName: 'RoboWorks',
        employerKind: 'company',
        title: 'Engineer',
        from: '2012-01-01',
        to: '2015-12-31',
        current: false,
        sectors: [{ id: 'robotics', name: 'Robotics', target: false }],
      },
    ]);
    expect(body.skills).toEqual([
      { id: 'seg', name: 'Image segmentation', group: 'core', evidence: ['self'] },
      { id: 'pytorch', name: 'PyTorch', group: 'core', evidence: ['job'] },
    ]);
    expect(body.location?.latitude).toBeGreaterThan(51.9);
    expect(body.pipeline).toEqual([]);
  });

  it('GET /api/candidates/:id lists publications with their fields', async () => {
    const body = CandidateProfileSchema.parse((await api.get('/api/candidates/c4')).body);
    expect(body.segment).toBe('academic');
    expect(body.publications).toEqual([
      { id: 'pub1', title: 'Lesion segmentation', year: 2023, venue: 'MIDL', fields: [{ id: 'radiology', name: 'Radiology AI', target: true }] },
    ]);
  });

  it('GET /api/candidates/:id/pivot gives each pivot with shared skills, former colleagues and feeder employers', async () => {
    const res = await api.get('/api/candidates/c2/pivot');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = PivotResponseSchema.parse(res.body);
    expect(body.candidate).toEqual({ id: 'c2', name: 'Ben', segment: 'adjacent-sector' });
    expect(body.pivots.map((p) => `${p.from.id}>${p.to.id}:${p.weight}`)).toEqual([
      'automotive>radiology:0.6',
      'robotics>radiology:0.4',
      'automotive>pathology:0.3',
    ]);
    const [autoRad, roboRad, autoPath] = body.pivots;

    // Gus moved from AutoDrive to RadAI and shares both of Ben's skills.
    expect(autoRad!.via).toEqual([{ id: 'e-auto', name: 'AutoDrive' }]);
    expect(autoRad!.sharedSkills.map((s) => [s.skill.id, s.movers])).toEqual([
      ['pytorch', 1],
      ['seg', 1],
    ]);
    const skillPath = autoRad!.sharedSkills[0]!.path;
    expect(skillPath.nodes.map((n) => n.key).sort()).toEqual(
      ['candidate:c2', 'skill:pytorch', 'candidate:c7', 'employer:e-auto', 'employer:e-rad', 'sector:automotive', 'sector:radiology'].sort(),
    );
    expect(skillPath.links).toContainEqual({ source: 'candidate:c7', target: 'employer:e-rad', type: 'WORKS_AT', props: {} });
    expect(autoRad!.formerColleagues).toMatchObject([{ colleague: { id: 'c7', name: 'Gus' }, employer: { id: 'e-auto' }, movedTo: { id: 'e-rad' } }]);
    expect(autoRad!.feederEmployers).toMatchObject([{ employer: { id: 'e-auto' }, movers: 1 }]);

    // Ivy moved from RoboWorks to RadAI, but after Ben had left, and shares no skill with him.
    expect(roboRad!.sharedSkills).toEqual([]);
    expect(roboRad!.formerColleagues).toEqual([]);
    expect(roboRad!.feederEmployers).toMatchObject([{ employer: { id: 'e-robo' }, movers: 1 }]);

    // Hal overlapped with Ben at AutoDrive and went to PathCo.
    expect(autoPath!.formerColleagues).toMatchObject([{ colleague: { id: 'c8' }, movedTo: { id: 'e-path' } }]);
    for (const pivot of body.pivots) {
      for (const item of [...pivot.sharedSkills, ...pivot.formerColleagues, ...pivot.feederEmployers]) {
        const keys = new Set(item.path.nodes.map((n) => n.key));
        for (const link of item.path.links) expect(keys.has(link.source) && keys.has(link.target)).toBe(true);
      }
    }
  });

  it('GET /api/candidates/:id/pivot narrows to one target sector', async () => {
    const body = PivotResponseSchema.parse((await api.get('/api/candidates/c2/pivot').query({ target: 'pathology' })).body);
    expect(body.pivots.map((p) => p.to.id)).toEqual(['pathology']);
  });

  it('GET /api/candidates/:id/pivot has no pivots for someone already in a target sector', async () => {
    const body = PivotResponseSchema.parse((await api.get('/api/candidates/c1/pivot')).body);
    expect(body.candidate.segment).toBe('target-sector');
    expect(body.pivots).toEqual([]);
  });

  it('GET /api/candidates/:id rejects unknown and malformed ids', async () => {
    expectError(await api.get('/api/candidates/nobody'), 404, 'nobody');
    expectError(await api.get('/api/candidates/nobody/pivot'), 404, 'nobody');
    expectError(await api.get(`/api/candidates/${'c'.repeat(129)}`), 400, 'params.id');
    expectError(await api.get('/api/candidates/c2/pivot').query({ target: 'mining' }), 400, 'query.target');
    expectError(await api.get('/api/candidates/c2/pivot').query({ limit: '51' }), 400, 'query.limit');
  });
});

describe('GET /api/candidates/:id/pivot with past jobs that have no end date', () => {
  // Ben has been at AutoDrive since 2016. Two more people left AutoDrive on a day nobody wrote
  // down: Olga when she joined RadAI in 2014, before Ben came; Pia when she joined PathCo in 2018.
  const world = useWorld(
    (db) =>
      buildExplorerWorld(db, (g) => {
        g.node('Candidate', { id: 'c23', name: 'Olga' })
          .rel('c23', 'WORKED_AT', 'e-auto', { title: 'Engineer', from: date('2012-01-01') })
          .rel('c23', 'WORKS_AT', 'e-rad', { title: 'Engineer', since: date('2014-01-01') });
        g.node('Candidate', { id: 'c24', name: 'Pia' })
          .rel('c24', 'WORKED_AT', 'e-auto', { title: 'Engineer', from: date('2015-01-01') })
          .rel('c24', 'WORKS_AT', 'e-path', { title: 'Engineer', since: date('2018-01-01') });
      }),
    () => TODAY,
  );

  it('GET /api/candidates/:id/pivot counts as a former colleague only someone whose job, ended by their next one, overlapped', async () => {
    const body = PivotResponseSchema.parse((await world.api.get('/api/candidates/c2/pivot')).body);
    const colleagues = (from: string, to: string) => body.pivots.find((p) => p.from.id === from && p.to.id === to)!.formerColleagues.map((c) => c.colleague.id);
    // Olga left (for RadAI, 2014) before Ben came; Gus overlapped him, as in the world without them.
    expect(colleagues('automotive', 'radiology')).toEqual(['c7']);
    // Pia overlapped Ben from 2016 until she went to PathCo in 2018; Hal moved there later.
    expect(colleagues('automotive', 'pathology')).toEqual(['c8', 'c24']);
  });
});
