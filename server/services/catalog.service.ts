import type { Database } from '../db/neo4j.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { type IdsToCheck, type MissingIds, findMissingIds } from '../repositories/catalog.repository.ts';

type Kind = keyof MissingIds;

const KIND_NOUN: Record<Kind, string> = {
  hubs: 'hub',
  skills: 'skill',
  sectors: 'sector',
  employers: 'employer',
  candidates: 'candidate',
  teamMembers: 'team member',
};

const KIND_PARAM: Record<Kind, keyof IdsToCheck> = {
  hubs: 'hubIds',
  skills: 'skillIds',
  sectors: 'sectorIds',
  employers: 'employerIds',
  candidates: 'candidateIds',
  teamMembers: 'teamMemberIds',
};

export interface IdCheck {
  /** Where the ids came from, as the error names it (`query.allSkills`, `params.hubId`). */
  field: string;
  kind: Kind;
  ids: readonly string[] | undefined;
  /** A path parameter naming a resource: unknown → 404 rather than 400. */
  resource?: boolean;
}

/**
 * Checks that every id names a node of its kind, in one round trip. An unknown
 * resource in the path is a 404; unknown ids among the inputs are a 400 that
 * names each field and value.
 */
export async function assertKnownIds(db: Database, checks: IdCheck[]): Promise<void> {
  const request: IdsToCheck = {};
  for (const check of checks) {
    const key = KIND_PARAM[check.kind];
    request[key] = [...new Set([...(request[key] ?? []), ...(check.ids ?? [])])];
  }
  if (Object.values(request).every((ids) => ids.length === 0)) return;
  const missing = await findMissingIds(db, request);
  const unknown = (check: IdCheck) => (check.ids ?? []).filter((id) => missing[check.kind].includes(id));
  for (const check of checks.filter((c) => c.resource)) {
    const [id] = unknown(check);
    if (id !== undefined) throw new NotFoundError(`No ${KIND_NOUN[check.kind]} "${id}"`, [{ field: check.field, value: id }]);
  }
  const details = checks.flatMap((check) =>
    unknown(check).map((id) => ({ field: check.field, value: id, message: `unknown ${KIND_NOUN[check.kind]} "${id}"` })),
  );
  if (details.length > 0) {
    const first = details[0]!;
    throw new BadRequestError(`Invalid ${first.field}: ${first.message}`, details);
  }
}
