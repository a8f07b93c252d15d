import { randomUUID } from 'node:crypto';
import type { Database } from '../db/neo4j.ts';
import { NotFoundError } from '../errors.ts';
import { deleteSavedView, findSavedViews, upsertSavedView } from '../repositories/saved-views.repository.ts';
import type { SavedView, SavedViewCreate, SavedViewList } from '../schemas/saved-views.schema.ts';

/** Saves a view under its name; an existing name gets the new URL (`created` false). */
export async function saveView(db: Database, input: SavedViewCreate, now: Date): Promise<{ view: SavedView; created: boolean }> {
  const { created, ...view } = await upsertSavedView(db, { id: randomUUID(), name: input.name, url: input.url, now: now.toISOString() });
  return { view, created };
}

export async function listSavedViews(db: Database): Promise<SavedViewList> {
  return { items: await findSavedViews(db) };
}

export async function removeSavedView(db: Database, id: string): Promise<void> {
  if ((await deleteSavedView(db, id)) === 0) throw new NotFoundError(`No saved view "${id}"`, [{ field: 'params.id', value: id }]);
}
