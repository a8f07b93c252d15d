import type { Express } from 'express';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.ts';
import type { Database } from '../server/db/neo4j.ts';
import { type Agent, agentsByRole } from './support/app.ts';
import { newSalt } from '../server/privacy/suppression.ts';
import { ensureSalt } from '../server/repositories/privacy.repository.ts';
import type { Role } from '../server/auth/roles.ts';
import { countByLabelAndType } from '../server/repositories/health.repository.ts';
import { testDatabase } from './support/db.ts';
import { TODAY, buildExplorerWorld } from './support/explorer-world.ts';
import { type Operation, callAsLeastRole, fillPath, operations, withoutAuditTrail } from './support/openapi-requests.ts';

/**
 * Cypher injection: values shaped to break out of a string or a pattern,
 * sent through every string parameter of every route (path, query, body).
 * Every statement is parameterised and every label or sort key comes from an
 * allow-list, so none may change the graph or reach the driver as Cypher.
 */

const INJECTIONS = [
  "' OR 1=1 --",
  '" OR ""="',
  '}) DETACH DELETE n //',
  "x'}) MATCH (n) DETACH DELETE n //",
  '`) DETACH DELETE n //',
  '$param',
  '$hubId',
  '{id: $id}',
  'c1\\\' OR 1=1',
  'c1 */ MATCH (n) DETACH DELETE n /*',
  'CALL dbms.killQueries([])',
  'LOAD CSV FROM "file:///etc/passwd" AS l RETURN l',
  'ｍａｔｃｈ (n) ｄｅｔａｃｈ ｄｅｌｅｔｅ n',
  '\u202Eoxford',
  'oxf\u200Bord',
  'Оxford',
  'c\u0000 1',
  'e\u0301\u0301\u0301',
  '%27%20OR%201%3D1',
];


describe('Cypher injection through every string parameter', () => {
  let db: Database;
  let app: Express;
  let agents: Record<Role, Agent>;
  let ops: Operation[];
  beforeAll(async () => {
    db = await testDatabase();
    await buildExplorerWorld(db);
    app = createApp({ db, clock: () => TODAY, security: { rateLimits: { perMinute: 0, importPerMinute: 0, exportPerMinute: 0 } } });
    agents = await agentsByRole(app, db);
    // The installation's suppression salt is made on an import's first use: setup, not a change.
    await ensureSalt(db, newSalt(), new Date().toISOString());
    ops = operations().filter((op) => op.path !== '/api/health');
  });
  afterAll(async () => {
    await db.close();
  });

  const call = (op: Operation, url: string) => callAsLeastRole(agents, op, url);

  it('injection-shaped values in path, query and body leave the graph unchanged and never reach the client as a driver error', async () => {
    const before = withoutAuditTrail(await countByLabelAndType(db));
    const problems: string[] = [];
    let sent = 0;
    const check = (label: string, res: request.Response) => {
      sent++;
      const text = JSON.stringify(res.body ?? {});
      if (res.status >= 500) problems.push(`${label} → ${res.status} ${text.slice(0, 160)}`);
      // A driver's message (which may quote Cypher) never reaches the client; echoing the value itself is fine.
      if (/Neo4jError|Neo\.(Client|Database|Transient)Error|SyntaxError|Variable `\w+` not defined|expected an expression/.test(text)) {
        problems.push(`${label} → driver text: ${text.slice(0, 160)}`);
      }
    };
    for (const op of ops) {
      for (const value of INJECTIONS) {
        for (const name of op.pathParams) check(`${op.method} ${op.path} ${name}=${value}`, await call(op, fillPath(op, name, encodeURIComponent(value))).send(op.bodyProps ? {} : undefined));
        for (const name of op.queryParams) check(`${op.method} ${op.path} ?${name}=${value}`, await call(op, `${fillPath(op)}?${name}=${encodeURIComponent(value)}`));
        for (const name of op.bodyProps ?? []) check(`${op.method} ${op.path} body.${name}=${value}`, await call(op, fillPath(op)).send({ [name]: value }));
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(INJECTIONS.length * 40);
    expect(withoutAuditTrail(await countByLabelAndType(db))).toEqual(before);
  }, 600_000);

  it('injection-shaped values inside otherwise valid writes are stored as the literal text they are', async () => {
    const before = await countByLabelAndType(db);
    for (const name of INJECTIONS.slice(0, 6)) {
      const saved = await agents.sourcer.post('/api/saved-views').send({ name, url: '/map' });
      expect(saved.status, JSON.stringify(saved.body)).toBe(201);
      expect(saved.body.name).toBe(name);
    }
    const list = await agents.sourcer.get('/api/saved-views');
    expect(list.body.items.map((v: { name: string }) => v.name).sort()).toEqual(INJECTIONS.slice(0, 6).sort());
    const after = await countByLabelAndType(db);
    expect(after.nodes).toEqual({ ...before.nodes, SavedView: (before.nodes.SavedView ?? 0) + 6 });
    expect(after.relationships).toEqual(before.relationships);
  });
});
