import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { recordAuditEvent } from '../../server/services/audit.service.ts';
import { countWorldAndInstallation } from '../../server/services/stats.service.ts';
import { addUser, createUserToken } from '../../server/services/users.service.ts';
import { clearGraph, testDatabase } from '../support/db.ts';
import { GraphSpecBuilder } from '../support/graph.ts';

describe('stats service', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await clearGraph(db);
    // Written through the app, so the change marks (two DataVersion nodes) are there too.
    await new GraphSpecBuilder()
      .node('Hub', { id: 'munich', name: 'Munich' })
      .node('Candidate', { id: 'c-1', name: 'Ada' })
      .node('SavedView', { id: 'v-1', name: 'Munich', url: '/map?hub=munich' })
      .node('Suppressed', { hash: 'h-1', since: '2026-01-01' }, 'suppressed')
      .rel('c-1', 'BASED_IN', 'munich', { distanceKm: 3 })
      .write(db);
    const user = await addUser(db, { name: 'ops', role: 'admin', now: new Date() });
    await createUserToken(db, { user: user.id, now: new Date() });
    await recordAuditEvent(db, { action: 'candidate.view', actor: 'ops', at: new Date(), details: { candidateId: 'c-1' } });
  });
  afterAll(async () => {
    await db.close();
  });

  it('countWorldAndInstallation counts the world apart from users, tokens, audit events, the suppression list and the change mark', async () => {
    expect(await countWorldAndInstallation(db)).toEqual({
      nodes: { Candidate: 1, Hub: 1, SavedView: 1 },
      relationships: { BASED_IN: 1 },
      installation: {
        // Not the change marks' log (TalentChange), which grows with every write (countByLabelAndType).
        nodes: { AuditEvent: 1, DataVersion: 2, Suppressed: 1, Token: 1, User: 1 },
        relationships: { HAS_TOKEN: 1 },
      },
    });
  });
});
