import type { Database } from '../db/neo4j.ts';
import { InvalidIdentityError, PROFILE_KEY_RULES, normaliseProfileUrl } from '../domain/identity.ts';
import { EMPLOYER_NAME_RULES, employerNameKey } from '../import/employer-name.ts';
import { findProfileKeyHolders, setProfileKeys, streamProfileLinks } from '../repositories/candidates.repository.ts';
import { findEmployerNames, setEmployerNormNames } from '../repositories/employers.repository.ts';
import { findAppliedMigrations, recordMigration } from '../repositories/migrations.repository.ts';
import { deriveAllSegments } from '../repositories/segments.repository.ts';
import { isWorldEmpty } from '../repositories/seed.repository.ts';

/**
 * Data the app derives and stores (an employer's normalised name, a
 * candidate's segment) follows rules in code. When a rule changes, the values
 * a database already holds are worked out again, once per database: each
 * migration's name carries its rule's version, and the names of those run are
 * kept in the installation's record. Each migration is idempotent, so two
 * processes starting at once, or one stopped half way, do no harm: the next
 * start runs what was not recorded.
 */

interface Migration {
  name: string;
  /** What a user is told while it runs. */
  description: string;
  run(db: Database): Promise<string>;
}

/** Segments named by what they say about the loaded world (`target-sector`), not by one market; sectorFit and roleSince stored beside them. */
const SEGMENT_RULES = 2;

export const MIGRATIONS: readonly Migration[] = [
  {
    name: `employer-names-${EMPLOYER_NAME_RULES}`,
    description: 'Normalising employer names under the current rules (legal forms written short or out, a country after the name, diacritics, punctuation)',
    run: async (db) => `${await renormaliseEmployerNames(db)} employer names updated`,
  },
  {
    name: `segments-${SEGMENT_RULES}`,
    description: "Deriving every candidate's segment under the current rules",
    run: async (db) => {
      await deriveAllSegments(db);
      return 'segments derived';
    },
  },
  {
    name: `profile-keys-${PROFILE_KEY_RULES}`,
    description: "Normalising candidates' profile links under the current rules (a profile site's country and mobile hosts, its language pages and sections, parameters that pick a view such as GitHub's tab or Scholar's language)",
    run: async (db) => {
      const { updated, apart } = await rekeyProfiles(db);
      const pairs = apart.slice(0, 5).map((a) => `${a.id} and ${a.sameAs}`);
      return apart.length === 0
        ? `${updated} profile keys updated`
        : `${updated} profile keys updated; ${apart.length} candidates left as they were because another candidate has the same profile: ` +
            `merge each pair with \`atlas merge\` (${pairs.join(', ')}${apart.length > pairs.length ? ', …' : ''})`;
    },
  },
];

/** Runs the migrations this database has not had, in order; returns their names. */
export async function applyMigrations(
  db: Database,
  { info = () => {}, now = () => new Date(), migrations = MIGRATIONS }: { info?: (line: string) => void; now?: () => Date; migrations?: readonly Migration[] } = {},
): Promise<string[]> {
  const applied = await findAppliedMigrations(db);
  const due = migrations.filter((m) => !applied.has(m.name));
  if (due.length === 0) return [];
  // A database without a world holds nothing derived under older rules: the migrations are only recorded.
  const run = !(await isWorldEmpty(db));
  for (const migration of due) {
    if (run) {
      const started = performance.now();
      // Said before it runs too: on a large graph it can take a while, and nothing else is printed meanwhile.
      info(`${migration.description}…`);
      const outcome = await migration.run(db);
      info(`${migration.description}: ${outcome} (${Math.round(performance.now() - started)} ms).`);
    }
    await recordMigration(db, migration.name, now());
  }
  return due.map((m) => m.name);
}

/** Works every employer's normalised name out again; returns how many changed. */
export async function renormaliseEmployerNames(db: Database): Promise<number> {
  const changed = (await findEmployerNames(db)).flatMap(({ id, name, normName }) => {
    const current = employerNameKey(name ?? '');
    return current === normName ? [] : [{ id, normName: current }];
  });
  let updated = 0;
  for (let i = 0; i < changed.length; i += 5000) updated += await setEmployerNormNames(db, changed.slice(i, i + 5000));
  return updated;
}

/**
 * Works every candidate's profile key out again from its stored link; returns
 * how many changed, and the candidates left as they were because their new key
 * is another's: the same person twice, for a user to merge (`atlas merge`), not
 * for a migration to decide which record survives.
 */
export async function rekeyProfiles(db: Database): Promise<{ updated: number; apart: { id: string; sameAs: string }[] }> {
  const changed: { id: string; profileKey: string }[] = [];
  for await (const { id, profileUrl, profileKey } of streamProfileLinks(db)) {
    let current: string;
    try {
      current = normaliseProfileUrl(profileUrl);
    } catch (error) {
      // A stored link the current rules refuse keeps the key it was stored with.
      if (error instanceof InvalidIdentityError) continue;
      throw error;
    }
    if (current !== profileKey) changed.push({ id, profileKey: current });
  }
  const holders = await findProfileKeyHolders(db, [...new Set(changed.map((c) => c.profileKey))]);
  const apart: { id: string; sameAs: string }[] = [];
  const kept: typeof changed = [];
  for (const change of changed) {
    const holder = holders.get(change.profileKey);
    if (holder !== undefined && holder !== change.id) {
      apart.push({ id: change.id, sameAs: holder });
      continue;
    }
    holders.set(change.profileKey, change.id);
    kept.push(change);
  }
  let updated = 0;
  for (let i = 0; i < kept.length; i += 5000) updated += await setProfileKeys(db, kept.slice(i, i + 5000));
  return { updated, apart };
}
