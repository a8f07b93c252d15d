import { readFileSync } from 'node:fs';
import { createDatabase } from './server/db/neo4j.ts';
import { warmPaths } from './server/services/paths.service.ts';
const st = JSON.parse(readFileSync('.atlas/bench/state.json', 'utf8'));
const db = createDatabase({ uri: st.uri, password: st.password, username: 'neo4j', database: 'neo4j', source: 'managed:bench' });
for (const id of ['c-096146', 'c-097606', 'c-095815', 'c-000001', 'c-050000']) {
  const t = performance.now();
  const r = await warmPaths(db, { from: 'tm-03', to: id, limit: 5 }, new Date());
  console.log(id, (performance.now() - t).toFixed(0), 'ms', r.paths.map((p) => `${p.hops}:${p.score}`));
}
await db.close();
