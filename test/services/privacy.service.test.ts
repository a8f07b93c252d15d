import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { loadRetentionConfig } from '../../server/privacy/retention.ts';
import { SUPPRESSION_REASON } from '../../server/privacy/suppression.ts';
import { listAuditEvents } from '../../server/services/audit.service.ts';
import { candidateProfile } from '../../server/services/candidates.service.ts';
import { rankPool } from '../../server/services/hubs.service.ts';
import { prepareExport, runExport } from '../../server/services/list-export.service.ts';
import { createTargetList, takeSnapshot } from '../../server/services/lists.service.ts';
import {
  accessRequest,
  eraseCandidate,
  idInLinkPattern,
  markInformed,
  noticeDueList,
  retentionDue,
  runRetention,
} from '../../server/services/privacy.service.ts';
import { saveView } from '../../server/services/saved-views.service.ts';
import { moveCandidate, openSearch, searchDetail } from '../../server/services/searches.service.ts';
import { PoolQuerySchema } from '../../server/schemas/pool.schema.ts';
import { NoticeDueSchema } from '../../server/schemas/privacy.schema.ts';
import { testDatabase } from '../support/db.ts';
import { GraphSpecBuilder, date } from '../support/graph.ts';
import { candidate, graphEdits } from '../support/graph-edits.ts';
import { candidateDump, importText } from '../support/import.ts';
import { buildPrivacyWorld, graphTextSearch } from '../support/privacy.ts';
import { CollectingSink } from '../support/sinks.ts';

const NOW = new Date('2026-01-15T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);
const retention = loadRetentionConfig();
const admin = { actor: 'dpo', origin: 'cli:test', now: NOW };

const HEADER =
  'name,email,profile_url,location,current_employer,current_title,current_since,previous_jobs,skills,seniority,years_experience,open_to_work,source,lawful_basis,obtained_at';

/** Every value the tests put in for Zofia, the person erased and asked about. */
const ZOFIA = {
  name: 'Zofia Przybylska-Øberg',
  email: 'Zofia.Oberg@Example.org',
  emailKey: 'zofia.oberg@example.org',
  profileUrl: 'https://www.linkedin.com/in/zofia-oberg-1984/?utm_source=share',
  profileKey: 'linkedin.com/in/zofia-oberg-1984',
  location: 'Amsterdam',
  title: 'Staff Vision Engineer',
  pastEmployer: 'Philips Research Eindhoven',
  pastTitle: 'Research Scientist',
  skill: 'Whole-slide tiling',
  source: 'conference:MICCAI 2025',
  basis: 'legitimate-interest',
  obtainedAt: '2025-10-31',
  note: 'Met Zofia at the poster session; prefers Delft',
  secondNote: 'Sent the Art. 14 notice with the InMail',
  soloPaper: 'Drift in retinal OCT cohorts',
  sharedPaper: 'Tiling whole slides under label noise',
  degreeField: 'Computational imaging',
};

/** Quentin: on the same lists, in the same search, co-author of one paper. Nothing of his may reach Zofia's answers. */
const QUENTIN = {
  name: 'Quentin Marchetti',
  email: 'q.marchetti@example.net',
  profileUrl: 'https://github.com/qmarchetti',
  note: 'Quentin asked for a call in March',
};

const csvRow = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

async function importPeople(db: Database) {
  const text = [
    HEADER,
    csvRow([
      ZOFIA.name,
      ZOFIA.email,
      ZOFIA.profileUrl,
      ZOFIA.location,
      'RadAI',
      ZOFIA.title,
      '2021-03',
      `${ZOFIA.pastEmployer}|${ZOFIA.pastTitle}|2015-09|2021-02`,
      `PyTorch; DICOM; ${ZOFIA.skill}`,
      'senior',
      '11',
      'no',
      ZOFIA.source,
      ZOFIA.basis,
      ZOFIA.obtainedAt,
    ]),
    csvRow([QUENTIN.name, QUENTIN.email, QUENTIN.profileUrl, 'Paris', 'RadAI', 'ML Engineer', '2022-01', '', 'PyTorch', 'mid', '4', 'yes', 'referral', 'consent', '2025-12-20']),
  ].join('\n');
  const summary = await importText(db, text, { today: '2026-01-15', audit: { actor: 'sam', origin: 'cli:test', now: daysAgo(20) } });
  expect(summary.rows, JSON.stringify(summary.rejected)).toMatchObject({ created: 2, rejected: 0 });
  const dump = await candidateDump(db);
  return {
    zofia: dump.find((c) => c.props.name === ZOFIA.name)!.id,
    quentin: dump.find((c) => c.props.name === QUENTIN.name)!.id,
  };
}

/** Zofia and Quentin with papers, education, a mandate, two lists with two weeks each, saved views, a profile view and an export. */
async function buildScenario(db: Database) {
  await buildPrivacyWorld(db);
  const ids = await importPeople(db);
  await new GraphSpecBuilder()
    .node('Publication', { id: 'pub-solo', title: ZOFIA.soloPaper, year: 2022, venue: 'MIDL' })
    .node('Publication', { id: 'pub-shared', title: ZOFIA.sharedPaper, year: 2023, venue: 'MICCAI' })
    .node('Institution', { id: 'inst-delft', name: 'TU Delft', countryCode: 'NL' })
    .write(db);
  await graphEdits.link(db, candidate(ids.zofia), 'AUTHORED', { label: 'Publication', id: 'pub-solo' });
  await graphEdits.link(db, candidate(ids.zofia), 'AUTHORED', { label: 'Publication', id: 'pub-shared' });
  await graphEdits.link(db, candidate(ids.quentin), 'AUTHORED', { label: 'Publication', id: 'pub-shared' });
  await graphEdits.link(db, candidate(ids.zofia), 'STUDIED_AT', { label: 'Institution', id: 'inst-delft' }, { degree: 'PhD', field: ZOFIA.degreeField });

  const search = await openSearch(
    db,
    { title: 'Staff CV engineer', client: 'PathStart', hubs: ['amsterdam'], requiredSkills: ['pytorch'], seniority: [], sectors: ['radiology'], targetEmployers: ['e-rad'], targetDays: 50 },
    daysAgo(14),
  );
  await moveCandidate(db, search.id, ids.zofia, { stage: 'identified', note: ZOFIA.note }, daysAgo(12), { actor: 'sam' });
  await moveCandidate(db, search.id, ids.quentin, { stage: 'identified', note: QUENTIN.note }, daysAgo(11), { actor: 'sam' });
  await moveCandidate(db, search.id, ids.zofia, { stage: 'contacted', note: ZOFIA.secondNote }, daysAgo(9), { actor: 'sam' });

  const poolList = await createTargetList(db, { kind: 'pool', name: 'Amsterdam pool', hubId: 'amsterdam', filters: {} }, { now: daysAgo(14), actor: 'sam' });
  const searchList = await createTargetList(db, { kind: 'search', name: 'PathStart shortlist', searchId: search.id }, { now: daysAgo(14), actor: 'sam' });
  for (const list of [poolList, searchList]) {
    await takeSnapshot(db, list.id, { week: '2026-W02', now: daysAgo(7) });
    await takeSnapshot(db, list.id, { week: '2026-W03', now: NOW });
  }
  await saveView(db, { name: `${ZOFIA.name} shortlist`, url: `/?view=map&hub=amsterdam&candidate=${encodeURIComponent(ids.zofia)}` }, NOW);
  await saveView(db, { name: 'Quentin', url: `/?view=map&hub=paris&candidate=${encodeURIComponent(ids.quentin)}` }, NOW);
  await candidateProfile(db, ids.zofia, daysAgo(3), { actor: 'viv', origin: 'http:10.0.0.7' });
  const plan = await prepareExport(db, searchList.id, { format: 'json', week: '2026-W03', now: NOW });
  await runExport(db, plan, new CollectingSink(), { actor: 'sam', now: daysAgo(1) });
  return { ...ids, search, poolList, searchList };
}

async function exportText(db: Database, listId: string, week: string): Promise<string> {
  const plan = await prepareExport(db, listId, { format: 'json', week, now: NOW });
  const sink = new CollectingSink();
  await runExport(db, plan, sink, { actor: 'test', now: NOW });
  return sink.text;
}

describe('privacy.service', () => {
  let db: Database;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  beforeAll(async () => {
    db = await testDatabase();
  });
  beforeEach(async () => {
    scenario = await buildScenario(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('eraseCandidate leaves no node, relationship, snapshot row, saved view or export holding the person anywhere in the graph', async () => {
    const needles = [ZOFIA.name, ZOFIA.email, ZOFIA.emailKey, ZOFIA.profileKey, 'zofia-oberg-1984', ZOFIA.note, ZOFIA.secondNote, ZOFIA.soloPaper, scenario.zofia];
    // Before: the person is in candidates, list rows, pipeline notes, a saved view, the audit trail (by id)
    // and the log of the writes that changed them (by id).
    const before = await graphTextSearch(db, needles);
    expect(new Set(before.map((h) => h.labels[0]))).toEqual(
      new Set(['Candidate', 'ListRow', 'PipelineEntry', 'StageChange', 'SavedView', 'Publication', 'AuditEvent', 'TalentChange']),
    );

    const erased = await eraseCandidate(db, scenario.zofia, { ...admin, reason: 'request' });
    expect(erased).toMatchObject({
      candidateId: scenario.zofia,
      reason: 'request',
      pipelineEntries: 1,
      stageChanges: 2,
      listRows: 4,
      publications: 1,
      savedViews: 1,
      suppressedHashes: 2,
    });
    expect(erased.relationships).toBeGreaterThanOrEqual(8);

    // After: only the audit trail names the id (events hold ids, never contact details); nothing else holds any of it.
    const after = await graphTextSearch(db, needles);
    expect(after.filter((h) => !(h.labels[0] === 'AuditEvent' && h.key === 'candidateId' && h.text === scenario.zofia))).toEqual([]);
    expect(await graphTextSearch(db, ['zofia', 'oberg', 'Przybylska'])).toEqual([]);
    expect((await candidateDump(db)).map((c) => c.id)).toEqual([scenario.quentin]);
    // The shared paper stays, with its other author; Quentin's saved view stays.
    expect(await graphTextSearch(db, [ZOFIA.sharedPaper])).toEqual([{ kind: 'node', labels: ['Publication'], key: 'title', text: ZOFIA.sharedPaper }]);
    expect((await graphTextSearch(db, [scenario.quentin])).filter((h) => h.labels[0] === 'SavedView')).toHaveLength(1);

    // Every export of either list, any week, is without her.
    for (const list of [scenario.poolList, scenario.searchList]) {
      for (const week of ['2026-W02', '2026-W03']) {
        const text = await exportText(db, list.id, week);
        for (const needle of [ZOFIA.name, 'zofia', scenario.zofia]) expect(text.toLowerCase(), `${list.name} ${week}`).not.toContain(needle.toLowerCase());
      }
    }
  });

  it('eraseCandidate keeps the pipeline as an anonymous tombstone so the mandate’s stage counts and history add up', async () => {
    const before = await searchDetail(db, scenario.search.id, NOW);
    await eraseCandidate(db, scenario.zofia, admin);
    const after = await searchDetail(db, scenario.search.id, NOW);
    expect(after.stageCounts).toEqual(before.stageCounts);
    expect(after.stageCounts).toMatchObject({ identified: 1, contacted: 1 });
    expect(after.pipeline).toHaveLength(2);
    const tombstone = after.pipeline.find((e) => e.candidateName === null)!;
    expect(tombstone).toMatchObject({ candidateId: '', stage: 'contacted', note: null });
    expect(tombstone.history.map((h) => [h.stage, h.note])).toEqual([
      ['identified', null],
      ['contacted', null],
    ]);
    expect(tombstone.history.map((h) => h.days)).toEqual(before.pipeline.find((e) => e.candidateId === scenario.zofia)!.history.map((h) => h.days));
  });

  it('eraseCandidate keeps each snapshot’s row count; next week’s diff reports one erased row with nothing else in it', async () => {
    await eraseCandidate(db, scenario.zofia, admin);
    const rows = JSON.parse(await exportText(db, scenario.searchList.id, '2026-W03')) as Record<string, unknown>[];
    expect(rows.map((r) => [r.change, r.name])).toEqual([
      ['kept', QUENTIN.name],
      ['dropped', null],
    ]);
    expect(Object.entries(rows[1]!).filter(([, v]) => v !== null)).toEqual([
      ['change', 'dropped'],
      ['previousRank', 1],
      ['dropReason', 'erased'],
    ]);
  });

  it('a later import of an erased person is refused with the reason and counted as suppressed, by e-mail or by profile URL', async () => {
    await eraseCandidate(db, scenario.zofia, admin);
    const again = [
      HEADER,
      csvRow([ZOFIA.name, ZOFIA.email, ZOFIA.profileUrl, 'Amsterdam', '', '', '', '', '', '', '', '', 'linkedin', 'legitimate-interest', '']),
      csvRow(['Z. Oberg', 'ZOFIA.OBERG@example.org', '', '', '', '', '', '', '', '', '', '', 'referral', 'consent', '']),
      csvRow(['Zofia O.', '', 'http://linkedin.com/in/Zofia-Oberg-1984#about', '', '', '', '', '', '', '', '', '', 'referral', 'consent', '']),
      csvRow(['Someone New', 'new.person@example.org', '', 'Paris', '', '', '', '', '', '', '', '', 'referral', 'consent', '']),
    ].join('\n');
    const dry = await importText(db, again, { dryRun: true });
    expect(dry.rows).toMatchObject({ read: 4, created: 1, rejected: 3, suppressed: 3 });
    const summary = await importText(db, again);
    expect(summary.rows).toMatchObject({ read: 4, created: 1, rejected: 3, suppressed: 3 });
    expect(summary.rejected).toEqual([
      { row: 2, field: 'email', reason: SUPPRESSION_REASON, message: `row 2, email: ${SUPPRESSION_REASON}` },
      { row: 3, field: 'email', reason: SUPPRESSION_REASON, message: `row 3, email: ${SUPPRESSION_REASON}` },
      { row: 4, field: 'profile_url', reason: SUPPRESSION_REASON, message: `row 4, profile_url: ${SUPPRESSION_REASON}` },
    ]);
    expect(await graphTextSearch(db, ['zofia', 'oberg'])).toEqual([]);
    expect((await candidateDump(db)).map((c) => c.props.name).sort()).toEqual(['Quentin Marchetti', 'Someone New']);
  });

  it('a person erased while their profile key was stored under earlier rules (a country host kept) is still refused by that link', async () => {
    await new GraphSpecBuilder()
      .node('Candidate', { id: 'c-old-key', name: 'Old Key', profileUrl: 'https://de.linkedin.com/in/old-key', profileKey: 'de.linkedin.com/in/old-key' })
      .write(db);
    await eraseCandidate(db, 'c-old-key', admin);
    const again = [
      HEADER,
      csvRow(['Old Key', '', 'https://de.linkedin.com/in/Old-Key/', 'Munich', '', '', '', '', '', '', '', '', 'linkedin', 'legitimate-interest', '']),
    ].join('\n');
    const summary = await importText(db, again);
    expect(summary.rows).toMatchObject({ read: 1, created: 0, suppressed: 1 });
    expect(summary.rejected).toEqual([{ row: 2, field: 'profile_url', reason: SUPPRESSION_REASON, message: `row 2, profile_url: ${SUPPRESSION_REASON}` }]);
  });

  it('accessRequest holds every piece of data put in for the person and nothing of anyone else', async () => {
    await markInformed(db, scenario.zofia, { how: 'message', at: daysAgo(9).toISOString() }, admin);
    const dsar = await accessRequest(db, scenario.zofia, retention, admin);
    const text = JSON.stringify(dsar);
    const putIn = [
      ZOFIA.name, ZOFIA.email, ZOFIA.emailKey, ZOFIA.profileUrl, ZOFIA.profileKey, ZOFIA.location, 'RadAI', ZOFIA.title, '2021-03-01',
      ZOFIA.pastEmployer, ZOFIA.pastTitle, '2015-09-01', '2021-02-01', 'PyTorch', 'DICOM', ZOFIA.skill, 'senior', ZOFIA.source, ZOFIA.basis,
      ZOFIA.obtainedAt, ZOFIA.note, ZOFIA.secondNote, ZOFIA.soloPaper, ZOFIA.sharedPaper, 'TU Delft', ZOFIA.degreeField, 'PathStart',
      'Staff CV engineer', 'Amsterdam pool', 'PathStart shortlist', '2026-W02', '2026-W03', 'message',
    ];
    for (const value of putIn) expect(text, value).toContain(value);
    expect(dsar.profile).toMatchObject({ yearsExperience: 11, openToWork: false, passive: true, seniority: 'senior', locationText: 'Amsterdam' });
    expect(dsar.contactDetails).toEqual({
      email: ZOFIA.email,
      emailKey: ZOFIA.emailKey,
      profileUrl: ZOFIA.profileUrl,
      profileKey: ZOFIA.profileKey,
      formerEmailKeys: [],
      formerProfileKeys: [],
    });
    expect(dsar.provenance).toMatchObject({
      sources: [ZOFIA.source],
      lawfulBasis: ZOFIA.basis,
      obtainedAt: ZOFIA.obtainedAt,
      informedHow: 'message',
      notice: { status: 'informed' },
      retention: { policy: { country: 'NL', authority: 'Autoriteit Persoonsgegevens' }, since: '2026-01-06', expiresOn: '2026-02-03' },
    });
    expect(dsar.pipeline).toHaveLength(1);
    expect(dsar.pipeline[0]!.history).toHaveLength(2);
    expect(dsar.listAppearances).toHaveLength(4);
    expect(new Set(dsar.auditEvents.map((e) => e.action))).toEqual(new Set(['pipeline.stage', 'candidate.view', 'list.export', 'candidate.inform']));

    for (const other of [QUENTIN.name, 'Quentin', QUENTIN.email, QUENTIN.profileUrl, 'qmarchetti', QUENTIN.note, scenario.quentin, 'Marchetti']) {
      expect(text, other).not.toContain(other);
    }
    const [access] = await listAuditEvents(db, { action: 'candidate.access', candidateId: scenario.zofia });
    expect(access).toMatchObject({ actor: 'dpo', origin: 'cli:test', candidateId: scenario.zofia });
  });

  it('noticeDueList lists the uninformed, overdue first by deadline; first contact and informing set the deadline and clear it', async () => {
    // Zofia: obtained 2025-10-31 → due 2025-11-30, but first contacted on 2026-01-06 anyway: overdue since 30 Nov.
    // Quentin: obtained 2025-12-20 → due 2026-01-20, not contacted: due.
    let due = await noticeDueList(db, { limit: 10 }, NOW);
    expect(due).toMatchObject({ today: '2026-01-15', due: 2, overdue: 1, nextCursor: null });
    expect(due.items.map((i) => [i.id, i.notice])).toEqual([
      [scenario.zofia, { status: 'overdue', dueBy: '2025-11-30', rule: 'one-month' }],
      [scenario.quentin, { status: 'due', dueBy: '2026-01-20', rule: 'one-month' }],
    ]);
    // Contacting Quentin today, before his month is out, makes today his deadline.
    await moveCandidate(db, scenario.search.id, scenario.quentin, { stage: 'contacted' }, NOW, { actor: 'sam' });
    due = await noticeDueList(db, { limit: 10 }, NOW);
    expect(due.items[1]!.notice).toEqual({ status: 'due', dueBy: '2026-01-15', rule: 'first-contact' });
    // Informing Zofia takes her off the list; paging walks the rest.
    const informed = await markInformed(db, scenario.zofia, { how: 'email' }, admin);
    expect(informed).toMatchObject({ informedAt: NOW.toISOString().replace('.000Z', 'Z'), informedHow: 'email', notice: { status: 'informed' } });
    due = await noticeDueList(db, { limit: 10 }, NOW);
    expect(due).toMatchObject({ due: 1, overdue: 0 });
    await expect(markInformed(db, scenario.quentin, { how: 'email', at: new Date(NOW.getTime() + DAY).toISOString() }, admin)).rejects.toThrow(/in the future/);
    await expect(markInformed(db, 'nobody', { how: 'email' }, admin)).rejects.toThrow(/No candidate "nobody"/);
    // An audit event that cannot be written (the database refuses a map as a property value)
    // undoes the notice it records: the two share one transaction.
    const unwritable = { ...admin, origin: { not: 'a string' } as unknown as string };
    await expect(markInformed(db, scenario.quentin, { how: 'email' }, unwritable)).rejects.toThrow();
    expect((await noticeDueList(db, { limit: 10 }, NOW)).items.map((item) => item.id)).toContain(scenario.quentin);
  });

  it('noticeDueList computes month-end and leap-year deadlines as the Art. 14 rule does, and pages in deadline order', async () => {
    const obtained = ['2024-01-31', '2025-01-31', '2024-02-29', '2025-03-31', '2025-12-31', '2024-01-30'];
    const g = new GraphSpecBuilder();
    obtained.forEach((date, i) => g.node('Candidate', { id: `m${i}`, name: `Month end ${i}`, obtainedAt: date }));
    g.node('Candidate', { id: 'undated', name: 'No date' });
    await g.write(db);
    const seen: { id: string; dueBy: string | null; status: string }[] = [];
    let cursor: string | undefined;
    do {
      // People in no hub among them: the page must still meet its schema.
      const page = NoticeDueSchema.parse(await noticeDueList(db, { limit: 3, ...(cursor && { cursor }) }, new Date('2024-02-29T08:00:00Z')));
      seen.push(...page.items.map((i) => ({ id: i.id, dueBy: i.notice.dueBy, status: i.notice.status })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const mine = seen.filter((s) => s.id.startsWith('m') || s.id === 'undated');
    expect(mine).toEqual([
      { id: 'undated', dueBy: null, status: 'overdue' },
      { id: 'm0', dueBy: '2024-02-29', status: 'due' },
      { id: 'm5', dueBy: '2024-02-29', status: 'due' },
      { id: 'm2', dueBy: '2024-03-29', status: 'due' },
      { id: 'm1', dueBy: '2025-02-28', status: 'due' },
      { id: 'm3', dueBy: '2025-04-30', status: 'due' },
      { id: 'm4', dueBy: '2026-01-31', status: 'due' },
    ]);
    expect(seen.map((s) => s.dueBy ?? '')).toEqual([...seen.map((s) => s.dueBy ?? '')].sort());
  });

  it('rankPool flags candidates whose Art. 14 notice is due or overdue', async () => {
    const pool = await rankPool(db, 'amsterdam', PoolQuerySchema.parse({}), { now: NOW });
    expect(pool.items.find((i) => i.id === scenario.zofia)).toMatchObject({ noticeDue: true, noticeOverdue: true, noticeDueBy: '2025-11-30' });
    await markInformed(db, scenario.zofia, { how: 'email' }, admin);
    const after = await rankPool(db, 'amsterdam', PoolQuerySchema.parse({}), { now: NOW });
    expect(after.items.find((i) => i.id === scenario.zofia)).toMatchObject({ noticeDue: false, noticeOverdue: false, noticeDueBy: null });
  });

  it('retentionDue applies each country’s period from the last contact (else the date obtained), with consent where the row allows', async () => {
    const g = new GraphSpecBuilder();
    // On 2026-02-28: FR and the default expire 24 months on; NL 4 weeks, or 12 months with consent.
    const people: [string, string | null, string, Record<string, unknown>][] = [
      ['fr-leap', 'paris', 'legitimate-interest', { obtainedAt: '2023-01-01', lastContactAt: '2024-02-29T09:00:00Z' }],
      ['fr-day-after', 'paris', 'legitimate-interest', { obtainedAt: '2024-03-01' }],
      ['nl-4w', 'amsterdam', 'legitimate-interest', { obtainedAt: '2026-01-31' }],
      ['nl-4w-next', 'amsterdam', 'legitimate-interest', { obtainedAt: '2026-02-01' }],
      ['nl-consent', 'amsterdam', 'consent', { obtainedAt: '2025-02-28' }],
      ['nl-consent-next', 'amsterdam', 'consent', { obtainedAt: '2025-03-01' }],
      ['de-default', 'munich', 'consent', { obtainedAt: '2024-02-28' }],
      ['nowhere', null, 'contract', { obtainedAt: '2024-02-27' }],
      ['nowhere-recent', null, 'contract', { obtainedAt: '2024-03-01' }],
    ];
    for (const [id, hub, basis, dates] of people) {
      const { obtainedAt, lastContactAt } = dates as { obtainedAt: string; lastContactAt?: string };
      g.node('Candidate', {
        id,
        name: id,
        lawfulBasis: basis,
        obtainedAt: date(obtainedAt),
        ...(lastContactAt && { lastContactAt: neo4j.types.DateTime.fromStandardDate(new Date(lastContactAt)) }),
      });
    }
    await g.write(db);
    for (const [id, hub] of people) if (hub) await graphEdits.link(db, candidate(id), 'BASED_IN', { label: 'Hub', id: hub });
    const due = await retentionDue(db, retention, new Date('2026-02-28T10:00:00Z'));
    const mine = due.filter((d) => people.some(([id]) => id === d.id));
    expect(mine.map((d) => [d.id, d.country, d.policy.authority, d.since, d.expiresOn])).toEqual([
      ['nowhere', null, 'installation default', '2024-02-27', '2026-02-27'],
      ['de-default', 'DE', 'installation default', '2024-02-28', '2026-02-28'],
      ['fr-leap', 'FR', 'CNIL', '2024-02-29', '2026-02-28'],
      ['nl-consent', 'NL', 'Autoriteit Persoonsgegevens', '2025-02-28', '2026-02-28'],
      ['nl-4w', 'NL', 'Autoriteit Persoonsgegevens', '2026-01-31', '2026-02-28'],
    ]);
    expect(mine.find((d) => d.id === 'fr-leap')).toMatchObject({ sinceWhat: 'last-contact' });
    expect(mine.find((d) => d.id === 'nl-consent')!.policy).toMatchObject({ variant: 'consent', period: { months: 12 } });
  });

  it('runRetention lists without erasing on a dry run, erases exactly those past their period on --apply, and records both runs', async () => {
    // On 2026-03-10 Zofia (Amsterdam, last contact 2026-01-06) is past the Dutch 4 weeks; Quentin (Paris, obtained 2025-12-20) is within the CNIL's 2 years.
    const later = { ...admin, now: new Date('2026-03-10T06:00:00Z') };
    const dry = await runRetention(db, retention, { ...later, apply: false });
    expect(dry).toMatchObject({ applied: false, erased: [], failed: [] });
    expect(dry.candidates.map((c) => [c.id, c.expiresOn])).toEqual([[scenario.zofia, '2026-02-03']]);
    expect((await candidateDump(db)).map((c) => c.id).sort()).toEqual([scenario.quentin, scenario.zofia].sort());

    const applied = await runRetention(db, retention, { ...later, now: new Date('2026-03-10T07:00:00Z'), apply: true });
    expect(applied.erased.map((e) => [e.candidateId, e.reason])).toEqual([[scenario.zofia, 'retention']]);
    expect((await candidateDump(db)).map((c) => c.id)).toEqual([scenario.quentin]);
    const runs = await listAuditEvents(db, { action: 'retention.run' });
    expect(runs.map((r) => [r.actor, r.applied, r.pastRetention, r.erased])).toEqual([
      ['dpo', true, 1, 1],
      ['dpo', false, 1, 0],
    ]);
    const [erasure] = await listAuditEvents(db, { action: 'candidate.erase' });
    expect(erasure).toMatchObject({ actor: 'dpo', candidateId: scenario.zofia, reason: 'retention' });
  });

  it('the audit trail records import, profile view, stage change, export, notice, access and erasure with their actor, ids only', async () => {
    await markInformed(db, scenario.quentin, { how: 'email' }, admin);
    await accessRequest(db, scenario.quentin, retention, admin);
    await eraseCandidate(db, scenario.zofia, admin);
    const events = await listAuditEvents(db, { limit: 100 });
    const byAction = (action: string) => events.filter((e) => e.action === action);
    expect(byAction('import.run')).toEqual([expect.objectContaining({ actor: 'sam', origin: 'cli:test', created: 2, rejected: 0, suppressed: 0 })]);
    expect(byAction('candidate.view')).toEqual([expect.objectContaining({ actor: 'viv', origin: 'http:10.0.0.7', candidateId: scenario.zofia })]);
    // A property set to null is not stored: the first move has no `from`.
    expect(byAction('pipeline.stage').map((e) => [e.actor, e.candidateId, e.from ?? null, e.stage])).toEqual([
      ['sam', scenario.zofia, 'identified', 'contacted'],
      ['sam', scenario.quentin, null, 'identified'],
      ['sam', scenario.zofia, null, 'identified'],
    ]);
    expect(byAction('list.export')).toEqual([expect.objectContaining({ actor: 'sam', listId: scenario.searchList.id, rows: 2, complete: true })]);
    expect(byAction('candidate.inform')).toEqual([expect.objectContaining({ actor: 'dpo', candidateId: scenario.quentin, how: 'email' })]);
    expect(byAction('candidate.access')).toEqual([expect.objectContaining({ actor: 'dpo', candidateId: scenario.quentin })]);
    expect(byAction('candidate.erase')).toEqual([expect.objectContaining({ actor: 'dpo', candidateId: scenario.zofia, reason: 'request', listRows: 4 })]);
    // Newest first; no event holds a name, e-mail, URL or note.
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort().reverse());
    const text = JSON.stringify(events);
    for (const needle of [ZOFIA.name, ZOFIA.emailKey, 'linkedin', ZOFIA.note, QUENTIN.name, QUENTIN.email]) expect(text).not.toContain(needle);
    // Filters: by actor, by candidate, by time.
    expect((await listAuditEvents(db, { actor: 'viv' })).map((e) => e.action)).toEqual(['candidate.view']);
    expect(new Set((await listAuditEvents(db, { candidateId: scenario.quentin })).map((e) => e.action))).toEqual(
      new Set(['pipeline.stage', 'candidate.inform', 'candidate.access']),
    );
    expect((await listAuditEvents(db, { from: daysAgo(4), to: daysAgo(2) })).map((e) => e.action)).toEqual(['candidate.view']);
  });

  it('eraseCandidate refuses an unknown id and records no erasure', async () => {
    await expect(eraseCandidate(db, 'nobody', admin)).rejects.toThrow(/No candidate "nobody"/);
    expect(await listAuditEvents(db, { action: 'candidate.erase' })).toEqual([]);
  });

  it('idInLinkPattern matches an id as a whole token of a link, plain or URL-encoded, and never a longer id', () => {
    const matches = (id: string, url: string) => new RegExp(idInLinkPattern(id).replace('(?s)', ''), 's').test(url);
    expect(matches('cand-1', '/?candidate=cand-1&view=map')).toBe(true);
    expect(matches('cand-1', '/?candidate=cand-10')).toBe(false);
    expect(matches('a:b.c', '/?candidate=a%3Ab.c')).toBe(true);
    expect(matches('a:b.c', '/?candidate=aXb.c')).toBe(false);
    expect(matches('c1', '/graph?id=xc1')).toBe(false);
  });
});

