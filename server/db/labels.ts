/**
 * The graph holds two kinds of data, told apart by label.
 *
 * The world: the talent graph a seeded world or an import fills, and the
 * team's work on its people (mandates and their pipelines, target lists and
 * their weekly snapshots, saved views). `atlas seed --replace` deletes all of
 * it (cypher/world-clear.cypher names these labels): a new world reuses ids
 * (`c-000001`, `e-0001`) for other people and employers, so a mandate, list
 * row or saved view kept across a reseed would quietly point at someone else.
 *
 * The installation's own records: who may use it (users and their tokens),
 * what was done (the audit trail), whom an import must refuse (the suppression
 * list and the salt of its hashes), and the change marks caches key on (with their log). They
 * outlive any world: `--replace` keeps them, `atlas serve` seeds a database
 * that holds nothing else (cypher/world-is-empty.cypher), and `atlas stats`
 * counts them apart from the world.
 *
 * test/db/labels.test.ts checks that every label the Cypher files use is one
 * or the other, and that the Cypher files name the same lists.
 */

export const WORLD_LABELS = [
  'Candidate',
  'FormerIdentifier',
  'Employer',
  'Sector',
  'Hub',
  'Country',
  'Skill',
  'Publication',
  'Institution',
  'TeamMember',
  'World',
  'Search',
  'PipelineEntry',
  'StageChange',
  'TargetList',
  'Snapshot',
  'ListRow',
  'SavedView',
] as const;

export const INSTALLATION_LABELS = ['User', 'Token', 'AuditEvent', 'Suppressed', 'Installation', 'DataVersion', 'TalentChange'] as const;

/** Relationship types between installation records only (a user's tokens). */
export const INSTALLATION_RELATIONSHIP_TYPES = ['HAS_TOKEN'] as const;

export const isInstallationLabel = (label: string): boolean => (INSTALLATION_LABELS as readonly string[]).includes(label);

export const isInstallationRelationshipType = (type: string): boolean => (INSTALLATION_RELATIONSHIP_TYPES as readonly string[]).includes(type);
