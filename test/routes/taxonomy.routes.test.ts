import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/neo4j.ts';
import { type Agent, authedAgent } from '../support/app.ts';
import { clearGraph, testDatabase } from '../support/db.ts';
import { GraphSpecBuilder } from '../support/graph.ts';

describe('taxonomy API', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  let viewer: Agent;
  beforeAll(async () => {
    db = await testDatabase();
    app = createApp({ db });
    await clearGraph(db);
    await new GraphSpecBuilder()
      .node('Skill', { id: 'pytorch', name: 'PyTorch', group: 'tooling' })
      .node('Skill', { id: 'seg', name: 'Image segmentation', group: 'core' })
      .node('Skill', { id: 'dicom', name: 'DICOM', group: 'standards' })
      .node('Sector', { id: 'automotive', name: 'Automotive', target: false, group: 'adjacent' })
      .node('Sector', { id: 'radiology', name: 'Radiology AI', target: true, group: 'target' })
      .node('Sector', { id: 'fintech', name: 'Fintech', group: 'other' })
      .node('TeamMember', { id: 'tm2', name: 'Tom', email: 'tom@example.org' })
      .node('TeamMember', { id: 'tm1', name: 'Tess', email: 'tess@example.org' })
      .write(db);
    viewer = await authedAgent(app, db, 'viewer');
  });
  afterAll(async () => {
    await db.close();
  });

  it('GET /api/taxonomy lists skills by group and name, and sectors with target ones first', async () => {
    const res = await viewer.get('/api/taxonomy');
    expect(res.status).toBe(200);
    expect(res.body.skills).toEqual([
      { id: 'seg', name: 'Image segmentation', group: 'core' },
      { id: 'dicom', name: 'DICOM', group: 'standards' },
      { id: 'pytorch', name: 'PyTorch', group: 'tooling' },
    ]);
    expect(res.body.sectors).toEqual([
      { id: 'radiology', name: 'Radiology AI', target: true, group: 'target' },
      { id: 'automotive', name: 'Automotive', target: false, group: 'adjacent' },
      { id: 'fintech', name: 'Fintech', target: false, group: 'other' },
    ]);
  });

  it('GET /api/team-members lists the team by name without contact details', async () => {
    const res = await viewer.get('/api/team-members');
    expect(res.status).toBe(200);
    // The signed-in user is no team member: only TeamMember nodes are listed.
    expect(res.body).toEqual({ items: [{ id: 'tm1', name: 'Tess' }, { id: 'tm2', name: 'Tom' }] });
  });
});
