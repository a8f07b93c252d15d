import { defineQueries } from '../db/cypher.ts';
import { type Database, LEAVES_TALENT_GRAPH } from '../db/neo4j.ts';
import type { SavedView } from '../schemas/saved-views.schema.ts';

const q = defineQueries('saved-view-upsert', 'saved-views-list', 'saved-view-delete');

export async function upsertSavedView(
  db: Database,
  view: { id: string; name: string; url: string; now: string },
): Promise<SavedView & { created: boolean }> {
  const [row] = await db.write(q['saved-view-upsert'], view, LEAVES_TALENT_GRAPH);
  return row as unknown as SavedView & { created: boolean };
}

export async function findSavedViews(db: Database): Promise<SavedView[]> {
  return (await db.read(q['saved-views-list'])) as unknown as SavedView[];
}

/** How many views were removed: 1, or 0 for an unknown id. */
export async function deleteSavedView(db: Database, id: string): Promise<number> {
  const [row] = await db.write(q['saved-view-delete'], { id }, LEAVES_TALENT_GRAPH);
  return (row?.deleted as number | undefined) ?? 0;
}
