import { createHash, randomUUID } from 'node:crypto';
import type { Database } from '../db/neo4j.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import {
  type SearchSummaryRow,
  createSearch,
  findMarketMap,
  findPipeline,
  findSearchSummaries,
  setStage,
} from '../repositories/searches.repository.ts';
import type { Segment, Seniority } from '../schemas/common.schema.ts';
import {
  type MarketMap,
  type MarketMapCell,
  type PipelineEntry,
  STAGES,
  type SearchCreate,
  type SearchDetail,
  type SearchList,
  type SearchSummary,
  type Stage,
  type StageCounts,
  type StageUpdate,
} from '../schemas/searches.schema.ts';
import { CONTACT_STAGES } from '../privacy/notice.ts';
import { type AuditContext, recordAuditEventTx } from './audit.service.ts';
import { assertKnownIds } from './catalog.service.ts';
import { daysBetween } from './clock.ts';

/** The forward order of a pipeline; `declined` and `off-limits` sit outside it. */
const PIPELINE_ORDER: Stage[] = ['identified', 'contacted', 'replied', 'screening', 'assessment', 'offer', 'placed'];
const FINAL: Stage[] = ['placed', 'off-limits'];
const EXITS: Stage[] = ['declined', 'off-limits'];

/** Why a move from `from` to `to` is not allowed, or undefined when it is. */
export function transitionError(from: Stage | null, to: Stage): string | undefined {
  if (from === null || from === to) return undefined;
  if (FINAL.includes(from)) return `"${from}" is final`;
  if (EXITS.includes(to) || from === 'declined') return undefined;
  if (PIPELINE_ORDER.indexOf(to) < PIPELINE_ORDER.indexOf(from)) return `a candidate cannot move back from "${from}" to "${to}"`;
  return undefined;
}

/** The pipeline entry key: one entry per (search, candidate), not revealing either id. */
export function pipelineEntryId(searchId: string, candidateId: string): string {
  return createHash('sha256').update(`${searchId}\n${candidateId}`).digest('hex').slice(0, 32);
}

function stageCounts(stages: readonly string[]): StageCounts {
  const counts = Object.fromEntries(STAGES.map((s) => [s, 0])) as StageCounts;
  for (const stage of stages) if (stage in counts) counts[stage as Stage]++;
  return counts;
}

function toSummary(row: SearchSummaryRow, now: Date): SearchSummary {
  const elapsedDays = daysBetween(row.createdAt, now);
  const firstPlacement = row.placements[0];
  const firstPlacementDays = firstPlacement === undefined ? null : daysBetween(row.createdAt, new Date(Date.parse(firstPlacement)));
  return {
    id: row.id,
    title: row.title,
    client: row.client,
    createdAt: row.createdAt,
    hubs: row.hubs,
    requiredSkills: row.requiredSkills,
    seniority: row.seniority as Seniority[],
    sectors: row.sectors,
    targetEmployers: row.targetEmployers,
    stageCounts: stageCounts(row.stages),
    clock: {
      targetDays: row.targetDays,
      elapsedDays,
      remainingDays: Math.round((row.targetDays - elapsedDays) * 100) / 100,
      // A search is overdue when its first placement came (or, without one, would come) after the target.
      overdue: (firstPlacementDays ?? elapsedDays) > row.targetDays,
      firstPlacementDays,
    },
  };
}

async function summaryOrThrow(db: Database, id: string, now: Date): Promise<SearchSummary> {
  const [row] = await findSearchSummaries(db, id);
  if (!row) throw new NotFoundError(`No search "${id}"`, [{ field: 'params.id', value: id }]);
  return toSummary(row, now);
}

export async function openSearch(db: Database, input: SearchCreate, now: Date): Promise<SearchDetail> {
  await assertKnownIds(db, [
    { field: 'body.hubs', kind: 'hubs', ids: input.hubs },
    { field: 'body.requiredSkills', kind: 'skills', ids: input.requiredSkills },
    { field: 'body.sectors', kind: 'sectors', ids: input.sectors },
    { field: 'body.targetEmployers', kind: 'employers', ids: input.targetEmployers },
  ]);
  const id = randomUUID();
  await createSearch(db, {
    id,
    title: input.title,
    client: input.client,
    seniority: [...new Set(input.seniority)],
    targetDays: input.targetDays,
    hubIds: [...new Set(input.hubs)],
    skillIds: [...new Set(input.requiredSkills)],
    sectorIds: [...new Set(input.sectors)],
    employerIds: [...new Set(input.targetEmployers)],
    now: now.toISOString(),
  });
  return searchDetail(db, id, now);
}

export async function listSearches(db: Database, now: Date): Promise<SearchList> {
  return { items: (await findSearchSummaries(db, null)).map((row) => toSummary(row, now)) };
}

export async function searchDetail(db: Database, id: string, now: Date): Promise<SearchDetail> {
  const summary = await summaryOrThrow(db, id, now);
  const pipeline = await findPipeline(db, id);
  return {
    ...summary,
    targetDays: summary.clock.targetDays,
    pipeline: pipeline.map((row): PipelineEntry => {
      const history = row.history.map((change, i) => {
        const next = row.history[i + 1];
        return {
          stage: change.stage as Stage,
          at: change.at,
          note: change.note,
          days: daysBetween(change.at, next ? new Date(Date.parse(next.at)) : now),
        };
      });
      return {
        searchId: row.searchId,
        candidateId: row.candidateId ?? '',
        candidateName: row.candidateName,
        stage: row.stage as Stage,
        stageSince: row.stageSince,
        daysInStage: daysBetween(row.stageSince, now),
        note: row.note,
        history,
      };
    }),
  };
}

/** `audit`: who moves the candidate, for the audit trail (ids and stages only, never the note). */
export async function moveCandidate(
  db: Database,
  searchId: string,
  candidateId: string,
  update: StageUpdate,
  now: Date,
  audit?: AuditContext,
): Promise<PipelineEntry> {
  await summaryOrThrow(db, searchId, now);
  await assertKnownIds(db, [{ field: 'params.candidateId', kind: 'candidates', ids: [candidateId], resource: true }]);
  let from: string | null = null;
  await setStage(
    db,
    {
      searchId,
      candidateId,
      entryId: pipelineEntryId(searchId, candidateId),
      stage: update.stage,
      note: update.note ?? null,
      now: now.toISOString(),
      contactStages: CONTACT_STAGES,
    },
    (current) => {
      from = current;
      const reason = transitionError(current as Stage | null, update.stage);
      if (reason) {
        throw new ConflictError(`Cannot set stage "${update.stage}": ${reason}`, [{ field: 'body.stage', from: current, to: update.stage }]);
      }
    },
    // In the move's own transaction: a move is never left without its record, nor a record without its move.
    audit &&
      ((tx, { changed }) =>
        recordAuditEventTx(tx, { action: 'pipeline.stage', ...audit, at: now, details: { searchId, candidateId, stage: update.stage, from, changed } })),
  );
  const detail = await searchDetail(db, searchId, now);
  return detail.pipeline.find((entry) => entry.candidateId === candidateId)!;
}

/** People listed per employer in a market-map cell. */
export const MARKET_MAP_CANDIDATES_PER_EMPLOYER = 100;

export async function marketMap(db: Database, id: string, now: Date): Promise<MarketMap> {
  const summary = await summaryOrThrow(db, id, now);
  const { cells: rows, unplaced } = await findMarketMap(db, id, MARKET_MAP_CANDIDATES_PER_EMPLOYER);
  // A person working at two of a cell's (or the map's) employers at once is counted once, with their one stage.
  const cells = new Map<string, MarketMapCell & { people: Set<string>; entries: Map<string, string> }>();
  const people = new Set<string>();
  const entries = new Map<string, string>();
  for (const row of rows) {
    const key = `${row.sector.id}\n${row.hub.id}`;
    const cell = cells.get(key) ?? {
      sector: row.sector,
      hub: row.hub,
      employers: [],
      counts: { employers: 0, people: 0, inPipeline: 0, byStage: stageCounts([]) },
      coverage: 0,
      people: new Set<string>(),
      entries: new Map<string, string>(),
    };
    cells.set(key, cell);
    cell.employers.push({
      id: row.employer.id,
      name: row.employer.name,
      people: row.people,
      inPipeline: row.inPipeline,
      coverage: row.people === 0 ? 0 : row.inPipeline / row.people,
      candidates: row.candidates.map((c) => ({
        id: c.id,
        name: c.name,
        title: c.title,
        seniority: c.seniority as Seniority | null,
        segment: c.segment as Segment | null,
        stage: c.stage as Stage | null,
        daysInStage: c.stageSince === null ? null : daysBetween(c.stageSince, now),
      })),
    });
    cell.counts.employers++;
    for (const id of row.peopleIds) {
      cell.people.add(id);
      people.add(id);
    }
    for (const entry of row.entries) {
      cell.entries.set(entry.id, entry.stage);
      entries.set(entry.id, entry.stage);
    }
  }
  const out = [...cells.values()].map(({ people: cellPeople, entries: cellEntries, ...cell }) => ({
    ...cell,
    counts: { ...cell.counts, people: cellPeople.size, inPipeline: cellEntries.size, byStage: stageCounts([...cellEntries.values()]) },
    coverage: cellPeople.size === 0 ? 0 : cellEntries.size / cellPeople.size,
  }));
  const uniq = <T extends { id: string }>(items: T[]) => [...new Map(items.map((i) => [i.id, i])).values()];
  return {
    search: { id: summary.id, title: summary.title, client: summary.client },
    sectors: uniq(out.map((c) => c.sector)),
    hubs: uniq(out.map((c) => c.hub)),
    cells: out,
    unplaced,
    totals: {
      employers: new Set(out.flatMap((c) => c.employers.map((e) => e.id))).size,
      people: people.size,
      inPipeline: entries.size,
      coverage: people.size === 0 ? 0 : entries.size / people.size,
    },
  };
}
