import type { Database } from '../db/neo4j.ts';
import { EMPLOYER_NAME_RULES, employerNameKey } from '../import/employer-name.ts';
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
    description: 'Normalising employer names under the current rules (legal forms, diacritics, punctuation)',
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
