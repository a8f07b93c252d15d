import { defineQueries } from '../db/cypher.ts';
import type { Database } from '../db/neo4j.ts';

const q = defineQueries('warm-path-contacts', 'warm-path-jobs');

export interface PathPerson {
  elementId: string;
  id: string;
  name: string | null;
  kind: 'teamMember' | 'candidate';
}

export interface PathVia {
  id: string;
  name: string | null;
  kind: 'employer' | 'publication';
  year: number | null;
}

export interface PathJob {
  type: string;
  from: string | null;
  to: string | null;
  /** For a past job (WORKED_AT) with no end date: when the person's next job began, if one did. */
  nextStart?: string | null;
}

/** A shared job or paper between one end of the path (`from` team member or `to` candidate) and a contact. */
export interface SharedRow {
  side: 'from' | 'to';
  end: PathPerson;
  person: PathPerson;
  via: PathVia;
  endJob: PathJob;
  personJob: PathJob;
}

/** A shared job or paper, or (all but `side` and `end` null) an end with no contact at all. */
export type ContactRow = SharedRow | { side: 'from' | 'to'; end: PathPerson; person: null; via: null; endJob: null; personJob: null };

export async function findContacts(db: Database, params: { from: string; to: string; today: string }): Promise<ContactRow[]> {
  return (await db.read(q['warm-path-contacts'], params)) as unknown as ContactRow[];
}

export interface PersonJobRow {
  person: string;
  via: PathVia;
  job: PathJob;
}

export async function findJobs(db: Database, elementIds: string[]): Promise<PersonJobRow[]> {
  if (elementIds.length === 0) return [];
  return (await db.read(q['warm-path-jobs'], { elementIds })) as unknown as PersonJobRow[];
}
