import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/neo4j.ts';
import { countByLabelAndType } from '../../server/repositories/health.repository.ts';
import { loadRetentionConfig } from '../../server/privacy/retention.ts';
import { SUPPRESSION_REASON } from '../../server/privacy/suppression.ts';
import { mergeCandidates } from '../../server/services/import.service.ts';
import { accessRequest, eraseCandidate } from '../../server/services/privacy.service.ts';
import { clearGraph, testDatabase } from '../support/db.ts';
import { CSV_HEADER, candidateDump, importText, writeImportWorld } from '../support/import.ts';

/**
 * A person's identifiers change: a new email, a new profile link, a duplicate
 * merged away. The ones they held before stay theirs (FormerIdentifier), so an
 * import naming only an old one finds them rather than creating a duplicate,
 * and erasure suppresses those too.
 */

const csv = (...rows: string[]) => `${CSV_HEADER}\n${rows.join('\n')}\n`;
/** A row with only what identifies a person and the two required fields. */
const row = (name: string, email: string, profile: string, source = 'linkedin') => `${name},${email},${profile},,,,,,,,,,${source},consent`;

interface Held {
  id: string;
  name: string;
  emailKey: string | null;
  profileKey: string | null;
  former: string[];
}

/** Every candidate's identifiers, current and former, by name. */
async function people(db: Database): Promise<Held[]> {
  const held = (await candidateDump(db)).map((c) => ({
    id: c.id,
    name: c.props.name as string,
    emailKey: (c.props.emailKey as string | undefined) ?? null,
    profileKey: (c.props.profileKey as string | undefined) ?? null,
    former: c.outgoing
      .filter((r) => r.type === 'HAD_IDENTIFIER')
      .map((r) => r.to!)
      .sort(),
  }));
  return held.sort((a, b) => a.name.localeCompare(b.name));
}

const formerNodes = async (db: Database) => (await countByLabelAndType(db)).nodes.FormerIdentifier ?? 0;

describe('import service: former identifiers', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await clearGraph(db);
    await writeImportWorld(db);
  });

  it('rows of one person with two emails keep the later one and the earlier as former; a later row with only the earlier one finds them', async () => {
    await importText(db, csv(row('Ada', 'ada@old.example', 'https://linkedin.com/in/ada'), row('Ada L.', 'ada@new.example', 'https://linkedin.com/in/ada')));
    const [ada] = await people(db);
    expect(ada).toMatchObject({ emailKey: 'ada@new.example', profileKey: 'linkedin.com/in/ada', former: ['e:ada@old.example'] });

    const summary = await importText(db, csv(row('Ada Lovelace', 'ADA@old.example', '', 'referral')));
    expect(summary.rows).toMatchObject({ created: 0, updated: 1 });
    const after = await people(db);
    expect(after).toHaveLength(1);
    // The row's email is current again; the one it replaces is former now (and the record of the old one stays).
    expect(after[0]).toMatchObject({ id: ada!.id, name: 'Ada Lovelace', emailKey: 'ada@old.example', former: ['e:ada@new.example', 'e:ada@old.example'] });
  });

  it('a changed email or profile link in a later import keeps the old one as former, and the old one alone finds the person', async () => {
    await importText(db, csv(row('Bo', 'bo@one.example', 'https://linkedin.com/in/bo-one')));
    await importText(db, csv(row('Bo', 'bo@two.example', 'https://linkedin.com/in/bo-one')));
    await importText(db, csv(row('Bo', 'bo@two.example', 'https://www.linkedin.com/in/bo-two/')));
    const [bo] = await people(db);
    expect(bo).toMatchObject({ emailKey: 'bo@two.example', profileKey: 'linkedin.com/in/bo-two', former: ['e:bo@one.example', 'p:linkedin.com/in/bo-one'] });

    for (const text of [row('Bo', 'bo@one.example', ''), row('Bo', '', 'https://linkedin.com/in/bo-one?trk=x')]) {
      const summary = await importText(db, csv(text));
      expect(summary.rows.created).toBe(0);
      expect((await people(db)).map((p) => p.id)).toEqual([bo!.id]);
    }
  });

  it('re-importing a file that gave a person a former identifier writes nothing the second time', async () => {
    const file = csv(row('Cy', 'cy@a.example', 'https://linkedin.com/in/cy'), row('Cy', 'cy@b.example', 'https://linkedin.com/in/cy'));
    await importText(db, file);
    const before = await people(db);
    const again = await importText(db, file);
    expect(again.rows).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(again.writes).toMatchObject({ nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0 });
    expect(await people(db)).toEqual(before);
  });

  it('an identifier someone holds now wins over the same one another person held before: no merge, no move', async () => {
    await importText(db, csv(row('Dee', 'shared@team.example', 'https://linkedin.com/in/dee')));
    await importText(db, csv(row('Dee', 'dee@own.example', 'https://linkedin.com/in/dee')));
    await importText(db, csv(row('Eve', '', 'https://linkedin.com/in/eve')));
    // Eve's row now names the inbox Dee used to have.
    const summary = await importText(db, csv(row('Eve', 'shared@team.example', 'https://linkedin.com/in/eve')));
    expect(summary.mergedCandidates).toBe(0);
    const [dee, eve] = await people(db);
    expect(dee).toMatchObject({ name: 'Dee', emailKey: 'dee@own.example', former: ['e:shared@team.example'] });
    expect(eve).toMatchObject({ name: 'Eve', emailKey: 'shared@team.example', profileKey: 'linkedin.com/in/eve', former: [] });
  });

  it('mergeCandidates keeps the duplicate’s email and link the survivor does not take over, and its former ones, as the survivor’s former identifiers', async () => {
    await importText(db, csv(row('Keep', 'keep@x.example', 'https://linkedin.com/in/keep'), row('Drop', 'drop@x.example', 'https://linkedin.com/in/drop-1')));
    await importText(db, csv(row('Drop', 'drop@x.example', 'https://linkedin.com/in/drop-2')));
    const [drop, keep] = await people(db);
    expect(drop!.former).toEqual(['p:linkedin.com/in/drop-1']);
    await mergeCandidates(db, keep!.id, drop!.id);
    const [merged, ...rest] = await people(db);
    expect(rest).toEqual([]);
    expect(merged).toMatchObject({
      id: keep!.id,
      emailKey: 'keep@x.example',
      profileKey: 'linkedin.com/in/keep',
      former: ['e:drop@x.example', 'p:linkedin.com/in/drop-1', 'p:linkedin.com/in/drop-2'],
    });
    expect(await formerNodes(db)).toBe(3);

    for (const text of [row('Drop', 'drop@x.example', ''), row('Drop', '', 'https://linkedin.com/in/drop-1')]) {
      expect((await importText(db, csv(text))).rows.created).toBe(0);
    }
    expect((await people(db)).map((p) => p.id)).toEqual([keep!.id]);
  });

  it('mergeCandidates: a survivor without an email takes the duplicate’s, which is then no former identifier', async () => {
    await importText(db, csv(row('Fay', '', 'https://linkedin.com/in/fay'), row('Fay B.', 'fay@x.example', 'https://linkedin.com/in/fay-b')));
    const [fay, fayB] = await people(db);
    await mergeCandidates(db, fay!.id, fayB!.id);
    const [merged] = await people(db);
    expect(merged).toMatchObject({ emailKey: 'fay@x.example', profileKey: 'linkedin.com/in/fay', former: ['p:linkedin.com/in/fay-b'] });
  });

  it('erasure deletes the former identifiers with the person and suppresses them: a row naming only an old email is refused', async () => {
    await importText(db, csv(row('Gil', 'gil@old.example', 'https://linkedin.com/in/gil'), row('Gil', 'gil@new.example', 'https://linkedin.com/in/gil')));
    const [gil] = await people(db);
    const acting = { actor: 'dpo', origin: 'cli:test', now: new Date('2025-01-16T10:00:00Z') };
    const dsar = await accessRequest(db, gil!.id, loadRetentionConfig(), acting);
    expect(dsar.contactDetails).toMatchObject({ emailKey: 'gil@new.example', formerEmailKeys: ['gil@old.example'], formerProfileKeys: [] });
    // An old email current again is listed once, as the current one.
    await importText(db, csv(row('Gil Brand', 'gil@old.example', 'https://linkedin.com/in/gil')));
    const again = await accessRequest(db, gil!.id, loadRetentionConfig(), acting);
    expect(again.contactDetails).toMatchObject({ emailKey: 'gil@old.example', formerEmailKeys: ['gil@new.example'] });
    expect(dsar.otherRelationships).toEqual([]);

    await eraseCandidate(db, gil!.id, acting);
    expect(await formerNodes(db)).toBe(0);
    const summary = await importText(db, csv(row('Gil', 'gil@old.example', '')));
    expect(summary.rows).toMatchObject({ created: 0, suppressed: 1 });
    expect(summary.rejected).toEqual([expect.objectContaining({ row: 2, field: 'email', reason: SUPPRESSION_REASON })]);
    expect(await people(db)).toEqual([]);
  });
});
