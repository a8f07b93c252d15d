import { describe, expect, it } from 'vitest';
import { HubsResponseSchema, type PoolCandidate, PoolResponseSchema } from '../../server/schemas/pool.schema.ts';
import { authedAgent } from '../support/app.ts';
import { buildBatteryWorld, useBatteryWorld } from '../support/battery-world.ts';
import { defineQueries } from '../../server/db/cypher.ts';
import { candidate, employer, graphEdits } from '../support/graph-edits.ts';
import { date } from '../support/graph.ts';

const segmentsDeriveAll = defineQueries('segments-derive-all')['segments-derive-all'];

/** Right answers on a world of another niche (test/support/battery-world.ts), worked out by hand. */
describe('hub map and pool routes on the battery world', () => {
  const world = useBatteryWorld();

  const hubs = async (query: Record<string, string> = {}) => {
    const res = await world.api.get('/api/hubs').query(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return HubsResponseSchema.parse(res.body).hubs;
  };
  const pool = async (hubId: string, query: Record<string, string> = {}) => {
    const res = await world.api.get(`/api/hubs/${hubId}/pool`).query(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return PoolResponseSchema.parse(res.body);
  };
  const years = (from: string) => (Date.UTC(2026, 2, 10) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 / 365.25;

  it('GET /api/hubs counts each hub by segment and passive/active as worked out by hand', async () => {
    const all = await hubs();
    expect(all.map((h) => h.id)).toEqual(['grenoble', 'lyon', 'vienna']);
    const counts = Object.fromEntries(all.map((h) => [h.id, h.counts]));
    expect(counts.lyon).toEqual({ total: 9, segments: { 'target-sector': 5, 'adjacent-sector': 2, academic: 1, other: 1 }, passive: 6, active: 3 });
    expect(counts.vienna).toEqual({ total: 5, segments: { 'target-sector': 3, 'adjacent-sector': 2, academic: 0, other: 0 }, passive: 3, active: 2 });
    expect(counts.grenoble).toEqual({ total: 1, segments: { 'target-sector': 1, 'adjacent-sector': 0, academic: 0, other: 0 }, passive: 0, active: 1 });

    const lyon = async (query: Record<string, string>) => (await hubs(query)).find((h) => h.id === 'lyon')!.counts;
    expect((await lyon({ sectors: 'chemicals' })).total).toBe(2); // Chloé, Élodie
    expect((await lyon({ anySkills: 'electrochem,bms' })).total).toBe(4);
    expect((await lyon({ allSkills: 'electrochem,bms' })).total).toBe(1);
    expect(await lyon({ seniority: 'mid,junior' })).toMatchObject({ total: 2, passive: 0, active: 2 });
    expect(await lyon({ passiveOnly: 'true', segment: 'target-sector,academic' })).toMatchObject({ total: 5, passive: 5, active: 0 });
  });

  it('GET /api/hubs counts equal each pool’s total under the same filters', async () => {
    const filters: Record<string, string>[] = [
      {},
      { sectors: 'chemicals' },
      { sectors: 'automotive,hydrogen' },
      { anySkills: 'electrochem,bms' },
      { allSkills: 'bms' },
      { allSkills: 'electrochem', anySkills: 'bms,cell-design' },
      { seniority: 'senior,lead' },
      { segment: 'adjacent-sector' },
      { passiveOnly: 'true' },
      { openToWork: 'true' },
      { passiveOnly: 'true', segment: 'target-sector', seniority: 'lead,senior' },
    ];
    for (const filter of filters) {
      for (const hub of await hubs(filter)) {
        const page = await pool(hub.id, { ...filter, limit: '500' });
        expect(page.total, `${hub.id} ${JSON.stringify(filter)}`).toBe(hub.counts.total);
        expect(page.items).toHaveLength(hub.counts.total);
        expect(page.items.filter((i) => i.passive)).toHaveLength(hub.counts.passive);
        for (const [segment, n] of Object.entries(hub.counts.segments)) expect(page.items.filter((i) => i.segment === segment)).toHaveLength(n);
      }
    }
  });

  it('GET /api/hubs/:hubId/pool orders Lyon by the README formula, ties by id', async () => {
    const page = await pool('lyon');
    const expected: [string, number][] = [
      ['l-01', 0.97],
      ['l-07', 0.94],
      ['l-08', 0.94],
      ['l-09', 0.94],
      ['l-05', 0.35 + 0.25 + 0.15 + 0.1 * 0.9 + 0.15 * (0.6 * (years('2024-06-01') / 4) + 0.2)],
      ['l-03', 0.88],
      ['l-02', 0.35 + 0.25 * 0.7 + 0.15 * 0.5 + 0.1 * 0.8 + 0.15 * (0.6 * (years('2024-03-10') / 4) + 0.4)],
      ['l-06', 0.5],
      ['l-04', 0.35 + 0.1 * 0.4 + 0.15 * (0.6 * (years('2025-09-10') / 4))],
    ];
    expect(page.total).toBe(9);
    expect(page.items.map((i) => i.id)).toEqual(expected.map(([id]) => id));
    for (const [i, [id, total]] of expected.entries()) expect(page.items[i]!.score.total, id).toBeCloseTo(total, 5);

    const by = (id: string) => page.items.find((i) => i.id === id)!;
    // Élodie's current role is the later of her two current jobs; the sector is earned by a target employer.
    expect(by('l-05').score.terms.movability.yearsInRole).toBeCloseTo(years('2024-06-01'), 6);
    expect(by('l-05').currentRole).toMatchObject({ employerId: 'e-multi', since: '2024-06-01' });
    expect(by('l-05').score.terms.sector).toMatchObject({ value: 1, kind: 'target' });
    // Chloé: chemicals pivots into hydrogen at 0.8, more than into energy storage (0.5).
    expect(by('l-03').score.terms.sector).toMatchObject({
      value: 0.8,
      kind: 'adjacent',
      employerId: 'e-chem',
      employerName: 'Chimex',
      sectorId: 'chemicals',
      targetSectorId: 'hydrogen',
    });
    expect(by('l-02').score.terms.sector).toMatchObject({ value: 0.7, kind: 'adjacent', employerId: 'e-moto', sectorId: 'automotive', targetSectorId: 'energy-storage' });
    expect(by('l-02').score.terms.seniority).toMatchObject({ value: 0.5, seniority: 'mid', target: ['senior', 'lead'] });
    expect(by('l-04').score.terms.seniority.value).toBe(0);
    expect(by('l-04').score.terms.sector).toMatchObject({ value: 0, kind: 'none' });
    // Fabien: beyond the catchment, with no job: no distance, no tenure, neither passive nor open.
    expect(by('l-06').score.terms.distance).toMatchObject({ value: 0, scaleKm: 50 });
    expect(by('l-06').score.terms.distance.distanceKm).toBeCloseTo(60, 6);
    expect(by('l-06').score.terms.movability).toMatchObject({ value: 0, yearsInRole: null });
    for (const [id, km] of [['l-01', 0], ['l-02', 10], ['l-03', 20], ['l-04', 30], ['l-05', 5], ['l-07', 15]] as const) {
      expect(by(id).score.terms.distance.distanceKm, id).toBeCloseTo(km, 6);
      expect(by(id).score.terms.distance.value, id).toBeCloseTo(1 - km / 50, 6);
    }
    expect(by('l-01').score.terms.movability).toMatchObject({ value: 0.8, passive: true, openToWork: false });
  });

  it('GET /api/hubs/:hubId/pool credits each required skill by its strongest evidence and names the missing', async () => {
    const page = await pool('lyon', { anySkills: 'electrochem,bms' });
    expect(page.items.map((i) => [i.id, i.score.terms.skills.value])).toEqual([
      ['l-01', 0.75],
      ['l-05', 0.5],
      ['l-03', 0.5],
      ['l-02', 0.5],
    ]);
    const [amelie, , chloe, bastien] = page.items as [PoolCandidate, PoolCandidate, PoolCandidate, PoolCandidate];
    expect(amelie.score.terms.skills).toMatchObject({ required: ['electrochem', 'bms'], missing: [] });
    expect(amelie.score.terms.skills.matched).toEqual([
      { skillId: 'bms', name: 'Battery management systems', evidence: ['self'], credit: 0.5 },
      { skillId: 'electrochem', name: 'Electrochemistry', evidence: ['job'], credit: 1 },
    ]);
    expect(amelie.score.total).toBeCloseTo(0.8825, 6);
    expect(chloe.score.terms.skills.matched).toEqual([{ skillId: 'electrochem', name: 'Electrochemistry', evidence: ['publication'], credit: 1 }]);
    expect(chloe.score.terms.skills.missing).toEqual(['bms']);
    expect(bastien.score.terms.skills.matched).toEqual([{ skillId: 'bms', name: 'Battery management systems', evidence: ['job', 'self'], credit: 1 }]);
    expect(bastien.score.terms.skills.missing).toEqual(['electrochem']);
  });

  it('GET /api/hubs/:hubId/pool pages join up with no gap or repeat', async () => {
    const whole = (await pool('lyon', { limit: '500' })).items.map((i) => i.id);
    for (const limit of ['1', '2', '4']) {
      const seen: string[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await pool('lyon', { limit, ...(cursor && { cursor }) });
        expect(page.total).toBe(9);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, `limit ${limit}`).toEqual(whole);
    }
  });

  it('GET /api/hubs/:hubId/pool with radiusKm adds located people within it and scales distance by it', async () => {
    const wide = await pool('lyon', { radiusKm: '100', limit: '500' });
    // Jules (80 km) and Inès (in Grenoble, about 94 km) join; Karim (120 km) does not.
    expect(wide.total).toBe(11);
    expect(wide.items.map((i) => i.id).sort()).toEqual(['g-01', 'l-01', 'l-02', 'l-03', 'l-04', 'l-05', 'l-06', 'l-07', 'l-08', 'l-09', 'r-01']);
    const jules = wide.items.find((i) => i.id === 'r-01')!;
    expect(jules.basedInHub).toBe(false);
    expect(jules.score.terms.distance.distanceKm).toBeCloseTo(80, 6);
    expect(jules.score.terms.distance).toMatchObject({ scaleKm: 100 });
    expect(jules.score.terms.distance.value).toBeCloseTo(0.2, 6);
    expect(wide.items.find((i) => i.id === 'l-06')!.score.terms.distance.value).toBeCloseTo(0.4, 6);
    expect(wide.items.find((i) => i.id === 'g-01')!.basedInHub).toBe(false);
    expect((await pool('lyon', { radiusKm: '90' })).total).toBe(10);
    // A radius smaller than some members' distance keeps every member BASED_IN the hub.
    expect((await pool('lyon', { radiusKm: '10' })).total).toBe(9);
  });

  it('GET /api/hubs/:hubId/pool gives a current job that starts after today no tenure, not a negative one', async () => {
    // Damien has accepted VoltCell from 2026-04-01; his segment is derived again as an import would.
    await graphEdits.link(world.db, candidate('l-04'), 'WORKS_AT', employer('e-volt'), { title: 'Cell Engineer', since: date('2026-04-01') });
    await world.db.write('MATCH (c:Candidate {id: $id}) SET c.sectorFit = null, c.roleSince = null', { id: 'l-04' });
    await world.db.autoCommit(segmentsDeriveAll);
    try {
      const damien = (await pool('lyon', { limit: '500' })).items.find((i) => i.id === 'l-04')!;
      expect(damien.currentRole).toMatchObject({ employerId: 'e-volt', since: '2026-04-01' });
      expect(damien.score.terms.movability).toMatchObject({ value: 0, yearsInRole: 0 });
      expect(damien.score.terms.sector).toMatchObject({ value: 1, kind: 'target', employerId: 'e-volt' });
      expect(damien.score.total).toBeCloseTo(0.35 + 0.25 + 0.1 * 0.4, 6);
    } finally {
      await buildBatteryWorld(world.db);
      world.api = await authedAgent(world.app, world.db, 'sourcer');
    }
  });
});
