import type { Database } from '../db/neo4j.ts';
import type { SegmentCounts } from '../schemas/common.schema.ts';
import {
  type DatabaseContents,
  type WorldRecord,
  clearWorld,
  countTeamLinks,
  countWorld,
  findContents,
  isWorldEmpty as worldIsEmpty,
  writeCandidateBatch,
  writeEmployers,
  writeReference,
  writeTeam,
  writeWorldRecord,
} from '../repositories/seed.repository.ts';
import { countSegments, deriveAllSegments } from '../repositories/segments.repository.ts';
import { DemoWorldGenerator, GENERATOR_VERSION, MAX_CANDIDATES, worldTag } from '../seed/generator.ts';
import { DEFAULT_WORLD_DIR, loadWorld } from '../seed/world.ts';
import { type AuditContext, recordAuditEvent } from './audit.service.ts';

/** What `npm start` loads into a database that holds no world. */
export const DEMO_WORLD = { candidates: 5_000, seed: 42 } as const;

export interface SeedOptions {
  candidates: number;
  seed: number;
  /**
   * Delete the world first, whatever it holds (server/db/labels.ts says what
   * that is); the installation's own records (users, tokens, the audit trail,
   * the suppression list) stay.
   */
  replace?: boolean;
  /** Who replaces the world: with `replace`, the replacement is recorded in the audit trail before anything is deleted. */
  audit?: AuditContext;
  /** A world folder (default fixtures/world). */
  worldDir?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSummary {
  /** The tag on the world's candidates and employers, e.g. `seed:42:5000`. */
  world: string;
  worldName: string;
  seed: number;
  candidates: number;
  employers: number;
  teamMembers: number;
  segments: SegmentCounts;
  /** Team member–candidate pairs: former colleagues with overlapping tenure, and co-authors. */
  teamLinks: { colleagues: number; coauthors: number };
  /** The world the database held was deleted first. */
  replaced: boolean;
  /** The same world was there already, complete. */
  alreadyPresent: boolean;
  seconds: number;
}

/** Refusing to seed over other data: the message says what is there and how to replace it. */
export class SeedRefusedError extends Error {
  override name = 'SeedRefusedError';
  constructor(
    message: string,
    readonly contents: DatabaseContents,
  ) {
    super(message);
  }
}

/** Bad seeding options (the CLI checks its flags before; this guards other callers). */
export class SeedInputError extends Error {
  override name = 'SeedInputError';
}

/** Whether the database holds no world (users, tokens and the audit trail alone do not count). */
export async function isWorldEmpty(db: Database): Promise<boolean> {
  return worldIsEmpty(db);
}

/**
 * Whether the database holds `world` half seeded (its record is written first, and
 * marked complete last) and nothing else, so seeding it again finishes it: a first
 * `atlas serve` stopped while seeding would otherwise serve the half world for good.
 */
export async function isWorldUnfinished(db: Database, world: { candidates: number; seed: number } = DEMO_WORLD): Promise<boolean> {
  const { world: record, untagged, otherTagged } = await findContents(db, worldTag(world));
  return record !== null && !record.complete && record.seed === world.seed && record.candidates === world.candidates && untagged === 0 && otherTagged === 0;
}

/**
 * Loads the demo world generated from `seed` with `candidates` candidates.
 * Idempotent: the same world again changes nothing. A database holding other
 * data (another world, imported candidates) is refused unless `replace`,
 * which deletes the world it holds first and keeps the installation's own
 * records. Segments are derived once everything is written.
 */
export async function seedDemoWorld(db: Database, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const { candidates, seed } = options;
  if (!Number.isSafeInteger(candidates) || candidates < 1 || candidates > MAX_CANDIDATES) {
    throw new SeedInputError(`candidates must be a whole number between 1 and ${MAX_CANDIDATES}, got ${candidates}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) throw new SeedInputError(`seed must be a whole number of at least 0, got ${seed}`);
  const world = loadWorld(options.worldDir ?? DEFAULT_WORLD_DIR);
  const tag = worldTag({ seed, candidates });
  const record: WorldRecord = { name: world.info.name, seed, candidates, version: GENERATOR_VERSION, fingerprint: world.fingerprint, complete: false };

  let alreadyPresent = false;
  if (options.replace) {
    // Recorded before the deletion starts (it commits in batches): the trail never lacks a deletion that happened.
    if (options.audit) await recordReplacement(db, options.audit, tag);
    await clearWorld(db);
  } else {
    const contents = await findContents(db, tag);
    const refusal = describeConflict(contents, record);
    if (refusal) throw new SeedRefusedError(refusal, contents);
    alreadyPresent = contents.world?.complete === true;
  }

  const generator = new DemoWorldGenerator(world, { seed, candidates });
  // Recorded first: an interrupted run leaves the same world, incomplete, and running again finishes it.
  await writeWorldRecord(db, { ...record, complete: alreadyPresent });
  await writeReference(db, generator.reference());
  const employers = generator.employers();
  await writeEmployers(db, employers);
  await writeTeam(db, generator.team());
  let done = 0;
  options.onProgress?.(0, candidates);
  // One write transaction per generated batch, so a million candidates never sit in memory.
  for (const batch of generator.candidateBatches()) {
    await writeCandidateBatch(db, batch);
    done += batch.candidates.length;
    options.onProgress?.(done, candidates);
  }
  await deriveAllSegments(db);
  await writeWorldRecord(db, { ...record, complete: true });

  return {
    world: tag,
    worldName: world.info.name,
    seed,
    candidates,
    employers: employers.length,
    teamMembers: world.team.length,
    segments: await countSegments(db),
    teamLinks: await countTeamLinks(db, world.info.referenceDate),
    replaced: options.replace === true,
    alreadyPresent,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

async function recordReplacement(db: Database, audit: AuditContext, tag: string): Promise<void> {
  const { world } = await findContents(db, tag);
  const removing = await countWorld(db);
  await recordAuditEvent(db, {
    action: 'world.replace',
    ...audit,
    at: new Date(),
    details: { world: tag, previousWorld: world ? worldTag(world) : null, ...removing },
  });
}

/** Why `contents` is not (a part of) the world `record` describes; undefined when it is. */
function describeConflict(contents: DatabaseContents, record: WorldRecord): string | undefined {
  const reasons: string[] = [];
  const existing = contents.world;
  if (existing && (existing.seed !== record.seed || existing.candidates !== record.candidates)) {
    reasons.push(`another world (seed ${existing.seed}, ${existing.candidates} candidates)`);
  } else if (existing && existing.name !== record.name) {
    reasons.push(`another world ("${existing.name}", seed ${existing.seed}, ${existing.candidates} candidates)`);
  } else if (existing && (existing.version !== record.version || existing.fingerprint !== record.fingerprint)) {
    reasons.push(
      `the same seed and size made by ${existing.version !== record.version ? `generator version ${existing.version} (now ${record.version})` : 'different world files'}`,
    );
  } else if (contents.otherTagged > 0) {
    reasons.push(`${contents.otherTagged} candidates of another world`);
  }
  if (contents.untagged > 0) reasons.push(`${contents.untagged} imported candidate${contents.untagged === 1 ? '' : 's'}`);
  if (reasons.length === 0) return undefined;
  return `The database holds ${reasons.join(' and ')}; use --replace to delete its world and seed the one with seed ${record.seed} and ${record.candidates} candidates.`;
}
